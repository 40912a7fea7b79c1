// Pack files: every shipped pack validates with the rule ids of regulations.md, and a broken custom pack
// is rejected with the file, the rule id and the field.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listPacks, loadPack, parsePackText } from './pack.ts';
import { UserInputError } from '../errors.ts';

const EXPECTED: Record<string, string[]> = {
	'county-efficiency': ['accept-decision', 'transfer-reply', 'assign-reply', 'assign-report', 'complex-extension', 'direct-reply', 'led-by-supervision'],
	'agency-accountability': ['accept-decision', 'decision', 'decision-extended'],
	'finance-bureau-conduct': [],
	'rural-bank': ['online-forward', 'general-reply', 'complex-reply'],
	'property-service': ['minor-feedback', 'major-resolve', 'escalated-resolve', 'minor-callback'],
	'telecom-users': ['operator-reply'],
	'tender-complaints': ['assign-handler', 'investigate', 'reply-after-close'],
	'customer-service': ['handle', 'notify-result', 'quality-contact', 'quality-plan'],
	'employee-grievance': ['general-reply', 'major-reply', 'multi-department-reply', 'written-result'],
	'property-dispatch': ['dispatch']
};

const VALID = `name: custom
title: 自定义
version: "1"
source: { seed: 002_e19275c8840195d0.txt, document: 员工申诉 }
rules:
  - id: general
    title: 一般申诉15个工作日内答复
    citation: { seed: 002_e19275c8840195d0.txt, document: 员工申诉, article: 第五条 }
    clock: { start: received_at, stop: replied_at }
    limit: { value: 15, unit: working_days }
    wording: { subject: 申诉, action: 答复, done: 答复 }
`;

function errorOf(text: string, file = 'custom.yaml'): UserInputError {
	try {
		parsePackText(text, file);
	} catch (e) {
		if (e instanceof UserInputError) return e;
		throw e;
	}
	throw new Error('no error');
}

describe('shipped packs', () => {
	it('contain exactly the rules of regulations.md, each citing its seed and article', () => {
		for (const [name, ids] of Object.entries(EXPECTED)) {
			const pack = loadPack(name);
			expect(pack.rules.map((r) => r.id), name).toEqual(ids);
			for (const r of pack.rules) {
				expect(r.citation.seed).toMatch(/^00\d_[0-9a-f]+\.txt$/);
				expect(r.citation.article.length).toBeGreaterThan(0);
			}
		}
		expect(loadPack('finance-bureau-conduct').appraisal?.tiers.map((t) => t.tier)).toEqual(['待岗', '年度考核不合格', '公开批评', '谈心教育']);
	});

	it('are listed for the pack picker, county-efficiency the default', () => {
		const list = listPacks();
		expect(list.map((p) => p.name)).toEqual(expect.arrayContaining([...Object.keys(EXPECTED), 'source-due', 'cfpb']));
		expect(list.filter((p) => p.default).map((p) => p.name)).toEqual(['county-efficiency']);
		expect(list.every((p) => !p.error)).toBe(true);
	});

	it('loads a custom pack by path and lists a broken file with its error', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2-packs-'));
		fs.writeFileSync(path.join(dir, 'custom.yaml'), VALID);
		fs.writeFileSync(path.join(dir, 'broken.yaml'), VALID.replace('unit: working_days', 'unit: weeks'));
		expect(loadPack(path.join(dir, 'custom.yaml')).rules[0].limit).toEqual({ value: 15, unit: 'working_days', roll_forward: false });
		const list = listPacks(dir);
		expect(list.find((p) => p.name === 'broken')?.error).toContain('general');
		fs.rmSync(dir, { recursive: true, force: true });
	});
});

describe('pack validation errors name file, rule and field', () => {
	it('a bad limit unit', () => {
		const e = errorOf(VALID.replace('unit: working_days', 'unit: weeks'));
		expect(e.message).toContain('custom.yaml');
		expect(e.message).toContain('规则 general');
		expect(e.message).toContain('limit.unit');
		expect(e.location).toMatchObject({ file: 'custom.yaml', field: 'general.limit.unit' });
	});

	it('an unknown clock field', () => {
		const e = errorOf(VALID.replace('stop: replied_at', 'stop: answered_at'));
		expect(e.message).toMatch(/规则 general 字段 clock\.stop/);
	});

	it('a condition with two operators, or none', () => {
		const two = VALID.replace('    clock:', '    applies_when:\n      - { field: channel, equals: 网上, in: [电话] }\n    clock:');
		expect(errorOf(two).message).toMatch(/applies_when\[0\]/);
	});

	it('known (the values that decide a condition) only beside a comparison of values', () => {
		const ok = VALID.replace('    clock:', '    applies_when:\n      - { field: procedure, equals: general, known: [simple, general] }\n    clock:');
		expect(parsePackText(ok, 'custom.yaml').rules[0].applies_when[0].known).toEqual(['simple', 'general']);
		const bad = VALID.replace('    clock:', '    applies_when:\n      - { field: procedure, not-empty: true, known: [simple] }\n    clock:');
		expect(errorOf(bad).message).toMatch(/applies_when\[0\].*known/);
	});

	it('a missing limit, duplicate ids and an extension of an unknown rule', () => {
		expect(errorOf(VALID.replace('    limit: { value: 15, unit: working_days }\n', '')).message).toContain('limit');
		const dup = VALID + VALID.slice(VALID.indexOf('  - id: general'));
		expect(errorOf(dup).message).toContain('重复');
		const ext = VALID + '  - id: longer\n    title: 延期\n    citation: { seed: a, document: b, article: c }\n    extension: { of: [nothing], add: 5 }\n';
		expect(errorOf(ext).message).toMatch(/规则 longer 字段 extension\.of.*nothing/);
	});

	it('YAML that does not parse', () => {
		expect(errorOf('name: [unclosed').message).toContain('无法解析');
	});
});

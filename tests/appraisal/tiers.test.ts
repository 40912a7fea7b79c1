// Tiers that mean something (issue 13, step 1), on a small data set worked out by hand:
// - unit tiers come from the scheme's bands over the unit's rank in its group, rank 1 = best, the 单位效能
//   ranking's own rank; a unit below the minimum (10 cases) is not ranked; a tie is broken by name;
// - a person ladder (finance bureau 第十二条) applies to persons only: no unit is ever 待岗.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { appraisal } from '../../src/lib/server/appraisal/appraisal.ts';
import { unitRanking } from '../../src/lib/server/metrics/units.ts';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import { unitCases } from './cases.ts';
import { ADMIN, insertCases, tempDb, type TempDb } from '../compliance/fixtures.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadScheme, SCHEMES_DIR } from '../../src/lib/server/appraisal/scheme.ts';

let t: TempDb;

beforeAll(async () => {
	t = await tempDb('tiers');
	await t.db.run(`INSERT INTO units VALUES ('县农业局', '县直部门', 1), ('县审计局', '县直部门', 2), ('县统计局', '县直部门', 3),
		('县林业局', '县直部门', 4), ('县档案局', '县直部门', 5), ('城关镇', '乡镇', 6), ('桥头镇', '乡镇', 7)`);
	await insertCases(t.db, [
		// 县直部门: satisfaction 12/12, 9/10, 9/10 (a tie), 5/10; 县档案局 has 9 cases (below the minimum of 10)
		...unitCases('县农业局', 12, 12, (i) => (i < 4 ? { person: '甲', outcome: i % 2 ? '部分属实' : '属实' } : {})),
		...unitCases('县审计局', 10, 9),
		...unitCases('县统计局', 10, 9),
		...unitCases('县林业局', 10, 5),
		...unitCases('县档案局', 9, 9),
		// 乡镇: 8/10 and 6/10
		...unitCases('城关镇', 10, 8),
		...unitCases('桥头镇', 10, 6),
		// last year only 县林业局 is ranked (first of one)
		...unitCases('县林业局', 10, 10, undefined, 2024)
	]);
	await evaluatePack(t.db, loadPack('county-efficiency'));
});
afterAll(async () => {
	await t.close();
});

describe('unit tiers from the scheme', () => {
	it('ranks within each group, 1 = best, and tiers by the share of the rank', async () => {
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: 'county-efficiency', evidence: false });
		const got = Object.fromEntries(a.rows.map((r) => [r.unit, [r.group, r.rank, r.ranked_of, r.tier]]));
		// share = (rank − 0.5) ÷ ranked; bands 0.3 好, 0.6 较好, 0.85 一般, 1 差.
		// 县直部门, 4 ranked: 农业 0.5/4 = 0.125 好; the tie 审计 vs 统计 broken by name (审 U+5BA1 < 统 U+7EDF):
		// 审计 1.5/4 = 0.375 较好, 统计 2.5/4 = 0.625 一般; 林业 3.5/4 = 0.875 差; 档案 (9 cases) not ranked, no tier.
		// 乡镇, 2 ranked: 城关 0.5/2 = 0.25 好, 桥头 1.5/2 = 0.75 一般.
		expect(got).toEqual({
			县农业局: ['县直部门', 1, 4, '好'],
			县审计局: ['县直部门', 2, 4, '较好'],
			县统计局: ['县直部门', 3, 4, '一般'],
			县林业局: ['县直部门', 4, 4, '差'],
			县档案局: ['县直部门', null, 4, null],
			城关镇: ['乡镇', 1, 2, '好'],
			桥头镇: ['乡镇', 2, 2, '一般']
		});
		expect(a.rows.find((r) => r.unit === '县档案局')?.tier_reason).toBe('件数不足，未参与排名');
		// the tie really is a tie of scores, and the best has the highest score
		const score = (u: string) => a.rows.find((r) => r.unit === u)!.score!;
		expect(score('县审计局')).toBe(score('县统计局'));
		expect(score('县农业局')).toBeGreaterThan(score('县审计局'));
		// last year: 林业 was first of the one ranked unit
		expect(a.rows.find((r) => r.unit === '县林业局')?.previous_rank).toBe(1);
		expect(a.rows.find((r) => r.unit === '县农业局')?.previous_rank).toBeNull();
	});

	it('gives the rank the 单位效能 ranking gives', async () => {
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: 'county-efficiency', evidence: false });
		const ranking = await unitRanking(db(), ADMIN, { ...emptyFilters(), from: '2025-01-01', to: '2025-12-31' });
		for (const r of ranking) expect(a.rows.find((x) => x.unit === r.row.unit)?.rank ?? null, String(r.row.unit)).toBe(r.rank ?? null);
	});

	it('never gives a unit a personal sanction: the finance ladder applies to persons', async () => {
		const units = await appraisal(t.db, ADMIN, { year: 2025, pack: 'finance-bureau-conduct', by: 'unit', evidence: false });
		expect(units.rows.find((r) => r.unit === '县农业局')).toMatchObject({ substantiated: 4, tier: '好' });
		expect(units.rows.map((r) => r.tier)).not.toContain('待岗');
		const persons = await appraisal(t.db, ADMIN, { year: 2025, pack: 'finance-bureau-conduct', evidence: false, includePending: true });
		expect(persons.by).toBe('person');
		// 甲: 4 substantiated complaints in 2025 → 第十二条（四）待岗
		expect(persons.rows.find((r) => r.person === '甲')).toMatchObject({ unit: '县农业局', substantiated: 4, tier: '待岗', rank: null });
	});
});

describe('the minimum number of cases comes from the scheme', () => {
	/** county-default.yaml with its min_cases replaced, as a county would write its own scheme */
	const schemeWith = (minCases: string) => {
		const text = fs.readFileSync(path.join(SCHEMES_DIR, 'county-default.yaml'), 'utf8');
		expect(text).toMatch(/^  min_cases: 10$/m);
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scheme-')), 'county-nine.yaml');
		fs.writeFileSync(file, text.replace(/^  min_cases: 10$/m, `  min_cases: ${minCases}`));
		return file;
	};

	it('ranks a unit of 9 cases under a scheme whose minimum is 9, and tiers the group of five by hand', async () => {
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: 'county-efficiency', evidence: false, scheme: schemeWith('9') });
		const got = Object.fromEntries(a.rows.filter((r) => r.group === '县直部门').map((r) => [r.unit, [r.rank, r.ranked_of, r.tier]]));
		// 5 ranked now. 农业 (12/12 满意) and 档案 (9/9) tie on the score, broken by name (农 U+519C < 档 U+6863):
		// 农业 0.5/5 = 0.1 好, 档案 1.5/5 = 0.3 好 (the band is ≤ 0.3), 审计 2.5/5 = 0.5 较好, 统计 3.5/5 = 0.7 一般, 林业 4.5/5 = 0.9 差
		expect(got).toEqual({
			县农业局: [1, 5, '好'],
			县档案局: [2, 5, '好'],
			县审计局: [3, 5, '较好'],
			县统计局: [4, 5, '一般'],
			县林业局: [5, 5, '差']
		});
	});

	it('refuses a scheme whose minimum is not a positive whole number, naming the field', () => {
		expect(() => loadScheme(schemeWith('0'))).toThrow('units.min_cases');
	});
});

const db = () => t.db;

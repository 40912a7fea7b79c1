// Property (issue 17, 第十七条): complainant identity written into free text in any form — phone numbers (+86, 86,
// separators, full-width digits, mobile and landline), 15- and 18-digit ID numbers, bank cards, e-mail addresses,
// the complainant's own name — never reaches a unit user or an inspector without the PII grant by any path: the
// case list, the case page (text and pause reasons), the CSV and XLSX exports, the repeat chains; and a search
// probe (q= on the case list, filters.q on the metrics query and the rankings, leaders included) answers a prefix of a real
// number exactly as it answers a random number. The leak check is independent of the redactor: any 7 consecutive
// digits of a generated number, found in an output once separators are dropped, is a leak.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { Database } from '../../src/lib/server/db/index.ts';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/facts.ts';
import { exportCasesCsv, exportCasesXlsx, getCase, listCases } from '../../src/lib/server/metrics/cases.ts';
import { runMetrics } from '../../src/lib/server/metrics/index.ts';
import { repeatSettings, repeatView } from '../../src/lib/server/metrics/repeats.ts';
import { unitRanks } from '../../src/lib/server/metrics/ranks.ts';
import { caseClocks } from '../../src/lib/server/compliance/index.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import { shanghaiToday } from '../../src/lib/server/time.ts';

const UNIT = '县住房和城乡建设局';
const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const unitUser: SessionUser = { userId: 2, name: 'unit', displayName: null, role: 'unit', units: [UNIT], pii: false };
const inspector: SessionUser = { userId: 3, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const leader: SessionUser = { userId: 4, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
const RESTRICTED = [unitUser, inspector];

// ---------------------------------------------------------------- generators

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const toFullWidth = (s: string) => s.replace(/[0-9+\-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const group = (s: string, sizes: number[], sep: string) => {
	const parts: string[] = [];
	let at = 0;
	for (const n of sizes) {
		parts.push(s.slice(at, at + n));
		at += n;
	}
	if (at < s.length) parts.push(s.slice(at));
	return parts.filter(Boolean).join(sep);
};

/** A piece of PII as written in a text, and the digit strings that must not leak (plus text that must not). */
interface Written {
	text: string;
	secrets: string[];
	literal?: string;
}

const mobile = fc
	.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9))
	.map(([a, b]) => a + b);

const mobileWritten: fc.Arbitrary<Written> = fc
	.tuple(mobile, fc.nat(7), fc.boolean())
	.map(([m, form, wide]) => {
		const text = [m, `+86${m}`, `86${m}`, `+86 ${m}`, group(m, [3, 4, 4], '-'), group(m, [3, 4, 4], ' '), `(+86)${m}`, `+86-${group(m, [3, 4, 4], '-')}`][form];
		return { text: wide ? toFullWidth(text) : text, secrets: [m] };
	});

const landlineWritten: fc.Arbitrary<Written> = fc
	.tuple(fc.integer({ min: 1, max: 9 }), fc.oneof(digits(1), digits(2)), fc.integer({ min: 2, max: 8 }), digits(7), fc.nat(5), fc.boolean())
	.map(([a, rest, l, local7, form, wide]) => {
		const area = `0${a}${rest}`;
		const local = `${l}${local7}`;
		const text = [`${area}-${local}`, `${area}${local}`, `(${area})${local}`, `（${area}）${local}`, `${area} ${group(local, [4], ' ')}`, `+86 ${area.slice(1)} ${local}`][form];
		return { text: wide ? toFullWidth(text) : text, secrets: [area + local, area.slice(1) + local] };
	});

const idWritten: fc.Arbitrary<Written> = fc
	.tuple(digits(17), fc.constantFrom('X', 'x', '0', '7'), fc.nat(3), fc.boolean())
	.map(([d, last, form, wide]) => {
		const id18 = d + last;
		const text = [id18, d.slice(0, 15), group(id18, [6, 8], ' '), group(id18, [6, 8], '-')][form];
		return { text: wide ? toFullWidth(text) : text, secrets: [form === 1 ? d.slice(0, 15) : d] };
	});

const cardWritten: fc.Arbitrary<Written> = fc
	.tuple(fc.constantFrom('62', '4', '5'), fc.integer({ min: 16, max: 19 }), digits(19), fc.nat(2))
	.map(([head, len, body, form]) => {
		const card = (head + body).slice(0, len);
		const text = [card, group(card, [4, 4, 4, 4], ' '), group(card, [4, 4, 4, 4], '-')][form];
		return { text, secrets: [card] };
	});

const emailWritten: fc.Arbitrary<Written> = fc
	.tuple(fc.oneof(fc.stringMatching(/^[a-z]{3,8}$/), mobile), fc.constantFrom('qq.com', '163.com', 'example.cn'))
	.map(([local, domain]) => {
		const text = `${local}@${domain}`;
		return { text, secrets: /^\d+$/.test(local) ? [local] : [], literal: text };
	});

const SURNAMES = '赵钱孙吴郑冯褚卫蒋沈韩杨朱秦尤许何吕施'.split('');
const GIVEN = '伟芳娜敏静丽强磊洋艳勇军杰娟涛超秀霞'.split('');
const name = fc.tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 })).map(([s, g]) => s + g.join(''));

const LEADS = ['联系电话', '请回电', '本人手机', '座机', '身份证号', '证件号码', '银行卡号', '退款账户', '邮箱', '可发至'];
const FILLERS = ['反映小区路灯长期不亮', '要求尽快处理', '多次投诉无果', '物业乱收费', '施工噪音扰民到深夜', '希望相关部门核实', '已等待两周'];

interface GenCase {
	name: string;
	items: Written[];
	fillers: string[];
	pause: boolean;
	daysAgo: number;
}

const genCase: fc.Arbitrary<GenCase> = fc.record({
	name,
	items: fc.array(fc.oneof(mobileWritten, landlineWritten, idWritten, cardWritten, emailWritten), { minLength: 1, maxLength: 3 }),
	fillers: fc.array(fc.constantFrom(...FILLERS), { minLength: 1, maxLength: 3 }),
	pause: fc.boolean(),
	daysAgo: fc.integer({ min: 1, max: 40 })
});

// ---------------------------------------------------------------- the leak check (independent of the redactor)

const fold = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
/** Digits kept together when only separators (space, dash, dot, brackets, plus, slash) stand between them. */
const collapse = (s: string) => fold(s).replace(/[\s\-.()（）+—–/]/g, '');

function leaks(output: string, cases: { name: string; secrets: string[]; literals: string[] }[]): string[] {
	const flat = collapse(output);
	const found: string[] = [];
	for (const c of cases) {
		if (output.includes(c.name)) found.push(`name ${c.name}`);
		for (const lit of c.literals) if (output.includes(lit)) found.push(`text ${lit}`);
		for (const s of c.secrets) for (let i = 0; i + 7 <= s.length; i++) if (flat.includes(s.slice(i, i + 7))) found.push(`digits ${s.slice(i, i + 7)} of ${s}`);
	}
	return found;
}

async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

/** Every text of a workbook's cells (shared and inline strings, numbers). */
async function xlsxText(stream: ReadableStream<Uint8Array>): Promise<string> {
	const files = unzipSync(new Uint8Array(await new Response(stream).arrayBuffer()));
	const out: string[] = [];
	for (const [file, bytes] of Object.entries(files)) {
		if (!file.startsWith('xl/')) continue;
		for (const m of strFromU8(bytes).matchAll(/<(?:t|v)(?:\s[^>]*)?>([^<]*)<\/(?:t|v)>/g)) out.push(m[1]);
	}
	return out.join('\n');
}

// ---------------------------------------------------------------- the test

let dir: string;
let db: Database;
let run = 0;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-redaction-'));
	db = await Database.open(path.join(dir, 'test.duckdb'));
});
afterAll(() => {
	db?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const at = (daysAgo: number, hour: number) => {
	const d = new Date(Date.parse(shanghaiToday() + 'T00:00:00Z') - daysAgo * 86_400_000);
	return `${d.toISOString().slice(0, 10)} ${String(hour).padStart(2, '0')}:00:00`;
};

async function total(user: SessionUser, q: string): Promise<number> {
	return (await listCases(db, user, { filters: { ...emptyFilters(), q }, pageSize: 1 })).total;
}
async function counted(user: SessionUser, q: string): Promise<number> {
	const filters: FilterState = { ...emptyFilters(), q };
	const rows = await runMetrics(db, { measures: ['cases'], filters }, user);
	return Number(rows[0]?.cases ?? 0);
}

describe('complainant identity in free text (issue 17)', () => {
	it('never reaches a unit user or an inspector without the PII grant, by any route; probes learn nothing', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(genCase, { minLength: 2, maxLength: 6 }), digits(7), async (gen, randomProbe) => {
				run++;
				const firstPhone = fc.sample(mobile, { numRuns: 1, seed: run })[0];
				const cases = gen.map((g, i) => {
					const content = g.fillers[0] + '，我叫' + g.name + '，' + g.items.map((it, k) => `${LEADS[(i + k) % LEADS.length]}${it.text}，${g.fillers[k % g.fillers.length]}`).join('；') + '。';
					const phone = i % 2 === 0 ? firstPhone : fc.sample(mobile, { numRuns: 1, seed: run * 100 + i })[0];
					return {
						id: `R${run}X${i}`,
						name: g.name,
						phone,
						content,
						pauseReason: g.pause ? `${g.name}要求暂停，${g.items[0].text}为其联系方式` : '',
						received: at(g.daysAgo, 9 + (i % 8)),
						written: g.items[0].text,
						secrets: [...g.items.flatMap((it) => it.secrets), phone],
						literals: g.items.flatMap((it) => (it.literal ? [it.literal] : []))
					};
				});
				const csv = Papa.unparse({
					fields: ['投诉编号', '受理时间', '被投诉单位', '投诉类别', '投诉人', '联系电话', '投诉内容', '中止开始时间', '中止结束时间', '中止原因'],
					data: cases.map((c) => [c.id, c.received, UNIT, '物业管理', c.name, c.phone, c.content, c.pauseReason ? c.received : '', c.pauseReason ? c.received.replace('00:00', '30:00') : '', c.pauseReason])
				});
				const file = path.join(dir, `run${run}.csv`);
				fs.writeFileSync(file, csv);
				const report = await importFile(db, file);
				expect(report.rows_imported).toBe(cases.length);
				await refreshRollups(db);

				// control: with the grant, the clear text is there and a probe by digits finds its case
				const clear = await getCase(db, admin, cases[0].id);
				expect(clear?.fields.find((f) => f.name === 'content')?.value).toBe(cases[0].content);
				expect(await total(admin, cases[0].written)).toBeGreaterThan(0);

				for (const user of RESTRICTED) {
					const where = `${user.role}`;
					const list = await listCases(db, user, { filters: emptyFilters(), pageSize: 500 });
					expect(list.rows.length).toBeGreaterThanOrEqual(cases.length);
					expect(leaks(JSON.stringify(list.rows), cases), `${where} case list`).toEqual([]);
					for (const c of cases) {
						const page = await getCase(db, user, c.id);
						expect(page, `${where} case page ${c.id}`).not.toBeNull();
						expect(leaks(JSON.stringify(page), cases), `${where} case page ${c.id}`).toEqual([]);
					}
					const paused = cases.find((c) => c.pauseReason);
					if (paused) {
						const clocks = await caseClocks(db, user, paused.id);
						expect(clocks.pauses.length).toBe(1);
						expect(leaks(JSON.stringify(clocks.pauses), cases), `${where} pause reasons`).toEqual([]);
					}
					expect(leaks(await streamText(await exportCasesCsv(db, user, emptyFilters())), cases), `${where} CSV`).toEqual([]);
					expect(leaks(await xlsxText(await exportCasesXlsx(db, user, emptyFilters())), cases), `${where} XLSX`).toEqual([]);
					const chains = await repeatView(db, user, 'chains', emptyFilters(), await repeatSettings(db, user, {}));
					expect(chains.length).toBeGreaterThan(0);
					expect(leaks(JSON.stringify(chains), cases), `${where} repeat chains`).toEqual([]);
				}

				// probes: a prefix of a real number, the whole number, the name — answered as a random probe is
				for (const c of cases.slice(0, 2)) {
					for (const probe of [c.secrets[0].slice(0, 7), c.secrets[0], c.name]) {
						const random = /^\d+$/.test(probe) ? randomProbe : '龘龘';
						for (const user of RESTRICTED) expect(await total(user, probe), `${user.role} q=${probe}`).toBe(await total(user, random));
						for (const user of [...RESTRICTED, leader]) {
							expect(await counted(user, probe), `${user.role} filters.q=${probe}`).toBe(await counted(user, random));
						}
						// the rankings compile without the user's unit scope, but read the text the user may read
						if (c === cases[0]) {
							const ranked = async (q: string) => JSON.stringify(await unitRanks(db, leader, { ...emptyFilters(), q }));
							expect(await ranked(probe), `leader ranking q=${probe}`).toBe(await ranked(random));
						}
					}
				}
			}),
			{ numRuns: 8, seed: 20261202 }
		);
	});
});

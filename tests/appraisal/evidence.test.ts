// The evidence behind an appraisal row (browser walk of issue 13): the drill-down's count is the row's 已认定 +
// 待审核 + the flags cleared by an approved exemption or 不予认定, worked out here by SQL of its own over the stored
// results (a case late AND substantiated is two flags); the XLSX writes moments as Excel dates in Shanghai time,
// the CSV as Shanghai text; and explanations for many cases (the temp-table path) equal those for a few.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { evaluatePack, explainResults, loadPack, COMPUTE_LIST_MAX } from '../../src/lib/server/compliance/index.ts';
import { appraisal, writeAppraisalCsv, writeAppraisalXlsx } from '../../src/lib/server/appraisal/appraisal.ts';
import { loadScheme } from '../../src/lib/server/appraisal/scheme.ts';
import { approve, propose } from '../../src/lib/server/appraisal/review.ts';
import { groupEvidence, parseAppraisalQuery } from '../../src/lib/server/screens/appraisal.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { ADMIN, LEADER, insertCases, tempDb, type TempDb } from '../compliance/fixtures.ts';

const INSPECTOR: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const county = loadPack('county-efficiency');
const UNIT = '县农业局';
let t: TempDb;

const done = (day: string) => ({ handling_mode: '直办', accepted_at: `${day} 10:00`, replied_at: `${day.slice(0, 8)}10 10:00`, closed_at: `${day.slice(0, 8)}10 10:00` });

beforeAll(async () => {
	t = await tempDb('evidence');
	await insertCases(t.db, [
		// L1: substantiated AND answered eight weeks late: at least one breached evaluation plus the substantiated flag
		{ case_id: 'L1', received_at: '2025-03-03 09:00', unit: UNIT, person: '甲', outcome: '属实', handling_mode: '直办', accepted_at: '2025-03-03 10:00', replied_at: '2025-04-30 10:00', closed_at: '2025-04-30 10:00', complainant_name: '王秘密' },
		// S1: substantiated, every deadline met; S2: substantiated, then 不予认定 (a data error) approved
		{ case_id: 'S1', received_at: '2025-03-04 09:00', unit: UNIT, person: '乙', outcome: '部分属实', ...done('2025-03-04') },
		{ case_id: 'S2', received_at: '2025-03-05 09:00', unit: UNIT, person: '乙', outcome: '属实', ...done('2025-03-05') },
		// O1: accepted, never answered: open-overdue at the year's end
		{ case_id: 'O1', received_at: '2025-11-03 09:00', unit: UNIT, person: '丙', handling_mode: '直办', accepted_at: '2025-11-03 10:00' },
		// another unit's substantiated case: no evidence of 县农业局
		{ case_id: 'X1', received_at: '2025-03-03 09:00', unit: '县林业局', person: '丁', outcome: '属实', ...done('2025-03-03') }
	]);
	await evaluatePack(t.db, county);
	const ids = await propose(t.db, INSPECTOR, county, loadScheme(), 2025, { items: [{ case_id: 'S2', rule_id: 'substantiated' }], decision: 'reject', reason: '录入错误' });
	await approve(t.db, LEADER, ids, '县纪〔2026〕9号');
});
afterAll(async () => {
	await t.close();
});

/** The unit's flags of 2025 by SQL of this test's own: late or open-overdue stored results, plus substantiated cases. */
async function flagsBySql(): Promise<{ late: number; substantiated: number }> {
	const r = await t.db.queryOne<{ late: number; substantiated: number }>(
		`SELECT (SELECT count(*) FROM compliance_results r JOIN cases c USING (case_id)
				WHERE r.pack = 'county-efficiency' AND r.status IN ('breached', 'open-overdue') AND c.unit = $u AND year(c.received_at) = 2025)::INTEGER AS late,
			(SELECT count(*) FROM cases WHERE unit = $u AND year(received_at) = 2025 AND outcome IN ('属实', '部分属实'))::INTEGER AS substantiated`,
		{ u: UNIT }
	);
	return { late: Number(r!.late), substantiated: Number(r!.substantiated) };
}

describe('the evidence of a row', () => {
	it('counts the same flags as the row: 已认定 + 待审核 + cleared, a case late and substantiated twice', async () => {
		const sql = await flagsBySql();
		// by hand: L1 and O1 are late (at least one each), L1, S1, S2 substantiated
		expect(sql.substantiated).toBe(3);
		expect(sql.late).toBeGreaterThanOrEqual(2);
		const flags = sql.late + sql.substantiated;
		const ev = await groupEvidence(t.db, INSPECTOR, parseAppraisalQuery(new URLSearchParams({ year: '2025', pack: 'county-efficiency', unit: UNIT })));
		const row = (await appraisal(t.db, INSPECTOR, { year: 2025, pack: county, evidence: false })).rows.find((r) => r.unit === UNIT)!;
		expect(ev.total).toBe(flags);
		// S2's approved 不予认定 is cleared: neither confirmed nor pending
		expect(ev.review).toEqual({ confirmed: 0, pending: flags - 1, cleared: 1 });
		expect(row.pending).toBe(flags - 1);
		expect(row.confirmed).toBe(0);
		expect(ev.total).toBe(row.confirmed + row.pending + ev.review.cleared);
		// L1 is one row per flag: its late rule(s) and its substantiated complaint
		const l1 = ev.rows.filter((r) => r.case_id === 'L1');
		expect(l1.filter((r) => r.rule_id === null).map((r) => r.outcome)).toEqual(['属实']);
		expect(l1.length).toBeGreaterThanOrEqual(2);
		expect(ev.rows.some((r) => r.case_id === 'X1')).toBe(false);
		expect(JSON.stringify(ev)).not.toMatch(/秘密/);
		// the export carries the same rows for the unit
		const full = await appraisal(t.db, INSPECTOR, { year: 2025, pack: county });
		expect(full.evidence.filter((e) => e.unit === UNIT).length).toBe(flags);
	});
});

describe('moments in the appraisal files', () => {
	it('XLSX: Excel date cells in Shanghai wall-clock time (yyyy-mm-dd hh:mm), working days as numbers', async () => {
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: county });
		const out = await writeAppraisalXlsx(a, path.join(t.dir, 'e.xlsx'));
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(out);
		const ws = wb.getWorksheet('证据')!;
		const headers = (ws.getRow(1).values as unknown[]).map(String);
		const col = (name: string) => headers.indexOf(name);
		const rows: ExcelJS.Row[] = [];
		ws.eachRow((r, i) => i > 1 && rows.push(r));
		const l1 = rows.find((r) => r.getCell(col('投诉编号')).value === 'L1' && r.getCell(col('规则编号')).value)!;
		const received = l1.getCell(col('受理时间'));
		// received 2025-03-03 09:00 Shanghai: the cell reads 09:00, not 01:00 (UTC) nor a text
		expect(received.value).toBeInstanceOf(Date);
		expect((received.value as Date).toISOString()).toBe('2025-03-03T09:00:00.000Z');
		expect(received.numFmt).toBe('yyyy-mm-dd hh:mm');
		expect(l1.getCell(col('期限')).value).toBeInstanceOf(Date);
		expect(l1.getCell(col('办结/答复时间')).value).toBeInstanceOf(Date);
		expect((l1.getCell(col('办结/答复时间')).value as Date).toISOString()).toBe('2025-04-30T10:00:00.000Z');
		expect(typeof l1.getCell(col('超期工作日')).value).toBe('number');
		const texts: string[] = [];
		ws.eachRow((r) => r.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
		expect(texts.filter((x) => /\d{4}-\d{2}-\d{2}T\d{2}:/.test(x))).toEqual([]);
	});

	it('CSV: Shanghai local time text, no T or Z', async () => {
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: county });
		const text = fs.readFileSync(await writeAppraisalCsv(a, path.join(t.dir, 'e.csv')), 'utf8');
		const l1 = text.split('\r\n').find((l) => l.includes(',L1,') && l.includes('2025-04-30'))!;
		expect(l1).toContain('2025-03-03 09:00:00');
		expect(l1).toContain('2025-04-30 10:00:00');
		expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
		expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
	});
});

describe('explanations for many cases', () => {
	it('read from a temp table above the list limit, they equal those for a few cases at a time', async () => {
		const many = Array.from({ length: COMPUTE_LIST_MAX + 20 }, (_, i) => ({
			case_id: `M${String(i).padStart(3, '0')}`,
			received_at: `2025-06-0${2 + (i % 4)} 09:00`,
			unit: '县水利局',
			handling_mode: '直办',
			accepted_at: `2025-06-0${2 + (i % 4)} 10:00`,
			...(i % 2 ? { replied_at: '2025-08-29 10:00', closed_at: '2025-08-29 10:00' } : {})
		}));
		await insertCases(t.db, many);
		await evaluatePack(t.db, county);
		const keys = many.flatMap((c) => county.rules.map((r) => ({ case_id: c.case_id, rule_id: r.id })));
		const asOf = '2025-12-31 23:59:59.999';
		const together = await explainResults(t.db, county, keys, asOf);
		const apart = new Map();
		for (let i = 0; i < many.length; i += 50) {
			const ids = new Set(many.slice(i, i + 50).map((c) => c.case_id));
			for (const [k, v] of await explainResults(t.db, county, keys.filter((k) => ids.has(k.case_id)), asOf)) apart.set(k, v);
		}
		expect(together.size).toBeGreaterThan(0);
		expect([...together.keys()].sort()).toEqual([...apart.keys()].sort());
		for (const [k, v] of together) expect(v).toEqual(apart.get(k));
		// odd cases answered on 29 August: late, with the working days counted
		expect([...together.values()].some((v) => v.status === 'breached' && (v.working_days_late ?? 0) > 0)).toBe(true);
	});
});

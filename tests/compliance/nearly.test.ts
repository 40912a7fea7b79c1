// 临期预警 (issue 14, product.md 2.0): hand-computed cases on the real 2026 calendar. The clock is fixed at
// 2026-09-24 (Thursday) 12:00; the next days are 中秋 25–27 Sep (holiday, Fri–Sun), then Mon 28, Tue 29, Wed 30
// (working days 1, 2, 3 after today), then 国庆 1–7 Oct. The 20 Sep Sunday is a make-up working day (调休上班).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, insertCases, tempDb, unitUser, type TempDb } from './fixtures.ts';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/facts.ts';
import { nearlyList } from '../../src/lib/server/metrics/nearly.ts';
import { runMetrics } from '../../src/lib/server/metrics/index.ts';
import { overview } from '../../src/lib/server/metrics/overview.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import ExcelJS from 'exceljs';
import { exportNearlyXlsx, exportOverdueXlsx } from '../../src/lib/server/reports/deadlines-xlsx.ts';
import { saveNearlyDays } from '../../src/lib/server/deployment.ts';
import { nearlyDays } from '../../src/lib/server/settings.ts';

const NOW = '2026-09-24 12:00:00';
const SEPTEMBER: FilterState = { ...emptyFilters(), from: '2026-09-01', to: '2026-09-30' };
const INSPECTOR: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const RSJ = '县人社局';
const SLJ = '县水利局';

let t: TempDb;

beforeAll(async () => {
	t = await tempDb('nearly');
	await insertCases(t.db, [
		// accept-decision (第十六条): a decision within 5 working days, the day of receipt not counted.
		// Received Sun 20 Sep (a make-up working day, not counted as the start day): 21, 22, 23, 24, 28 → due Mon 28 Sep.
		{ case_id: 'D1', received_at: '2026-09-20 10:00:00', unit: RSJ },
		// Received Mon 21 Sep: 22, 23, 24, 28, 29 → due Tue 29 Sep, 2 working days after today.
		{ case_id: 'D2', received_at: '2026-09-21 09:00:00', unit: SLJ },
		// Received Tue 22 Sep: 23, 24, 28, 29, 30 → due Wed 30 Sep, 3 working days after today: not 临期 with N = 2.
		{ case_id: 'D3', received_at: '2026-09-22 09:00:00', unit: RSJ },
		// Decided the next day: met, never 临期.
		{ case_id: 'D4', received_at: '2026-09-21 09:00:00', accepted_at: '2026-09-22 10:00:00', unit: RSJ },
		// property-service 5.3.3 (轻微投诉24小时内反馈): due 24 h after receipt.
		// 16:48 → due 24 Sep 16:48, 4.8 h left at noon = 20% of 24 h: 临期.
		{ case_id: 'H1', received_at: '2026-09-23 16:48:00', unit: RSJ, severity: '轻微' },
		// 19:12 → due 24 Sep 19:12, 7.2 h left = 30%: not 临期.
		{ case_id: 'H2', received_at: '2026-09-23 19:12:00', unit: SLJ, severity: '轻微' },
		// Overdue: received Tue 1 Sep → due Tue 8 Sep (2, 3, 4, 7, 8). Still open at the end of 23 Sep: 12 working days
		// late (9, 10, 11, 14–18, Sun 20 (调休上班), 21, 22, 23). Decided Thu 10 Sep: 2 working days late (9, 10).
		{ case_id: 'O1', received_at: '2026-09-01 09:00:00', unit: SLJ, complainant_name: '张小明', complainant_phone: '13912345678' },
		{ case_id: 'B1', received_at: '2026-09-01 09:00:00', accepted_at: '2026-09-10 10:00:00', unit: RSJ, complainant_name: '李大伟' }
	]);
	// The stored results as of the end of 23 Sep (every case open-within), read at noon the next day.
	await evaluatePack(t.db, loadPack('county-efficiency'), { asOf: '2026-09-23' });
	await refreshRollups(t.db, { now: NOW });
}, 120_000);

afterAll(async () => {
	await t?.close();
});

const nearlyMeasure = async (user: SessionUser, filters: FilterState = SEPTEMBER) =>
	Number((await runMetrics(t.db, { measures: ['nearly'], filters }, user))[0]?.nearly ?? 0);

/** An independent count: the stored open-within accept-decision results due within N working days, by the calendar table. */
async function countBySql(unit: string | null, days: number): Promise<number> {
	const row = await t.db.queryOne<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM compliance_results cr JOIN cases c USING (case_id)
		 WHERE cr.pack = 'county-efficiency' AND cr.status = 'open-within' AND ($unit IS NULL OR c.unit = $unit)
			AND cr.due_at >= $now::TIMESTAMP
			AND (SELECT count(*) FROM calendar_days d WHERE d.is_workday AND d.day > $now::TIMESTAMP::DATE AND d.day <= cr.due_at::DATE) <= $days`,
		{ unit, now: NOW, days }
	);
	return Number(row?.n ?? 0);
}

describe('临期 counted in working days (N = 2, the default)', () => {
	it('lists the cases due in 1 and 2 working days across the 中秋 holiday, not the one due in 3', async () => {
		const list = await nearlyList(t.db, INSPECTOR, { filters: SEPTEMBER });
		expect(list.days).toBe(2);
		expect(list.as_of).toBe('2026-09-24T12:00:00+08:00');
		expect(list.rows.map((r) => [r.case_id, r.unit, r.rule_id, r.due_at, r.working_days_left])).toEqual([
			['D1', RSJ, 'accept-decision', '2026-09-28T23:59:59.999+08:00', 1],
			['D2', SLJ, 'accept-decision', '2026-09-29T23:59:59.999+08:00', 2]
		]);
		expect(list.rows[0]).toMatchObject({ rule_title: '受理决定时限（需要审查的投诉）', article: '第十六条' });
		expect(list.total).toBe(2);
		expect(list.by_unit).toEqual([
			{ unit: RSJ, n: 1 },
			{ unit: SLJ, n: 1 }
		]);
		expect(await countBySql(null, 2)).toBe(2);
	});

	it('the 临期 measure, the overview KPI and the list agree', async () => {
		expect(await nearlyMeasure(INSPECTOR)).toBe(2);
		const o = await overview(t.db, INSPECTOR, SEPTEMBER, { charts: false });
		expect(o.kpis.nearly).toBe(2);
	});

	it('a unit user sees only its own unit’s 临期 cases, through the metrics scope', async () => {
		const user = unitUser(RSJ);
		const list = await nearlyList(t.db, user, { filters: SEPTEMBER });
		expect(list.rows.map((r) => r.case_id)).toEqual(['D1']);
		expect(list.total).toBe(await countBySql(RSJ, 2));
		expect(await nearlyMeasure(user)).toBe(1);
		// asking for another unit does not widen the scope
		expect((await nearlyList(t.db, user, { filters: { ...SEPTEMBER, units: [SLJ] } })).total).toBe(0);
		expect((await overview(t.db, user, SEPTEMBER, { charts: false })).kpis.nearly).toBe(1);
	});

	it('a rule cross-filter narrows the list', async () => {
		expect((await nearlyList(t.db, INSPECTOR, { filters: SEPTEMBER, rule: 'accept-decision' })).total).toBe(2);
		expect((await nearlyList(t.db, INSPECTOR, { filters: SEPTEMBER, rule: 'direct-reply' })).total).toBe(0);
	});

	it('N is a deployment setting: with 3 the case due in 3 working days joins the list', async () => {
		await t.db.run("INSERT OR REPLACE INTO settings (key, value) VALUES ('nearly_days', '3')");
		await refreshRollups(t.db, { now: NOW });
		const list = await nearlyList(t.db, INSPECTOR, { filters: SEPTEMBER });
		expect(list.days).toBe(3);
		expect(list.rows.map((r) => [r.case_id, r.working_days_left])).toEqual([
			['D1', 1],
			['D2', 2],
			['D3', 3]
		]);
		expect(await countBySql(null, 3)).toBe(3);
		expect(await nearlyMeasure(INSPECTOR)).toBe(3);
		await t.db.run("DELETE FROM settings WHERE key = 'nearly_days'");
		await refreshRollups(t.db, { now: NOW });
		expect(await nearlyMeasure(INSPECTOR)).toBe(2);
	});
});

describe('临期 counted in hours (a quarter of the limit)', () => {
	it('the case with 20% of its 24 hours left is 临期, the one with 30% is not', async () => {
		await t.db.run("INSERT OR REPLACE INTO settings (key, value) VALUES ('default_pack', 'property-service')");
		await evaluatePack(t.db, loadPack('property-service'), { asOf: '2026-09-23' });
		await refreshRollups(t.db, { now: NOW });
		const list = await nearlyList(t.db, INSPECTOR, { filters: SEPTEMBER });
		expect(list.rows.map((r) => [r.case_id, r.rule_id, r.due_at, r.working_days_left, r.hours_left, r.limit_hours])).toEqual([
			['H1', 'minor-feedback', '2026-09-24T16:48:00.000+08:00', null, 4.8, 24]
		]);
		expect(list.rows[0].article).toBe('5.3.3');
		expect(await nearlyMeasure(INSPECTOR)).toBe(1);
		expect(await nearlyMeasure(unitUser(SLJ))).toBe(0);
		await t.db.run("DELETE FROM settings WHERE key = 'default_pack'");
		await refreshRollups(t.db, { now: NOW });
	});
});

/** A workbook's first sheet as rows of cell values (header row first). */
async function sheetRows(stream: ReadableStream<Uint8Array>): Promise<unknown[][]> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(await new Response(stream).arrayBuffer()) as unknown as ArrayBuffer);
	const rows: unknown[][] = [];
	wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	return rows;
}

describe('XLSX exports of the 临期 and overdue lists', () => {
	it('the 临期 list: rule, article, due moment and working days left, in the user’s scope', async () => {
		const rows = await sheetRows(await exportNearlyXlsx(t.db, INSPECTOR, SEPTEMBER));
		// the rule by its Chinese title; its id (accept-decision) only last, as 规则编号 (browser walk: English ids shown)
		expect(rows[0]).toEqual(['案件编号', '被投诉单位', '受理时间', '规则名称', '依据文件', '条款', '起算时间', '办理时限', '剩余工作日', '剩余小时', '规则编号']);
		// the source document by the pack's one title (documentTitle), not the seed's 佛冈县…
		expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5], r[7], r[8], r[10]])).toEqual([
			['D1', RSJ, '受理决定时限（需要审查的投诉）', '县行政效能投诉处理暂行办法', '第十六条', '2026-09-28 23:59:59', 1, 'accept-decision'],
			['D2', SLJ, '受理决定时限（需要审查的投诉）', '县行政效能投诉处理暂行办法', '第十六条', '2026-09-29 23:59:59', 2, 'accept-decision']
		]);
		const own = await sheetRows(await exportNearlyXlsx(t.db, unitUser(SLJ), SEPTEMBER));
		expect(own.slice(1).map((r) => r[0])).toEqual(['D2']);
	});

	it('the overdue list: 超期未办结 and 超期办结 with rule, due moment and working days late, no complainant identity', async () => {
		const rows = await sheetRows(await exportOverdueXlsx(t.db, INSPECTOR, SEPTEMBER));
		expect(rows[0]).toEqual(['案件编号', '被投诉单位', '受理时间', '规则名称', '依据文件', '条款', '起算时间', '办理时限', '完成时间', '状态', '超期工作日', '规则编号']);
		expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5], r[7], r[8] ?? null, r[9], r[10], r[11]])).toEqual([
			['O1', SLJ, '受理决定时限（需要审查的投诉）', '县行政效能投诉处理暂行办法', '第十六条', '2026-09-08 23:59:59', null, '超期未办结', 12, 'accept-decision'],
			['B1', RSJ, '受理决定时限（需要审查的投诉）', '县行政效能投诉处理暂行办法', '第十六条', '2026-09-08 23:59:59', '2026-09-10 10:00:00', '超期办结', 2, 'accept-decision']
		]);
		const text = JSON.stringify(rows);
		for (const identity of ['张小明', '李大伟', '13912345678']) expect(text).not.toContain(identity);
		// a unit user gets its own unit only; one status on its own
		expect((await sheetRows(await exportOverdueXlsx(t.db, unitUser(RSJ), SEPTEMBER))).slice(1).map((r) => r[0])).toEqual(['B1']);
		expect((await sheetRows(await exportOverdueXlsx(t.db, INSPECTOR, SEPTEMBER, { status: 'open-overdue' }))).slice(1).map((r) => r[0])).toEqual(['O1']);
		await expect(exportOverdueXlsx(t.db, INSPECTOR, SEPTEMBER, { status: 'met' })).rejects.toThrow(/状态无效/);
	});
});

describe('N as a deployment setting (/admin/settings)', () => {
	it('takes a whole number of working days from 0 to 30, from an admin only, audited', async () => {
		expect(await nearlyDays(t.db)).toBe(2);
		await expect(saveNearlyDays(t.db, INSPECTOR, '3')).rejects.toThrow();
		for (const bad of ['2.5', '31', '-1', '', '三']) await expect(saveNearlyDays(t.db, ADMIN, bad)).rejects.toThrow(/临期预警天数须为 0 至 30 的整数/);
		expect(await nearlyDays(t.db)).toBe(2);
		expect(await saveNearlyDays(t.db, ADMIN, '5')).toBe(5);
		expect(await nearlyDays(t.db)).toBe(5);
		const logged = await t.db.queryOne<{ n: number }>("SELECT count(*)::INTEGER AS n FROM audit_log WHERE target = 'nearly_days'");
		expect(Number(logged?.n)).toBe(1);
	});
});

// Every overview number against an independent count over the raw fixture (JS over the generated rows, and
// hand-written SQL over the raw tables), and the same number on the overview, the unit filter and the case list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { overview } from '../../src/lib/server/metrics/overview.ts';
import { overviewScreen } from '../../src/lib/server/screens/overview.ts';
import { runMetrics, DEFAULT_SCORE_WEIGHTS, SCORE_MIN_CASES, invalidateFacts, metricsToArrow } from '../../src/lib/server/metrics/index.ts';
import { ForbiddenError } from '../../src/lib/server/errors.ts';
import { complainantNumber, exportCasesCsv, exportCasesXlsx, getCase, listCases, setTypical } from '../../src/lib/server/metrics/cases.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import { arrowToRows } from '../../src/lib/client/arrow.ts';
import { openFixtureDb, workDaysBetween, UNITS, type FixtureCase } from './fixture.ts';
import { caseTimeline } from '../../src/lib/server/screens/compliance.ts';
import { figures } from '../../src/lib/server/metrics/figures.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const unitUser: SessionUser = { userId: 2, name: 'zjj', displayName: null, role: 'unit', units: ['县住房和城乡建设局'], pii: false };
const leader: SessionUser = { userId: 3, name: 'boss', displayName: null, role: 'leader', units: [], pii: false };
const inspector: SessionUser = { userId: 4, name: 'insp', displayName: null, role: 'inspector', units: [], pii: false };

let env: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
	env = await openFixtureDb();
});
afterAll(async () => {
	await env?.close();
});

const period = { from: '2025-01-01', to: '2025-12-31' };
const ms = (ts: string) => Date.parse(ts.replace(' ', 'T') + 'Z');
const inPeriod = (c: FixtureCase, p: { from: string; to: string }) => c.received_at.slice(0, 10) >= p.from && c.received_at.slice(0, 10) <= p.to;

/** The repeat rule of product.md 2.2, recomputed by hand: previous case of the same complainant and unit. */
function repeatIds(cases: FixtureCase[], windowDays = 90): Set<string> {
	const sorted = [...cases].sort((a, b) => a.complainant_key.localeCompare(b.complainant_key) || a.unit.localeCompare(b.unit) || a.received_at.localeCompare(b.received_at) || a.case_id.localeCompare(b.case_id));
	const out = new Set<string>();
	const w = windowDays * 86400000;
	for (let i = 1; i < sorted.length; i++) {
		const c = sorted[i];
		const p = sorted[i - 1];
		if (p.complainant_key !== c.complainant_key || p.unit !== c.unit) continue;
		const t = ms(c.received_at);
		if (t <= ms(p.received_at) + w || (p.closed_at && ms(p.closed_at) <= t && t <= ms(p.closed_at) + w)) out.add(c.case_id);
	}
	return out;
}

function quantile(xs: number[], q: number): number | null {
	if (!xs.length) return null;
	const s = [...xs].sort((a, b) => a - b);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

function expected(filter: (c: FixtureCase) => boolean) {
	const { cases, compliance } = env.fixture;
	const repeats = repeatIds(cases);
	const set = cases.filter(filter);
	const ids = new Set(set.map((c) => c.case_id));
	const comp = compliance.filter((x) => ids.has(x.case_id));
	const met = comp.filter((x) => x.status === 'met').length;
	const breached = comp.filter((x) => x.status === 'breached').length;
	// product.md 2.0: an evaluation still open past its deadline is not on time
	const openOverdue = comp.filter((x) => x.status === 'open-overdue').length;
	const now = Date.now() + 8 * 3600000;
	const overdueOpen = set.filter((c) => {
		if (c.closed_at) return false;
		const rows = compliance.filter((x) => x.case_id === c.case_id);
		return rows.length ? rows.some((x) => x.status === 'open-overdue') : ms(c.due_at) < now;
	}).length;
	const rated = set.filter((c) => c.satisfaction).length;
	const satisfied = set.filter((c) => c.satisfaction === '满意' || c.satisfaction === '基本满意').length;
	const wd = set.filter((c) => c.replied_at ?? c.closed_at).map((c) => workDaysBetween(c.received_at.slice(0, 10), (c.replied_at ?? c.closed_at)!.slice(0, 10)));
	return {
		cases: set.length,
		closed: set.filter((c) => c.closed_at).length,
		on_time_rate: met + breached + openOverdue ? met / (met + breached + openOverdue) : null,
		breached: set.filter((c) => comp.some((x) => x.case_id === c.case_id && x.status === 'breached')).length,
		overdue_open: overdueOpen,
		satisfaction_rate: rated ? satisfied / rated : null,
		rated,
		repeats: set.filter((c) => repeats.has(c.case_id)).length,
		repeat_rate: set.length ? set.filter((c) => repeats.has(c.case_id)).length / set.length : null,
		median_work_days: quantile(wd, 0.5),
		p90_work_days: quantile(wd, 0.9),
		substantiated_rate: (() => {
			const w = set.filter((c) => c.outcome);
			return w.length ? w.filter((c) => c.outcome === '属实' || c.outcome === '部分属实').length / w.length : null;
		})()
	};
}

/** Composite scores of the units with at least SCORE_MIN_CASES cases, by hand, best first (ties by name). */
function handScores(p: { from: string; to: string }) {
	const units = [...new Set(env.fixture.cases.map((c) => c.unit))];
	const w = DEFAULT_SCORE_WEIGHTS;
	return units
		.map((u) => {
			const e = expected((c) => inPeriod(c, p) && c.unit === u);
			const parts: [number, number | null][] = [
				[w.on_time, e.on_time_rate],
				[w.satisfaction, e.satisfaction_rate],
				[w.not_repeat, e.cases ? 1 - e.repeats / e.cases : null],
				[w.not_overdue, e.cases ? 1 - e.overdue_open / e.cases : null]
			];
			const num = parts.reduce((s, [wt, v]) => s + (v === null ? 0 : wt * v), 0);
			const den = parts.reduce((s, [wt, v]) => s + (v === null ? 0 : wt), 0);
			return { unit: u, cases: e.cases, score: Math.round((100 * num) / den * 10) / 10 };
		})
		.filter((x) => x.cases >= SCORE_MIN_CASES)
		.sort((a, b) => b.score - a.score || a.unit.localeCompare(b.unit));
}

function f(extra: Partial<FilterState> = {}): FilterState {
	return { ...emptyFilters(), ...period, ...extra };
}

describe('overview numbers equal independent counts', () => {
	it('KPIs of the current, previous and last-year periods', async () => {
		const ov = await overview(env.db, admin, f());
		expect(ov.period).toEqual(period);
		const cur = expected((c) => inPeriod(c, period));
		expect(cur.cases).toBeGreaterThan(80);
		expect(cur.repeats).toBeGreaterThan(5);
		for (const k of ['cases', 'closed', 'overdue_open', 'breached', 'rated', 'repeats'] as const) expect(ov.kpis[k], k).toBe(cur[k]);
		for (const k of ['on_time_rate', 'satisfaction_rate', 'repeat_rate'] as const) expect(ov.kpis[k], k).toBeCloseTo(cur[k]!, 10);
		const prev = expected((c) => inPeriod(c, ov.previous));
		expect(ov.kpisPrevious.cases).toBe(prev.cases);
		expect(ov.kpisPrevious.on_time_rate).toBeCloseTo(prev.on_time_rate!, 10);
		const ly = expected((c) => inPeriod(c, ov.lastYear));
		expect(ov.lastYear).toEqual({ from: '2024-01-01', to: '2024-12-31' });
		expect(ov.kpisLastYear.cases).toBe(ly.cases);
		expect(ov.kpisLastYear.repeat_rate).toBeCloseTo(ly.repeat_rate!, 10);
		expect(ov.hasCompliance).toBe(true);
	});

	it('November compares with all of October (1–31) and November a year earlier, counted by hand-written SQL', async () => {
		const ov = await overview(env.db, admin, f({ from: '2025-11-01', to: '2025-11-30' }));
		expect(ov.previous).toEqual({ from: '2025-10-01', to: '2025-10-31' });
		expect(ov.lastYear).toEqual({ from: '2024-11-01', to: '2024-11-30' });
		const count = async (from: string, to: string) =>
			Number(
				(await env.db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases WHERE received_at >= $a::TIMESTAMP AND received_at < $b::TIMESTAMP + INTERVAL 1 DAY', { a: from, b: to }))?.n
			);
		const october = await count('2025-10-01', '2025-10-31');
		expect(october).toBeGreaterThan(0);
		// the 30 days before November (2–31 October) would count fewer cases whenever 1 October has any
		expect(ov.kpisPrevious.cases).toBe(october);
		expect(ov.kpisLastYear.cases).toBe(await count('2024-11-01', '2024-11-30'));
		expect(ov.periodInfo).toMatchObject({ kind: 'month', running: false, label: '2025年11月', asOf: '2025-11-30T23:59:59.999+08:00', previousAsOf: '2025-10-31T23:59:59.999+08:00' });
	});

	it('the monthly trend sums to the period total and matches a hand-written SQL count per month', async () => {
		const ov = await overview(env.db, admin, f());
		expect(ov.trend.reduce((s, r) => s + Number(r.cases), 0)).toBe(ov.kpis.cases);
		const sql = await env.db.query<{ m: string; n: number }>(
			`SELECT strftime(received_at, '%Y-%m') AS m, count(*)::INTEGER AS n FROM cases WHERE received_at >= TIMESTAMP '2025-01-01' AND received_at < TIMESTAMP '2026-01-01' GROUP BY 1 ORDER BY 1`
		);
		expect(ov.trend.map((r) => [r.month, r.cases])).toEqual(sql.map((r) => [r.m, Number(r.n)]));
	});

	it('median and P90 working days use the official calendar (the holiday is not a working day)', async () => {
		const [row] = await runMetrics(env.db, { measures: ['median_work_days', 'p90_work_days', 'substantiated_rate'], filters: f() }, admin);
		const cur = expected((c) => inPeriod(c, period));
		expect(row.median_work_days).toBeCloseTo(cur.median_work_days!, 10);
		expect(row.p90_work_days).toBeCloseTo(cur.p90_work_days!, 10);
		expect(row.substantiated_rate).toBeCloseTo(cur.substantiated_rate!, 10);
	});

	it('best and worst units by the scheme’s score (the shipped one: the composite), recomputed by hand', async () => {
		const ov = await overviewScreen(env.db, admin, f());
		const scores = handScores(period);
		expect(ov.best.map((r) => r.unit)).toEqual(scores.slice(0, 5).map((s) => s.unit));
		for (const r of ov.best) expect(r.score).toBeCloseTo(scores.find((s) => s.unit === r.unit)!.score, 6);
		// 6 units: the worst list shows the one unit not among the best five
		expect(ov.worst.map((r) => r.unit)).toEqual(scores.slice(5).reverse().map((s) => s.unit));
	});

	it('figures equal the overview KPIs; a unit user gets its own rank within its group among all units', async () => {
		const ov = await overview(env.db, admin, f());
		const all = await figures(env.db, admin, period);
		for (const k of ['cases', 'on_time_rate', 'overdue_open', 'no_data', 'satisfaction_rate', 'repeat_rate'] as const) {
			expect(all[k], k).toBe(ov.kpis[k]);
			expect(all.previous[k], k).toBe(ov.kpisPrevious[k]);
			expect(all.last_year[k], k).toBe(ov.kpisLastYear[k]);
		}
		expect([all.previous.from, all.previous.to]).toEqual([ov.previous.from, ov.previous.to]);
		const unit = '县住房和城乡建设局';
		const group = UNITS.filter(([, g]) => g === '县直部门').map(([u]) => u);
		const ranked = handScores(period).filter((s) => group.includes(s.unit));
		expect(ranked.length).toBeGreaterThan(1);
		const mine = await figures(env.db, unitUser, { ...period, unit });
		expect(mine).toMatchObject({ group: '县直部门', rank: ranked.findIndex((s) => s.unit === unit) + 1, ranked_units: ranked.length });
		expect(mine.cases).toBe(expected((c) => inPeriod(c, period) && c.unit === unit).cases);
		// without --unit the unit user's scope gives the same figures; another unit is refused
		expect((await figures(env.db, unitUser, period)).cases).toBe(mine.cases);
		await expect(figures(env.db, unitUser, { ...period, unit: '县教育局' })).rejects.toThrow('无权查看单位');
	});

	it('the same number on the overview, the unit filter, the unit breakdown and the case list', async () => {
		const unit = '县住房和城乡建设局';
		const ov = await overview(env.db, admin, f({ units: [unit] }));
		const byUnit = await runMetrics(env.db, { measures: ['cases', 'overdue_open'], dimensions: ['unit'], filters: f() }, admin);
		const list = await listCases(env.db, admin, { filters: f({ units: [unit] }) });
		const e = expected((c) => inPeriod(c, period) && c.unit === unit);
		expect(ov.kpis.cases).toBe(e.cases);
		expect(byUnit.find((r) => r.unit === unit)?.cases).toBe(e.cases);
		expect(list.total).toBe(e.cases);
		// drill-down of a KPI: the case list behind "overdue open" has exactly that many cases
		const overdue = await listCases(env.db, admin, { filters: f({ units: [unit], flag: 'overdue_open' }) });
		expect(overdue.total).toBe(ov.kpis.overdue_open);
		const repeats = await listCases(env.db, admin, { filters: f({ flag: 'repeat' }), pageSize: 500 });
		expect(repeats.total).toBe(expected((c) => inPeriod(c, period)).repeats);
		expect(repeats.rows.every((r) => r.is_repeat)).toBe(true);
	});

	it('a unit user sees exactly what an admin sees for that unit, whatever filters the unit user sends', async () => {
		const mine = await overview(env.db, unitUser, f());
		const adminView = await overview(env.db, admin, f({ units: ['县住房和城乡建设局'] }));
		expect(mine.kpis).toEqual(adminView.kpis);
		const sneaky = await runMetrics(env.db, { measures: ['cases'], dimensions: ['unit'], filters: f({ units: ['县教育局'] }) }, unitUser);
		expect(sneaky).toEqual([]);
		const list = await listCases(env.db, unitUser, { filters: f(), pageSize: 500 });
		expect(new Set(list.rows.map((r) => r.unit))).toEqual(new Set(['县住房和城乡建设局']));
		expect(list.rows.every((r) => !('complainant_name' in r))).toBe(true);
		expect(JSON.stringify(list.rows)).not.toMatch(/1390000\d{4}/);
	});

	it('filters on category, channel, mode and a month cross-filter agree with the raw rows', async () => {
		const rows = await runMetrics(env.db, { measures: ['cases'], filters: f({ category: ['工作作风'], channel: ['电话'], mode: ['转办'] }) }, admin);
		expect(rows[0].cases).toBe(expected((c) => inPeriod(c, period) && c.category === '工作作风' && c.channel === '电话' && c.handling_mode === '转办').cases);
		const blank = await runMetrics(env.db, { measures: ['cases'], filters: f({ category: ['未填写'] }) }, admin);
		expect(blank[0].cases).toBe(expected((c) => inPeriod(c, period) && c.category === null).cases);
		const march = await overview(env.db, admin, f({ month: '2025-03' }));
		expect(march.period).toEqual({ from: '2025-03-01', to: '2025-03-31' });
		expect(march.kpis.cases).toBe(expected((c) => c.received_at.startsWith('2025-03')).cases);
	});

	it('the day × unit rollup and the per-case facts give identical numbers', async () => {
		const measures = ['cases', 'accepted', 'closed', 'open', 'overdue_open', 'no_data', 'met', 'breached', 'breached_evaluations', 'on_time_rate', 'satisfaction_rate', 'rated', 'substantiated_rate', 'repeats', 'repeat_rate', 'score'];
		for (const dimensions of [['unit'], ['month'], ['unit_group', 'year']]) {
			const fromRollup = await runMetrics(env.db, { measures, dimensions, filters: f() }, admin);
			// a filter that keeps every case but is not in the rollup forces the facts table
			const fromFacts = await runMetrics(env.db, { measures, dimensions, filters: f({ severity: ['一般', '重大'] }) }, admin);
			expect(fromRollup.length).toBeGreaterThan(0);
			expect(fromRollup).toEqual(fromFacts);
		}
	});

	it('Arrow round trip keeps names, numbers and nulls', async () => {
		const spec = { measures: ['cases', 'satisfaction_rate'], dimensions: ['category'] };
		const rows = await runMetrics(env.db, { ...spec, filters: f() }, admin);
		const back = arrowToRows(metricsToArrow(rows, spec));
		expect(back).toEqual(rows);
	});

	it('notices new data: after an insert the numbers change without a manual refresh', async () => {
		const before = (await runMetrics(env.db, { measures: ['cases'], filters: f() }, admin))[0].cases as number;
		await env.db.run(`INSERT INTO cases (case_id, received_at, unit, row_hash, first_batch_id, batch_id) VALUES ('FXNEW', TIMESTAMP '2025-06-01 09:00:00', '城关镇', 'x', 1, 1)`);
		invalidateFacts(env.db);
		const after = (await runMetrics(env.db, { measures: ['cases'], filters: f() }, admin))[0].cases;
		expect(after).toBe(before + 1);
		await env.db.run(`DELETE FROM cases WHERE case_id = 'FXNEW'`);
		invalidateFacts(env.db);
		expect((await runMetrics(env.db, { measures: ['cases'], filters: f() }, admin))[0].cases).toBe(before);
	});
});

describe('case explorer and exports', () => {
	it('pages and sorts on the server', async () => {
		const p1 = await listCases(env.db, admin, { filters: f(), pageSize: 10, sort: 'received_at', desc: true });
		const p2 = await listCases(env.db, admin, { filters: f(), pageSize: 10, page: 2, sort: 'received_at', desc: true });
		expect(p1.rows).toHaveLength(10);
		const all = [...p1.rows, ...p2.rows].map((r) => r.received_at);
		expect(all).toEqual([...all].sort().reverse());
		expect(new Set([...p1.rows, ...p2.rows].map((r) => r.case_id)).size).toBe(20);
		const search = await listCases(env.db, admin, { filters: f({ q: '县教育局办事拖延' }) });
		expect(search.total).toBe(expected((c) => inPeriod(c, period) && c.content.includes('县教育局办事拖延')).cases);
	});

	it('leaders get no case-level rows; anonymous is refused', async () => {
		await expect(listCases(env.db, leader, { filters: f() })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(exportCasesCsv(env.db, leader, f())).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listCases(env.db, null, { filters: f() })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getCase(env.db, leader, 'FX0001')).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('CSV: BOM, canonical headers, PII only for allowed roles, redacted text for units, formula escaping', async () => {
		// ignoreBOM keeps the BOM in the text so that the test can see it
		const read = async (user: SessionUser, filters: FilterState) =>
			new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(await exportCasesCsv(env.db, user, filters)).arrayBuffer());
		const adminCsv = await read(admin, f({ units: [env.fixture.cases[3].unit], from: '2024-01-01' }));
		expect(adminCsv.charCodeAt(0)).toBe(0xfeff);
		const header = adminCsv.slice(1).split('\r\n')[0].split(',');
		expect(header.slice(0, 6)).toEqual(['case_id', 'received_at', 'channel', 'complainant_name', 'complainant_phone', 'complainant_id_no']);
		expect(adminCsv).toContain(`"'=HYPERLINK(""http://x"") 反映问题，电话13912345678"`);
		const unitCsv = await read(unitUser, f({ from: '2024-01-01' }));
		const unitHeader = unitCsv.slice(1).split('\r\n')[0].split(',');
		expect(unitHeader).not.toContain('complainant_name');
		expect(unitHeader).not.toContain('complainant_phone');
		expect(unitCsv).not.toMatch(/1390000\d{4}/);
		// the text is there, its phone number replaced by the redacted copy's marker
		expect(unitCsv).toMatch(/联系电话［号码］/);
		const lines = unitCsv.trim().split('\r\n');
		expect(lines.length - 1).toBe(expected((c) => c.unit === '县住房和城乡建设局' && c.received_at >= '2024-01-01').cases);
		const inspectorCsv = await read(inspector, f());
		expect(inspectorCsv.split('\r\n')[0]).not.toContain('complainant_phone');
		const audits = await env.db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'export'`);
		expect(Number(audits[0].n)).toBeGreaterThanOrEqual(3);
	});

	it('XLSX: the same rows with Chinese headers', async () => {
		const buf = Buffer.from(await new Response(await exportCasesXlsx(env.db, unitUser, f())).arrayBuffer());
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ArrayBuffer);
		const sheet = wb.getWorksheet('案件')!;
		expect(sheet.getRow(1).getCell(1).value).toBe('投诉编号');
		expect(sheet.rowCount - 1).toBe(expected((c) => inPeriod(c, period) && c.unit === '县住房和城乡建设局').cases);
	});

	it('case page: fields by policy, clocks, typical mark by admin/analyst only', async () => {
		const id = env.fixture.cases.find((c) => c.unit === '县住房和城乡建设局')!.case_id;
		const full = (await getCase(env.db, admin, id))!;
		expect(full.fields.find((x) => x.name === 'complainant_phone')?.value).toMatch(/^1390000/);
		const unitView = (await getCase(env.db, unitUser, id))!;
		expect(unitView.fields.map((x) => x.name)).not.toContain('complainant_phone');
		expect(JSON.stringify(unitView)).not.toMatch(/1390000\d{4}/);
		// the complainant key: 投诉人编号, short (browser walk: 64 hex characters under 投诉人标识), never for a unit user
		const key = full.fields.find((x) => x.name === 'complainant_key')!;
		expect([key.label, key.value]).toEqual(['投诉人编号', env.fixture.cases.find((c) => c.case_id === id)!.complainant_key]);
		expect(unitView.fields.map((x) => x.name)).not.toContain('complainant_key');
		expect(complainantNumber('3fa2c1d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90')).toBe('3FA2C1D4');
		const other = env.fixture.cases.find((c) => c.unit !== '县住房和城乡建设局')!.case_id;
		expect(await getCase(env.db, unitUser, other)).toBeNull();
		await expect(setTypical(env.db, unitUser, id, true, '摘要')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(setTypical(env.db, admin, id, true, '  ')).rejects.toThrow(/摘要/);
		await setTypical(env.db, admin, id, true, '住建局久拖不办的典型');
		const marked = (await getCase(env.db, admin, id))!;
		expect(marked.typical).toBe(true);
		expect(marked.typicalSummary).toBe('住建局久拖不办的典型');
		const typical = await listCases(env.db, admin, { filters: { ...emptyFilters(), flag: 'typical' } });
		expect(typical.rows.map((r) => r.case_id)).toEqual([id]);
		const withClocks = env.fixture.compliance[0].case_id;
		const clocks = (await getCase(env.db, admin, withClocks))!.clocks;
		expect(clocks.map((c) => c.rule_id).sort()).toEqual(['accept-decision', 'transfer-reply']);
		// The engine stores no explanation (NULL): each clock's sentence is the engine's, the one the page's
		// timeline (/api/compliance/cases/[id]) shows, never the text "null".
		const timeline = await caseTimeline(env.db, admin, withClocks);
		for (const c of clocks) {
			expect(c.explanation).not.toMatch(/null/);
			expect(c.explanation).toBe(timeline.clocks.find((t) => t.rule_id === c.rule_id)!.explanation);
		}
		// accept-decision starts on the day of receipt: 需要审查的投诉应自<that day>起5个工作日内…
		const received = env.fixture.cases.find((c) => c.case_id === withClocks)!.received_at;
		const [y, m, d] = received.slice(0, 10).split('-').map(Number);
		expect(clocks.find((c) => c.rule_id === 'accept-decision')!.explanation).toMatch(new RegExp(`^需要审查的投诉应自${y}年${m}月${d}日起5个工作日内`));
	});
});

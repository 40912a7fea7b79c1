// The handling-time, repeats and unit-performance numbers against hand computations over known fixtures:
// medians and P90s (working days and hours), the repeat relation for several windows and for any unit, content
// similarity, chain masking, case-level refusal for leaders, and a unit user's numbers equal to the admin's for that unit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { refreshRollups, runMetrics } from '../../src/lib/server/metrics/index.ts';
import { overviewScreen } from '../../src/lib/server/screens/overview.ts';
import { filterOptions } from '../../src/lib/server/metrics/overview.ts';
import { ui } from '../../src/lib/i18n/zh/metrics.ts';
import { ForbiddenError } from '../../src/lib/server/errors.ts';
import { slowestOpen } from '../../src/lib/server/metrics/handling.ts';
import { contentSimilarity, repeatSettings, repeatView } from '../../src/lib/server/metrics/repeats.ts';
import { redactSql } from '../../src/lib/server/pii/redact.ts';
import { unitRanking, unitVisible } from '../../src/lib/server/metrics/units.ts';
import { handlingSpecs } from '../../src/lib/model/dashboards.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import { openFixtureDb, workDaysBetween, UNITS, type FixtureCase } from '../metrics/fixture.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const inspector: SessionUser = { userId: 4, name: 'insp', displayName: null, role: 'inspector', units: [], pii: false };
const leader: SessionUser = { userId: 3, name: 'boss', displayName: null, role: 'leader', units: [], pii: false };
const UNIT = '县住房和城乡建设局';
const unitUser: SessionUser = { userId: 2, name: 'zjj', displayName: null, role: 'unit', units: [UNIT], pii: false };

const TODAY = '2026-01-15';
const period = { from: '2025-01-01', to: '2025-12-31' };
const f = (extra: Partial<FilterState> = {}): FilterState => ({ ...emptyFilters(), ...period, ...extra });
const ms = (ts: string) => Date.parse(ts.replace(' ', 'T') + 'Z');
const inPeriod = (c: FixtureCase) => c.received_at.slice(0, 10) >= period.from && c.received_at.slice(0, 10) <= period.to;

function quantile(xs: number[], q: number): number | null {
	if (!xs.length) return null;
	const s = [...xs].sort((a, b) => a - b);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

/** product.md 2.2 by hand: the previous case of the same complainant (and unit), within the window of its receipt or closure. */
function repeatIds(cases: FixtureCase[], windowDays: number, sameUnit: boolean): Map<string, { prev: FixtureCase; afterClose: boolean }> {
	const key = (c: FixtureCase) => (sameUnit ? `${c.complainant_key}|${c.unit}` : c.complainant_key);
	const sorted = [...cases].sort((a, b) => key(a).localeCompare(key(b)) || a.received_at.localeCompare(b.received_at) || a.case_id.localeCompare(b.case_id));
	const out = new Map<string, { prev: FixtureCase; afterClose: boolean }>();
	const w = windowDays * 86400000;
	for (let i = 1; i < sorted.length; i++) {
		const c = sorted[i];
		const p = sorted[i - 1];
		if (key(p) !== key(c)) continue;
		const t = ms(c.received_at);
		const afterClose = !!p.closed_at && ms(p.closed_at) <= t;
		if (t <= ms(p.received_at) + w || (afterClose && t <= ms(p.closed_at!) + w)) out.set(c.case_id, { prev: p, afterClose });
	}
	return out;
}

type Weights = { on_time: number; satisfaction: number; not_repeat: number; not_overdue: number };

/**
 * product.md 2.3 by hand: each unit's score components over the period's cases and the fixture's compliance
 * rows, and the weighted mean of the components that exist, in percent (unrounded). Overdue open: not closed,
 * with an open-overdue result, or without any result and past its due moment (now, Shanghai wall clock).
 */
function handScores(cases: FixtureCase[], compliance: { case_id: string; rule_id: string; status: string }[], w: Weights) {
	const repeats = repeatIds(cases, 90, true);
	const nowWall = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' ');
	const out = new Map<string, { score: number | null; cases: number; satisfaction: number | null }>();
	for (const unit of new Set(cases.map((c) => c.unit))) {
		const mine = cases.filter((c) => inPeriod(c) && c.unit === unit);
		if (!mine.length) continue;
		const results = (c: FixtureCase) => compliance.filter((x) => x.case_id === c.case_id);
		const ids = new Set(mine.map((c) => c.case_id));
		const rows = compliance.filter((x) => ids.has(x.case_id));
		const met = rows.filter((x) => x.status === 'met').length;
		const breached = rows.filter((x) => x.status === 'breached').length;
		const openOverdue = rows.filter((x) => x.status === 'open-overdue').length;
		const rated = mine.filter((c) => c.satisfaction !== null && c.satisfaction.trim() !== '');
		const satisfied = rated.filter((c) => c.satisfaction === '满意' || c.satisfaction === '基本满意').length;
		const overdue = mine.filter(
			(c) => !c.closed_at && (results(c).some((x) => x.status === 'open-overdue') || (results(c).length === 0 && c.due_at < nowWall))
		).length;
		const parts: [number, number | null][] = [
			// product.md 2.0: met ÷ (met + breached + open-overdue) evaluations
			[w.on_time, met + breached + openOverdue ? met / (met + breached + openOverdue) : null],
			[w.satisfaction, rated.length ? satisfied / rated.length : null],
			[w.not_repeat, 1 - mine.filter((c) => repeats.has(c.case_id)).length / mine.length],
			[w.not_overdue, 1 - overdue / mine.length]
		];
		const den = parts.reduce((s, [wk, v]) => s + (v === null ? 0 : wk), 0);
		const num = parts.reduce((s, [wk, v]) => s + (v === null ? 0 : wk * v), 0);
		out.set(unit, { score: den ? (100 * num) / den : null, cases: mine.length, satisfaction: rated.length ? satisfied / rated.length : null });
	}
	return out;
}

describe('on the metrics fixture', () => {
	let env: Awaited<ReturnType<typeof openFixtureDb>>;
	beforeAll(async () => {
		env = await openFixtureDb();
	});
	afterAll(async () => {
		await env?.close();
	});

	it('handling time: medians and P90 in working days and hours, overall and by unit, equal the hand computation', async () => {
		const stop = (c: FixtureCase) => c.replied_at ?? c.closed_at;
		const measured = env.fixture.cases.filter((c) => inPeriod(c) && stop(c));
		const wd = (c: FixtureCase) => workDaysBetween(c.received_at.slice(0, 10), stop(c)!.slice(0, 10));
		const hours = (c: FixtureCase) => (ms(stop(c)!) - ms(c.received_at)) / 3600000;
		const specs = handlingSpecs(f(), TODAY, 'unit');
		const [k] = await runMetrics(env.db, specs.kpis, admin);
		expect(k.median_work_days).toBeCloseTo(quantile(measured.map(wd), 0.5)!, 6);
		expect(k.p90_work_days).toBeCloseTo(quantile(measured.map(wd), 0.9)!, 6);
		expect(k.median_hours).toBeCloseTo(quantile(measured.map(hours), 0.5)!, 6);
		expect(k.p90_hours).toBeCloseTo(quantile(measured.map(hours), 0.9)!, 6);
		expect(k.open).toBe(env.fixture.cases.filter((c) => inPeriod(c) && !c.closed_at).length);

		const groups = await runMetrics(env.db, specs.groups, admin);
		expect(groups.length).toBeGreaterThan(3);
		for (const g of groups) {
			const mine = measured.filter((c) => c.unit === g.unit);
			expect(g.p25_work_days, String(g.unit)).toBeCloseTo(quantile(mine.map(wd), 0.25)!, 6);
			expect(g.median_work_days, String(g.unit)).toBeCloseTo(quantile(mine.map(wd), 0.5)!, 6);
			expect(g.p90_work_days, String(g.unit)).toBeCloseTo(quantile(mine.map(wd), 0.9)!, 6);
			expect(g.p90_hours, String(g.unit)).toBeCloseTo(quantile(mine.map(hours), 0.9)!, 6);
		}
		// the histogram counts every measured case once, and a wd range filter selects exactly its bucket
		const hist = await runMetrics(env.db, specs.workDays, admin);
		// (the open cases without a stop form the null group, which the histogram leaves out)
		expect(hist.filter((r) => r.work_days !== null).reduce((s, r) => s + Number(r.cases), 0)).toBe(measured.length);
		const [three] = await runMetrics(env.db, { measures: ['cases'], filters: f({ wd: '3-5' }) }, admin);
		expect(three.cases).toBe(measured.filter((c) => wd(c) >= 3 && wd(c) < 5).length);
		const [tail] = await runMetrics(env.db, { measures: ['cases'], filters: f({ hrs: '240-' }) }, admin);
		expect(tail.cases).toBe(measured.filter((c) => hours(c) >= 240).length);
	});

	it('slowest open cases: the oldest open cases of the view, working days to now; refused to leaders; scoped for units', async () => {
		const now = '2026-01-15 10:00:00.000';
		const rows = await slowestOpen(env.db, inspector, f(), 20, now);
		const open = env.fixture.cases.filter((c) => inPeriod(c) && !c.closed_at).sort((a, b) => a.received_at.localeCompare(b.received_at));
		expect(rows.map((r) => r.case_id)).toEqual(open.slice(0, 20).map((c) => c.case_id));
		expect(rows[0].open_work_days).toBe(workDaysBetween(open[0].received_at.slice(0, 10), '2026-01-15'));
		expect(rows[0].open_hours).toBeCloseTo((ms('2026-01-15 10:00:00') - ms(open[0].received_at)) / 3600000, 6);
		await expect(slowestOpen(env.db, leader, f())).rejects.toBeInstanceOf(ForbiddenError);
		const mine = await slowestOpen(env.db, unitUser, f(), 20, now);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((r) => r.unit === UNIT)).toBe(true);
		expect(mine.map((r) => r.case_id)).toEqual(open.filter((c) => c.unit === UNIT).slice(0, 20).map((c) => c.case_id));
	});

	it('repeats: every window and scope equals the hand computation; the default equals the overview', async () => {
		const cases = env.fixture.cases;
		for (const [window, sameUnit] of [[90, true], [30, true], [365, true], [90, false], [14, false]] as const) {
			const expectedIds = repeatIds(cases, window, sameUnit);
			const inP = cases.filter(inPeriod);
			const reps = inP.filter((c) => expectedIds.has(c.case_id));
			const [s] = await repeatView(env.db, admin, 'summary', f(), { window, sameUnit }, TODAY);
			const label = `${window}/${sameUnit}`;
			expect(s.cases, label).toBe(inP.length);
			expect(s.repeats, label).toBe(reps.length);
			expect(s.complainants, label).toBe(new Set(reps.map((c) => c.complainant_key)).size);
			expect(s.after_close, label).toBe(reps.filter((c) => expectedIds.get(c.case_id)!.afterClose).length);
			const gapOf = (c: FixtureCase) => Math.round((Date.parse(c.received_at.slice(0, 10)) - Date.parse(expectedIds.get(c.case_id)!.prev.received_at.slice(0, 10))) / 86400000);
			expect(s.median_gap_days, label).toBeCloseTo(quantile(reps.map(gapOf), 0.5)!, 6);
			const gaps = await repeatView(env.db, admin, 'gaps', f(), { window, sameUnit }, TODAY);
			expect(gaps.reduce((n, r) => n + Number(r.repeats), 0), label).toBe(reps.length);
			const byUnit = await repeatView(env.db, admin, 'by_unit', f(), { window, sameUnit }, TODAY);
			for (const u of byUnit) expect(u.repeats, `${label} ${u.unit}`).toBe(reps.filter((c) => c.unit === u.unit).length);
		}
		// the overview's repeat rate (system setting, same unit) is the page's default
		const settings = await repeatSettings(env.db, admin, {});
		expect(settings).toEqual({ window: 90, sameUnit: true });
		const [s] = await repeatView(env.db, admin, 'summary', f(), settings, TODAY);
		const ov = await overviewScreen(env.db, admin, f());
		expect(s.repeat_rate).toBeCloseTo(ov.kpis.repeat_rate!, 12);
		expect(s.repeats).toBe(ov.kpis.repeats);
	});

	it('bad settings are bad input; unit users always get "same unit"', async () => {
		await expect(repeatSettings(env.db, admin, { window: '0' })).rejects.toMatchObject({ code: 'bad_window' });
		await expect(repeatSettings(env.db, admin, { window: '9999' })).rejects.toMatchObject({ code: 'bad_window' });
		await expect(repeatSettings(env.db, admin, { window: '1; DROP TABLE cases' })).rejects.toMatchObject({ code: 'bad_window' });
		await expect(repeatSettings(env.db, admin, { scope: 'all' })).rejects.toMatchObject({ code: 'bad_scope' });
		expect(await repeatSettings(env.db, unitUser, { scope: 'any', window: '30' })).toEqual({ window: 30, sameUnit: true });
		await expect(repeatView(env.db, leader, 'chains', f(), { window: 90, sameUnit: true }, TODAY)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it("a unit user's numbers equal the admin's numbers for that unit", async () => {
		const settings = { window: 90, sameUnit: true };
		const [mine] = await repeatView(env.db, unitUser, 'summary', f(), settings, TODAY);
		const [adminsView] = await repeatView(env.db, admin, 'summary', f({ units: [UNIT] }), settings, TODAY);
		expect(mine).toEqual(adminsView);
		// a unit user asking for another unit gets nothing of it
		const [other] = await repeatView(env.db, unitUser, 'summary', f({ units: ['县教育局'] }), settings, TODAY);
		expect(other.cases).toBe(0);
		const specs = handlingSpecs(f(), TODAY, 'category');
		expect(await runMetrics(env.db, specs.kpis, unitUser)).toEqual(await runMetrics(env.db, handlingSpecs(f({ units: [UNIT] }), TODAY, 'category').kpis, admin));
		expect(await runMetrics(env.db, specs.groups, unitUser)).toEqual(await runMetrics(env.db, handlingSpecs(f({ units: [UNIT] }), TODAY, 'category').groups, admin));
		const rankMine = await unitRanking(env.db, unitUser, f(), {}, TODAY);
		const rankAll = await unitRanking(env.db, admin, f(), {}, TODAY);
		expect(rankMine.map((r) => r.row)).toEqual(rankAll.filter((r) => r.row.unit === UNIT).map((r) => r.row));
		expect(await unitVisible(env.db, unitUser, UNIT)).toBe(true);
		expect(await unitVisible(env.db, unitUser, '县教育局')).toBe(false);
		expect(await unitVisible(env.db, admin, '县教育局')).toBe(true);
		expect(await unitVisible(env.db, admin, '不存在的单位')).toBe(false);
	});

	it("a unit user's 单位 filter names its own unit and offers no other (browser walk: it read 全部单位)", async () => {
		const mine = await filterOptions(env.db, unitUser);
		expect(mine.own).toEqual([UNIT]);
		expect(mine.units.map((u) => u.name)).toEqual([UNIT]);
		expect(ui.unitFilterValue([], mine.own)).toBe('本单位：县住房和城乡建设局');
		expect(ui.unitFilterValue([UNIT], mine.own)).toBe('本单位：县住房和城乡建设局');
		const all = await filterOptions(env.db, admin);
		expect(all.own).toBeNull();
		expect(all.units.length).toBe(new Set(env.fixture.cases.map((c) => c.unit)).size);
		expect(ui.unitFilterValue([], all.own)).toBe('全部单位');
		expect(ui.unitFilterValue(['县教育局', UNIT], all.own)).toBe('已选 2 个单位');
	});

	it('the ranking at default weights gives the overview its best and worst five; weights re-rank', async () => {
		const ranking = await unitRanking(env.db, admin, f(), {}, TODAY);
		const ov = await overviewScreen(env.db, admin, f());
		// the overview lists the 红榜 and 黑榜 of every group, ordered by score across the groups
		const byScore = (list: 'red' | 'black') =>
			ranking
				.filter((r) => r.list === list)
				.sort((a, b) => (list === 'red' ? 1 : -1) * (Number(b.row.score) - Number(a.row.score)) || String(a.row.unit).localeCompare(String(b.row.unit)) * (list === 'red' ? 1 : -1))
				.map((r) => r.row.unit);
		expect(byScore('red')).toEqual(ov.best.map((r) => r.unit));
		expect(byScore('black')).toEqual(ov.worst.map((r) => r.unit));
		for (const b of ov.best.concat(ov.worst)) expect(b.score, String(b.unit)).toBe(ranking.find((r) => r.row.unit === b.unit)!.row.score);
		// every unit's score by hand at the default weights (rounded to one decimal by the product)
		const { cases: all, compliance: results } = env.fixture;
		const hand = handScores(all, results, { on_time: 0.4, satisfaction: 0.3, not_repeat: 0.15, not_overdue: 0.15 });
		expect(ranking.map((r) => r.row.unit).sort()).toEqual([...hand.keys()].sort());
		for (const r of ranking) {
			const h = hand.get(String(r.row.unit))!;
			expect(h.score, String(r.row.unit)).not.toBeNull();
			expect(Math.abs(Number(r.row.score) - h.score!), String(r.row.unit)).toBeLessThanOrEqual(0.05 + 1e-9);
		}
		// ranked by that score among units with at least 10 cases; the best five are the 红榜
		// (within each group of the fixture's units: ranks are per group)
		for (const group of new Set(UNITS.map(([, g]) => g))) {
			const inGroup = new Set(UNITS.filter(([, g]) => g === group).map(([u]) => u));
			const order = [...hand.entries()]
				.filter(([u, h]) => inGroup.has(u) && h.cases >= 10 && h.score !== null)
				.sort((a, b) => b[1].score! - a[1].score! || a[0].localeCompare(b[0]))
				.map(([u]) => u);
			const mine = ranking.filter((r) => inGroup.has(String(r.row.unit)));
			expect(mine.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!).map((r) => r.row.unit), group).toEqual(order);
			expect(mine.filter((r) => r.list === 'red').map((r) => r.row.unit).sort(), group).toEqual(order.slice(0, 5).sort());
		}
		// satisfaction alone: the score is the hand-counted satisfaction rate in percent
		const sat = await unitRanking(env.db, admin, f(), { on_time: 0, satisfaction: 100, not_repeat: 0, not_overdue: 0 }, TODAY);
		const handSat = handScores(all, results, { on_time: 0, satisfaction: 1, not_repeat: 0, not_overdue: 0 });
		for (const r of sat) {
			const h = handSat.get(String(r.row.unit))!;
			expect(h.satisfaction, String(r.row.unit)).not.toBeNull();
			expect(Math.abs(Number(r.row.score) - 100 * h.satisfaction!), String(r.row.unit)).toBeLessThanOrEqual(0.05 + 1e-9);
		}
		// accepted / closed on time by hand from the fixture's compliance rows
		const { cases, compliance } = env.fixture;
		for (const r of ranking) {
			const ids = new Set(cases.filter((c) => inPeriod(c) && c.unit === r.row.unit).map((c) => c.case_id));
			const acc = compliance.filter((x) => ids.has(x.case_id) && x.rule_id === 'accept-decision');
			const rep = compliance.filter((x) => ids.has(x.case_id) && x.rule_id !== 'accept-decision' && x.status !== 'open-within');
			expect(r.row.accepted_on_time_rate).toBeCloseTo(acc.filter((x) => x.status === 'met').length / acc.length, 12);
			expect(r.row.closed_on_time_rate).toBeCloseTo(rep.filter((x) => x.status === 'met').length / rep.length, 12);
		}
	});
});

describe('chains and content similarity on a hand-made fixture', () => {
	let db: Database;
	let dir: string;
	let dbPath: string;
	// complainant K1: A on 1 Mar, A again on 11 Mar (same matter), B on 20 Mar, A on 1 Oct (outside 90 days);
	// K2: A on 5 Mar and A on 1 Apr (different matter, after the first was closed).
	const rows: [string, string, string, string, string | null, string][] = [
		['R1', '2025-03-01 09:00:00', 'K1', '甲局', '2025-03-05 09:00:00', '反映甲局办理营业执照拖延两个月，联系电话13912345678'],
		['R2', '2025-03-11 09:00:00', 'K1', '甲局', null, '再次反映甲局办理营业执照拖延两个月仍未办结'],
		['R3', '2025-03-20 09:00:00', 'K1', '乙镇', '2025-03-25 09:00:00', '乙镇低保评定不公开'],
		['R4', '2025-10-01 09:00:00', 'K1', '甲局', null, '甲局窗口人员态度恶劣'],
		['R5', '2025-03-05 09:00:00', 'K2', '甲局', '2025-03-06 09:00:00', '甲局收费不开发票'],
		['R6', '2025-04-01 09:00:00', 'K2', '甲局', null, '甲局办事大厅排队时间太长']
	];
	const filters = { ...emptyFilters(), from: '2025-01-01', to: '2025-12-31' };
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-chains-'));
		dbPath = path.join(dir, 'c.duckdb');
		db = await getDb(dbPath);
		await db.run(`INSERT INTO import_batches (file_name, started_at, status) VALUES ('chains', TIMESTAMP '2026-01-01 00:00:00', 'committed')`);
		for (const [id, at, key, unit, closed, content] of rows) {
			await db.run(
				`INSERT INTO cases (case_id, received_at, complainant_key, unit, closed_at, content, row_hash, first_batch_id, batch_id)
				 VALUES ($id, $at::TIMESTAMP, $key, $unit, $closed::TIMESTAMP, $content, md5($id), 1, 1)`,
				{ id, at, key, unit, closed, content }
			);
		}
		// the redacted copy the import writes beside the text (cases inserted directly here)
		await db.run(`UPDATE cases SET content_redacted = ${redactSql('content')}`);
		await refreshRollups(db);
	});
	afterAll(async () => {
		await closeDb(dbPath);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('bigram Jaccard over Han characters only', async () => {
		expect(await contentSimilarity(db, '甲乙丙丁', '乙丙丁戊')).toBeCloseTo(2 / 4, 12);
		expect(await contentSimilarity(db, '甲乙，丙丁 123', '甲乙丙丁abc')).toBe(1);
		expect(await contentSimilarity(db, '甲乙丙', '丁戊己')).toBe(0);
		expect(await contentSimilarity(db, '12345', '甲乙')).toBeNull();
	});

	it('links, gaps, after-close repeats and the 内容相似 marker; identity masked', async () => {
		const chains = await repeatView(db, inspector, 'chains', filters, { window: 90, sameUnit: true }, TODAY);
		// same unit: K1@甲局 (R1, R2, R4: R2 a repeat), K2@甲局 (R5, R6: a repeat after closure)
		const byId = new Map(chains.map((r) => [r.case_id, r]));
		expect([...byId.keys()].sort()).toEqual(['R1', 'R2', 'R4', 'R5', 'R6']);
		// R2 came 10 days after R1 and after R1 was closed: a repeat, and one after closure
		expect(byId.get('R2')).toMatchObject({ is_repeat: 1, gap_days: 10, similar: 1, after_close: 1 });
		expect(byId.get('R4')).toMatchObject({ is_repeat: 0, gap_days: 204 });
		expect(byId.get('R6')).toMatchObject({ is_repeat: 1, gap_days: 27, similar: 0, after_close: 1 });
		expect(byId.get('R1')).toMatchObject({ gap_days: null, similarity: null });
		expect(Number(byId.get('R2')!.similarity)).toBeGreaterThan(0.5);
		for (const r of chains) {
			expect(r.complainant).toMatch(/^投诉人#[0-9A-F]{6}$/);
			expect(JSON.stringify(r)).not.toMatch(/K1|K2/);
		}
		expect(byId.get('R1')!.complainant).toBe(byId.get('R2')!.complainant);
		expect(byId.get('R1')!.complainant).not.toBe(byId.get('R5')!.complainant);
		// the stable pseudonym is shown to inspectors (and the same on every request)
		const again = await repeatView(db, inspector, 'chains', filters, { window: 90, sameUnit: true }, TODAY);
		expect(again.map((r) => r.complainant)).toEqual(chains.map((r) => r.complainant));

		// any unit: R3 (乙镇, 9 days after R2) joins K1's chain
		const any = await repeatView(db, inspector, 'chains', filters, { window: 90, sameUnit: false }, TODAY);
		expect(any.find((r) => r.case_id === 'R3')).toMatchObject({ is_repeat: 1, gap_days: 9 });
		const [s] = await repeatView(db, admin, 'summary', filters, { window: 90, sameUnit: false }, TODAY);
		expect(s).toMatchObject({ cases: 6, repeats: 3, complainants: 2, after_close: 2 });
		// a 5-day window keeps only the repeat after closure (R6 is 26 days after R5 closed: not even that)
		const [w5] = await repeatView(db, admin, 'summary', filters, { window: 5, sameUnit: true }, TODAY);
		expect(w5.repeats).toBe(0);
		const [w30] = await repeatView(db, admin, 'summary', filters, { window: 30, sameUnit: true }, TODAY);
		expect(w30.repeats).toBe(2);
	});

	it('compares a link with its previous case even when that case lies outside the view', async () => {
		// from 10 March: R1 (1 March) is outside the view, R2's similarity still compares R2 with R1's text
		const later = { ...filters, from: '2025-03-10' };
		const chains = await repeatView(db, inspector, 'chains', later, { window: 90, sameUnit: true }, TODAY);
		const r2 = chains.find((r) => r.case_id === 'R2');
		expect(chains.find((r) => r.case_id === 'R1')).toBeUndefined();
		const expected = await contentSimilarity(db, rows[0][5], rows[1][5]);
		expect(expected).toBeGreaterThan(0.5);
		expect(r2).toMatchObject({ is_repeat: 1, gap_days: 10, similar: 1 });
		expect(Number(r2!.similarity)).toBeCloseTo(expected!, 12);
		expect(r2!.content).toBe(rows[1][5]);
	});

	it('unit users: their unit only, a fresh pseudonym per response; without the PII grant, numbers redacted in content', async () => {
		const jia: SessionUser = { ...unitUser, units: ['甲局'] };
		const a = await repeatView(db, jia, 'chains', filters, { window: 90, sameUnit: true }, TODAY);
		const b = await repeatView(db, jia, 'chains', filters, { window: 90, sameUnit: true }, TODAY);
		expect(a.every((r) => r.unit === '甲局')).toBe(true);
		expect(a.map((r) => r.case_id)).toEqual(b.map((r) => r.case_id));
		expect(a.map((r) => r.complainant)).not.toEqual(b.map((r) => r.complainant));
		const stable = await repeatView(db, inspector, 'chains', filters, { window: 90, sameUnit: true }, TODAY);
		expect(new Set(a.map((r) => r.complainant)).size).toBe(2);
		for (const r of a) expect(stable.map((x) => x.complainant)).not.toContain(r.complainant);
		expect(String(a.find((r) => r.case_id === 'R1')!.content)).toBe('反映甲局办理营业执照拖延两个月，联系电话［号码］');
		expect(String(stable.find((r) => r.case_id === 'R1')!.content)).toBe('反映甲局办理营业执照拖延两个月，联系电话［号码］');
		const withPii = await repeatView(db, admin, 'chains', filters, { window: 90, sameUnit: true }, TODAY);
		expect(String(withPii.find((r) => r.case_id === 'R1')!.content)).toContain('13912345678');
		// the similarity is one number for every role
		expect(a.find((r) => r.case_id === 'R2')!.similarity).toBe(withPii.find((r) => r.case_id === 'R2')!.similarity);
		const yi: SessionUser = { ...unitUser, units: ['乙镇'] };
		expect(await repeatView(db, yi, 'chains', filters, { window: 90, sameUnit: true }, TODAY)).toEqual([]);
	});
});

// The consistency oracle (issue 12): for random periods (months of 28–31 days, quarters, years, free ranges, the
// running month), filters and roles, every surface that shows one of the shared figures must show the same
// number: `figures`, the overview, the units ranking and a unit's own rank, the compliance summary, the CSV
// export's row count, the bulletin and the appraisal; and every ranking surface (overview 红榜/黑榜, 单位效能, the
// bulletin's table 3) the scheme's one ranking. The case count is also recounted by hand-written SQL over
// the raw cases table, so that a mistake shared by every surface still fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { listValue } from '@duckdb/node-api';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { figures, type Figures } from '../../src/lib/server/metrics/figures.ts';
import { overview } from '../../src/lib/server/metrics/overview.ts';
import { unitRanking } from '../../src/lib/server/metrics/units.ts';
import { exportCasesCsv } from '../../src/lib/server/metrics/cases.ts';
import { runMetrics } from '../../src/lib/server/metrics/index.ts';
import { complianceSummary } from '../../src/lib/server/metrics/compliance.ts';
import { appraisal } from '../../src/lib/server/appraisal/appraisal.ts';
import { bulletinData } from '../../src/lib/server/reports/bulletin.ts';
import { bulletinHtml } from '../../src/lib/server/reports/html.ts';
import { duplicateGroups, hotspotRises, hotspotTerms } from '../../src/lib/server/hotspots/views.ts';
import { ensureHotspots } from '../../src/lib/server/hotspots/build.ts';
import { parseFilters } from '../../src/lib/model/filters.ts';
import { defaultPackName } from '../../src/lib/server/settings.ts';
import { shanghaiToday } from '../../src/lib/server/time.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import { cli } from '../helpers/app.ts';
import { loadPack } from '../../src/lib/server/compliance/index.ts';
import { loadScheme, SCHEMES_DIR } from '../../src/lib/server/appraisal/scheme.ts';
import { overviewScreen } from '../../src/lib/server/screens/overview.ts';
import { approve, propose, withdraw, yearFlags } from '../../src/lib/server/appraisal/review.ts';
import { nearlyList } from '../../src/lib/server/metrics/nearly.ts';
import { ensureFacts } from '../../src/lib/server/metrics/facts.ts';
import { handlingSpecs, UNIT_COLUMNS, unitPageSpecs, unitRankingSpec } from '../../src/lib/model/dashboards.ts';
import { DEFAULT_SCORE_WEIGHTS } from '../../src/lib/server/metrics/catalog.ts';
import { repeatSettings, repeatView } from '../../src/lib/server/metrics/repeats.ts';
import { effectivePeriod } from '../../src/lib/server/metrics/overview.ts';
import { unitsScreen } from '../../src/lib/server/screens/units.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const leader: SessionUser = { userId: 3, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
const inspector: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };

let dir: string;
let dbPath: string;
let db: Database;
let units: string[];
let unitUser: SessionUser;
let categories: string[];
let channels: string[];
let modes: string[];
let subCategories: string[];
const today = shanghaiToday();

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oracle-'));
	dbPath = path.join(dir, 'app.duckdb');
	cli(['demo', '--rows', '3000', '--seed', '11', '--db', dbPath]);
	db = await getDb(dbPath);
	const ranked = await db.query<{ unit: string }>('SELECT unit FROM cases GROUP BY unit HAVING count(*) >= 30 ORDER BY count(*) DESC, unit');
	units = ranked.map((r) => r.unit);
	unitUser = { userId: 5, name: 'unit', displayName: null, role: 'unit', units: [units[3]], pii: false };
	const values = async (col: string) =>
		(await db.query<{ v: string }>(`SELECT ${col} AS v FROM cases WHERE nullif(trim(${col}), '') IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 4`)).map((r) => r.v);
	categories = await values('category');
	channels = await values('channel');
	modes = await values('handling_mode');
	subCategories = await values('sub_category');
}, 600_000);

afterAll(async () => {
	await closeDb(dbPath);
	fs.rmSync(dir, { recursive: true, force: true });
});

interface Period {
	kind: string;
	from: string;
	to: string;
}
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const ymd = (y: number, m: number, d: number) => iso(Date.UTC(y, m - 1, d));
const todayMs = Date.parse(today + 'T00:00:00Z');

const monthArb = fc.record({ y: fc.integer({ min: 2024, max: 2026 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }): Period => {
	const to = ymd(y, m + 1, 0);
	return { kind: 'month', from: ymd(y, m, 1), to: to > today ? today : to };
});
const quarterArb = fc.record({ y: fc.integer({ min: 2024, max: 2026 }), q: fc.integer({ min: 0, max: 3 }) }).map(({ y, q }): Period => {
	const to = ymd(y, 3 * q + 4, 0);
	return { kind: 'quarter', from: ymd(y, 3 * q + 1, 1), to: to > today ? today : to };
});
const yearArb = fc.integer({ min: 2024, max: 2026 }).map((y): Period => ({ kind: 'year', from: `${y}-01-01`, to: `${y}-12-31` > today ? today : `${y}-12-31` }));
const freeArb = fc.record({ back: fc.integer({ min: 0, max: 900 }), len: fc.integer({ min: 1, max: 200 }) }).map(({ back, len }): Period => {
	const from = iso(todayMs - (back + len) * 86400000);
	const to = iso(Math.min(todayMs, Date.parse(from + 'T00:00:00Z') + (len - 1) * 86400000));
	return { kind: 'free', from, to };
});
const runningArb = fc.constant<Period>({ kind: 'running', from: today.slice(0, 8) + '01', to: today });
const periodArb = fc.oneof(monthArb, quarterArb, yearArb, freeArb, runningArb);

/** A filter on at most one of category, sub-category, channel and mode (indexes into the data's most common values). */
const filterArb = fc.record({ dim: fc.constantFrom('none', 'none', 'category', 'sub_category', 'channel', 'mode'), i: fc.integer({ min: 0, max: 3 }) });
function filtersOf(p: Period, f: { dim: string; i: number }): FilterState {
	const base = { ...emptyFilters(), from: p.from, to: p.to };
	if (f.dim === 'category') return { ...base, category: [categories[f.i % categories.length]] };
	if (f.dim === 'sub_category') return { ...base, sub_category: [subCategories[f.i % subCategories.length]] };
	if (f.dim === 'channel') return { ...base, channel: [channels[f.i % channels.length]] };
	if (f.dim === 'mode') return { ...base, mode: [modes[f.i % modes.length]] };
	return base;
}

const SHARED = ['cases', 'on_time_rate', 'overdue_open', 'no_data', 'satisfaction_rate', 'repeat_rate'] as const;
const close = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === (b ?? null) || (a != null && b != null && Math.abs(a - b) < 1e-9);
function expectSame(label: string, a: object, b: object, keys: readonly string[] = SHARED) {
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	for (const k of keys) expect(close(x[k] as number | null, y[k] as number | null), `${label}: ${k} ${x[k]} ≠ ${y[k]}`).toBe(true);
}

/** Cases in the period under the filters, counted by hand-written SQL over the raw table (independent of case_facts). */
async function casesBySql(f: FilterState, unit?: string): Promise<number> {
	const blank = (col: string) => `coalesce(nullif(trim(${col}), ''), '未填写')`;
	const row = await db.queryOne<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM cases WHERE received_at::DATE BETWEEN $from::DATE AND $to::DATE
			AND ($unit IS NULL OR unit = $unit)
			AND ($category IS NULL OR ${blank('category')} = $category)
			AND ($sub_category IS NULL OR ${blank('sub_category')} = $sub_category)
			AND ($channel IS NULL OR ${blank('channel')} = $channel)
			AND ($mode IS NULL OR ${blank('handling_mode')} = $mode)`,
		{ from: f.from!, to: f.to!, unit: unit ?? null, category: f.category[0] ?? null, sub_category: f.sub_category[0] ?? null, channel: f.channel[0] ?? null, mode: f.mode[0] ?? null }
	);
	return Number(row?.n ?? 0);
}

async function csvRows(user: SessionUser, f: FilterState): Promise<number> {
	const text = await new Response(await exportCasesCsv(db, user, f)).text();
	return Papa.parse(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data.length;
}

/** Every surface of one period, filter and role, against `figures`. */
async function checkSurfaces(p: Period, fArb: { dim: string; i: number }, user: SessionUser, unit?: string) {
	const f = filtersOf(p, fArb);
	const scoped: FilterState = unit ? { ...f, units: [unit] } : f;
	const label = `${user.role} ${p.kind} ${p.from}..${p.to} ${fArb.dim}${unit ? ' ' + unit : ''}`;
	const fig: Figures = await figures(db, user, { from: p.from, to: p.to, unit, filters: f });
	// the case count recounted by hand
	expect(fig.cases, `${label}: cases by SQL`).toBe(await casesBySql(f, unit ?? (user.role === 'unit' ? user.units[0] : undefined)));
	// the overview (and the unit page, which is the overview of one unit)
	const o = await overview(db, user, scoped, { charts: false });
	expect({ from: o.period.from, to: o.period.to }, label).toEqual({ from: fig.from, to: fig.to });
	expectSame(`${label} overview`, o.kpis, fig);
	expectSame(`${label} overview previous`, o.kpisPrevious, fig.previous);
	expectSame(`${label} overview last year`, o.kpisLastYear, fig.last_year);
	expect(o.previous, label).toEqual({ from: fig.previous.from, to: fig.previous.to });
	expect(o.lastYear, label).toEqual({ from: fig.last_year.from, to: fig.last_year.to });
	// the units ranking: the unit's row says what figures says of it, and the same rank
	if (unit && user.role !== 'unit') {
		const ranking = await unitRanking(db, user, f, undefined, today);
		const mine = ranking.find((r) => r.row.unit === unit);
		if ((fig.cases ?? 0) > 0) {
			expect(mine, `${label}: unit in ranking`).toBeDefined();
			expectSame(`${label} ranking row`, mine!.row as Record<string, unknown>, fig, ['cases', 'on_time_rate', 'overdue_open', 'satisfaction_rate', 'repeat_rate']);
			expect(mine!.rank ?? null, `${label}: rank`).toBe(fig.rank ?? null);
		}
	}
	// 单位效能's own table (the page's query through the metrics API, unitRankingSpec, every UNIT_COLUMNS column): the
	// unit's 按时办理率 and the other shared numbers are the overview's of that unit for the same period, for a unit
	// user's own row too
	if (unit) {
		const [pageRow] = (await runMetrics(db, unitRankingSpec(f, today, DEFAULT_SCORE_WEIGHTS), user)).filter((r) => r.unit === unit);
		for (const c of UNIT_COLUMNS) expect(unitRankingSpec(f, today, DEFAULT_SCORE_WEIGHTS).measures, `${label}: column ${c.key} queried`).toContain(c.key);
		expect(UNIT_COLUMNS.map((c) => c.key), `${label}: 单位效能 shows 按时办理率`).toContain('on_time_rate');
		if (o.kpis.cases) {
			expect(pageRow, `${label}: unit on 单位效能`).toBeDefined();
			expectSame(`${label} 单位效能 row vs overview of the unit`, pageRow, o.kpis, ['cases', 'on_time_rate', 'overdue_open', 'satisfaction_rate', 'repeat_rate']);
		}
	}
	// the compliance summary (inspector and unit user; it filters by unit and period only)
	if (fArb.dim === 'none' && (user.role === 'inspector' || user.role === 'unit' || user.role === 'admin')) {
		const s = await complianceSummary(db, user, await defaultPackName(db), { from: p.from, to: p.to, unit });
		const t = s.totals as Record<string, number>;
		const den = t.met + t.breached + t.open_overdue;
		expect(close(den ? t.met / den : null, fig.on_time_rate), `${label}: compliance on-time ${t.met}/${den} vs ${fig.on_time_rate}`).toBe(true);
		if ('no_data' in t) expect(t.no_data, `${label}: compliance no-data`).toBe(fig.no_data);
	}
	// the CSV export of the same filter
	if (user.role === 'inspector' || user.role === 'unit') expect(await csvRows(user, scoped), `${label}: CSV rows`).toBe(fig.cases);
	return fig;
}

describe('one truth for every number', () => {
	it('every surface shows the figures of `figures`, for random periods, filters and roles', async () => {
		await fc.assert(
			fc.asyncProperty(periodArb, filterArb, fc.constantFrom('leader', 'inspector', 'unit', 'admin'), fc.nat(), async (p, f, role, k) => {
				const user = { leader, inspector, admin, unit: unitUser }[role];
				const unit = role === 'unit' ? unitUser.units[0] : k % 3 === 0 ? units[k % units.length] : undefined;
				await checkSurfaces(p, f, user, unit);
			}),
			{ numRuns: 14, seed: 1212 }
		);
	}, 1_800_000);

	it('二级分类: every chart grouping by sub-category (overview, handling, repeats) shows the counts of hand-written SQL, and under each category they sum to its count', async () => {
		let compared = 0;
		for (const p of [
			{ from: '2025-01-01', to: '2025-12-31' },
			{ from: `${today.slice(0, 8)}01`, to: today }
		]) {
			for (const user of [leader, unitUser, admin]) {
				const label = `二级分类 ${p.from}..${p.to} ${user.role}`;
				const base: FilterState = { ...emptyFilters(), ...p };
				// the raw table, grouped by hand: (category, sub-category) → cases, in the user's scope
				const hand = await db.query<{ category: string; sub_category: string; n: number }>(
					`SELECT coalesce(nullif(trim(category), ''), '未填写') AS category, coalesce(nullif(trim(sub_category), ''), '未填写') AS sub_category, count(*)::INTEGER AS n
					 FROM cases WHERE received_at::DATE BETWEEN $1::DATE AND $2::DATE ${user.role === 'unit' ? 'AND list_contains($3::VARCHAR[], unit)' : ''} GROUP BY 1, 2`,
					user.role === 'unit' ? [p.from, p.to, listValue(user.units)] : [p.from, p.to]
				);
				const o = await overview(db, user, base, { charts: true });
				const repeatSet = await repeatSettings(db, user, {});
				for (const cat of o.byCategory) {
					const category = String(cat.category);
					const expected = new Map(hand.filter((h) => h.category === category).map((h) => [h.sub_category, Number(h.n)]));
					const sum = [...expected.values()].reduce((a, b) => a + b, 0);
					expect(Number(cat.cases), `${label} ${category}: category bar vs SQL`).toBe(sum);
					const f = { ...base, category: [category] };
					// a chosen 一级分类 shows its 二级分类 on the overview, the handling page and the repeats page
					const ov = (await overview(db, user, f, { charts: true, categoryLevel: 'sub_category' })).byCategory;
					const handling = await runMetrics(db, handlingSpecs(f, today, 'sub_category').groups, user);
					const repeats = await repeatView(db, user, 'by_sub_category', f, repeatSet, today);
					for (const [surface, rows] of [['overview', ov], ['handling', handling], ['repeats', repeats]] as const) {
						const got = new Map(rows.map((r) => [String(r.sub_category), Number(r.cases)]));
						expect(got, `${label} ${category}: ${surface} by 二级分类`).toEqual(expected);
						expect([...got.values()].reduce((a, b) => a + b, 0), `${label} ${category}: ${surface} sums to the category`).toBe(Number(cat.cases));
					}
					// drilling a sub-category: the figures and the case export under that filter count the same cases
					const [sub, n] = [...expected.entries()][0];
					const fig = await figures(db, user, { ...p, filters: { ...f, sub_category: [sub] } });
					expect(fig.cases, `${label} ${category}/${sub}: figures`).toBe(n);
					if (user.role !== 'leader') expect(await csvRows(user, { ...f, sub_category: [sub] }), `${label} ${category}/${sub}: CSV rows`).toBe(n);
					compared += expected.size;
				}
			}
		}
		expect(compared, 'the demo has sub-categories to compare').toBeGreaterThan(20);
	}, 600_000);

	it('the bulletin of a calendar month shows the figures of that month', async () => {
		for (const month of ['2025-02', '2025-11', '2026-10', '2026-11']) {
			const [y, m] = month.split('-').map(Number);
			const p = { from: `${month}-01`, to: ymd(y, m + 1, 0) };
			for (const user of [leader, inspector]) {
				const fig = await figures(db, user, p);
				const b = await bulletinData(db, user, { month });
				expectSame(`bulletin ${month} ${user.role}`, b.totals as unknown as Record<string, unknown>, fig, ['cases', 'on_time_rate', 'overdue_open', 'satisfaction_rate', 'repeat_rate']);
			}
		}
	}, 600_000);

	it('集中诉求占比: the 热点诉求 API and the metrics layer show the same share, recounted by an independent grouping over the raw cases', async () => {
		// The rule of issue 16 written out again here (not group.ts): over the whole corpus, per unit in order of receipt,
		// a case not yet grouped seeds a group; a later case of its unit within 30 days whose signature differs from the
		// seed's in at most 16 bits and whose places agree (one's places all among the other's) joins it. A group with
		// two or more complainants is 集中诉求.
		await ensureHotspots(db);
		const sigs = await db.query<{ case_id: string; unit: string; d: number; sig: string; places: string; who: string; day: string }>(
			`SELECT x.case_id, c.unit, (x.received_date - DATE '1970-01-01')::INTEGER AS d, x.sig::VARCHAR AS sig, x.places, coalesce(c.complainant_key, '') AS who,
				c.received_at::DATE::VARCHAR AS day
			 FROM case_text_sig x JOIN cases c ON c.case_id = x.case_id WHERE x.n_terms >= 3 ORDER BY c.received_at, x.case_id`
		);
		const bits = (x: bigint) => x.toString(2).split('').filter((ch) => ch === '1').length;
		const concentrated = new Set<string>();
		const byUnit = new Map<string, typeof sigs>();
		for (const r of sigs) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
		for (const list of byUnit.values()) {
			const taken = new Set<number>();
			for (let i = 0; i < list.length; i++) {
				if (taken.has(i)) continue;
				taken.add(i);
				const seed = list[i];
				const sp = seed.places ? seed.places.split('|') : [];
				const members = [seed];
				for (let j = i + 1; j < list.length && Number(list[j].d) - Number(seed.d) <= 30; j++) {
					if (taken.has(j)) continue;
					const p = list[j].places ? list[j].places.split('|') : [];
					const [small, large] = sp.length <= p.length ? [sp, p] : [p, sp];
					if (bits(BigInt(seed.sig) ^ BigInt(list[j].sig)) <= 16 && small.every((x) => large.includes(x))) {
						taken.add(j);
						members.push(list[j]);
					}
				}
				if (new Set(members.map((m) => m.who).filter((w) => w !== '')).size >= 2) for (const m of members) concentrated.add(m.case_id);
			}
		}
		expect(concentrated.size, 'the demo has 集中诉求').toBeGreaterThan(0);
		const all = await db.query<{ case_id: string; unit: string; day: string }>(`SELECT case_id, unit, received_at::DATE::VARCHAR AS day FROM cases`);
		let nonZero = 0;
		for (const month of ['2026-09', '2026-10', '2026-11']) {
			const [y, m] = month.split('-').map(Number);
			const p = { from: `${month}-01`, to: ymd(y, m + 1, 0) };
			for (const user of [leader, inspector, unitUser]) {
				const label = `集中诉求占比 ${month} ${user.role}`;
				const api = await duplicateGroups(db, user, parseFilters(new URLSearchParams(p)));
				const [k] = await runMetrics(db, { measures: ['concentrated_rate'], filters: { ...emptyFilters(), ...p } }, user);
				const mine = all.filter((c) => c.day >= p.from && c.day <= p.to && (user.role !== 'unit' || user.units.includes(c.unit)));
				const hand = mine.length ? mine.filter((c) => concentrated.has(c.case_id)).length / mine.length : null;
				expect(api.concentrated_rate, label).toBe(k.concentrated_rate === null ? null : Number(k.concentrated_rate));
				expect(close(api.concentrated_rate, hand), `${label}: ${api.concentrated_rate} vs by hand ${hand}`).toBe(true);
				if (hand) nonZero++;
			}
		}
		expect(nonZero).toBeGreaterThan(0);
	}, 600_000);

	it('the bulletin’s 热点诉求 shows the 热点诉求 API’s terms, rises and duplicate groups for the same month and scope', async () => {
		// the API route parses its query string into filters and calls these three functions (routes/api/metrics/hotspots)
		const api = async (user: SessionUser, q: Record<string, string>) => {
			const filters = parseFilters(new URLSearchParams(q));
			return { terms: await hotspotTerms(db, user, filters), rises: await hotspotRises(db, user, filters, 'month'), dups: await duplicateGroups(db, user, filters) };
		};
		let seen = 0;
		for (const month of ['2026-10', '2026-11']) {
			const [y, m] = month.split('-').map(Number);
			const p = { from: `${month}-01`, to: ymd(y, m + 1, 0) };
			for (const user of [leader, inspector, unitUser]) {
				const b = (await bulletinData(db, user, { month })).hotspots!;
				const a = await api(user, p);
				const label = `热点诉求 ${month} ${user.role}`;
				expect(b.total, label).toBe(a.terms.total);
				expect(b.terms, label).toEqual(a.terms.rows.slice(0, 5).map(({ term, label, cases, share, prev_cases, change }) => ({ term, label, cases, share, prev_cases, change })));
				expect(b.rises, label).toEqual(a.rises.rows.slice(0, 3).map(({ kind, item, count, expected, ratio }) => ({ kind, item, count, expected, ratio })));
				expect(b.grouped_cases, label).toBe(a.dups.grouped_cases);
				expect(b.groups, label).toEqual(a.dups.rows.slice(0, 3).map(({ group_no, kind, cases, complainants, units, first_at, last_at }) => ({ group_no, kind, cases, complainants, units, first_at, last_at })));
				// the total is the month's case count of the metrics layer, recounted by hand over the raw cases
				const scope = user.role === 'unit' ? user.units : units;
				const hand = await db.queryOne<{ n: number }>(
					`SELECT count(*)::INTEGER AS n FROM cases WHERE received_at::DATE BETWEEN $1::DATE AND $2::DATE ${user.role === 'unit' ? 'AND list_contains($3::VARCHAR[], unit)' : ''}`,
					user.role === 'unit' ? [p.from, p.to, listValue(scope)] : [p.from, p.to]
				);
				expect(b.total, label).toBe(Number(hand?.n));
				// a unit user sees only its unit's groups, and no term carries a digit (phone, ID number)
				if (user.role === 'unit') for (const g of b.groups) expect(g.units, label).toBe(user.units[0]);
				for (const t of b.terms) expect(t.term, label).not.toMatch(/[0-9０-９]/);
				// the rendered bulletin (page, PDF) prints these figures
				const html = bulletinHtml(await bulletinData(db, user, { month }));
				for (const t of b.terms) expect(html, label).toContain(`“${t.label}”（${t.cases.toLocaleString('zh-CN')}件`);
				seen += b.terms.length + b.groups.length;
			}
		}
		expect(seen).toBeGreaterThan(0);
	}, 600_000);

	it('the appraisal of a year counts, before any review, the cases and breaches of the metrics layer, and after it the approved findings', async () => {
		const pack = await defaultPackName(db);
		for (const year of [2025, 2026]) {
			const p = { from: `${year}-01-01`, to: `${year}-12-31` > today ? today : `${year}-12-31` };
			const a = await appraisal(db, inspector, { year, pack, evidence: false });
			const byUnit = await runMetrics(db, { measures: ['cases', 'breached_evaluations'], dimensions: ['unit'], filters: { ...emptyFilters(), ...p } }, inspector);
			for (const r of byUnit) {
				const row = a.rows.find((x) => x.unit === r.unit);
				expect(row, `appraisal ${year} ${r.unit}`).toBeDefined();
				expect(row!.cases, `appraisal ${year} ${r.unit} cases`).toBe(r.cases);
				expect(row!.breaches, `appraisal ${year} ${r.unit} breaches`).toBe(r.breached_evaluations);
				// before any review nothing is confirmed: every flag is pending
				expect(row!.confirmed, `appraisal ${year} ${r.unit} confirmed`).toBe(0);
				expect(row!.pending, `appraisal ${year} ${r.unit} pending`).toBe(row!.findings);
			}
		}
		// after a review: what the appraisal counts is exactly the approved findings, recounted by SQL
		const unit = units[0];
		const flags = (await yearFlags(db, inspector, loadPack(pack), 2025, { unit })).filter((f) => f.kind !== null).slice(0, 3);
		expect(flags.length, 'the demo has flags to review').toBe(3);
		const scheme = loadScheme();
		const found = await propose(db, inspector, loadPack(pack), scheme, 2025, { items: flags.slice(0, 2), decision: 'finding', measure: '批评教育' });
		const exempt = await propose(db, inspector, loadPack(pack), scheme, 2025, { items: flags.slice(2), decision: 'exempt', reason: scheme.exemptions[0].reason });
		await approve(db, leader, [...found, ...exempt], '县纪〔2026〕9号');
		const bySql = await db.queryOne<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM findings d JOIN cases c USING (case_id)
			 WHERE d.pack = $pack AND d.state = 'approved' AND d.decision = 'finding' AND c.unit = $unit AND year(c.received_at) = 2025`,
			{ pack, unit }
		);
		const after = (await appraisal(db, inspector, { year: 2025, pack, evidence: false })).rows.find((x) => x.unit === unit)!;
		expect(after.confirmed).toBe(Number(bySql!.n));
		expect(after.confirmed).toBe(2);
		// the three reviewed flags left the pending ones; the rest are still pending
		expect(after.pending).toBe(after.findings - 3);
		for (const id of [...found, ...exempt]) await withdraw(db, admin, id);
	}, 600_000);

	it('不予认定 takes a flag out of every rate at once: figures, overview, ranking, compliance summary, bulletin and appraisal agree with SQL by hand', async () => {
		const pack = await defaultPackName(db);
		const rulePack = loadPack(pack);
		const scheme = loadScheme();
		const year = 2025;
		const yp = { from: `${year}-01-01`, to: `${year}-12-31` };
		// by hand over the raw results, read as of the year's (or month's) last moment, leaving out the given evaluations
		const byHand = async (from: string, to: string, unit: string | null, left: { case_id: string; rule_id: string }[]) => {
			const at = `TIMESTAMP '${to} 23:59:59.999'`;
			const row = await db.queryOne<{ met: number; breached: number; overdue: number; overdue_cases: number }>(
				`WITH r AS (
					SELECT cr.case_id, CASE WHEN cr.status = 'no-data' THEN cr.status WHEN cr.done_at <= ${at} THEN cr.status
						WHEN cr.done_at IS NULL AND cr.status IN ('met', 'breached') THEN cr.status
						WHEN cr.due_at < ${at} THEN 'open-overdue' ELSE 'open-within' END AS status
					FROM compliance_results cr JOIN cases c USING (case_id)
					WHERE cr.pack = $pack AND c.received_at::DATE BETWEEN $from::DATE AND $to::DATE AND ($unit IS NULL OR c.unit = $unit)
						AND (cr.clock_start IS NULL OR cr.clock_start <= ${at} OR cr.status = 'no-data')
						AND NOT list_contains($left::VARCHAR[], cr.case_id || '/' || cr.rule_id))
				SELECT count_if(status = 'met')::INTEGER AS met, count_if(status = 'breached')::INTEGER AS breached,
					count_if(status = 'open-overdue')::INTEGER AS overdue,
					count(DISTINCT case_id) FILTER (WHERE status = 'open-overdue')::INTEGER AS overdue_cases FROM r`,
				{ pack, from, to, unit, left: listValue(['', ...left.map((l) => `${l.case_id}/${l.rule_id}`)]) }
			);
			const h = row!;
			return { rate: h.met / (h.met + h.breached + h.overdue), overdue_cases: h.overdue_cases };
		};
		// a unit with a breached flag and a case whose only open-overdue evaluation at the year's end is one flag
		const flags = (await yearFlags(db, inspector, rulePack, year)).filter((f) => f.kind !== null && f.review_status === 'unreviewed');
		const openPerCase = new Map<string, number>();
		for (const f of flags) if (f.kind === 'open-overdue') openPerCase.set(f.case_id, (openPerCase.get(f.case_id) ?? 0) + 1);
		const open = flags.find((f) => f.kind === 'open-overdue' && openPerCase.get(f.case_id) === 1 && flags.some((b) => b.unit === f.unit && b.kind === 'breached'));
		expect(open, 'the demo has a unit with both kinds of flag').toBeDefined();
		const unit = open!.unit;
		const breached = flags.find((f) => f.unit === unit && f.kind === 'breached')!;
		const left = [breached, open!].map((f) => ({ case_id: f.case_id, rule_id: f.rule_id }));
		const month = (await db.queryOne<{ m: string }>(`SELECT strftime(received_at, '%Y-%m') AS m FROM cases WHERE case_id = $id`, { id: breached.case_id }))!.m;
		const [my, mm] = month.split('-').map(Number);
		const mp = { from: `${month}-01`, to: ymd(my, mm + 1, 0) };

		/** Every surface of the unit's year and the breached case's month, checked against figures and returned. */
		const surfaces = async () => {
			const fig = await figures(db, inspector, { ...yp, unit });
			const f = { ...emptyFilters(), ...yp };
			const o = await overview(db, inspector, { ...f, units: [unit] }, { charts: false });
			expectSame(`overview ${unit}`, o.kpis, fig);
			const row = (await unitRanking(db, inspector, f, undefined, today)).find((r) => r.row.unit === unit)!;
			expectSame(`ranking ${unit}`, row.row as Record<string, unknown>, fig, ['cases', 'on_time_rate', 'overdue_open']);
			const t = (await complianceSummary(db, inspector, pack, { ...yp, unit })).totals;
			expect(close(t.met / (t.met + t.breached + t.open_overdue), fig.on_time_rate), `compliance summary ${unit}`).toBe(true);
			const a = (await appraisal(db, inspector, { year, pack, evidence: false })).rows.find((x) => x.unit === unit)!;
			const [m] = await runMetrics(db, { measures: ['breached_evaluations'], dimensions: ['unit'], filters: { ...f, units: [unit] } }, inspector);
			expect(a.breaches, `appraisal breaches ${unit}`).toBe(m.breached_evaluations);
			expect(close(a.score, row.row.score as number), `appraisal score = 单位效能 score ${unit}: ${a.score} vs ${row.row.score}`).toBe(true);
			expect(a.rank, `appraisal rank ${unit}`).toBe(row.rank);
			// the 单位效能 page's own score and rank (the scheme's, pending flags counted as 预评) are the appraisal's
			const page = (await unitsScreen(db, inspector, f, new URLSearchParams(), { today })).ranks.find((x) => x.unit === unit)!;
			const preview = (await appraisal(db, inspector, { year, pack, evidence: false, includePending: true })).rows.find((x) => x.unit === unit)!;
			expect([page.score, page.rank], `单位效能 page = appraisal --include-pending ${unit}`).toEqual([preview.score, preview.rank]);
			const monthFig = await figures(db, inspector, mp);
			const b = await bulletinData(db, inspector, { month });
			expectSame(`bulletin ${month}`, b.totals as unknown as Record<string, unknown>, monthFig, ['cases', 'on_time_rate', 'overdue_open']);
			const ruleRow = b.compliance.rules.find((r) => r.ruleId === breached.rule_id)!;
			return { fig, monthFig, a, ruleBreached: ruleRow.breached, bulletinLate: b.late.total };
		};
		const before = await surfaces();
		const beforeHand = await byHand(yp.from, yp.to, unit, []);
		expect(before.fig.on_time_rate).toBeCloseTo(beforeHand.rate, 12);
		expect(before.fig.overdue_open).toBe(beforeHand.overdue_cases);

		const ids = await propose(db, inspector, rulePack, scheme, year, { items: left, decision: 'reject', reason: '导出数据错误：办结时间缺失' });
		await approve(db, leader, ids, '县纪〔2026〕10号');
		const after = await surfaces();
		const afterHand = await byHand(yp.from, yp.to, unit, left);
		// the rates moved, and exactly as leaving the two evaluations out by hand says
		expect(afterHand.rate).not.toBeCloseTo(beforeHand.rate, 6);
		expect(after.fig.on_time_rate).toBeCloseTo(afterHand.rate, 12);
		expect(after.fig.overdue_open).toBe(afterHand.overdue_cases);
		expect(after.fig.overdue_open).toBe((before.fig.overdue_open ?? 0) - 1);
		expect(after.monthFig.on_time_rate).toBeCloseTo((await byHand(mp.from, mp.to, null, left)).rate, 12);
		expect(after.a.breaches).toBe(before.a.breaches - 1);
		expect(after.a.open_overdue).toBe(before.a.open_overdue - 1);
		expect(after.a.pending, 'a rejected flag is decided, not pending').toBe(after.a.findings);
		// the bulletin's rule table and late list read the stored results (as of now): the left-out ones of its month
		const inMonth = await db.query<{ rule_id: string; status: string }>(
			`SELECT cr.rule_id, cr.status FROM compliance_results cr JOIN cases c USING (case_id)
			 WHERE cr.pack = $pack AND strftime(c.received_at, '%Y-%m') = $month AND list_contains($left::VARCHAR[], cr.case_id || '/' || cr.rule_id)`,
			{ pack, month, left: listValue(['', ...left.map((l) => `${l.case_id}/${l.rule_id}`)]) }
		);
		const gone = (pred: (r: { rule_id: string; status: string }) => boolean) => inMonth.filter(pred).length;
		expect(gone((r) => r.rule_id === breached.rule_id && r.status === 'breached')).toBeGreaterThan(0);
		expect(after.ruleBreached, 'the bulletin per rule').toBe(before.ruleBreached - gone((r) => r.rule_id === breached.rule_id && r.status === 'breached'));
		// the late list of a month that has ended reads as of its last moment: a left-out evaluation leaves it if it was
		// late then (done late by then, or still open past its due moment), worked out here by hand over the stored rows
		const ended = mp.to < today;
		const lateThen = await db.queryOne<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM compliance_results cr JOIN cases c USING (case_id)
			 WHERE cr.pack = $pack AND strftime(c.received_at, '%Y-%m') = $month AND list_contains($left::VARCHAR[], cr.case_id || '/' || cr.rule_id)
				AND CASE WHEN NOT $ended THEN cr.status IN ('breached', 'open-overdue')
					WHEN cr.clock_start > $t::TIMESTAMP THEN false
					WHEN cr.done_at IS NOT NULL AND cr.done_at <= $t::TIMESTAMP THEN cr.status = 'breached'
					WHEN cr.done_at IS NULL AND cr.status IN ('met', 'breached') THEN cr.status = 'breached'
					ELSE cr.due_at < $t::TIMESTAMP END`,
			{ pack, month, ended, t: `${mp.to} 23:59:59.999`, left: listValue(['', ...left.map((l) => `${l.case_id}/${l.rule_id}`)]) }
		);
		expect(after.bulletinLate, "the bulletin's late list").toBe(before.bulletinLate - (lateThen?.n ?? 0));
		// the reversal brings every number back
		for (const id of ids) await withdraw(db, admin, id);
		const back = await surfaces();
		expect(back.fig).toEqual(before.fig);
		expect(back.a.breaches).toBe(before.a.breaches);
	}, 600_000);

	it('红榜/黑榜: the overview, 单位效能 and the bulletin of a month show the scheme’s scores, ranks in group and lists, also under a scheme that deducts; the deduction recounted by SQL', async () => {
		const pack = await defaultPackName(db);
		// the shipped scheme (deducts nothing) and the same scheme deducting every counted finding, as a county might write
		// it; both with a minimum of 3 cases, so this small demo (about 80 cases a month) ranks units in a month
		const text = fs.readFileSync(path.join(SCHEMES_DIR, 'county-default.yaml'), 'utf8');
		expect(text).toMatch(/^  deduct_findings: none$/m);
		expect(text).toMatch(/^  min_cases: 10$/m);
		const schemeFile = (deduct: string) => {
			const file = path.join(dir, `county-${deduct}.yaml`);
			fs.writeFileSync(file, text.replace(/^  deduct_findings: none$/m, `  deduct_findings: ${deduct}`).replace(/^  min_cases: 10$/m, '  min_cases: 3'));
			return loadScheme(file);
		};
		const plain = schemeFile('none');
		const deducting = schemeFile('all');
		const points = (m: string) => deducting.measures.find((x) => x.measure === m)!.deduction;
		/** By hand: no flag is reviewed, so the preview counts each with its kind's default measure, as of the month's end. */
		const deductionBySql = async (from: string, to: string, unit: string) => {
			const at = to >= today ? 'now()::TIMESTAMP' : `TIMESTAMP '${to} 23:59:59.999'`;
			const row = await db.queryOne<{ breached: number; overdue: number; subst: number }>(
				`WITH r AS (
					SELECT CASE WHEN cr.status = 'no-data' THEN cr.status WHEN cr.done_at <= ${at} THEN cr.status
						WHEN cr.done_at IS NULL AND cr.status IN ('met', 'breached') THEN cr.status
						WHEN cr.due_at < ${at} THEN 'open-overdue' ELSE 'open-within' END AS status
					FROM compliance_results cr JOIN cases c USING (case_id)
					WHERE cr.pack = $pack AND c.unit = $unit AND c.received_at::DATE BETWEEN $from::DATE AND $to::DATE
						AND (cr.clock_start IS NULL OR cr.clock_start <= ${at} OR cr.status = 'no-data'))
				SELECT count_if(status = 'breached')::INTEGER AS breached, count_if(status = 'open-overdue')::INTEGER AS overdue,
					(SELECT count(*) FROM cases c WHERE c.unit = $unit AND c.received_at::DATE BETWEEN $from::DATE AND $to::DATE
						AND c.outcome IN ('属实', '部分属实'))::INTEGER AS subst FROM r`,
				{ pack, unit, from, to }
			);
			const h = row!;
			const d = deducting.default_measure;
			return h.breached * points(d.breached) + h.overdue * points(d['open-overdue']) + h.subst * points(d.substantiated);
		};
		let deducted = 0;
		let black = 0;
		for (const scheme of [plain, deducting])
			// (the running month of this small demo has too few cases for anyone to be ranked)
			for (const month of ['2025-02', '2025-11', '2026-11'])
				for (const group of [undefined, '乡镇'])
					for (const user of [leader, inspector]) {
						const [y, m] = month.split('-').map(Number);
						const end = ymd(y, m + 1, 0);
						const f: FilterState = { ...emptyFilters(), from: `${month}-01`, to: end > today ? today : end, unit_group: group };
						const label = `${scheme.units.deduct_findings} ${month} ${group ?? '全县'} ${user.role}`;
						const page = await unitsScreen(db, user, f, new URLSearchParams(), { scheme, today });
						const ranked = page.ranks.filter((r) => r.rank !== null);
						expect(ranked.length, `${label}: units ranked`).toBeGreaterThan(0);
						const row = (r: { unit: string; score: number | null; rank: number | null; list: string | null }) => [r.unit, r.score, r.rank, r.list];
						// the bulletin's table 3 is 单位效能's ranking, row for row
						const b = await bulletinData(db, user, { month, scope: { group }, scheme });
						expect(b.ranking.rows.map((r) => [r.unit, r.group, r.score, r.rank, r.of, r.list, r.deduction]), label).toEqual(
							ranked.map((r) => [r.unit, r.unit_group, r.score, r.rank, r.of, r.list, r.deduction])
						);
						expect(b.ranking.black.map((r) => r.unit).sort(), label).toEqual(ranked.filter((r) => r.list === 'black').map((r) => r.unit).sort());
						expect(b.ranking.scheme.preview, label).toBe(page.scheme.preview);
						// the overview's 红榜 and 黑榜 are 单位效能's, with the same scores and ranks
						const ov = await overviewScreen(db, user, f, { charts: false, scheme, today });
						const listed = (list: string) => ranked.filter((r) => r.list === list).map(row).sort();
						expect(ov.best.map((r) => [r.unit, r.score, r.rank, 'red']).sort(), label).toEqual(listed('red'));
						expect(ov.worst.map((r) => [r.unit, r.score, r.rank, 'black']).sort(), label).toEqual(listed('black'));
						expect(ov.scheme, label).toEqual(page.scheme);
						black += b.ranking.black.length;
						// the score is the rates' score less the deduction, and the deduction is what SQL by hand counts
						for (const r of ranked) expect(r.score, `${label} ${r.unit}`).toBeCloseTo(Math.max(0, Math.round(((r.rate_score ?? 0) - r.deduction) * 10) / 10), 6);
						if (scheme === deducting && user === inspector) {
							const sample = ranked.slice(0, 3);
							for (const r of sample) expect(r.deduction, `${label} ${r.unit} deduction by SQL`).toBeCloseTo(await deductionBySql(f.from!, f.to!, r.unit), 6);
							deducted += ranked.filter((r) => r.deduction > 0).length;
						}
					}
		expect(deducted, 'the deducting scheme deducted').toBeGreaterThan(0);
		expect(black, 'some month has a 黑榜').toBeGreaterThan(0);
	}, 900_000);

	it('the on-time rate is met ÷ (met + breached + open-overdue) of the stored results, a past month as of its end', async () => {
		const pack = await defaultPackName(db);
		// by hand over the raw results: the stored ones (as of now), and those read as of a month's last moment
		const byHand = async (from: string, to: string, asOf: string | null) => {
			const at = asOf ? `TIMESTAMP '${asOf} 23:59:59.999'` : 'NULL';
			const row = await db.queryOne<{ met: number; breached: number; overdue: number; moved: number }>(
				`WITH r AS (
					SELECT cr.status AS now_status,
						CASE WHEN ${at} IS NULL OR cr.status = 'no-data' THEN cr.status
							WHEN cr.done_at <= ${at} THEN cr.status
							WHEN cr.due_at < ${at} THEN 'open-overdue' ELSE 'open-within' END AS status
					FROM compliance_results cr JOIN cases c USING (case_id)
					WHERE cr.pack = $pack AND c.received_at::DATE BETWEEN $from::DATE AND $to::DATE
						AND (${at} IS NULL OR cr.clock_start <= ${at}))
				SELECT count_if(status = 'met')::INTEGER AS met, count_if(status = 'breached')::INTEGER AS breached,
					count_if(status = 'open-overdue')::INTEGER AS overdue, count_if(status <> now_status)::INTEGER AS moved FROM r`,
				{ pack, from, to }
			);
			return row!;
		};
		const running = { from: today.slice(0, 8) + '01', to: today };
		const last12 = { from: ymd(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 11, 1), to: today };
		for (const p of [running, last12]) {
			const h = await byHand(p.from, p.to, null);
			if (p === last12) expect(h.overdue, 'open-overdue evaluations exist, so the definition matters').toBeGreaterThan(0);
			const den = h.met + h.breached + h.overdue;
			const rate = (await figures(db, inspector, p)).on_time_rate;
			if (den === 0) expect(rate).toBeNull();
			else expect(rate).toBeCloseTo(h.met / den, 12);
		}
		for (const month of ['2026-09', '2026-10', '2026-11']) {
			const [y, m] = month.split('-').map(Number);
			const p = { from: `${month}-01`, to: ymd(y, m + 1, 0) };
			const h = await byHand(p.from, p.to, p.to);
			expect(h.moved, `${month}: some results read differently as of the month's end`).toBeGreaterThan(0);
			const fig = await figures(db, inspector, p);
			expect(fig.on_time_rate).toBeCloseTo(h.met / (h.met + h.breached + h.overdue), 12);
		}
	}, 600_000);

	it('plain periods: 30- and 31-day months, the running month, a year boundary, and a unit user rank', async () => {
		const nov = await figures(db, inspector, { from: '2026-11-01', to: '2026-11-30' });
		expect(nov.previous).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
		expect(nov.last_year).toMatchObject({ from: '2025-11-01', to: '2025-11-30' });
		expect(nov.as_of).toBe('2026-11-30T23:59:59.999+08:00');
		expect(nov.previous.as_of).toBe('2026-10-31T23:59:59.999+08:00');
		expect(nov.previous.cases).toBe(await casesBySql({ ...emptyFilters(), from: '2026-10-01', to: '2026-10-31' }));
		const oct = await figures(db, inspector, { from: '2026-10-01', to: '2026-10-31' });
		expect(oct.previous).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
		const running = await figures(db, inspector, { from: today.slice(0, 8) + '01', to: today });
		expect(running.previous.from.slice(8)).toBe('01');
		expect(running.previous.to.slice(8)).toBe(today.slice(8));
		const across = await figures(db, inspector, { from: '2025-12-20', to: '2026-01-10' });
		expect(across.previous).toMatchObject({ from: '2025-11-28', to: '2025-12-19' });
		// a unit user's rank is its place among every unit of its group, as the leader sees it
		const unit = unitUser.units[0];
		const mine = await figures(db, unitUser, { from: '2026-01-01', to: today, unit });
		const lead = await figures(db, leader, { from: '2026-01-01', to: today, unit });
		expect(mine.rank).toBe(lead.rank);
		expect(mine.ranked_units).toBe(lead.ranked_units);
		expect(mine.ranked_units).toBeGreaterThan(1);
	}, 600_000);

	it('临期: the overview KPI, the unit page KPI, the list and the CLI count the same evaluations, and SQL by hand agrees', async () => {
		const unit = unitUser.units[0];
		await ensureFacts(db);
		const meta = (await db.queryOne<{ as_of: string; days: number }>("SELECT strftime(as_of, '%Y-%m-%d %H:%M:%S.%g') AS as_of, days FROM nearly_meta"))!;
		const pack = await defaultPackName(db);
		// by hand: stored open-within results of the default pack (its limits are all in working days) due within N working
		// days of the facts' moment, of cases received in the period
		const byHand = async (f: FilterState, onlyUnit?: string) => {
			const p = effectivePeriod(f, today);
			const row = await db.queryOne<{ n: number }>(
				`SELECT count(*)::INTEGER AS n FROM compliance_results cr JOIN cases c USING (case_id)
				 WHERE cr.pack = $pack AND cr.status = 'open-within' AND cr.due_at >= $now::TIMESTAMP
					AND c.received_at::DATE BETWEEN $from::DATE AND $to::DATE AND ($unit IS NULL OR c.unit = $unit)
					AND (SELECT count(*) FROM calendar_days d WHERE d.is_workday AND d.day > $now::TIMESTAMP::DATE AND d.day <= cr.due_at::DATE) <= $days`,
				{ pack, now: meta.as_of, from: p.from, to: p.to, unit: onlyUnit ?? null, days: meta.days }
			);
			return Number(row?.n ?? 0);
		};
		const running: FilterState = { ...emptyFilters(), from: today.slice(0, 8) + '01', to: today };
		let seen = 0;
		for (const f of [emptyFilters(), running, { ...emptyFilters(), category: [categories[0]] }]) {
			for (const user of [inspector, admin, unitUser]) {
				const label = `${user.role} ${f.from ?? 'default'} ${f.category.join()}`;
				const list = await nearlyList(db, user, { filters: f, limit: 100000 });
				expect(list.rows.length, label).toBe(list.total);
				const o = await overview(db, user, f, { charts: false });
				expect(o.kpis.nearly, `${label}: overview KPI`).toBe(list.total);
				if (f.category.length === 0) expect(list.total, `${label}: by hand`).toBe(await byHand(f, user.role === 'unit' ? unit : undefined));
				// the unit page's KPI (its own spec) and the list narrowed to the unit
				const [k] = await runMetrics(db, unitPageSpecs(unit, f, today).kpis, user);
				const own = await nearlyList(db, user, { filters: { ...f, units: [unit] } });
				expect(Number(k?.nearly ?? 0), `${label}: unit page KPI`).toBe(own.total);
				expect(own.rows.every((r) => r.unit === unit), label).toBe(true);
				if (user.role === 'unit') expect(list.rows.every((r) => r.unit === unit), `${label}: scope`).toBe(true);
				seen += list.total;
			}
		}
		expect(seen, 'the demo has 临期 evaluations, so the comparison bites').toBeGreaterThan(0);
		// the command line (as admin, default period) prints the same count
		const total = (await nearlyList(db, admin, { filters: emptyFilters() })).total;
		await closeDb(dbPath);
		try {
			const out = cli(['nearly', '--json', '--db', dbPath]);
			const last = JSON.parse(out.trim().split('\n').at(-1)!);
			expect(last.total).toBe(total);
			expect(last.days).toBe(2);
		} finally {
			db = await getDb(dbPath);
		}
	}, 600_000);
});

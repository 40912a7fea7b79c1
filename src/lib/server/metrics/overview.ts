// The overview page's numbers: KPIs with period-over-period and year-over-year change, the monthly trend,
// the best and worst units by composite score, and the options of the filter bar. All through runMetrics.
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { withDefaultPeriod, type FilterState } from '../../model/filters.ts';
import { periodLabel } from '../../i18n/zh/periods.ts';
import { periodFigures, periodSet } from './figures.ts';
import { shanghaiToday } from '../time.ts';
import { DEFAULT_SCORE_WEIGHTS, SCORE_MIN_CASES, type ScoreWeights } from './catalog.ts';
import { runMetrics } from './query.ts';
import { cachedQuery } from './query.ts';
import { defaultPackName } from '../settings.ts';
import { compileWhere, validateFilters, type QuerySpec } from './compile.ts';
import { unitRanks } from './ranks.ts';
import { categoryBreakdownSpec, type CategoryLevel } from '../../model/dashboards.ts';

export const KPI_MEASURES = ['cases', 'on_time_rate', 'overdue_open', 'no_data', 'satisfaction_rate', 'repeat_rate', 'closed', 'breached', 'rated', 'repeats', 'nearly'] as const;
export type Kpis = Record<(typeof KPI_MEASURES)[number], number | null>;

export interface Overview {
	period: { from: string; to: string };
	previous: { from: string; to: string };
	lastYear: { from: string; to: string };
	/** The period model's view of the period: its kind, whether it runs (cut at today), its label, each as_of. */
	periodInfo: { kind: string; running: boolean; label: string; asOf: string; previousAsOf: string; lastYearAsOf: string };
	kpis: Kpis;
	kpisPrevious: Kpis;
	kpisLastYear: Kpis;
	/** Whether compliance results exist at all (else on-time rate shows "—" with a note). */
	hasCompliance: boolean;
	trend: Row[];
	best: Row[];
	worst: Row[];
	byCategory: Row[];
	byChannel: Row[];
	scoreMinCases: number;
}

/** The period a view covers: the URL's dates (default last 12 months); a month cross-filter narrows it to that month. */
export function effectivePeriod(filters: FilterState, today = shanghaiToday()): FilterState & { from: string; to: string } {
	const f = withDefaultPeriod(filters, today);
	if (!f.month) return f;
	const [y, m] = f.month.split('-').map(Number);
	const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
	return { ...f, month: undefined, from: `${f.month}-01`, to: last };
}

function kpiRow(rows: Row[]): Kpis {
	// A period without cases has no group row: counts are 0 and rates unknown.
	const r = rows[0] ?? { cases: 0, overdue_open: 0, closed: 0, breached: 0, rated: 0, repeats: 0, nearly: 0 };
	return Object.fromEntries(KPI_MEASURES.map((k) => [k, (r[k] as number | null | undefined) ?? null])) as Kpis;
}

/**
 * Everything on the overview page. With `charts: false` the chart series (trend, categories, channels) are left
 * empty: the page's charts fetch them as Arrow from /api/metrics/query with the same specs (overviewSpecs).
 */
export async function overview(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	opts: { weights?: Partial<ScoreWeights>; charts?: boolean; categoryLevel?: CategoryLevel } = {}
): Promise<Overview> {
	const weights = opts.weights ?? {};
	const charts = opts.charts ?? true;
	const full = effectivePeriod(filters);
	// The period, its comparisons and the KPIs come from the figures layer (cli.md `figures`): the same numbers.
	const set = await periodSet(db, full.from, full.to);
	const { period, previous, lastYear } = set.comparison;
	const f = { ...full, from: period.from, to: period.to };
	const measures = [...KPI_MEASURES];
	const w = { ...DEFAULT_SCORE_WEIGHTS, ...weights };
	const unitMeasures = ['score', 'cases', 'on_time_rate', 'satisfaction_rate', 'repeat_rate', 'overdue_open'];
	const [kpis, trend, ranks, byCategory, byChannel, comp] = await Promise.all([
		periodFigures(db, user, f, set, measures),
		charts ? runMetrics(db, overviewSpecs(filters).trend, user) : [],
		// one query ranks every unit and measures it: the lists' figures are the ranking's own
		unitRanks(db, user, f, w, { measures: unitMeasures }),
		charts ? runMetrics(db, overviewSpecs(filters, undefined, opts.categoryLevel).byCategory, user) : [],
		charts ? runMetrics(db, overviewSpecs(filters).byChannel, user) : [],
		cachedQuery<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM compliance_runs WHERE pack = $pack', { pack: await defaultPackName(db) })
	]);
	const of = (name: 'current' | 'previous' | 'last_year') => kpiRow([kpis[name]]);
	// The 红榜 and 黑榜 of every group (ranks over all units, then the user's scope): best first, worst first.
	const listed = (list: 'red' | 'black'): Row[] =>
		ranks.filter((r) => r.list === list).map((r) => ({ unit: r.unit, ...r.metrics, unit_group: r.unit_group, rank: r.rank, ranked_units: r.of }));
	const best = listed('red').sort((a, b) => Number(b.score) - Number(a.score) || String(a.unit).localeCompare(String(b.unit)));
	const worst = listed('black').sort((a, b) => Number(a.score) - Number(b.score) || String(b.unit).localeCompare(String(a.unit)));
	return {
		period: { from: f.from, to: f.to },
		previous: { from: previous.from, to: previous.to },
		lastYear: { from: lastYear.from, to: lastYear.to },
		periodInfo: {
			kind: period.kind,
			running: period.running,
			label: periodLabel(period),
			asOf: set.current.as_of,
			previousAsOf: set.previous.as_of,
			lastYearAsOf: set.last_year.as_of
		},
		kpis: of('current'),
		kpisPrevious: of('previous'),
		kpisLastYear: of('last_year'),
		hasCompliance: Number(comp[0]?.n ?? 0) > 0,
		trend,
		best,
		// The worst list never repeats a unit that is already among the best (few units in scope).
		worst,
		byCategory,
		byChannel,
		scoreMinCases: SCORE_MIN_CASES
	};
}

/**
 * The chart queries of the overview, shared by the server (tests, bench) and the page (Arrow fetches).
 * The trend keeps the whole period when a month is cross-filtered (the month is highlighted, not cut out);
 * each breakdown ignores its own dimension's filter so the clicked bar stays visible among the others.
 */
export function overviewSpecs(filters: FilterState, today = shanghaiToday(), level: CategoryLevel = 'category'): Record<'trend' | 'byCategory' | 'byChannel', QuerySpec> {
	const whole = withDefaultPeriod(filters, today);
	const f = effectivePeriod(filters, today);
	return {
		trend: {
			measures: ['cases', 'closed', 'overdue_open', 'on_time_rate', 'satisfaction_rate', 'repeat_rate'],
			dimensions: ['month'],
			filters: { ...whole, month: undefined }
		},
		byCategory: categoryBreakdownSpec(f, level),
		byChannel: { measures: ['cases'], dimensions: ['channel'], filters: { ...f, channel: [] }, orderBy: [{ by: 'cases', desc: true }], limit: 15 }
	};
}

export interface UnitOption {
	name: string;
	group: string;
}

export interface FilterOptions {
	units: UnitOption[];
	categories: string[];
	/** 二级分类 with the category each one occurs under (a name may sit under several), most cases first. */
	subCategories: { name: string; category: string }[];
	channels: string[];
	modes: string[];
	severities: string[];
}

/** Values the filter bar offers, limited to what the user may see. */
export async function filterOptions(db: Database, user: SessionUser): Promise<FilterOptions> {
	const where = compileWhere(validateFilters({}), user);
	const rows = await cachedQuery<{ kind: string; value: string; grp: string | null; sort: number }>(
		db,
		`SELECT 'unit' AS kind, f.unit AS value, any_value(f.unit_group) AS grp, min(f.unit_sort)::INTEGER AS sort FROM case_facts f WHERE ${where.sql} GROUP BY 2
		 UNION ALL SELECT 'category', f.category, NULL, count(*)::INTEGER FROM case_facts f WHERE ${where.sql} GROUP BY 2
		 UNION ALL SELECT 'sub_category', f.sub_category, f.category, count(*)::INTEGER FROM case_facts f WHERE ${where.sql} GROUP BY 2, 3
		 UNION ALL SELECT 'channel', f.channel, NULL, count(*)::INTEGER FROM case_facts f WHERE ${where.sql} GROUP BY 2
		 UNION ALL SELECT 'mode', f.handling_mode, NULL, count(*)::INTEGER FROM case_facts f WHERE ${where.sql} GROUP BY 2
		 UNION ALL SELECT 'severity', f.severity, NULL, count(*)::INTEGER FROM case_facts f WHERE ${where.sql} GROUP BY 2`,
		where.params
	);
	const of = (kind: string) =>
		rows
			.filter((r) => r.kind === kind)
			.sort((a, b) => Number(b.sort) - Number(a.sort) || a.value.localeCompare(b.value, 'zh-CN'))
			.map((r) => r.value);
	return {
		units: rows
			.filter((r) => r.kind === 'unit')
			.sort((a, b) => Number(a.sort) - Number(b.sort) || a.value.localeCompare(b.value, 'zh-CN'))
			.map((r) => ({ name: r.value, group: r.grp ?? '其他' })),
		categories: of('category'),
		subCategories: rows
			.filter((r) => r.kind === 'sub_category')
			.sort((a, b) => Number(b.sort) - Number(a.sort) || a.value.localeCompare(b.value, 'zh-CN'))
			.map((r) => ({ name: r.value, category: r.grp ?? '' })),
		channels: of('channel'),
		modes: of('mode'),
		severities: of('severity')
	};
}

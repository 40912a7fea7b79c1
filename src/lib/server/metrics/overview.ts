// The overview page's numbers: KPIs with period-over-period and year-over-year change, the monthly trend and the
// breakdowns, and the options of the filter bar. All through runMetrics. The 红榜/黑榜 are the appraisal scheme's
// (screens/overview.ts asks appraisal/score.ts, above this layer, for the period overviewPeriod gives).
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { withDefaultPeriod, type FilterState } from '../../model/filters.ts';
import { periodLabel } from '../../i18n/zh/periods.ts';
import { periodFigures, periodSet, type PeriodSet } from './figures.ts';
import { shanghaiToday } from '../time.ts';
import { runMetrics } from './query.ts';
import { cachedQuery } from './query.ts';
import { defaultPackName } from '../settings.ts';
import { compileWhere, validateFilters, type QuerySpec } from './compile.ts';
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
	byCategory: Row[];
	byChannel: Row[];
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
 * The period the overview counts (the URL's dates or month, under the period model: a running month is cut at
 * today) with the filters: what its KPIs, and the scheme's 红榜/黑榜 beside them, are computed over.
 */
export async function overviewPeriod(db: Database, filters: FilterState): Promise<{ filters: FilterState & { from: string; to: string }; set: PeriodSet }> {
	const full = effectivePeriod(filters);
	const set = await periodSet(db, full.from, full.to);
	const { period } = set.comparison;
	return { filters: { ...full, from: period.from, to: period.to }, set };
}

/**
 * The overview page's figures. With `charts: false` the chart series (trend, categories, channels) are left
 * empty: the page's charts fetch them as Arrow from /api/metrics/query with the same specs (overviewSpecs).
 */
export async function overview(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	opts: { charts?: boolean; categoryLevel?: CategoryLevel } = {}
): Promise<Overview> {
	const charts = opts.charts ?? true;
	// The period, its comparisons and the KPIs come from the figures layer (cli.md `figures`): the same numbers.
	const { filters: f, set } = await overviewPeriod(db, filters);
	const { period, previous, lastYear } = set.comparison;
	const measures = [...KPI_MEASURES];
	const [kpis, trend, byCategory, byChannel, comp] = await Promise.all([
		periodFigures(db, user, f, set, measures),
		charts ? runMetrics(db, overviewSpecs(filters).trend, user) : [],
		charts ? runMetrics(db, overviewSpecs(filters, undefined, opts.categoryLevel).byCategory, user) : [],
		charts ? runMetrics(db, overviewSpecs(filters).byChannel, user) : [],
		cachedQuery<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM compliance_runs WHERE pack = $pack', { pack: await defaultPackName(db) })
	]);
	const of = (name: 'current' | 'previous' | 'last_year') => kpiRow([kpis[name]]);
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
		byCategory,
		byChannel
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
	/** A unit user's own units (all it may see, whatever the filter): the bar names them (本单位：…), never 全部单位. */
	own: string[] | null;
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
	const own = user.role === 'unit' ? [...user.units].sort((a, b) => a.localeCompare(b, 'zh-CN')) : null;
	return {
		own,
		units: rows
			.filter((r) => r.kind === 'unit' && (!own || own.includes(r.value)))
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

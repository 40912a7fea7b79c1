// Query specs and small pure helpers of the handling-time, repeats and unit-performance pages. Shared by the
// pages (Arrow fetches), the server (tests, bench) and the option builders, so every place asks the same question.
import { emptyFilters, parseFilters, parseRange, withDefaultPeriod, writeFilters, type FilterState } from './filters.ts';

/** Dimensions the handling-time page can group by (each one a cross-filter of the global bar). */
export const HANDLING_GROUPS = ['unit', 'category', 'sub_category', 'channel', 'handling_mode'] as const;

/**
 * The two levels of the classification a category chart can show (一级分类 / 二级分类), chosen by the page setting
 * `cat` (`?cat=sub`); each level is a dimension of the metrics layer and a list filter of the same name.
 */
export const CATEGORY_LEVELS = ['category', 'sub_category'] as const;
export type CategoryLevel = (typeof CATEGORY_LEVELS)[number];

export function categoryLevel(sp: URLSearchParams): CategoryLevel {
	return sp.get('cat') === 'sub' ? 'sub_category' : 'category';
}

/** The URL of the same page showing the category charts at another level (other params kept). */
export function categoryLevelHref(url: URL, level: CategoryLevel): string {
	const sp = new URLSearchParams(url.searchParams);
	if (level === 'sub_category') sp.set('cat', 'sub');
	else sp.delete('cat');
	const qs = sp.toString();
	return `${url.pathname}${qs ? `?${qs}` : ''}`;
}

/**
 * A category chart's query at either level: cases (and any other measures) by category or sub-category, ignoring its
 * own level's filter so the clicked bar stays visible among the others; the other level's filter still applies (a
 * chosen 一级分类 shows its 二级分类).
 */
export function categoryBreakdownSpec(f: FilterState, level: CategoryLevel, measures: string[] = ['cases']): Spec {
	return { measures, dimensions: [level], filters: { ...f, [level]: [] }, orderBy: [{ by: 'cases', desc: true }], limit: level === 'sub_category' ? 30 : 15 };
}
export type HandlingGroup = (typeof HANDLING_GROUPS)[number];

export const BOX_MEASURES = ['cases', 'p10_work_days', 'p25_work_days', 'median_work_days', 'p75_work_days', 'p90_work_days', 'median_hours', 'p90_hours'] as const;

/**
 * The period a view covers, as the overview computes it (effectivePeriod): the URL's dates (default the last
 * 12 months); a month cross-filter narrows the range to that month.
 */
export function viewPeriod(filters: FilterState, today: string): FilterState & { from: string; to: string } {
	const f = withDefaultPeriod(filters, today);
	if (!f.month) return f;
	const [y, m] = f.month.split('-').map(Number);
	const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
	return { ...f, month: undefined, from: `${f.month}-01`, to: last };
}

/** The whole period without the month cross-filter (trend charts highlight the month instead of cutting to it). */
export function trendPeriod(filters: FilterState, today: string): FilterState & { from: string; to: string } {
	return { ...withDefaultPeriod(filters, today), month: undefined };
}

type Spec = {
	measures: string[];
	dimensions?: string[];
	filters: FilterState;
	orderBy?: { by: string; desc?: boolean }[];
	limit?: number;
	minCases?: number;
	weights?: Partial<Record<string, number>>;
};

/**
 * The handling-time page's queries. Each chart ignores its own cross-filter (the clicked bar stays visible,
 * highlighted): the histograms drop wd/hrs, the grouped chart its dimension, the trend the month.
 */
export function handlingSpecs(filters: FilterState, today: string, group: HandlingGroup = 'unit'): Record<'kpis' | 'workDays' | 'hours' | 'groups' | 'trend', Spec> {
	const f = viewPeriod(filters, today);
	const groupFilter: Record<HandlingGroup, Partial<FilterState>> = { unit: { units: [] }, category: { category: [] }, sub_category: { sub_category: [] }, channel: { channel: [] }, handling_mode: { mode: [] } };
	return {
		kpis: { measures: ['cases', 'closed', 'open', 'overdue_open', 'median_work_days', 'p90_work_days', 'mean_work_days', 'median_hours', 'p90_hours'], filters: f },
		workDays: { measures: ['cases'], dimensions: ['work_days'], filters: { ...f, wd: undefined }, limit: 20000 },
		hours: { measures: ['cases'], dimensions: ['hours'], filters: { ...f, hrs: undefined }, limit: 20000 },
		groups: {
			measures: [...BOX_MEASURES],
			dimensions: [group],
			filters: { ...f, ...groupFilter[group] },
			orderBy: [{ by: 'median_work_days', desc: true }],
			limit: 40
		},
		trend: { measures: ['cases', 'median_work_days', 'p90_work_days', 'median_hours'], dimensions: ['month'], filters: trendPeriod(filters, today) }
	};
}

/**
 * The cases behind the handling-time median and P90: those with a handling time (open cases without a reply have
 * none) inside the working-day cross-filter. From the working-day histogram's rows (which leave wd out and keep
 * every other filter), so the KPI subtitle needs no query of its own.
 */
export function measuredCases(workDayRows: readonly Record<string, unknown>[], wd: string | undefined): number {
	const range = parseRange(wd);
	let n = 0;
	for (const r of workDayRows) {
		if (r.work_days === null || r.work_days === undefined) continue;
		const d = Number(r.work_days);
		if (range && (d < range.lo || (range.hi !== null && d >= range.hi))) continue;
		n += Number(r.cases ?? 0);
	}
	return n;
}

/** Every metric of product.md 2.3 plus the score and its components, per unit. */
export const UNIT_MEASURES = [
	'score',
	'cases',
	'accepted_on_time_rate',
	'closed_on_time_rate',
	'on_time_rate',
	'overdue_open',
	'median_work_days',
	'p90_work_days',
	'satisfaction_rate',
	'substantiated_rate',
	'repeat_rate'
] as const;

/**
 * The columns of the 单位效能 table, in order: every one a measure of the ranking query (UNIT_MEASURES).
 * 按时办理率 is the overview's on_time_rate (the same measure, so a unit reads the same rate on both pages); the
 * 按时受理率 and 按时办结率 beside it are its parts (the acceptance and closing deadlines alone).
 */
export const UNIT_COLUMNS: readonly { key: (typeof UNIT_MEASURES)[number]; format: 'score' | 'integer' | 'percent' | 'decimal1' }[] = [
	{ key: 'score', format: 'score' },
	{ key: 'cases', format: 'integer' },
	{ key: 'on_time_rate', format: 'percent' },
	{ key: 'accepted_on_time_rate', format: 'percent' },
	{ key: 'closed_on_time_rate', format: 'percent' },
	{ key: 'overdue_open', format: 'integer' },
	{ key: 'median_work_days', format: 'decimal1' },
	{ key: 'p90_work_days', format: 'decimal1' },
	{ key: 'satisfaction_rate', format: 'percent' },
	{ key: 'substantiated_rate', format: 'percent' },
	{ key: 'repeat_rate', format: 'percent' }
];

export type Weights = Record<string, number>;

/** The ranking query: every unit (small ones too, shown unranked), ordered by score like the overview's lists. */
export function unitRankingSpec(filters: FilterState, today: string, weights: Weights): Spec {
	return {
		measures: [...UNIT_MEASURES],
		dimensions: ['unit'],
		filters: viewPeriod(filters, today),
		orderBy: [{ by: 'score', desc: true }],
		weights,
		limit: 2000
	};
}

/** Measures the unit × month heat map can show, with whether a higher value is better. */
export const HEATMAP_MEASURES: Record<string, { higherIsBetter: boolean }> = {
	score: { higherIsBetter: true },
	cases: { higherIsBetter: false },
	on_time_rate: { higherIsBetter: true },
	satisfaction_rate: { higherIsBetter: true },
	repeat_rate: { higherIsBetter: false },
	overdue_open: { higherIsBetter: false },
	median_work_days: { higherIsBetter: false }
};

export function heatmapSpec(filters: FilterState, today: string, measure: string, weights: Weights): Spec {
	const m = measure in HEATMAP_MEASURES ? measure : 'score';
	return {
		measures: m === 'cases' ? ['cases'] : [m, 'cases'],
		dimensions: ['unit', 'month'],
		filters: trendPeriod(filters, today),
		weights,
		limit: 20000
	};
}

/** The unit page's chart queries: everything filtered to the one unit. */
export function unitPageSpecs(
	unit: string,
	filters: FilterState,
	today: string,
	level: CategoryLevel = 'category'
): Record<'kpis' | 'trend' | 'workDays' | 'byCategory' | 'byChannel', Spec> {
	const f = { ...viewPeriod(filters, today), units: [unit] };
	return {
		kpis: { measures: [...UNIT_MEASURES, 'closed', 'repeats', 'rated', 'median_hours', 'nearly'], filters: f },
		trend: { measures: ['cases', 'on_time_rate', 'satisfaction_rate', 'repeat_rate', 'median_work_days'], dimensions: ['month'], filters: { ...trendPeriod(filters, today), units: [unit] } },
		workDays: { measures: ['cases'], dimensions: ['work_days'], filters: { ...f, wd: undefined }, limit: 20000 },
		byCategory: categoryBreakdownSpec(f, level, ['cases', 'repeat_rate', 'median_work_days']),
		byChannel: { measures: ['cases'], dimensions: ['channel'], filters: { ...f, channel: [] }, orderBy: [{ by: 'cases', desc: true }], limit: 15 }
	};
}

export type RankList = 'red' | 'black' | null;
export interface RankedUnit {
	row: Record<string, string | number | null>;
	/** 1-based rank among units with enough cases and a score; null when unranked. */
	rank: number | null;
	list: RankList;
	/** Ranked units in the unit's group (server ranks, metrics/ranks.ts). */
	of?: number;
	group?: string | null;
}

/**
 * 红榜 / 黑榜 exactly as the overview picks its best and worst five: among units with at least `minCases`
 * cases and a score, ordered by score (desc, ties by name), the first five and the last five (never the same unit twice).
 */
export function classifyRanking(rows: Record<string, string | number | null>[], minCases: number, size = 5): RankedUnit[] {
	const ranked = rows.filter((r) => Number(r.cases ?? 0) >= minCases && r.score !== null && r.score !== undefined);
	const order = new Map(ranked.map((r, i) => [r, i]));
	const worstFrom = Math.max(size, ranked.length - size);
	return rows.map((row) => {
		const i = order.get(row);
		if (i === undefined) return { row, rank: null, list: null };
		return { row, rank: i + 1, list: i < size ? 'red' : i >= worstFrom ? 'black' : null };
	});
}

/** Score weights in the URL: ?w_on_time=40&w_satisfaction=30 … (percent points; missing → default). */
export function parseWeights(sp: URLSearchParams, defaults: Weights): Weights {
	const out: Weights = {};
	for (const [k, d] of Object.entries(defaults)) {
		const raw = sp.get(`w_${k}`);
		const n = raw === null || raw === '' ? NaN : Number(raw);
		out[k] = Number.isFinite(n) && n >= 0 && n <= 100 ? n : Math.round(d * 100);
	}
	return out;
}

export function writeWeights(sp: URLSearchParams, weights: Weights, defaults: Weights): URLSearchParams {
	const out = new URLSearchParams(sp);
	for (const k of Object.keys(defaults)) {
		out.delete(`w_${k}`);
		if (weights[k] !== Math.round(defaults[k] * 100)) out.set(`w_${k}`, String(weights[k]));
	}
	return out;
}

/** The dashboards that read the shared filter bar: the menu carries the filters to them. */
export const FILTERED_PAGES = ['/', '/handling', '/repeats', '/units', '/cases'] as const;

/**
 * A menu link that keeps the shared filters of the current URL (period, units, category, channel, mode,
 * severity), so the period chosen on one dashboard is the period of the next. A page's own cross-filters
 * (month, flag, histogram ranges, search) and settings stay behind.
 */
export function menuHref(href: string, current: URLSearchParams): string {
	if (!(FILTERED_PAGES as readonly string[]).includes(href)) return href;
	const f = parseFilters(current);
	const shared: FilterState = { ...emptyFilters(), from: f.from, to: f.to, units: f.units, category: f.category, sub_category: f.sub_category, channel: f.channel, mode: f.mode, severity: f.severity };
	const qs = writeFilters(shared).toString();
	return qs ? `${href}?${qs}` : href;
}

/** Page settings kept in the URL across filter changes (the filter bar keeps them when it navigates). */
export const PAGE_PARAMS = ['group', 'cat', 'window', 'scope', 'hm', 'w_on_time', 'w_satisfaction', 'w_not_repeat', 'w_not_overdue'] as const;

export interface RepeatPageSettings {
	window: number;
	scope: 'same' | 'any';
}

/** URL of a repeats view: the page's filters plus the window and scope. */
export function repeatsUrl(view: string, filters: FilterState, settings: RepeatPageSettings): string {
	const sp = writeFilters(filters);
	sp.set('window', String(settings.window));
	sp.set('scope', settings.scope);
	return `/api/metrics/repeats/${view}?${sp.toString()}`;
}

/** URL of the slowest open cases (case-level). */
export function slowestUrl(filters: FilterState): string {
	const qs = writeFilters(filters).toString();
	return `/api/metrics/handling/slowest${qs ? `?${qs}` : ''}`;
}

/**
 * Where a histogram's long tail is cut into one "≥ cap" bar: the first bucket bound (a multiple of width) at or
 * above which fewer than (1 - share) of the cases lie. Keeps the bulk readable without hiding the tail's count.
 */
export function histogramCap(rows: Record<string, string | number | null>[], bucket: string, count: string, width: number, share = 0.97): number | undefined {
	const pts = rows
		.filter((r) => r[bucket] !== null && r[bucket] !== undefined)
		.map((r) => ({ v: Number(r[bucket]), n: Number(r[count] ?? 0) }))
		.sort((a, b) => a.v - b.v);
	const total = pts.reduce((s, p) => s + p.n, 0);
	if (!total) return undefined;
	let acc = 0;
	for (const p of pts) {
		acc += p.n;
		if (acc >= share * total) {
			const cap = (Math.floor(p.v / width) + 1) * width;
			return cap > pts[pts.length - 1].v ? undefined : cap;
		}
	}
	return undefined;
}

/** A histogram bucket as the wd/hrs range filter: [lo, lo+width), or 'lo-' for the capped tail. */
export function bucketRange(lo: number, width: number, cap: number | undefined): string {
	return cap !== undefined && lo >= cap ? `${lo}-` : `${lo}-${lo + width}`;
}

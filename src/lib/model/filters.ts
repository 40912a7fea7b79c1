// The dashboard filter state as it lives in the URL (shareable links), and the date quick picks.
// Pure: the browser uses it for the filter bar and chips, the server parses the same keys before zod validates them.
import { comparisonFor, quickPickRange, shanghaiDate, type PeriodOptions } from './periods.ts';

/** The value a dimension shows for an empty cell (case_facts writes it; the filter bar tells real values from it). */
export const BLANK = '未填写';

export const FLAGS = ['open', 'closed', 'overdue_open', 'breached', 'repeat', 'unsatisfied', 'substantiated', 'typical'] as const;
export type Flag = (typeof FLAGS)[number];

export interface FilterState {
	from?: string; // YYYY-MM-DD, inclusive, on received_at (Shanghai date)
	to?: string; // YYYY-MM-DD, inclusive
	units: string[];
	unit_group?: string;
	category: string[];
	sub_category: string[]; // 二级分类 (the classification's lower level)
	channel: string[];
	mode: string[];
	severity: string[];
	month?: string; // YYYY-MM, a cross-filter from a trend chart
	flag?: Flag;
	q?: string; // content / case id search (case explorer only)
	wd?: string; // handling time in working days, half-open range 'lo-hi' or 'lo-' (≥ lo): a histogram cross-filter
	hrs?: string; // handling time in hours, same form
}

/** URL parameter name of each list filter (repeated parameter, e.g. ?unit=A&unit=B). */
export const LIST_PARAMS = { units: 'unit', category: 'category', sub_category: 'sub_category', channel: 'channel', mode: 'mode', severity: 'severity' } as const;
export type ListFilterKey = keyof typeof LIST_PARAMS;
export const SCALAR_PARAMS = ['from', 'to', 'unit_group', 'month', 'flag', 'q', 'wd', 'hrs'] as const;
export type ScalarFilterKey = (typeof SCALAR_PARAMS)[number];

export function emptyFilters(): FilterState {
	return { units: [], category: [], sub_category: [], channel: [], mode: [], severity: [] };
}

/** Reads the filters from URL search params (lenient: the server validates strictly with zod). */
export function parseFilters(sp: URLSearchParams): FilterState {
	const f = emptyFilters();
	for (const [key, param] of Object.entries(LIST_PARAMS) as [ListFilterKey, string][]) {
		f[key] = sp.getAll(param).filter((v) => v !== '');
	}
	for (const key of SCALAR_PARAMS) {
		const v = sp.get(key);
		if (v !== null && v !== '') (f as unknown as Record<string, string>)[key] = v;
	}
	return f;
}

/** Writes filters into search params (keeps unrelated params such as page or sort). */
export function writeFilters(f: FilterState, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
	const sp = new URLSearchParams(base);
	for (const [key, param] of Object.entries(LIST_PARAMS) as [ListFilterKey, string][]) {
		sp.delete(param);
		for (const v of f[key]) sp.append(param, v);
	}
	for (const key of SCALAR_PARAMS) {
		sp.delete(key);
		const v = f[key];
		if (v) sp.set(key, v);
	}
	return sp;
}

export function filtersToQuery(f: FilterState, base?: URLSearchParams): string {
	const s = writeFilters(f, base).toString();
	return s ? `?${s}` : '';
}

// Dates, quick picks and comparison periods are the period model's (src/lib/model/periods.ts); re-exported here
// for the modules that import them from the filters.
export { shanghaiDate, quickPickRange, type QuickPick } from './periods.ts';

/** The period a dashboard shows when the URL names none: the last 12 months ending today. */
export function defaultPeriod(today: string = shanghaiDate()): { from: string; to: string } {
	return quickPickRange('last12', today);
}

/** Filters with the default period filled in. */
export function withDefaultPeriod(f: FilterState, today: string = shanghaiDate()): FilterState & { from: string; to: string } {
	const d = defaultPeriod(today);
	return { ...f, from: f.from ?? d.from, to: f.to ?? d.to };
}

/** Every active non-date filter as a removable chip: key, value, and the state without it. */
export interface FilterChip {
	key: ListFilterKey | ScalarFilterKey;
	value: string;
	without: FilterState;
}

export function filterChips(f: FilterState): FilterChip[] {
	const chips: FilterChip[] = [];
	for (const key of Object.keys(LIST_PARAMS) as ListFilterKey[]) {
		for (const v of f[key]) chips.push({ key, value: v, without: { ...f, [key]: f[key].filter((x) => x !== v) } });
	}
	for (const key of ['unit_group', 'month', 'flag', 'q', 'wd', 'hrs'] as const) {
		const v = f[key];
		if (v) chips.push({ key, value: v, without: { ...f, [key]: undefined } });
	}
	return chips;
}

/** Cross-filter: a click on a chart point sets that dimension's value (toggling it off when already set). */
export function crossFilter(f: FilterState, dimension: string, value: string): FilterState {
	const listKey: Record<string, ListFilterKey> = { unit: 'units', category: 'category', sub_category: 'sub_category', channel: 'channel', handling_mode: 'mode', severity: 'severity' };
	const lk = listKey[dimension];
	if (lk) {
		const on = f[lk].length === 1 && f[lk][0] === value;
		return { ...f, [lk]: on ? [] : [value] };
	}
	if (dimension === 'month') return { ...f, month: f.month === value ? undefined : value };
	if (dimension === 'unit_group') return { ...f, unit_group: f.unit_group === value ? undefined : value };
	return f;
}

/** A duration range 'lo-hi' (half-open) or 'lo-' (at least lo), as the wd/hrs filters hold it; null if malformed. */
export function parseRange(v: string | undefined): { lo: number; hi: number | null } | null {
	const m = v ? /^(\d{1,5})-(\d{0,5})$/.exec(v) : null;
	if (!m) return null;
	const lo = Number(m[1]);
	const hi = m[2] === '' ? null : Number(m[2]);
	return hi !== null && hi <= lo ? null : { lo, hi };
}

/** 环比 and 同比 periods of [from, to] under the period model (product.md 2.0). */
export function comparisonPeriods(
	from: string,
	to: string,
	opts?: PeriodOptions
): { previous: { from: string; to: string }; lastYear: { from: string; to: string } } {
	const { previous, lastYear } = comparisonFor(from, to, opts);
	return { previous, lastYear };
}

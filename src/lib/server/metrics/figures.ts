// The shared figures of a period (cli.md `figures`, product.md 2.0): cases, on-time rate, overdue open, no-data,
// satisfaction and repeat rate of the period, of its 环比 period and of the same period a year earlier, each with
// its own as_of, and a unit's rank. The overview's KPIs come from periodFigures below, so the overview, the
// bulletin and the CLI agree by construction.
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeePii } from '../auth/scope.ts';
import { UserInputError } from '../errors.ts';
import { emptyFilters, type FilterState } from '../../model/filters.ts';
import { asOfFor, comparisonFor, isoShanghai, shanghaiDate, type Comparison, type DateRange } from '../../model/periods.ts';
import { FIGURES_TEXT } from '../../i18n/zh/periods.ts';
import { DEFAULT_SCORE_WEIGHTS, MEASURES } from './catalog.ts';
import { runMetrics } from './query.ts';
import { unitRank as rankOf, unitRanks } from './ranks.ts';

/** The settings key of the monthly period's first day (1–28; 26: "November" = 26 Oct – 25 Nov). */
export const MONTH_START_DAY_KEY = 'month_start_day';

export async function monthStartDay(db: Database): Promise<number> {
	const row = await db.queryOne<{ value: string }>('SELECT value FROM settings WHERE key = $key', { key: MONTH_START_DAY_KEY });
	const n = Number(row?.value);
	return Number.isInteger(n) && n >= 1 && n <= 28 ? n : 1;
}

/** The figures every surface shares, in cli.md's order. */
export const FIGURE_MEASURES = ['cases', 'on_time_rate', 'overdue_open', 'no_data', 'satisfaction_rate', 'repeat_rate'] as const;
export type FigureValues = Record<(typeof FIGURE_MEASURES)[number], number | null>;

export interface PeriodFigures extends FigureValues {
	from: string;
	to: string;
	as_of: string;
}

export interface Figures extends PeriodFigures {
	previous: PeriodFigures;
	last_year: PeriodFigures;
	group?: string | null;
	rank?: number | null;
	ranked_units?: number;
}

/** A period with its comparisons and the as_of of each (ISO 8601, +08:00). */
export interface PeriodSet {
	comparison: Comparison;
	current: DateRange & { as_of: string };
	previous: DateRange & { as_of: string };
	last_year: DateRange & { as_of: string };
}

/** Resolves [from, to] under the deployment's month start day; as_of is each period's end or `asOf`, whichever is earlier. */
export async function periodSet(db: Database, from: string, to: string, opts: { asOf?: Date; now?: Date } = {}): Promise<PeriodSet> {
	const now = opts.now ?? new Date();
	const cut = opts.asOf && opts.asOf.getTime() < now.getTime() ? opts.asOf : now;
	const comparison = comparisonFor(from, to, { today: shanghaiDate(now), monthStartDay: await monthStartDay(db) });
	const at = (r: DateRange) => ({ from: r.from, to: r.to, as_of: isoShanghai(asOfFor(r, cut)) });
	return { comparison, current: at(comparison.period), previous: at(comparison.previous), last_year: at(comparison.lastYear) };
}

type Named = DateRange & { as_of: string; name: 'current' | 'previous' | 'last_year' };

/**
 * The measures of periods, each at its as_of: runMetrics evaluates a period that ended before today as of its
 * last moment, and one that runs to today as of now. Disjoint periods share one spec (a "period" column),
 * overlapping ones are counted apart.
 */
async function measuresAt(db: Database, user: SessionUser, filters: FilterState, ranges: Named[], measures: readonly string[]): Promise<Map<string, Row>> {
	const f = { ...filters, month: undefined };
	const disjoint = ranges.every((p, i) => ranges.slice(0, i).every((q) => p.to < q.from || q.to < p.from));
	const rows = disjoint
		? await runMetrics(db, { measures: [...measures], filters: f, periods: ranges.map(({ name, from, to }) => ({ name, from, to })) }, user)
		: (await Promise.all(ranges.map(async (r) => (await runMetrics(db, { measures: [...measures], filters: { ...f, from: r.from, to: r.to } }, user)).map((x) => ({ ...x, period: r.name }))))).flat();
	return new Map(rows.map((r) => [String(r.period), r]));
}

/** Measures of the period, its previous period and last year's, for the user (unit scope applies). */
export async function periodFigures(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	set: PeriodSet,
	measures: readonly string[]
): Promise<Record<'current' | 'previous' | 'last_year', Record<string, number | null>>> {
	const ranges: Named[] = [
		{ name: 'current', ...set.current },
		{ name: 'previous', ...set.previous },
		{ name: 'last_year', ...set.last_year }
	];
	const byName = await measuresAt(db, user, filters, ranges, measures);
	// A period without cases has no group row: counts are 0 and rates unknown.
	const empty = (m: string) => (MEASURES[m]?.format === 'integer' ? 0 : null);
	const values = (row: Row = {}) => Object.fromEntries(measures.map((m) => [m, row[m] === undefined ? empty(m) : (row[m] as number | null)]));
	return { current: values(byName.get('current')), previous: values(byName.get('previous')), last_year: values(byName.get('last_year')) };
}

/**
 * A unit's rank within its group among the units with at least SCORE_MIN_CASES cases, 1 = best by the composite
 * score: the rankings' own function (ranks over every unit, whatever the asking user may see), so figures, the
 * units page and the unit page say the same. Below the minimum or without cases: rank null.
 */
export async function unitRank(
	db: Database,
	unit: string,
	filters: FilterState,
	range: DateRange,
	textAccess: SessionUser
): Promise<{ group: string | null; rank: number | null; ranked_units: number }> {
	// every unit is ranked, but a text filter reads what the asking user may read (the redacted copy without PII)
	const everyUnit: SessionUser = canSeePii(textAccess) ? EVERY_UNIT : { ...EVERY_UNIT, role: 'leader' };
	const period = { ...filters, units: [], unit_group: undefined, month: undefined, from: range.from, to: range.to };
	const own = await rankOf(db, everyUnit, unit, period, DEFAULT_SCORE_WEIGHTS);
	if (own) return { group: own.unit_group, rank: own.rank, ranked_units: own.of };
	// no case in the period: the unit's group as the units table has it, and how many of that group are ranked
	const groupRow = await db.queryOne<{ grp: string }>("SELECT coalesce(nullif(unit_group, ''), '其他') AS grp FROM units WHERE name = $unit", { unit });
	const group = groupRow ? String(groupRow.grp) : null;
	const all = group ? await unitRanks(db, everyUnit, period, DEFAULT_SCORE_WEIGHTS) : [];
	return { group, rank: null, ranked_units: all.find((r) => r.unit_group === group)?.of ?? 0 };
}

const EVERY_UNIT: SessionUser = { userId: 0, name: 'figures', displayName: null, role: 'admin', units: [], pii: false };

export interface FiguresOptions {
	from: string;
	to: string;
	unit?: string;
	asOf?: Date;
	filters?: FilterState;
	/** The clock (tests). */
	now?: Date;
}

/** The cli.md `figures` object for the user's scope. A unit the user may not see is bad input. */
export async function figures(db: Database, user: SessionUser, opts: FiguresOptions): Promise<Figures> {
	for (const [field, v] of [['from', opts.from], ['to', opts.to]] as const) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v + 'T00:00:00Z'))) throw new UserInputError('bad_date', FIGURES_TEXT.badDate(field, v), { field });
	}
	if (opts.from > opts.to) throw new UserInputError('bad_range', FIGURES_TEXT.badRange(opts.from, opts.to), { field: 'from' });
	if (opts.unit && user.role === 'unit' && !user.units.includes(opts.unit)) throw new UserInputError('forbidden_unit', FIGURES_TEXT.forbiddenUnit(opts.unit), { field: 'unit' });
	const base: FilterState = { ...(opts.filters ?? emptyFilters()) };
	if (opts.unit) base.units = [opts.unit];
	const set = await periodSet(db, opts.from, opts.to, { asOf: opts.asOf, now: opts.now });
	const values = await periodFigures(db, user, base, set, FIGURE_MEASURES);
	const one = (r: DateRange & { as_of: string }, v: Record<string, number | null>): PeriodFigures => ({
		from: r.from,
		to: r.to,
		as_of: r.as_of,
		...(Object.fromEntries(FIGURE_MEASURES.map((m) => [m, v[m]])) as FigureValues)
	});
	const out: Figures = { ...one(set.current, values.current), previous: one(set.previous, values.previous), last_year: one(set.last_year, values.last_year) };
	if (opts.unit) Object.assign(out, await unitRank(db, opts.unit, { ...base, units: [] }, set.current, user));
	return out;
}

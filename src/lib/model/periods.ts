// The one period model (product.md 2.0), pure TypeScript shared by the browser and the server: calendar
// months, quarters and years; running periods (a calendar period that contains today, cut at today); free
// ranges; their 环比/同比 comparison periods and their as_of. A deployment may start its month on another day
// (month_start_day, e.g. 26: "November" = 26 Oct–25 Nov); quarters and years stay calendar ones.

export interface DateRange {
	from: string; // YYYY-MM-DD, inclusive (Shanghai dates)
	to: string; // YYYY-MM-DD, inclusive
}

export type PeriodKind = 'month' | 'quarter' | 'year' | 'range';

export interface Period extends DateRange {
	kind: PeriodKind;
	/** A calendar period that contains today, cut at today (to = today). */
	running: boolean;
	/** The whole calendar period (equal to from/to unless running; the range itself for a free range). */
	full: DateRange;
}

export interface PeriodOptions {
	/** Today's Shanghai date (default: now). */
	today?: string;
	/** First day of the monthly period, 1–28 (default 1: calendar months). */
	monthStartDay?: number;
}

export interface Comparison {
	period: Period;
	previous: DateRange;
	lastYear: DateRange;
}

const DAY_MS = 86400000;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Shanghai calendar date of an instant, as YYYY-MM-DD (independent of the machine's time zone). */
export function shanghaiDate(now: Date = new Date()): string {
	return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** y, m (1-based, may be out of range: normalised), d → YYYY-MM-DD. */
export function ymd(y: number, m: number, d: number): string {
	return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function parts(s: string): [number, number, number] {
	const [y, m, d] = s.split('-').map(Number);
	return [y, m, d];
}

function daysInMonth(y: number, m: number): number {
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The date n days after s (n may be negative), both YYYY-MM-DD. */
export function addDays(s: string, n: number): string {
	return new Date(Date.parse(s + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / DAY_MS);
}

/** The same day-of-month k months later (k may be negative), clamped to that month's length (31 Mar − 1 → 28/29 Feb). */
export function shiftMonths(s: string, k: number): string {
	const [y, m, d] = parts(s);
	const t = new Date(Date.UTC(y, m - 1 + k, 1));
	const Y = t.getUTCFullYear();
	const M = t.getUTCMonth() + 1;
	return ymd(Y, M, Math.min(d, daysInMonth(Y, M)));
}

function startDay(opts: PeriodOptions | undefined): number {
	const s = Math.floor(Number(opts?.monthStartDay ?? 1));
	return Number.isFinite(s) && s >= 1 && s <= 28 ? s : 1;
}

/**
 * The monthly period named YYYY-MM: the calendar month, or with a start day s > 1 the days from s of the month
 * before to s − 1 of this month (s = 26: "2026-11" = 2026-10-26 … 2026-11-25).
 */
export function monthPeriodRange(month: string, monthStartDay = 1): DateRange {
	const [y, m] = month.split('-').map(Number);
	const s = startDay({ monthStartDay });
	if (s === 1) return { from: ymd(y, m, 1), to: ymd(y, m, daysInMonth(y, m)) };
	return { from: ymd(y, m - 1, s), to: ymd(y, m, s - 1) };
}

/** The monthly period (YYYY-MM) a date belongs to, under the start day. */
export function monthOf(date: string, monthStartDay = 1): string {
	const [y, m, d] = parts(date);
	const s = startDay({ monthStartDay });
	return (s > 1 && d >= s ? ymd(y, m + 1, 1) : ymd(y, m, 1)).slice(0, 7);
}

function quarterRange(date: string): DateRange {
	const [y, m] = parts(date);
	const q0 = Math.floor((m - 1) / 3) * 3 + 1;
	return { from: ymd(y, q0, 1), to: ymd(y, q0 + 2, daysInMonth(y, q0 + 2)) };
}

function yearRange(date: string): DateRange {
	const y = parts(date)[0];
	return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
}

/** The calendar period of a kind that contains a date. */
export function calendarPeriodOf(kind: Exclude<PeriodKind, 'range'>, date: string, opts?: PeriodOptions): DateRange {
	if (kind === 'month') return monthPeriodRange(monthOf(date, startDay(opts)), startDay(opts));
	return kind === 'quarter' ? quarterRange(date) : yearRange(date);
}

/**
 * What a date range is: a calendar month, quarter or year when it covers exactly one (the smallest kind wins);
 * running when it is such a period, or runs from such a period's start to today, while today lies inside it
 * (then it is cut at today); otherwise a free range.
 */
export function classifyPeriod(from: string, to: string, opts?: PeriodOptions): Period {
	const today = opts?.today ?? shanghaiDate();
	for (const kind of ['month', 'quarter', 'year'] as const) {
		const full = calendarPeriodOf(kind, from, opts);
		if (full.from !== from) continue;
		const containsToday = full.from <= today && today < full.to;
		if (full.to === to) {
			return containsToday ? { kind, from, to: today, running: true, full } : { kind, from, to, running: false, full };
		}
		if (containsToday && to === today) return { kind, from, to, running: true, full };
	}
	return { kind: 'range', from, to, running: false, full: { from, to } };
}

/** How many months one step of a calendar kind spans. */
const STEP: Record<Exclude<PeriodKind, 'range'>, number> = { month: 1, quarter: 3, year: 12 };

/** Shifts a calendar period by k steps of its kind: the whole previous / next month, quarter or year. */
function shiftCalendar(p: Period, k: number, opts?: PeriodOptions): DateRange {
	if (p.kind === 'range') throw new Error('not a calendar period');
	return calendarPeriodOf(p.kind, shiftMonths(p.full.from, k * STEP[p.kind]), opts);
}

/** The same elapsed span k steps away: its start, and the same day cut, clamped to that period's end. */
function shiftRunning(p: Period, k: number, opts?: PeriodOptions): DateRange {
	if (p.kind === 'range') throw new Error('not a calendar period');
	const full = shiftCalendar(p, k, opts);
	const to = shiftMonths(p.to, k * STEP[p.kind]);
	return { from: full.from, to: to > full.to ? full.to : to };
}

/** The same dates one year earlier (29 Feb → 28 Feb). */
function lastYearDates(r: DateRange): DateRange {
	return { from: shiftMonths(r.from, -12), to: shiftMonths(r.to, -12) };
}

/**
 * 环比 and 同比 of a period: a calendar period → the whole previous period of its kind and the same one a year
 * earlier; running → the same elapsed span of those; a free range → the range of equal length just before it and
 * the same dates a year earlier.
 */
export function comparePeriod(period: Period, opts?: PeriodOptions): Comparison {
	if (period.kind === 'range') {
		const len = daysBetween(period.from, period.to) + 1;
		return { period, previous: { from: addDays(period.from, -len), to: addDays(period.from, -1) }, lastYear: lastYearDates(period) };
	}
	const step = STEP[period.kind];
	if (period.running) return { period, previous: shiftRunning(period, -1, opts), lastYear: shiftRunning(period, -12 / step, opts) };
	return { period, previous: shiftCalendar(period, -1, opts), lastYear: shiftCalendar(period, -12 / step, opts) };
}

/** The comparisons a KPI card shows. */
export type ComparisonKey = 'previous' | 'lastYear';

/**
 * The comparisons worth showing beside a figure: 环比 and 同比, unless they are one and the same range, as for a
 * calendar year (running or not), whose previous period of its kind is the same year a year earlier (product.md
 * 2.0): then 同比 alone, which the page labels 较上年同期, rather than two identical changes.
 */
export function shownComparisons(c: { previous: DateRange; lastYear: DateRange }): ComparisonKey[] {
	return c.previous.from === c.lastYear.from && c.previous.to === c.lastYear.to ? ['lastYear'] : ['previous', 'lastYear'];
}

/** classifyPeriod + comparePeriod. */
export function comparisonFor(from: string, to: string, opts?: PeriodOptions): Comparison {
	return comparePeriod(classifyPeriod(from, to, opts), opts);
}

/** The last moment of a Shanghai date, as an instant. */
export function endOfDay(date: string): Date {
	return new Date(Date.parse(date + 'T23:59:59.999+08:00'));
}

/** An instant as ISO 8601 in Shanghai time with the +08:00 offset. */
export function isoShanghai(t: Date): string {
	return new Date(t.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/**
 * as_of of a range (product.md 2.0): the earlier of its end (23:59:59.999 of its last day, Shanghai) and now
 * (or the as-of a screen chose). Each comparison period takes its own.
 */
export function asOfFor(range: DateRange, now: Date = new Date()): Date {
	const end = endOfDay(range.to);
	return end.getTime() < now.getTime() ? end : now;
}

export type QuickPick = 'thisMonth' | 'lastMonth' | 'thisYear' | 'last12';

/** Date range of a quick pick relative to today, under the monthly start day. */
export function quickPickRange(pick: QuickPick, today: string = shanghaiDate(), monthStartDay = 1): DateRange {
	const s = startDay({ monthStartDay });
	const month = monthOf(today, s);
	switch (pick) {
		case 'thisMonth':
			return { from: monthPeriodRange(month, s).from, to: today };
		case 'lastMonth':
			return monthPeriodRange(shiftMonths(month + '-01', -1).slice(0, 7), s);
		case 'thisYear':
			return { from: yearRange(today).from, to: today };
		case 'last12':
			return { from: monthPeriodRange(shiftMonths(month + '-01', -11).slice(0, 7), s).from, to: today };
	}
}

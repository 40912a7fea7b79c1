// Pure layout of one deadline clock against the official calendar: one cell per day from the clock start
// to the due day and on to the done day (or the as-of day), with weekends, holidays, make-up workdays,
// pauses and the start / due / done marks. Dates are civil Shanghai dates ('YYYY-MM-DD'), computed in
// UTC arithmetic so the browser's or server's time zone never shifts a day.

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

/** A calendar row as the engine returns it (calendarRange). */
export interface TimelineCalendarDay {
	day: string;
	is_workday: boolean;
	kind: string;
	holiday_name: string | null;
	official: boolean;
}

/** The parts of an engine clock (caseClocks) the layout needs; timestamps are ISO with +08:00 or wall-clock. */
export interface TimelineClock {
	clock_start: string | null;
	due_at: string | null;
	done_at: string | null;
	status: string;
	limit?: { value: number; unit: string } | null;
}

export interface TimelinePause {
	start_at: string;
	end_at: string | null;
	reason: string | null;
}

/** A clock as the engine's caseClocks returns it, as the timeline component shows it. */
export interface TimelineClockProps extends TimelineClock {
	rule_id: string;
	title: string;
	citation: { seed: string; document: string; article: string };
	limit: { value: number; unit: string } | null;
	working_days_late: number | null;
	provisional: boolean;
	extended: boolean;
	explanation: string;
}

/** A case's clocks with the calendar days they span and the case's pauses. */
export interface CaseTimelineData {
	as_of: string;
	clocks: TimelineClockProps[];
	calendar: TimelineCalendarDay[];
	pauses: TimelinePause[];
}

/** Where a day lies relative to the clock. */
export type Phase = 'start' | 'within' | 'late' | 'after';

export interface DayCell {
	day: string;
	month: number;
	dayOfMonth: number;
	/** 0 = Sunday … 6 = Saturday */
	weekday: number;
	kind: DayKind;
	isWorkday: boolean;
	holidayName: string | null;
	/** false in a year whose holiday notice is not loaded (provisional Monday–Friday calendar) */
	official: boolean;
	phase: Phase;
	/** n-th day counted towards the limit (working days for working-day limits, days for calendar limits) */
	counted: number | null;
	paused: boolean;
	pauseReason: string | null;
	isStart: boolean;
	isDue: boolean;
	isDone: boolean;
	isAsOf: boolean;
	/** first cell of the strip or first day of a month: the UI prints the month there */
	monthStart: boolean;
	/** a month label in another year than the previous label: the UI prints the year too */
	showYear: boolean;
}

export type Segment = { type: 'days'; cells: DayCell[] } | { type: 'gap'; from: string; to: string; days: number };

export interface ClockLayout {
	startDay: string;
	dueDay: string | null;
	doneDay: string | null;
	asOfDay: string;
	/** last day drawn: the latest of due, done (or as-of for an open clock) */
	endDay: string;
	totalDays: number;
	segments: Segment[];
	/** kinds and marks that occur, so the legend lists only what is drawn */
	present: { weekend: boolean; holiday: boolean; makeup: boolean; paused: boolean; provisional: boolean; late: boolean };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a civil date. */
export function dayNumber(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function dayString(n: number): string {
	return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The civil date of a stored timestamp: ISO with offset keeps Shanghai wall-clock, so the first 10 characters. */
export function civilDate(ts: string | null | undefined): string | null {
	if (!ts) return null;
	const d = ts.slice(0, 10);
	return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

const OPEN_STATUSES = new Set(['open-overdue', 'open-within']);
const LATE_STATUSES = new Set(['breached', 'open-overdue']);

export interface LayoutOptions {
	/** more days than this are collapsed into a gap in the middle */
	maxDays?: number;
	/** days kept after the due day and before the end when collapsing */
	edge?: number;
}

/**
 * Lays out one clock. Returns null for a clock that never started (not applicable / no start field).
 * Pauses count as the engine counts them: the days after the pause's first day up to its last day
 * (or the as-of day while it runs), and only pauses that begin inside the clock.
 */
export function layoutClock(
	clock: TimelineClock,
	calendar: TimelineCalendarDay[],
	pauses: TimelinePause[],
	asOf: string,
	opts: LayoutOptions = {}
): ClockLayout | null {
	const startDay = civilDate(clock.clock_start);
	if (!startDay || clock.status === 'not-applicable' || clock.status === 'no-data') return null;
	const maxDays = opts.maxDays ?? 120;
	const edge = opts.edge ?? 14;
	const dueDay = civilDate(clock.due_at);
	const doneDay = civilDate(clock.done_at);
	const asOfDay = civilDate(asOf) ?? startDay;
	const open = OPEN_STATUSES.has(clock.status) || !doneDay;
	const stopDay = open ? asOfDay : doneDay!;
	const endDay = [startDay, dueDay, open ? asOfDay : doneDay].filter((d): d is string => Boolean(d)).sort().at(-1)!;
	const late = LATE_STATUSES.has(clock.status);

	const byDay = new Map(calendar.map((c) => [c.day, c]));
	const stopTs = open ? `${asOfDay} 23:59:59.999` : clock.done_at!;
	const startTs = clock.clock_start!;
	const pauseSpans = pauses
		.filter((p) => normTs(p.start_at) >= normTs(startTs) && normTs(p.start_at) < normTs(stopTs))
		.map((p) => ({ from: dayNumber(civilDate(p.start_at)!), to: dayNumber(civilDate(p.end_at) ?? asOfDay), reason: p.reason }))
		.filter((p) => p.to > p.from);

	const unit = clock.limit?.unit ?? 'working_days';
	const first = dayNumber(startDay);
	const last = dayNumber(endDay);
	const dueN = dueDay ? dayNumber(dueDay) : null;
	const stopN = dayNumber(stopDay);
	const cells: DayCell[] = [];
	let counted = 0;
	const present = { weekend: false, holiday: false, makeup: false, paused: false, provisional: false, late: false };
	for (let n = first; n <= last; n++) {
		const day = dayString(n);
		const weekday = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
		const cal = byDay.get(day);
		const kind: DayKind = cal && isKind(cal.kind) ? cal.kind : weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
		const isWorkday = cal ? cal.is_workday : kind === 'workday';
		const pause = pauseSpans.find((p) => n > p.from && n <= p.to);
		let countedHere: number | null = null;
		if (n > first && !pause && unit !== 'hours' && unit !== 'minutes') {
			if (unit === 'working_days' ? isWorkday : true) countedHere = ++counted;
		}
		let phase: Phase;
		if (n === first) phase = 'start';
		else if (dueN === null || n <= dueN) phase = 'within';
		else if (late && n <= stopN) phase = 'late';
		else phase = 'after';
		const official = cal ? cal.official : false;
		if (kind === 'weekend') present.weekend = true;
		if (kind === 'holiday') present.holiday = true;
		if (kind === 'makeup_workday') present.makeup = true;
		if (pause) present.paused = true;
		if (!official) present.provisional = true;
		if (phase === 'late') present.late = true;
		cells.push({
			day,
			month: Number(day.slice(5, 7)),
			dayOfMonth: Number(day.slice(8, 10)),
			weekday,
			kind,
			isWorkday,
			holidayName: cal?.holiday_name ?? null,
			official,
			phase,
			counted: countedHere,
			paused: Boolean(pause),
			pauseReason: pause?.reason ?? null,
			isStart: n === first,
			isDue: n === dueN,
			isDone: !open && day === doneDay,
			isAsOf: open && day === asOfDay,
			monthStart: n === first || day.endsWith('-01'),
			showYear: false
		});
	}

	const segments = collapse(cells, dueN, maxDays, edge);
	let labelYear = startDay.slice(0, 4);
	for (const seg of segments) {
		if (seg.type !== 'days') continue;
		for (const c of seg.cells) {
			if (!c.monthStart || c.day.slice(0, 4) === labelYear) continue;
			c.showYear = true;
			labelYear = c.day.slice(0, 4);
		}
	}
	return {
		startDay,
		dueDay,
		doneDay: open ? null : doneDay,
		asOfDay,
		endDay,
		totalDays: cells.length,
		segments,
		present
	};
}

function isKind(k: string): k is DayKind {
	return k === 'workday' || k === 'weekend' || k === 'holiday' || k === 'makeup_workday';
}

/** Any stored or ISO timestamp as comparable wall-clock text 'YYYY-MM-DD HH:MM:SS.mmm'. */
function normTs(ts: string): string {
	const s = ts.replace('T', ' ').replace(/(Z|[+-]\d{2}:\d{2})$/, '');
	const [d, t = '00:00:00'] = s.split(' ');
	const [hms, frac = ''] = t.split('.');
	return `${d} ${hms.padEnd(8, ':00')}.${frac.padEnd(3, '0').slice(0, 3)}`;
}

/**
 * Very long strips (an open case years overdue) keep the start through a little after the due day and
 * the last days before the end; the days between become gap segments, except the holidays and make-up
 * workdays (with a day either side) that change the count the explanation gives. A new segment starts a month.
 */
function collapse(cells: DayCell[], dueN: number | null, maxDays: number, edge: number): Segment[] {
	if (cells.length <= maxDays) return [{ type: 'days', cells }];
	const first = dayNumber(cells[0].day);
	const headEnd = Math.min(cells.length - 1, Math.max(dueN === null ? 0 : dueN - first + edge, edge), maxDays - edge - 1);
	const tailStart = cells.length - edge;
	if (tailStart <= headEnd + 1) return [{ type: 'days', cells }];
	const keep = cells.map((_, i) => i <= headEnd || i >= tailStart);
	cells.forEach((c, i) => {
		if (c.kind !== 'holiday' && c.kind !== 'makeup_workday') return;
		for (let j = Math.max(0, i - 1); j <= Math.min(cells.length - 1, i + 1); j++) keep[j] = true;
	});
	// a hidden run shorter than three days is not worth its gap marker
	for (let i = 0; i < cells.length; ) {
		if (keep[i]) {
			i++;
			continue;
		}
		let j = i;
		while (j < cells.length && !keep[j]) j++;
		if (j - i < 3) for (let k = i; k < j; k++) keep[k] = true;
		i = j;
	}
	const segments: Segment[] = [];
	for (let i = 0; i < cells.length; ) {
		let j = i;
		while (j < cells.length && keep[j] === keep[i]) j++;
		if (keep[i]) {
			const run = cells.slice(i, j);
			segments.push({ type: 'days', cells: i === 0 ? run : run.map((c, k) => (k === 0 ? { ...c, monthStart: true } : c)) });
		} else segments.push({ type: 'gap', from: cells[i].day, to: cells[j - 1].day, days: j - i });
		i = j;
	}
	return segments;
}

export interface CalendarNotes {
	/** runs of consecutive holiday days with the names they carry (国庆节、中秋节) */
	holidays: { from: string; to: string; names: string[] }[];
	makeup: { day: string; weekday: number; name: string | null }[];
}

/** The holiday blocks and make-up workdays a layout crosses, for the caption under the strip. */
export function calendarNotes(layout: ClockLayout): CalendarNotes {
	const notes: CalendarNotes = { holidays: [], makeup: [] };
	let run: { from: string; to: string; names: string[] } | null = null;
	let prev: number | null = null;
	for (const seg of layout.segments) {
		if (seg.type === 'gap') {
			run = null;
			prev = null;
			continue;
		}
		for (const c of seg.cells) {
			const n = dayNumber(c.day);
			if (c.kind === 'holiday') {
				if (run && prev === n - 1) run.to = c.day;
				else notes.holidays.push((run = { from: c.day, to: c.day, names: [] }));
				const name = c.holidayName ?? '';
				if (name && !run.names.includes(name)) run.names.push(name);
			} else run = null;
			if (c.kind === 'makeup_workday') notes.makeup.push({ day: c.day, weekday: c.weekday, name: c.holidayName });
			prev = n;
		}
	}
	return notes;
}

// Pure calendar arithmetic on civil dates ('YYYY-MM-DD'), done in UTC so the server's TZ never matters:
// the notice files → one row per day with the working-day index the SQL evaluation joins on.
import { z } from 'zod';

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a civil date, independent of the process time zone. */
export function dayNumber(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The civil date of a day number. */
export function dayString(n: number): string {
	return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a civil date. */
export function weekday(date: string): number {
	return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

export function isValidDate(date: string): boolean {
	return DATE_RE.test(date) && dayString(dayNumber(date)) === date;
}

const dayEntry = z.object({
	date: z.string().refine(isValidDate, { message: '日期须为有效的 YYYY-MM-DD' }),
	name: z.string().trim().min(1, { message: '名称不能为空' })
});

/** One year's State Council notice, as shipped in data/calendar/YYYY.json or loaded by an admin. */
export const calendarYearSchema = z
	.object({
		year: z.number().int().min(1990).max(2200),
		official: z.boolean().default(true),
		source: z.string().trim().min(1, { message: '须注明通知名称（来源）' }),
		holidays: z.array(dayEntry),
		makeup_workdays: z.array(dayEntry).default([])
	})
	.superRefine((y, ctx) => {
		const seen = new Map<string, string>();
		for (const [list, label] of [
			[y.holidays, 'holidays'],
			[y.makeup_workdays, 'makeup_workdays']
		] as const) {
			list.forEach((e, i) => {
				if (!isValidDate(e.date)) return;
				if (Number(e.date.slice(0, 4)) !== y.year)
					ctx.addIssue({ code: 'custom', path: [label, i, 'date'], message: `日期 ${e.date} 不在 ${y.year} 年内` });
				if (seen.has(e.date))
					ctx.addIssue({ code: 'custom', path: [label, i, 'date'], message: `日期 ${e.date} 重复出现` });
				seen.set(e.date, label);
				if (label === 'makeup_workdays' && ![0, 6].includes(weekday(e.date)))
					ctx.addIssue({ code: 'custom', path: [label, i, 'date'], message: `调休上班日 ${e.date} 不是周末` });
			});
		}
	});

export type CalendarYear = z.infer<typeof calendarYearSchema>;

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface CalendarDay {
	day: string;
	is_workday: boolean;
	kind: DayKind;
	holiday_name: string | null;
	official: boolean;
	/** Working days up to and including this day, counted from the first day of the table. */
	workday_index: number;
	/**
	 * Uncertain days up to and including this day: a window touches one when this grows. A day is uncertain in a
	 * year without a notice when it lies within UNCERTAIN_DAYS of a statutory holiday (where the unknown 调休 would
	 * move working days), or anywhere in such a year whose holidays are not known at all.
	 */
	unofficial_index: number;
	source: string | null;
}

export interface HolidayBlock {
	first_day: string;
	last_day: string;
	/** e.g. 国庆中秋假期 */
	name: string;
}

/** The first day of the calendar table: older cases still get a (provisional) calendar. */
export const CALENDAR_FIRST_YEAR = 2000;

/** Short names used when naming a holiday block in an explanation (国庆中秋假期). */
export function shortHolidayName(name: string): string {
	if (name.includes('抗日战争')) return '抗战胜利纪念日';
	if (name === '国庆节') return '国庆';
	if (/^(清明|端午|中秋)节$/.test(name)) return name.slice(0, 2);
	return name;
}

/** How near a holiday of an unannounced year a day must be for the unknown 调休 to matter. */
export const UNCERTAIN_DAYS = 7;

/** Every day from fromYear-01-01 to toYear-12-31 with its kind and cumulative indexes. */
export function buildCalendarDays(years: CalendarYear[], fromYear: number, toYear: number): CalendarDay[] {
	const byYear = new Map(years.map((y) => [y.year, y]));
	const provisionalHolidays = new Set(years.filter((y) => !y.official).flatMap((y) => y.holidays.map((h) => dayNumber(h.date))));
	const nearHoliday = (n: number) => {
		for (let k = -UNCERTAIN_DAYS; k <= UNCERTAIN_DAYS; k++) if (provisionalHolidays.has(n + k)) return true;
		return false;
	};
	const holiday = new Map<string, string>();
	const makeup = new Map<string, string>();
	for (const y of years) {
		for (const h of y.holidays) holiday.set(h.date, h.name);
		for (const m of y.makeup_workdays) makeup.set(m.date, m.name);
	}
	const out: CalendarDay[] = [];
	let workdayIndex = 0;
	let unofficialIndex = 0;
	const first = dayNumber(`${fromYear}-01-01`);
	const last = dayNumber(`${toYear}-12-31`);
	for (let n = first; n <= last; n++) {
		const day = dayString(n);
		const notice = byYear.get(Number(day.slice(0, 4)));
		const official = notice?.official ?? false;
		const wd = new Date(n * DAY_MS).getUTCDay();
		let kind: DayKind = wd === 0 || wd === 6 ? 'weekend' : 'workday';
		let name: string | null = null;
		if (holiday.has(day)) {
			kind = 'holiday';
			name = holiday.get(day)!;
		} else if (makeup.has(day)) {
			kind = 'makeup_workday';
			name = makeup.get(day)!;
		}
		const isWorkday = kind === 'workday' || kind === 'makeup_workday';
		if (isWorkday) workdayIndex++;
		if (!official && (!notice?.holidays.length || nearHoliday(n))) unofficialIndex++;
		out.push({
			day,
			is_workday: isWorkday,
			kind,
			holiday_name: name,
			official,
			workday_index: workdayIndex,
			unofficial_index: unofficialIndex,
			source: notice?.source ?? null
		});
	}
	return out;
}

/** Consecutive holiday days grouped into the blocks an explanation names (国庆中秋假期10月1日至8日). */
export function holidayBlocks(days: CalendarDay[]): HolidayBlock[] {
	const blocks: HolidayBlock[] = [];
	let current: { first: string; last: string; names: string[] } | null = null;
	const flush = () => {
		if (current) blocks.push({ first_day: current.first, last_day: current.last, name: current.names.join('') + '假期' });
		current = null;
	};
	for (const d of days) {
		if (d.kind !== 'holiday') {
			flush();
			continue;
		}
		const short = shortHolidayName(d.holiday_name ?? '节假日');
		if (!current) current = { first: d.day, last: d.day, names: [short] };
		else {
			current.last = d.day;
			if (!current.names.includes(short)) current.names.push(short);
		}
	}
	flush();
	return blocks;
}

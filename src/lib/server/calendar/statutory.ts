// The statutory holidays of a year the State Council has not yet announced (全国年节及纪念日放假办法, as revised
// in 2024, in force from 2025): 元旦 1 day, 春节 4 days from 除夕 (the last day of the twelfth lunar month), 清明 1
// (the solar term), 劳动节 2, 端午 1, 中秋 1, 国庆 3; a holiday falling on a Saturday or Sunday is made up on the
// following working day (补假, 第六条). The unknown 调休 (weekend days worked to join blocks) is not guessed.
// Lunar dates and solar terms come from chinese-days (a maintained almanac, already a dependency).
import chineseDays from 'chinese-days';
import { dayNumber, dayString, weekday, type CalendarYear } from './days.ts';

/** The first year the 2024 revision's days apply to. */
export const STATUTORY_FROM_YEAR = 2025;
/** The last year chinese-days' lunar table covers (later years come out in the wrong year: none are computed). */
export const STATUTORY_TO_YEAR = 2100;
export const STATUTORY_SOURCE = '按全国年节及纪念日放假办法（2024年修订）推算的法定节假日（国务院通知未公布，调休未计）';

const lunar = (year: number, month: number, day: number): string => chineseDays.getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).date;

/** The statutory holiday days of a year (Gregorian), with 补假 for those on a weekend. */
export function statutoryHolidays(year: number): { date: string; name: string }[] {
	const runs: { name: string; days: string[] }[] = [];
	const span = (name: string, first: string, n: number) => runs.push({ name, days: Array.from({ length: n }, (_, i) => dayString(dayNumber(first) + i)) });
	const mmdd = (m: number, d: number) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	span('元旦', mmdd(1, 1), 1);
	// 除夕: the last day of the twelfth month of the lunar year that ends in this Gregorian year
	span('春节', lunar(year - 1, 12, chineseDays.monthDays(year - 1, 12)), 4);
	span('清明节', chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), 1);
	span('劳动节', mmdd(5, 1), 2);
	span('端午节', lunar(year, 5, 5), 1);
	span('中秋节', lunar(year, 8, 15), 1);
	span('国庆节', mmdd(10, 1), 3);
	const taken = new Map<string, string>();
	for (const r of runs) for (const d of r.days) if (d.startsWith(`${year}-`) && !taken.has(d)) taken.set(d, r.name);
	// 补假: one following working day (not a weekend, not a holiday) for each holiday day on a weekend
	for (const r of runs) {
		let owed = r.days.filter((d) => taken.get(d) === r.name && [0, 6].includes(weekday(d))).length;
		let n = dayNumber(r.days[r.days.length - 1]);
		while (owed > 0) {
			n++;
			const d = dayString(n);
			if ([0, 6].includes(weekday(d)) || taken.has(d)) continue;
			if (!d.startsWith(`${year}-`)) break;
			taken.set(d, r.name);
			owed--;
		}
	}
	return [...taken].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

/** The provisional calendar of each year from 2025 to lastYear that has no notice: its statutory holidays. */
export function statutoryYears(notices: CalendarYear[], lastYear: number): CalendarYear[] {
	const known = new Set(notices.map((y) => y.year));
	const out: CalendarYear[] = [];
	for (let y = STATUTORY_FROM_YEAR; y <= Math.min(lastYear, STATUTORY_TO_YEAR); y++)
		if (!known.has(y)) out.push({ year: y, official: false, source: STATUTORY_SOURCE, holidays: statutoryHolidays(y), makeup_workdays: [] });
	return out;
}

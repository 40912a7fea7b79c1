// A small working-day calendar used only to GENERATE demo data (the product's calendar lives in
// src/lib/server/calendar/). Holidays and make-up workdays come from chinese-days' yearly JSON data;
// a year without data falls back to Monday–Friday (provisional).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../paths.ts';

export const DayKind = { Workday: 0, Weekend: 1, Holiday: 2, MakeupWorkday: 3 } as const;
export type DayKind = (typeof DayKind)[keyof typeof DayKind];

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date (UTC arithmetic: independent of the process TZ). */
export function epochDay(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoFromEpochDay(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

interface YearData {
	holidays: Map<string, string>;
	makeupWorkdays: Set<string>;
}

function holidayDir(): string | null {
	const candidates = [path.join(ROOT, 'node_modules', 'chinese-days', 'dist', 'years')];
	try {
		const req = createRequire(import.meta.url);
		candidates.push(path.join(path.dirname(req.resolve('chinese-days/package.json')), 'dist', 'years'));
	} catch {
		// the package's exports may hide package.json; the ROOT candidate covers the normal layout
	}
	return candidates.find((dir) => fs.existsSync(dir)) ?? null;
}

const yearCache = new Map<number, YearData | null>();

/** The official holidays (date → festival name) and make-up workdays of a year, or null when unknown. */
export function officialYear(year: number): YearData | null {
	if (yearCache.has(year)) return yearCache.get(year)!;
	let data: YearData | null = null;
	const dir = holidayDir();
	const file = dir ? path.join(dir, `${year}.json`) : null;
	if (file && fs.existsSync(file)) {
		const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as {
			holidays?: Record<string, string>;
			workdays?: Record<string, string>;
		};
		const holidays = new Map<string, string>();
		for (const [date, label] of Object.entries(raw.holidays ?? {})) holidays.set(date, label.split(',')[1] ?? label);
		data = { holidays, makeupWorkdays: new Set(Object.keys(raw.workdays ?? {})) };
	}
	yearCache.set(year, data);
	return data;
}

/**
 * Day-indexed calendar over [firstDay, firstDay + length): index 0 is `firstDay`. Working-day arithmetic is
 * O(1) through a prefix count and a list of working-day indices.
 */
export class DemoCalendar {
	readonly firstDay: number;
	readonly length: number;
	readonly kind: Uint8Array;
	/** workdaysThrough[i] = number of working days in [0, i]. */
	readonly workdaysThrough: Int32Array;
	readonly workdayIndices: Int32Array;
	/** Index of the first day of each year's Spring Festival holiday, for seasonality. */
	readonly springFestivalStarts: number[] = [];
	readonly provisionalYears: number[] = [];

	constructor(firstIso: string, lastIso: string) {
		this.firstDay = epochDay(firstIso);
		this.length = epochDay(lastIso) - this.firstDay + 1;
		this.kind = new Uint8Array(this.length);
		this.workdaysThrough = new Int32Array(this.length);
		const workdays: number[] = [];
		let count = 0;
		let seenYear = -1;
		for (let i = 0; i < this.length; i++) {
			const iso = isoFromEpochDay(this.firstDay + i);
			const year = Number(iso.slice(0, 4));
			const official = officialYear(year);
			if (year !== seenYear) {
				seenYear = year;
				if (!official) this.provisionalYears.push(year);
			}
			const weekday = new Date((this.firstDay + i) * MS_PER_DAY).getUTCDay();
			const weekend = weekday === 0 || weekday === 6;
			let kind: DayKind = weekend ? DayKind.Weekend : DayKind.Workday;
			if (official?.holidays.has(iso)) {
				kind = DayKind.Holiday;
				if (official.holidays.get(iso) === '春节' && (i === 0 || this.kind[i - 1] !== DayKind.Holiday))
					this.springFestivalStarts.push(i);
			} else if (official?.makeupWorkdays.has(iso)) kind = DayKind.MakeupWorkday;
			this.kind[i] = kind;
			if (kind === DayKind.Workday || kind === DayKind.MakeupWorkday) {
				count++;
				workdays.push(i);
			}
			this.workdaysThrough[i] = count;
		}
		this.workdayIndices = Int32Array.from(workdays);
	}

	index(iso: string): number {
		return epochDay(iso) - this.firstDay;
	}

	iso(index: number): string {
		return isoFromEpochDay(this.firstDay + index);
	}

	isWorkday(index: number): boolean {
		const k = this.kind[index];
		return k === DayKind.Workday || k === DayKind.MakeupWorkday;
	}

	/**
	 * The day the N-th working day after `index` falls on (the start day itself is not counted); n = 0 gives
	 * `index` itself. Past the end of the calendar it keeps counting Monday–Friday-like weeks of 5 in 7.
	 */
	nthWorkdayAfter(index: number, n: number): number {
		if (n <= 0) return index;
		const position = this.workdaysThrough[Math.min(index, this.length - 1)] + n - 1;
		if (position < this.workdayIndices.length) return this.workdayIndices[position];
		const last = this.workdayIndices[this.workdayIndices.length - 1];
		const beyond = position - (this.workdayIndices.length - 1);
		return last + Math.floor(beyond / 5) * 7 + (beyond % 5);
	}

	/** Working days in (a, b]: how many working days after day a day b is (0 when b <= a). */
	workdaysBetween(a: number, b: number): number {
		if (b <= a) return 0;
		return this.workdaysThrough[Math.min(b, this.length - 1)] - this.workdaysThrough[Math.min(a, this.length - 1)];
	}
}

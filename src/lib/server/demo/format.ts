// Timestamp formatting for the demo: a timestamp is seconds since day 0 of a DemoCalendar, formatted through
// per-day and per-second string tables so that writing a million rows costs no Date objects.
import type { DemoCalendar } from './workdays.ts';

export const SECONDS_PER_DAY = 86_400;

export type DateStyle = 'iso' | 'iso-minutes' | 'slash' | 'chinese' | 'compact';

let hms: string[] | null = null;
let hmPadded: string[] | null = null;
let hmShort: string[] | null = null;
let hmsCompact: string[] | null = null;

function two(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

function timeTables(): { hms: string[]; hmsCompact: string[]; hmPadded: string[]; hmShort: string[] } {
	if (!hms || !hmsCompact || !hmPadded || !hmShort) {
		hms = new Array<string>(SECONDS_PER_DAY);
		hmsCompact = new Array<string>(SECONDS_PER_DAY);
		for (let s = 0; s < SECONDS_PER_DAY; s++) {
			hms[s] = `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
			hmsCompact[s] = hms[s].replaceAll(':', '');
		}
		hmPadded = new Array<string>(1440);
		hmShort = new Array<string>(1440);
		for (let m = 0; m < 1440; m++) {
			hmPadded[m] = `${two(Math.floor(m / 60))}:${two(m % 60)}`;
			hmShort[m] = `${Math.floor(m / 60)}:${two(m % 60)}`;
		}
	}
	return { hms, hmsCompact, hmPadded, hmShort };
}

/** Formats the timestamps of one calendar in the styles real exports use. */
export class TimestampFormatter {
	private readonly iso: string[];
	private readonly slash: string[];
	private readonly chinese: string[];
	private readonly compact: string[];
	private readonly times = timeTables();

	constructor(calendar: DemoCalendar) {
		const n = calendar.length;
		this.iso = new Array<string>(n);
		this.slash = new Array<string>(n);
		this.chinese = new Array<string>(n);
		this.compact = new Array<string>(n);
		for (let i = 0; i < n; i++) {
			const iso = calendar.iso(i);
			const y = iso.slice(0, 4);
			const m = Number(iso.slice(5, 7));
			const d = Number(iso.slice(8, 10));
			this.iso[i] = iso;
			this.slash[i] = `${y}/${m}/${d}`;
			this.chinese[i] = `${y}年${m}月${d}日`;
			this.compact[i] = `${y}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
		}
	}

	/** 'YYYY-MM-DD' of a day index. */
	day(dayIndex: number): string {
		return this.iso[dayIndex];
	}

	/** 'YYYYMMDD' of a day index. */
	compactDay(dayIndex: number): string {
		return this.compact[dayIndex];
	}

	/** The canonical wall-clock form 'YYYY-MM-DD HH:MM:SS'. */
	canonical(ts: number): string {
		const day = Math.floor(ts / SECONDS_PER_DAY);
		return this.iso[day] + ' ' + this.times.hms[ts - day * SECONDS_PER_DAY];
	}

	/** `format`, or '' for a missing timestamp. */
	formatOrEmpty(ts: number | null, style: DateStyle): string {
		return ts === null ? '' : this.format(ts, style);
	}

	format(ts: number, style: DateStyle): string {
		const day = Math.floor(ts / SECONDS_PER_DAY);
		const sec = ts - day * SECONDS_PER_DAY;
		switch (style) {
			case 'iso':
				return this.iso[day] + ' ' + this.times.hms[sec];
			case 'iso-minutes':
				return this.iso[day] + ' ' + this.times.hmPadded[Math.floor(sec / 60)];
			case 'slash':
				return this.slash[day] + ' ' + this.times.hmShort[Math.floor(sec / 60)];
			case 'chinese':
				return this.chinese[day] + ' ' + this.times.hmPadded[Math.floor(sec / 60)];
			case 'compact':
				return this.compact[day] + this.times.hmsCompact[sec];
		}
	}
}

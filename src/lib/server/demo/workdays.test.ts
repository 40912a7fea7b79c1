import { describe, expect, it } from 'vitest';
import { DayKind, DemoCalendar, epochDay, isoFromEpochDay } from './workdays.ts';

describe('demo working-day calendar', () => {
	const cal = new DemoCalendar('2025-01-01', '2026-12-31');
	const after = (iso: string, n: number) => cal.iso(cal.nthWorkdayAfter(cal.index(iso), n));

	it('reads official holidays and make-up workdays of 2025', () => {
		expect(cal.kind[cal.index('2025-10-01')]).toBe(DayKind.Holiday);
		expect(cal.kind[cal.index('2025-10-08')]).toBe(DayKind.Holiday);
		expect(cal.kind[cal.index('2025-09-28')]).toBe(DayKind.MakeupWorkday); // a Sunday worked
		expect(cal.kind[cal.index('2025-10-11')]).toBe(DayKind.MakeupWorkday); // a Saturday worked
		expect(cal.kind[cal.index('2025-10-12')]).toBe(DayKind.Weekend);
		expect(cal.kind[cal.index('2025-10-13')]).toBe(DayKind.Workday);
		expect(cal.provisionalYears).toEqual([]);
	});

	it('does not count the start day and lands on the N-th working day', () => {
		expect(after('2025-09-30', 1)).toBe('2025-10-09');
		// Fri 26 Sep: Sun 28 (make-up), 29, 30, 9 Oct, 10 Oct
		expect(after('2025-09-26', 5)).toBe('2025-10-10');
		expect(after('2025-09-26', 6)).toBe('2025-10-11');
		expect(after('2025-10-01', 0)).toBe('2025-10-01');
		// across the 2026 Spring Festival (15–23 Feb 2026, make-up days 14 Feb and 28 Feb)
		expect(after('2026-02-13', 1)).toBe('2026-02-14');
		expect(after('2026-02-14', 1)).toBe('2026-02-24');
	});

	it('counts working days between two days', () => {
		const a = cal.index('2025-09-30');
		expect(cal.workdaysBetween(a, cal.index('2025-10-09'))).toBe(1);
		expect(cal.workdaysBetween(a, cal.index('2025-10-08'))).toBe(0);
		expect(cal.workdaysBetween(a, a)).toBe(0);
		for (let n = 0; n < 40; n++) expect(cal.workdaysBetween(a, cal.nthWorkdayAfter(a, n))).toBe(n);
	});

	it('marks years without official data as provisional and counts Monday to Friday there', () => {
		const future = new DemoCalendar('2099-01-01', '2099-01-31');
		expect(future.provisionalYears).toEqual([2099]);
		// 2099-01-02 is a Friday
		expect(future.iso(future.nthWorkdayAfter(future.index('2099-01-02'), 1))).toBe('2099-01-05');
	});

	it('converts dates without the process time zone', () => {
		expect(isoFromEpochDay(epochDay('2024-02-29'))).toBe('2024-02-29');
		expect(epochDay('1970-01-02')).toBe(1);
	});
});

// The calendar built from the notice files: kinds, make-up days, cumulative working-day index, blocks.
import { describe, expect, it } from 'vitest';
import { buildCalendarDays, calendarYearSchema, holidayBlocks, dayNumber, dayString, weekday } from './days.ts';
import { readCalendarDir } from './index.ts';

const years = readCalendarDir().map((f) => f.year);
const days = buildCalendarDays(years, 2000, 2029);
const byDay = new Map(days.map((d) => [d.day, d]));

describe('calendar days', () => {
	it('ships every year 2004..2026 from the State Council notices', () => {
		expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
		expect(years.every((y) => y.source === `国务院办公厅关于${y.year}年部分节假日安排的通知`)).toBe(true);
	});

	it('knows the 2025 National Day and its make-up days', () => {
		expect(byDay.get('2025-10-01')).toMatchObject({ kind: 'holiday', is_workday: false, holiday_name: '国庆节', official: true });
		expect(byDay.get('2025-10-06')).toMatchObject({ kind: 'holiday', holiday_name: '中秋节' });
		expect(byDay.get('2025-09-28')).toMatchObject({ kind: 'makeup_workday', is_workday: true });
		expect(byDay.get('2025-10-11')).toMatchObject({ kind: 'makeup_workday', is_workday: true });
		expect(byDay.get('2025-10-12')).toMatchObject({ kind: 'weekend', is_workday: false });
	});

	it('counts working days cumulatively and marks unannounced years', () => {
		for (let i = 1; i < days.length; i++)
			expect(days[i].workday_index - days[i - 1].workday_index).toBe(days[i].is_workday ? 1 : 0);
		expect(byDay.get('2003-06-02')?.official).toBe(false);
		expect(byDay.get('2027-06-01')).toMatchObject({ official: false, kind: 'workday' });
		const in2025 = days.filter((d) => d.day.startsWith('2025') && d.is_workday).length;
		expect(in2025).toBe(248);
	});

	it('groups holidays into named blocks', () => {
		const blocks = holidayBlocks(days);
		expect(blocks).toContainEqual({ first_day: '2025-10-01', last_day: '2025-10-08', name: '国庆中秋假期' });
		expect(blocks).toContainEqual({ first_day: '2024-02-10', last_day: '2024-02-17', name: '春节假期' });
		expect(blocks).toContainEqual({ first_day: '2026-09-25', last_day: '2026-09-27', name: '中秋假期' });
	});

	it('does date arithmetic on civil dates whatever the TZ', () => {
		expect(dayString(dayNumber('2024-02-29'))).toBe('2024-02-29');
		expect(weekday('2025-09-28')).toBe(0);
		expect(weekday('2025-10-11')).toBe(6);
	});

	it('rejects a notice with a make-up day on a weekday or outside its year', () => {
		const bad = calendarYearSchema.safeParse({ year: 2027, source: 'x', holidays: [{ date: '2028-01-01', name: '元旦' }], makeup_workdays: [{ date: '2027-03-03', name: '春节' }] });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues.map((i) => i.message).join(' ')).toMatch(/不在 2027 年内/);
		expect(bad.error?.issues.map((i) => i.message).join(' ')).toMatch(/不是周末/);
	});
});

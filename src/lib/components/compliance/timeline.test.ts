// Hand-checked layouts around National Day 2025 (国务院办公厅关于2025年部分节假日安排的通知: 10月1日至8日放假,
// 9月28日（周日）、10月11日（周六）上班): weekends, the holiday block, make-up workdays, pauses, due and done marks.
import { afterEach, describe, expect, it } from 'vitest';
import { calendarNotes, dayNumber, dayString, layoutClock, type DayCell, type TimelineCalendarDay } from './timeline.ts';

const HOLIDAYS: Record<string, string> = {
	'2025-10-01': '国庆节',
	'2025-10-02': '国庆节',
	'2025-10-03': '国庆节',
	'2025-10-04': '国庆节',
	'2025-10-05': '国庆节',
	'2025-10-06': '中秋节',
	'2025-10-07': '国庆节',
	'2025-10-08': '国庆节'
};
const MAKEUP: Record<string, string> = { '2025-09-28': '国庆节', '2025-10-11': '国庆节' };

function calendar(from: string, to: string, official = true): TimelineCalendarDay[] {
	const out: TimelineCalendarDay[] = [];
	for (let n = dayNumber(from); n <= dayNumber(to); n++) {
		const day = dayString(n);
		const wd = new Date(n * 86_400_000).getUTCDay();
		let kind = wd === 0 || wd === 6 ? 'weekend' : 'workday';
		let name: string | null = null;
		if (HOLIDAYS[day]) [kind, name] = ['holiday', HOLIDAYS[day]];
		else if (MAKEUP[day]) [kind, name] = ['makeup_workday', MAKEUP[day]];
		out.push({ day, kind, holiday_name: name, is_workday: kind === 'workday' || kind === 'makeup_workday', official });
	}
	return out;
}

const CAL = calendar('2025-09-01', '2026-12-31');

// 转办件 2025-09-26 dispatched, 10 working days → due 2025-10-16, replied 2025-10-17: 1 working day late.
const TRANSFER = {
	clock_start: '2025-09-26T10:00:00+08:00',
	due_at: '2025-10-16T23:59:59.999+08:00',
	done_at: '2025-10-17T09:30:00+08:00',
	status: 'breached',
	limit: { value: 10, unit: 'working_days' }
};

function cells(layout: ReturnType<typeof layoutClock>): DayCell[] {
	return layout!.segments.flatMap((s) => (s.type === 'days' ? s.cells : []));
}
const at = (cs: DayCell[], day: string) => cs.find((c) => c.day === day)!;

describe('layoutClock', () => {
	it('draws every day from start to done with weekends, the holiday block and make-up workdays', () => {
		const layout = layoutClock(TRANSFER, CAL, [], '2025-11-01');
		expect(layout).not.toBeNull();
		const cs = cells(layout);
		expect(cs.map((c) => c.day)[0]).toBe('2025-09-26');
		expect(cs.at(-1)!.day).toBe('2025-10-17');
		expect(cs).toHaveLength(22);
		expect(layout!.segments).toHaveLength(1);

		expect(at(cs, '2025-09-26')).toMatchObject({ isStart: true, phase: 'start', counted: null, weekday: 5 });
		expect(at(cs, '2025-09-27')).toMatchObject({ kind: 'weekend', isWorkday: false, counted: null, weekday: 6 });
		expect(at(cs, '2025-09-28')).toMatchObject({ kind: 'makeup_workday', isWorkday: true, counted: 1, weekday: 0, holidayName: '国庆节' });
		expect(at(cs, '2025-09-30')).toMatchObject({ kind: 'workday', counted: 3 });
		for (const d of Object.keys(HOLIDAYS)) expect(at(cs, d)).toMatchObject({ kind: 'holiday', counted: null, phase: 'within' });
		expect(at(cs, '2025-10-06').holidayName).toBe('中秋节');
		expect(at(cs, '2025-10-09').counted).toBe(4);
		expect(at(cs, '2025-10-11')).toMatchObject({ kind: 'makeup_workday', counted: 6, weekday: 6 });
		expect(at(cs, '2025-10-12')).toMatchObject({ kind: 'weekend', counted: null });
		expect(at(cs, '2025-10-16')).toMatchObject({ isDue: true, counted: 10, phase: 'within', isDone: false });
		expect(at(cs, '2025-10-17')).toMatchObject({ isDone: true, phase: 'late', counted: 11 });
		expect(cs.filter((c) => c.isDue)).toHaveLength(1);
		expect(cs.filter((c) => c.isDone)).toHaveLength(1);
		expect(cs.some((c) => c.isAsOf)).toBe(false);
		// month labels at the first cell and on 1 October
		expect(cs.filter((c) => c.monthStart).map((c) => c.day)).toEqual(['2025-09-26', '2025-10-01']);
		expect(cs.some((c) => c.showYear)).toBe(false);
		expect(layout!.present).toEqual({ weekend: true, holiday: true, makeup: true, paused: false, provisional: false, late: true });
	});

	it('names the holiday block and the make-up workdays it crosses', () => {
		const notes = calendarNotes(layoutClock(TRANSFER, CAL, [], '2025-11-01')!);
		expect(notes.holidays).toEqual([{ from: '2025-10-01', to: '2025-10-08', names: ['国庆节', '中秋节'] }]);
		expect(notes.makeup).toEqual([
			{ day: '2025-09-28', weekday: 0, name: '国庆节' },
			{ day: '2025-10-11', weekday: 6, name: '国庆节' }
		]);
	});

	it('a clock met before its due day ends at the due day and has no late days', () => {
		const layout = layoutClock({ ...TRANSFER, done_at: '2025-10-10T16:00:00+08:00', status: 'met' }, CAL, [], '2025-11-01');
		const cs = cells(layout);
		expect(cs.at(-1)!.day).toBe('2025-10-16');
		expect(at(cs, '2025-10-10').isDone).toBe(true);
		expect(cs.some((c) => c.phase === 'late')).toBe(false);
		expect(layout!.present.late).toBe(false);
	});

	it('shades pauses, leaves paused days uncounted and ignores pauses that began before the clock', () => {
		// Waiting for the complainant 13 Oct 09:00 → 15 Oct 17:00: 14 and 15 Oct do not count; due moves to 20 Oct.
		const clock = { ...TRANSFER, due_at: '2025-10-20T23:59:59.999+08:00', done_at: '2025-10-20T11:00:00+08:00', status: 'met' };
		const pauses = [
			{ start_at: '2025-10-13T09:00:00+08:00', end_at: '2025-10-15T17:00:00+08:00', reason: '等待投诉人补充材料' },
			{ start_at: '2025-09-20 08:00:00', end_at: '2025-09-29 08:00:00', reason: '早于起算' }
		];
		const layout = layoutClock(clock, CAL, pauses, '2025-11-01');
		const cs = cells(layout);
		expect(at(cs, '2025-10-13')).toMatchObject({ paused: false, counted: 7 });
		expect(at(cs, '2025-10-14')).toMatchObject({ paused: true, counted: null, pauseReason: '等待投诉人补充材料' });
		expect(at(cs, '2025-10-15')).toMatchObject({ paused: true, counted: null });
		expect(at(cs, '2025-10-16')).toMatchObject({ paused: false, counted: 8 });
		expect(at(cs, '2025-10-20')).toMatchObject({ isDue: true, isDone: true, counted: 10 });
		expect(at(cs, '2025-09-28').paused).toBe(false);
		expect(cs.filter((c) => c.paused)).toHaveLength(2);
		expect(layout!.present.paused).toBe(true);
	});

	it('an open pause runs to the as-of day', () => {
		const clock = { ...TRANSFER, done_at: null, status: 'open-within', due_at: '2025-10-24T23:59:59.999+08:00' };
		const layout = layoutClock(clock, CAL, [{ start_at: '2025-10-13 09:00:00', end_at: null, reason: null }], '2025-10-15');
		const cs = cells(layout);
		expect(cs.filter((c) => c.paused).map((c) => c.day)).toEqual(['2025-10-14', '2025-10-15']);
		expect(at(cs, '2025-10-15').isAsOf).toBe(true);
		expect(cs.at(-1)!.day).toBe('2025-10-24');
	});

	it('an open overdue clock runs to the as-of day, late after the due day', () => {
		const clock = { ...TRANSFER, done_at: null, status: 'open-overdue' };
		const layout = layoutClock(clock, CAL, [], '2025-10-21');
		const cs = cells(layout);
		expect(cs.at(-1)).toMatchObject({ day: '2025-10-21', isAsOf: true, phase: 'late' });
		expect(cs.filter((c) => c.phase === 'late').map((c) => c.day)).toEqual(['2025-10-17', '2025-10-18', '2025-10-19', '2025-10-20', '2025-10-21']);
		expect(layout!.doneDay).toBeNull();
		expect(cs.some((c) => c.isDone)).toBe(false);
	});

	it('calendar-day limits count every day; hour limits count none', () => {
		const days = layoutClock({ ...TRANSFER, limit: { value: 30, unit: 'calendar_days' }, due_at: '2025-10-26T23:59:59.999+08:00' }, CAL, [], '2025-11-01');
		expect(at(cells(days), '2025-10-01').counted).toBe(5);
		const hours = layoutClock({ ...TRANSFER, limit: { value: 24, unit: 'hours' }, due_at: '2025-09-27T10:00:00+08:00' }, CAL, [], '2025-11-01');
		expect(cells(hours).every((c) => c.counted === null)).toBe(true);
	});

	it('marks days of a year without an official notice as provisional', () => {
		const layout = layoutClock(TRANSFER, calendar('2025-09-01', '2025-12-31', false), [], '2025-11-01');
		expect(layout!.present.provisional).toBe(true);
		expect(cells(layout).every((c) => !c.official)).toBe(true);
	});

	it('returns null for a clock that never started', () => {
		expect(layoutClock({ ...TRANSFER, clock_start: null, status: 'not-applicable' }, CAL, [], '2025-11-01')).toBeNull();
		expect(layoutClock({ ...TRANSFER, status: 'not-applicable' }, CAL, [], '2025-11-01')).toBeNull();
	});

	it('collapses a very long open clock into head, gap and tail without losing a day', () => {
		const clock = { ...TRANSFER, done_at: null, status: 'open-overdue' };
		const layout = layoutClock(clock, CAL, [], '2026-09-30', { maxDays: 120, edge: 14 })!;
		expect(layout.totalDays).toBe(dayNumber('2026-09-30') - dayNumber('2025-09-26') + 1);
		expect(layout.segments.map((s) => s.type)).toEqual(['days', 'gap', 'days']);
		const [head, gap, tail] = layout.segments as [
			{ type: 'days'; cells: DayCell[] },
			{ type: 'gap'; from: string; to: string; days: number },
			{ type: 'days'; cells: DayCell[] }
		];
		expect(head.cells.some((c) => c.isDue)).toBe(true);
		expect(head.cells.at(-1)!.day).toBe('2025-10-30'); // due + 14 days
		expect(tail.cells).toHaveLength(14);
		expect(tail.cells.at(-1)).toMatchObject({ day: '2026-09-30', isAsOf: true });
		expect(tail.cells[0]).toMatchObject({ monthStart: true, showYear: true });
		expect(head.cells.filter((c) => c.showYear)).toEqual([]);
		expect(head.cells.length + gap.days + tail.cells.length).toBe(layout.totalDays);
		expect(dayNumber(gap.from)).toBe(dayNumber(head.cells.at(-1)!.day) + 1);
		expect(dayNumber(gap.to)).toBe(dayNumber(tail.cells[0].day) - 1);
	});

	it('never hides, in a collapsed strip, the holidays and make-up workdays that change the count', () => {
		// dispatched Monday 1 September 2025, 10 working days → due 15 September; replied 20 November. Compact
		// (70 days, edges of 10): the head runs to 25 September, the tail is 11–20 November; National Day
		// (1–8 October) and its make-up days (28 September, 11 October), a day either side, stay visible, and the
		// one hidden day left between them and the head (26 September) is shown rather than given a gap.
		const clock = { ...TRANSFER, clock_start: '2025-09-01T10:00:00+08:00', due_at: '2025-09-15T23:59:59.999+08:00', done_at: '2025-11-20T10:00:00+08:00' };
		const layout = layoutClock(clock, CAL, [], '2026-09-30', { maxDays: 70, edge: 10 })!;
		expect(layout.segments.map((s) => s.type)).toEqual(['days', 'gap', 'days']);
		const [head, gap, tail] = layout.segments as [{ type: 'days'; cells: DayCell[] }, { type: 'gap'; from: string; to: string; days: number }, { type: 'days'; cells: DayCell[] }];
		expect([head.cells[0].day, head.cells.at(-1)!.day]).toEqual(['2025-09-01', '2025-10-12']);
		expect(gap).toEqual({ type: 'gap', from: '2025-10-13', to: '2025-11-10', days: 29 });
		expect([tail.cells[0].day, tail.cells.at(-1)!.day]).toEqual(['2025-11-11', '2025-11-20']);
		expect(head.cells.filter((c) => c.kind === 'holiday')).toHaveLength(8);
		expect(calendarNotes(layout).holidays).toEqual([{ from: '2025-10-01', to: '2025-10-08', names: ['国庆节', '中秋节'] }]);
		expect(calendarNotes(layout).makeup.map((m) => m.day)).toEqual(['2025-09-28', '2025-10-11']);
	});

	describe('in another time zone', () => {
		const saved = process.env.TZ;
		afterEach(() => {
			process.env.TZ = saved;
		});
		it('gives the same cells under TZ=America/New_York', () => {
			process.env.TZ = 'UTC';
			const utc = layoutClock(TRANSFER, CAL, [], '2025-11-01');
			process.env.TZ = 'America/New_York';
			const ny = layoutClock(TRANSFER, CAL, [], '2025-11-01');
			expect(ny).toEqual(utc);
			expect(at(cells(ny), '2025-10-11').weekday).toBe(6);
		});
	});
});

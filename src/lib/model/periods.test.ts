// The period model of product.md 2.0. Every expected range is written out by hand from a calendar.
import { describe, expect, it } from 'vitest';
import { asOfFor, classifyPeriod, comparisonFor, isoShanghai, quickPickRange, shownComparisons } from './periods.ts';
import { comparisonPeriods } from './filters.ts';
import { ui } from '../i18n/zh/metrics.ts';
import { periodLabel } from '../i18n/zh/periods.ts';

const TODAY = '2026-12-02';
const cmp = (from: string, to: string, monthStartDay?: number) => {
	const c = comparisonFor(from, to, { today: TODAY, monthStartDay });
	return { kind: c.period.kind, running: c.period.running, from: c.period.from, to: c.period.to, previous: c.previous, lastYear: c.lastYear };
};

describe('calendar periods', () => {
	it('a 30-day month compares with the whole 31-day month before it', () => {
		expect(cmp('2026-11-01', '2026-11-30')).toEqual({
			kind: 'month',
			running: false,
			from: '2026-11-01',
			to: '2026-11-30',
			previous: { from: '2026-10-01', to: '2026-10-31' },
			lastYear: { from: '2025-11-01', to: '2025-11-30' }
		});
	});
	it('a 31-day month compares with the whole 30-day month before it', () => {
		expect(cmp('2026-10-01', '2026-10-31')).toMatchObject({
			kind: 'month',
			previous: { from: '2026-09-01', to: '2026-09-30' },
			lastYear: { from: '2025-10-01', to: '2025-10-31' }
		});
	});
	it('March compares with all of February, 28 or 29 days', () => {
		expect(cmp('2025-03-01', '2025-03-31').previous).toEqual({ from: '2025-02-01', to: '2025-02-28' });
		expect(cmp('2024-03-01', '2024-03-31').previous).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		// February 2025 and the leap February of 2024 a year earlier
		expect(cmp('2025-02-01', '2025-02-28')).toMatchObject({
			kind: 'month',
			previous: { from: '2025-01-01', to: '2025-01-31' },
			lastYear: { from: '2024-02-01', to: '2024-02-29' }
		});
	});
	it('a quarter compares with the previous quarter and the same quarter a year earlier', () => {
		expect(cmp('2026-07-01', '2026-09-30')).toMatchObject({
			kind: 'quarter',
			running: false,
			previous: { from: '2026-04-01', to: '2026-06-30' },
			lastYear: { from: '2025-07-01', to: '2025-09-30' }
		});
		expect(cmp('2026-01-01', '2026-03-31').previous).toEqual({ from: '2025-10-01', to: '2025-12-31' });
	});
	it('a year compares with the year before', () => {
		expect(cmp('2025-01-01', '2025-12-31')).toMatchObject({
			kind: 'year',
			previous: { from: '2024-01-01', to: '2024-12-31' },
			lastYear: { from: '2024-01-01', to: '2024-12-31' }
		});
	});
});

describe('running periods', () => {
	it('the running month (today 2026-12-02) compares 1–2 Dec with 1–2 Nov and 1–2 Dec 2025', () => {
		expect(cmp('2026-12-01', '2026-12-02')).toEqual({
			kind: 'month',
			running: true,
			from: '2026-12-01',
			to: '2026-12-02',
			previous: { from: '2026-11-01', to: '2026-11-02' },
			lastYear: { from: '2025-12-01', to: '2025-12-02' }
		});
	});
	it('a whole month that contains today is cut at today and running', () => {
		expect(cmp('2026-12-01', '2026-12-31')).toMatchObject({ kind: 'month', running: true, to: '2026-12-02', previous: { from: '2026-11-01', to: '2026-11-02' } });
	});
	it('the elapsed span is clamped to the shorter month', () => {
		const c = comparisonFor('2025-03-01', '2025-03-30', { today: '2025-03-30' });
		expect(c.period.running).toBe(true);
		expect(c.previous).toEqual({ from: '2025-02-01', to: '2025-02-28' });
	});
	it('the running year and quarter compare the same elapsed span', () => {
		expect(cmp('2026-01-01', TODAY)).toMatchObject({ kind: 'year', running: true, previous: { from: '2025-01-01', to: '2025-12-02' } });
		expect(cmp('2026-10-01', TODAY)).toMatchObject({ kind: 'quarter', running: true, previous: { from: '2026-07-01', to: '2026-09-02' }, lastYear: { from: '2025-10-01', to: '2025-12-02' } });
	});
});

describe('free ranges', () => {
	it('a range crossing a year compares with the 22 days just before it and the same dates a year earlier', () => {
		expect(cmp('2025-12-20', '2026-01-10')).toEqual({
			kind: 'range',
			running: false,
			from: '2025-12-20',
			to: '2026-01-10',
			previous: { from: '2025-11-28', to: '2025-12-19' },
			lastYear: { from: '2024-12-20', to: '2025-01-10' }
		});
	});
	it('a month cut short that does not end today is a free range', () => {
		expect(cmp('2026-11-01', '2026-11-15')).toMatchObject({ kind: 'range', previous: { from: '2026-10-17', to: '2026-10-31' } });
	});
	it('filters.comparisonPeriods is the model', () => {
		expect(comparisonPeriods('2025-03-01', '2025-03-31')).toEqual({
			previous: { from: '2025-02-01', to: '2025-02-28' },
			lastYear: { from: '2024-03-01', to: '2024-03-31' }
		});
	});
});

describe('a monthly cut-off on the 26th', () => {
	it('"November" is 26 Oct – 25 Nov and compares with 26 Sep – 25 Oct', () => {
		expect(cmp('2026-10-26', '2026-11-25', 26)).toMatchObject({
			kind: 'month',
			running: false,
			previous: { from: '2026-09-26', to: '2026-10-25' },
			lastYear: { from: '2025-10-26', to: '2025-11-25' }
		});
		// the calendar month is then a free range
		expect(cmp('2026-11-01', '2026-11-30', 26).kind).toBe('range');
	});
	it('the running "December" (26 Nov – 2 Dec) compares with 26 Oct – 2 Nov', () => {
		expect(cmp('2026-11-26', TODAY, 26)).toMatchObject({ kind: 'month', running: true, previous: { from: '2026-10-26', to: '2026-11-02' } });
	});
	it('quick picks follow the cut-off', () => {
		expect(quickPickRange('thisMonth', TODAY, 26)).toEqual({ from: '2026-11-26', to: TODAY });
		expect(quickPickRange('lastMonth', TODAY, 26)).toEqual({ from: '2026-10-26', to: '2026-11-25' });
		expect(quickPickRange('lastMonth', '2026-11-27', 26)).toEqual({ from: '2026-10-26', to: '2026-11-25' });
		expect(quickPickRange('lastMonth', TODAY)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
	});
});

describe('as_of', () => {
	const now = new Date('2026-12-02T05:30:00Z'); // 13:30 in Shanghai
	it('is the end of the last day (Shanghai) for a past period, now for a running one', () => {
		expect(isoShanghai(asOfFor({ from: '2026-11-01', to: '2026-11-30' }, now))).toBe('2026-11-30T23:59:59.999+08:00');
		expect(isoShanghai(asOfFor({ from: '2026-12-01', to: '2026-12-02' }, now))).toBe('2026-12-02T13:30:00.000+08:00');
	});
	it('a running period is classified as such even on its first day', () => {
		expect(classifyPeriod('2026-12-01', '2026-12-01', { today: '2026-12-01' })).toMatchObject({ kind: 'month', running: true });
	});
});

describe('labels', () => {
	it('a running period says up to which day it counts, wherever a period label appears', () => {
		expect(ui.periodLabel('2026-12-01', '2026-12-31', { today: TODAY })).toBe('统计期间：2026-12-01 至 2026-12-02（截至 12月2日）');
		expect(ui.periodLabel('2026-11-01', '2026-11-30', { today: TODAY })).toBe('统计期间：2026-11-01 至 2026-11-30');
		expect(periodLabel(classifyPeriod('2026-12-01', TODAY, { today: TODAY }))).toBe('2026年12月（截至 12月2日）');
		expect(periodLabel(classifyPeriod('2026-10-26', '2026-11-25', { today: TODAY, monthStartDay: 26 }))).toBe('2026年11月');
		expect(periodLabel(classifyPeriod('2026-10-01', '2026-12-31', { today: TODAY }))).toBe('2026年第4季度（截至 12月2日）');
	});
});

describe('which comparisons a KPI card shows (issue 14: 环比 = 同比 on every card of a year)', () => {
	const shown = (from: string, to: string) => shownComparisons(comparisonFor(from, to, { today: TODAY }));
	it('a year, running or whole, shows 同比 alone, labelled 较上年同期; a month, quarter or free range shows both', () => {
		// 2026 to 2 Dec: previous of its kind = 2025-01-01..2025-12-02 = the same span a year earlier
		expect(shown('2026-01-01', TODAY)).toEqual(['lastYear']);
		expect(shown('2025-01-01', '2025-12-31')).toEqual(['lastYear']);
		expect(ui.comparisonLabel('lastYear', true)).toBe('较上年同期');
		expect(shown('2026-11-01', '2026-11-30')).toEqual(['previous', 'lastYear']);
		expect(shown('2026-12-01', TODAY)).toEqual(['previous', 'lastYear']);
		expect(shown('2026-07-01', '2026-09-30')).toEqual(['previous', 'lastYear']);
		expect(shown('2026-03-05', '2026-04-20')).toEqual(['previous', 'lastYear']);
		expect([ui.comparisonLabel('previous', false), ui.comparisonLabel('lastYear', false)]).toEqual(['环比', '同比']);
	});
});

import { describe, expect, it } from 'vitest';
import { emptyFilters } from './filters.ts';
import {
	bucketRange,
	classifyRanking,
	handlingSpecs,
	heatmapSpec,
	histogramCap,
	menuHref,
	parseWeights,
	repeatsUrl,
	unitPageSpecs,
	unitRankingSpec,
	viewPeriod,
	writeWeights
} from './dashboards.ts';

const defaults = { on_time: 0.4, satisfaction: 0.3, not_repeat: 0.15, not_overdue: 0.15 };

describe('dashboard specs', () => {
	it('a month cross-filter narrows the period to that month; trends keep the whole period', () => {
		const f = { ...emptyFilters(), month: '2025-02' };
		expect(viewPeriod(f, '2025-06-15')).toMatchObject({ from: '2025-02-01', to: '2025-02-28', month: undefined });
		expect(viewPeriod(emptyFilters(), '2025-06-15')).toMatchObject({ from: '2024-07-01', to: '2025-06-15' });
		const s = handlingSpecs(f, '2025-06-15', 'category');
		expect(s.trend.filters).toMatchObject({ from: '2024-07-01', to: '2025-06-15', month: undefined });
		expect(s.kpis.filters).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
	});

	it('each chart ignores its own cross-filter so the selected bar stays visible', () => {
		const f = { ...emptyFilters(), wd: '3-4', hrs: '24-48', category: ['工作作风'], units: ['县教育局'], channel: ['电话'], mode: ['直办'] };
		const s = handlingSpecs(f, '2025-06-15', 'category');
		expect(s.workDays.filters.wd).toBeUndefined();
		expect(s.workDays.filters.hrs).toBe('24-48');
		expect(s.hours.filters.hrs).toBeUndefined();
		expect(s.hours.filters.wd).toBe('3-4');
		expect(s.groups.filters.category).toEqual([]);
		expect(s.groups.filters.units).toEqual(['县教育局']);
		expect(s.groups.dimensions).toEqual(['category']);
		expect(handlingSpecs(f, '2025-06-15', 'handling_mode').groups.filters.mode).toEqual([]);
		const u = unitPageSpecs('县住房和城乡建设局', f, '2025-06-15');
		expect(u.kpis.filters.units).toEqual(['县住房和城乡建设局']);
		expect(u.byCategory.filters.category).toEqual([]);
		expect(u.workDays.filters.wd).toBeUndefined();
	});

	it('the ranking asks for every unit by score with the weights; the heat map by unit and month', () => {
		const r = unitRankingSpec(emptyFilters(), '2025-06-15', { on_time: 100, satisfaction: 0, not_repeat: 0, not_overdue: 0 });
		expect(r.measures).toEqual(expect.arrayContaining(['score', 'cases', 'accepted_on_time_rate', 'closed_on_time_rate', 'overdue_open', 'median_work_days', 'p90_work_days', 'satisfaction_rate', 'substantiated_rate', 'repeat_rate']));
		expect(r.orderBy).toEqual([{ by: 'score', desc: true }]);
		expect(r.minCases).toBeUndefined();
		expect(r.weights?.on_time).toBe(100);
		const h = heatmapSpec(emptyFilters(), '2025-06-15', 'repeat_rate', {});
		expect(h.dimensions).toEqual(['unit', 'month']);
		expect(h.measures).toEqual(['repeat_rate', 'cases']);
		expect(heatmapSpec(emptyFilters(), '2025-06-15', 'complainant_phone', {}).measures[0]).toBe('score');
	});

	it('repeats URLs carry the filters, window and scope', () => {
		const u = new URL('http://x' + repeatsUrl('by_unit', { ...emptyFilters(), units: ['甲局'], from: '2025-01-01' }, { window: 30, scope: 'any' }));
		expect(u.pathname).toBe('/api/metrics/repeats/by_unit');
		expect(u.searchParams.getAll('unit')).toEqual(['甲局']);
		expect(u.searchParams.get('window')).toBe('30');
		expect(u.searchParams.get('scope')).toBe('any');
	});
});

describe('红榜 / 黑榜', () => {
	const row = (unit: string, score: number | null, cases: number) => ({ unit, score, cases });

	it('takes the first five and the last five of the ranked units, skipping small and unscored units', () => {
		const rows = [
			row('A', 95, 50), row('B', 94, 5), row('C', 93, 50), row('D', 92, 50), row('E', 91, 50), row('F', 90, 50),
			row('G', 89, 50), row('H', 88, 50), row('I', 87, 50), row('J', 86, 50), row('K', 85, 50), row('L', 84, 50), row('M', null, 50)
		];
		const out = classifyRanking(rows, 10);
		expect(out.filter((r) => r.list === 'red').map((r) => r.row.unit)).toEqual(['A', 'C', 'D', 'E', 'F']);
		expect(out.filter((r) => r.list === 'black').map((r) => r.row.unit)).toEqual(['H', 'I', 'J', 'K', 'L']);
		expect(out.find((r) => r.row.unit === 'B')).toMatchObject({ rank: null, list: null });
		expect(out.find((r) => r.row.unit === 'M')).toMatchObject({ rank: null, list: null });
		expect(out.find((r) => r.row.unit === 'G')).toMatchObject({ rank: 6, list: null });
	});

	it('never puts a unit on both lists when few units are ranked', () => {
		const out = classifyRanking([row('A', 90, 20), row('B', 80, 20), row('C', 70, 20), row('D', 60, 20), row('E', 50, 20), row('F', 40, 20), row('G', 30, 20)], 10);
		expect(out.map((r) => r.list)).toEqual(['red', 'red', 'red', 'red', 'red', 'black', 'black']);
	});
});

describe('weights in the URL', () => {
	it('reads percent points, falls back to defaults, and writes only what differs', () => {
		const sp = new URLSearchParams('w_on_time=70&w_satisfaction=abc&w_not_repeat=101');
		expect(parseWeights(sp, defaults)).toEqual({ on_time: 70, satisfaction: 30, not_repeat: 15, not_overdue: 15 });
		const out = writeWeights(new URLSearchParams('unit=甲局&w_satisfaction=5'), { on_time: 40, satisfaction: 30, not_repeat: 0, not_overdue: 15 }, defaults);
		expect(out.get('unit')).toBe('甲局');
		expect(out.has('w_on_time')).toBe(false);
		expect(out.has('w_satisfaction')).toBe(false);
		expect(out.get('w_not_repeat')).toBe('0');
	});
});

describe('histogram helpers', () => {
	it('cuts the long tail where the bulk ends', () => {
		const rows = [...Array.from({ length: 10 }, (_, i) => ({ d: i, n: 10 })), { d: 200, n: 1 }];
		expect(histogramCap(rows, 'd', 'n', 1)).toBe(10);
		expect(histogramCap(rows, 'd', 'n', 1, 1)).toBeUndefined();
		expect(histogramCap([], 'd', 'n', 1)).toBeUndefined();
		expect(histogramCap([{ d: 0, n: 5 }, { d: 30, n: 5 }, { d: 500, n: 1 }], 'd', 'n', 24, 0.9)).toBe(48);
	});
	it('turns a clicked bucket into the range filter', () => {
		expect(bucketRange(3, 1, 10)).toBe('3-4');
		expect(bucketRange(10, 1, 10)).toBe('10-');
		expect(bucketRange(48, 24, undefined)).toBe('48-72');
	});
});

describe('menu links', () => {
	it('carry the shared filters of the current dashboard to the next one, not its own cross-filters', () => {
		const here = new URLSearchParams('from=2025-10-01&to=2025-10-31&unit=甲局&category=工作作风&channel=电话&mode=转办&severity=重大&month=2025-10&wd=3-5&flag=open&q=x&group=category&w_on_time=50');
		const href = menuHref('/handling', here);
		const [path, qs] = href.split('?');
		expect(path).toBe('/handling');
		const sp = new URLSearchParams(qs);
		expect(Object.fromEntries([...sp.keys()].map((k) => [k, sp.getAll(k)]))).toEqual({
			from: ['2025-10-01'],
			to: ['2025-10-31'],
			unit: ['甲局'],
			category: ['工作作风'],
			channel: ['电话'],
			mode: ['转办'],
			severity: ['重大']
		});
		expect(menuHref('/units', new URLSearchParams('from=2025-01-01&to=2025-03-31'))).toBe('/units?from=2025-01-01&to=2025-03-31');
		expect(menuHref('/', new URLSearchParams('from=2025-01-01&to=2025-03-31'))).toBe('/?from=2025-01-01&to=2025-03-31');
		// without filters, and to pages without the filter bar, the link is the bare path
		expect(menuHref('/repeats', new URLSearchParams())).toBe('/repeats');
		expect(menuHref('/import', here)).toBe('/import');
	});
});

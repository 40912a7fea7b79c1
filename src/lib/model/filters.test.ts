import { describe, expect, it } from 'vitest';
import { comparisonPeriods, crossFilter, emptyFilters, filterChips, parseFilters, quickPickRange, writeFilters } from './filters.ts';
import { formatChange, formatPointChange, formatValue, relativeChange } from '../client/format.ts';
import { categoryBreakdownSpec, categoryLevel } from './dashboards.ts';

describe('URL filter state', () => {
	it('round-trips through search params with repeated list parameters', () => {
		const f = { ...emptyFilters(), from: '2025-01-01', to: '2025-06-30', units: ['甲局', '乙镇'], category: ['工作作风'], flag: 'repeat' as const };
		const sp = writeFilters(f, new URLSearchParams('sort=unit'));
		expect(sp.getAll('unit')).toEqual(['甲局', '乙镇']);
		expect(sp.get('sort')).toBe('unit');
		expect(parseFilters(sp)).toEqual(f);
	});

	it('carries 二级分类 in the URL as sub_category; a sub-category click sets it, a second click clears it; the level setting stays', () => {
		const f = { ...emptyFilters(), category: ['办事拖拉'], sub_category: ['审批超期'] };
		const sp = writeFilters(f, new URLSearchParams('cat=sub'));
		expect(sp.getAll('sub_category')).toEqual(['审批超期']);
		expect(sp.get('cat')).toBe('sub');
		expect(parseFilters(sp)).toEqual(f);
		const on = crossFilter(emptyFilters(), 'sub_category', '答复拖延');
		expect(on.sub_category).toEqual(['答复拖延']);
		expect(crossFilter(on, 'sub_category', '答复拖延').sub_category).toEqual([]);
		expect(filterChips(on).map((c) => [c.key, c.value])).toEqual([['sub_category', '答复拖延']]);
		expect(categoryLevel(new URLSearchParams('cat=sub'))).toBe('sub_category');
		expect(categoryLevel(new URLSearchParams(''))).toBe('category');
		// a category chart ignores its own level's filter and keeps the other's (a chosen 一级分类 shows its 二级分类)
		const spec = categoryBreakdownSpec(f, 'sub_category');
		expect(spec.dimensions).toEqual(['sub_category']);
		expect(spec.filters).toMatchObject({ category: ['办事拖拉'], sub_category: [] });
		expect(categoryBreakdownSpec(f, 'category').filters).toMatchObject({ category: [], sub_category: ['审批超期'] });
	});

	it('computes quick picks on Shanghai dates', () => {
		expect(quickPickRange('thisMonth', '2025-03-15')).toEqual({ from: '2025-03-01', to: '2025-03-15' });
		expect(quickPickRange('lastMonth', '2025-01-10')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
		expect(quickPickRange('thisYear', '2025-03-15')).toEqual({ from: '2025-01-01', to: '2025-03-15' });
		expect(quickPickRange('last12', '2025-03-15')).toEqual({ from: '2024-04-01', to: '2025-03-15' });
	});

	it('derives the previous period and the same period last year', () => {
		// a calendar month compares with the whole previous month (product.md 2.0)
		expect(comparisonPeriods('2025-03-01', '2025-03-31')).toEqual({
			previous: { from: '2025-02-01', to: '2025-02-28' },
			lastYear: { from: '2024-03-01', to: '2024-03-31' }
		});
		expect(comparisonPeriods('2024-02-29', '2024-02-29', { today: '2025-06-01' }).lastYear).toEqual({ from: '2023-02-28', to: '2023-02-28' });
	});

	it('toggles cross-filters and lists removable chips', () => {
		let f = crossFilter(emptyFilters(), 'unit', '甲局');
		expect(f.units).toEqual(['甲局']);
		f = crossFilter(f, 'month', '2025-02');
		expect(filterChips(f).map((c) => `${c.key}=${c.value}`)).toEqual(['units=甲局', 'month=2025-02']);
		expect(filterChips(f)[0].without.units).toEqual([]);
		expect(crossFilter(f, 'unit', '甲局').units).toEqual([]);
		expect(crossFilter(f, 'handling_mode', '转办').mode).toEqual(['转办']);
	});
});

describe('number formats', () => {
	it('uses zh-CN thousands separators, percentages and a dash for no data', () => {
		expect(formatValue(1234567, 'integer')).toBe('1,234,567');
		expect(formatValue(0.9234, 'percent')).toBe('92.3%');
		expect(formatValue(null, 'percent')).toBe('—');
		expect(formatValue(NaN, 'decimal1')).toBe('—');
		expect(formatValue(3.25, 'decimal1')).toBe('3.3');
	});
	it('describes changes', () => {
		expect(formatChange(relativeChange(110, 100))).toBe('↑ 10.0%');
		expect(formatChange(relativeChange(90, 100))).toBe('↓ 10.0%');
		expect(formatChange(relativeChange(5, 0))).toBe('无可比数据');
		expect(formatPointChange(0.9, 0.85)).toBe('↑ 5.0 个百分点');
	});
});

import { describe, expect, it } from 'vitest';
import { buildBarOption, buildBoxPlotOption, buildHeatmapOption, buildHistogramOption, buildLineOption, escapeHtml, histogramBuckets, monthLabel, runningMonth } from './options.ts';
import { runningMark } from '../../i18n/zh/periods.ts';

const rows = [
	{ unit: '甲局', cases: 1200, on_time_rate: 0.91 },
	{ unit: '乙镇', cases: 300, on_time_rate: null }
];

describe('chart option builders', () => {
	it('bar: categories, one series per measure, second axis for rates, dimmed unselected bars', () => {
		const o = buildBarOption({
			rows,
			category: 'unit',
			series: [
				{ field: 'cases', label: '投诉件数', format: 'integer' },
				{ field: 'on_time_rate', label: '按时办理率', format: 'percent', secondAxis: true }
			],
			selected: '甲局'
		});
		expect(o.xAxis).toMatchObject({ type: 'category', data: ['甲局', '乙镇'] });
		expect(o.yAxis).toHaveLength(2);
		expect(o.series.map((s) => s.name)).toEqual(['投诉件数', '按时办理率']);
		expect(o.series[1].yAxisIndex).toBe(1);
		expect(o.series[0].data[0]).toMatchObject({ value: 1200, name: '甲局', itemStyle: undefined });
		expect(o.series[0].data[1].itemStyle).toEqual({ opacity: 0.35 });
		expect(o.series[1].data[1].value).toBeNull();
		expect(o.legend?.data).toEqual(['投诉件数', '按时办理率']);
	});

	it('bar: horizontal puts categories on the y axis; tooltip shows exact formatted values', () => {
		const o = buildBarOption({ rows, category: 'unit', horizontal: true, series: [{ field: 'cases', label: '投诉件数' }] });
		expect(o.yAxis).toMatchObject({ type: 'category', data: ['甲局', '乙镇'] });
		expect(o.legend).toBeUndefined();
		const html = o.tooltip.formatter([{ axisValueLabel: '甲局', name: '甲局', seriesName: '投诉件数', value: 1200, marker: '' }]);
		expect(html).toContain('1,200');
		expect(html).toContain('甲局');
	});

	it('line: month labels, gaps for missing values, a mark line on the selected month', () => {
		const o = buildLineOption({
			rows: [
				{ month: '2025-01', cases: 10 },
				{ month: '2025-02', cases: null }
			],
			category: 'month',
			categoryLabel: monthLabel,
			series: [{ field: 'cases', label: '投诉件数' }],
			selected: '2025-02'
		});
		expect(o.xAxis.data).toEqual(['2025-01', '2025-02']);
		expect(o.xAxis.axisLabel.formatter('2025-02')).toBe('2025年2月');
		expect(o.series[0].data).toEqual([10, null]);
		expect(o.series[0].markLine?.data).toEqual([{ xAxis: '2025-02' }]);
	});

	it('heatmap: cells indexed by x and y, value range from the data', () => {
		const o = buildHeatmapOption({
			rows: [
				{ unit: '甲局', month: '2025-02', score: 80 },
				{ unit: '乙镇', month: '2025-01', score: 60 }
			],
			x: 'month',
			y: 'unit',
			value: 'score',
			label: '综合评分'
		});
		expect(o.xAxis.data).toEqual(['2025-01', '2025-02']);
		expect(o.yAxis.data).toEqual(['甲局', '乙镇']);
		expect(o.series[0].data.map((d) => d.value)).toEqual([
			[1, 0, 80],
			[0, 1, 60]
		]);
		expect(o.visualMap).toMatchObject({ min: 60, max: 80 });
	});

	it('heatmap: the visual-map legend and its handle labels lie below the grid, off the month labels (browser walk: they overlapped)', () => {
		const o = buildHeatmapOption({ rows: [{ unit: '甲局', month: '2025-01', score: 80 }], x: 'month', y: 'unit', value: 'score', label: '综合评分' });
		// the legend's top edge: its offset, its bar (ECharts' default thickness 20) and the handle labels above the
		// bar, 40 px on the rendered chart (measured on screenshots at 1280 and 1920 wide, labels about 16 px high)
		const legendTop = Number(o.visualMap.bottom) + Number((o.visualMap as { itemWidth?: number }).itemWidth ?? 20) + 40;
		expect(legendTop).toBeLessThanOrEqual(Number(o.grid.bottom));
	});

	it('histogram: fills empty buckets, caps the tail, and places marks', () => {
		const input = { rows: [{ d: 0, n: 2 }, { d: 3, n: 1 }, { d: 40, n: 5 }, { d: 50, n: 1 }], bucket: 'd', count: 'n', cap: 30 };
		expect(histogramBuckets(input).map((b) => [b.label, b.count])).toEqual([
			['0', 2],
			['1', 0],
			['2', 0],
			['3', 1],
			...Array.from({ length: 26 }, (_, i) => [String(i + 4), 0]),
			['≥30', 6]
		]);
		const o = buildHistogramOption({ ...input, unitLabel: '工作日', label: '件数', marks: [{ label: '中位数', value: 3 }] });
		expect(o.series[0].markLine?.data[0]).toMatchObject({ xAxis: 3, name: '中位数' });
		expect(buildHistogramOption({ rows: [], bucket: 'd', count: 'n', unitLabel: '', label: '' }).xAxis.data).toEqual([]);
	});

	it('histogram: the median and P90 labels never overlap, even in the same bucket', () => {
		const o = buildHistogramOption({ rows: [{ d: 3, n: 4 }], bucket: 'd', count: 'n', unitLabel: '工作日', label: '件数', marks: [{ label: '中位数', value: 3.2 }, { label: 'P90', value: 3.6 }] });
		const marks = o.series[0].markLine!.data;
		expect(marks.map((m) => m.xAxis)).toEqual([3, 3]);
		// both labels sit above their lines, on rows at least one 12px text line apart, inside the grid's top margin
		const rows = marks.map((m) => (m.label as { position?: string; distance?: number }));
		expect(rows.map((r) => r.position)).toEqual(['end', 'end']);
		const [a, b] = rows.map((r) => r.distance ?? 5);
		expect(Math.abs(a - b)).toBeGreaterThanOrEqual(12);
		expect(o.grid.top).toBeGreaterThanOrEqual(Math.max(a, b) + 12);
	});

	it('box plot: five numbers per group in order', () => {
		const o = buildBoxPlotOption({
			rows: [{ unit: '甲局', lo: 1, q1: 2, med: 3, q3: 5, hi: 9 }],
			category: 'unit',
			fields: { min: 'lo', q1: 'q1', median: 'med', q3: 'q3', max: 'hi' },
			label: '办理时长',
			unitLabel: '工作日'
		});
		expect(o.series[0].data).toEqual([[1, 2, 3, 5, 9]]);
	});

	it('escapes HTML in tooltips', () => {
		expect(escapeHtml('<b>"x"</b>')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
	});

	it('line: the running month is shaded and labelled 截至 12月2日, its point hollow, instead of a plunge', () => {
		expect(runningMonth('2026-12-02')).toBe('2026-12');
		expect(runningMonth('2026-11-30')).toBe(null);
		expect(runningMonth('2024-02-28')).toBe('2024-02');
		const o = buildLineOption({
			rows: [
				{ month: '2026-10', cases: 1600 },
				{ month: '2026-11', cases: 1500 },
				{ month: '2026-12', cases: 90 }
			],
			category: 'month',
			series: [{ field: 'cases', label: '投诉件数' }],
			partial: { category: '2026-12', label: runningMark('2026-12-02') }
		});
		const area = o.series[0].markArea!;
		expect(area.label.formatter).toBe('截至 12月2日');
		expect(area.data).toEqual([[{ xAxis: '2026-11', name: '截至 12月2日' }, { xAxis: '2026-12' }]]);
		expect(o.series[0].data).toEqual([1600, 1500, { value: 90, symbol: 'emptyCircle', symbolSize: 8 }]);
	});

	it('line: ECharts, as the app registers it, draws the running-month label (server-side SVG render)', async () => {
		await import('./echarts.ts'); // registers the app's charts and components
		const echarts = await import('echarts/core');
		const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
		chart.setOption(
			buildLineOption({
				rows: [
					{ month: '2026-11', cases: 1500 },
					{ month: '2026-12', cases: 90 }
				],
				category: 'month',
				series: [{ field: 'cases', label: '投诉件数' }],
				partial: { category: '2026-12', label: runningMark('2026-12-02') }
			})
		);
		const svg = chart.renderToSVGString();
		chart.dispose();
		expect(svg).toContain('截至 12月2日');
	});
});

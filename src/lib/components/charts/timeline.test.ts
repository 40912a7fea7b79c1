import { describe, expect, it } from 'vitest';
import { buildChainTimelineOption, chainKind, wallClockMs } from './timeline.ts';
import { buildBoxPlotOption, buildHistogramOption, rangeLabel } from './options.ts';

const labels = { first: '首次', repeat: '重复', similar: '相似', outside: '窗口外', similar2: '', afterClose: '办结后再投诉', gap: (n: number) => `间隔 ${n} 天` };
const row = (chain: number, id: string, at: string, gap: number | null, rep: number, sim: number) => ({
	chain_no: chain,
	complainant: `投诉人#${chain}AAAAA`,
	case_id: id,
	received_at: at,
	unit: '甲局',
	category: '工作作风',
	is_repeat: rep,
	similar: sim,
	after_close: 0,
	gap_days: gap
});

describe('repeat chain timeline', () => {
	it('classifies each case by its link to the previous one', () => {
		expect(chainKind(row(1, 'a', '2025-01-01 08:00', null, 0, 0))).toBe('first');
		expect(chainKind(row(1, 'b', '2025-01-05 08:00', 4, 1, 0))).toBe('repeat');
		expect(chainKind(row(1, 'c', '2025-01-06 08:00', 1, 1, 1))).toBe('similar');
		expect(chainKind(row(1, 'd', '2025-09-06 08:00', 243, 0, 1))).toBe('outside');
	});

	it('reads Shanghai wall-clock times without the browser time zone', () => {
		expect(wallClockMs('2025-03-01 08:30')).toBe(Date.UTC(2025, 2, 1, 8, 30));
		expect(Number.isNaN(wallClockMs('bad'))).toBe(true);
	});

	it('one row per chain, a line per chain, dots per kind with their case ids; tooltips escape HTML', () => {
		const rows = [row(1, 'a', '2025-01-01 08:00', null, 0, 0), row(1, 'b', '2025-01-05 08:00', 4, 1, 1), row(2, '<x>', '2025-02-01 08:00', null, 0, 0)];
		const o = buildChainTimelineOption({ rows, labels });
		expect(o.yAxis.data).toEqual(['投诉人#1AAAAA', '投诉人#2AAAAA']);
		const lines = o.series.filter((s) => s.type === 'line');
		expect(lines).toHaveLength(2);
		expect(lines[0].data).toHaveLength(2);
		const similar = o.series.find((s) => s.name === '相似')!;
		expect((similar.data as { caseId: string }[]).map((d) => d.caseId)).toEqual(['b']);
		const first = o.series.find((s) => s.name === '首次')!;
		const tip = o.tooltip.formatter({ data: first.data[1] as never });
		expect(tip).toContain('&lt;x&gt;');
		expect(o.xAxis.axisLabel.formatter(Date.UTC(2025, 0, 5))).toBe('2025-01-05');
	});
});

describe('option additions for the dashboards', () => {
	it('range labels of the wd/hrs cross-filters', () => {
		expect(rangeLabel('3-4', '个工作日', true)).toBe('3 个工作日');
		expect(rangeLabel('3-6', '个工作日', true)).toBe('3–5 个工作日');
		expect(rangeLabel('10-', '个工作日', true)).toBe('≥10 个工作日');
		expect(rangeLabel('24-48', '小时')).toBe('24–48 小时');
	});
	it('histogram dims the bars other than the selected bucket', () => {
		const o = buildHistogramOption({ rows: [{ d: 0, n: 1 }, { d: 1, n: 2 }, { d: 2, n: 3 }], bucket: 'd', count: 'n', unitLabel: '工作日', label: '件数', selected: 1 });
		expect(o.series[0].data.map((x) => x.itemStyle?.opacity ?? 1)).toEqual([0.35, 1, 0.35]);
	});
	it('box plot: whisker names and the selected group', () => {
		const o = buildBoxPlotOption({
			rows: [{ u: '甲', a: 1, b: 2, c: 3, d: 4, e: 5 }, { u: '乙', a: 1, b: 2, c: 3, d: 4, e: 6 }],
			category: 'u',
			fields: { min: 'a', q1: 'b', median: 'c', q3: 'd', max: 'e' },
			label: '时长',
			unitLabel: '工作日',
			whiskerLabels: ['P10', 'P90'],
			selected: '乙',
			horizontal: true
		});
		const data = o.series[0].data as { value: number[]; itemStyle?: { opacity: number } }[];
		expect(data[0].itemStyle?.opacity).toBe(0.35);
		expect(data[1].value).toEqual([1, 2, 3, 4, 6]);
		const tip = o.tooltip.formatter({ name: '乙', data: data[1] });
		expect(tip).toContain('P10');
		expect(tip).toContain('P90');
		expect(tip).not.toContain('最大值');
	});
});

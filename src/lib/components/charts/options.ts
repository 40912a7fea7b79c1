// Pure option builders: props in, ECharts option object out. Tested as plain functions; no DOM, no ECharts import.
import { formatValue, type ValueFormat } from '../../client/format.ts';

export type Row = Record<string, string | number | null>;

/** The serious palette of a government report: navy, teal, ochre, slate, brick red, olive. */
export const PALETTE = ['#1f4e79', '#2a9d8f', '#c98a1b', '#5b6b7f', '#b23a48', '#6a8d3a', '#7a5195', '#3c8dbc'];

export interface SeriesSpec {
	/** Field of the row holding the value. */
	field: string;
	/** Chinese series name (legend and tooltip). */
	label: string;
	format?: ValueFormat;
	/** Put this series on a second y axis (e.g. a rate next to counts). */
	secondAxis?: boolean;
	color?: string;
}

interface Common {
	rows: Row[];
	/** Field of the category (x axis for columns, y axis for horizontal bars). */
	category: string;
	series: SeriesSpec[];
	/** Category values as shown (e.g. '2025-01' → '2025年1月'). */
	categoryLabel?: (v: string) => string;
	/** Highlight this category (the active cross-filter). */
	selected?: string | null;
}

function fmtAxis(format: ValueFormat | undefined) {
	return (v: number) => (format === 'percent' ? `${Math.round(v * 100)}%` : formatValue(v, format === 'decimal1' || format === 'score' ? 'integer' : format));
}

/** Tooltip listing every series of the hovered category with its exact formatted value. */
function axisTooltip(series: SeriesSpec[]) {
	return {
		trigger: 'axis' as const,
		axisPointer: { type: 'shadow' as const },
		confine: true,
		formatter: (items: unknown) => {
			const list = (Array.isArray(items) ? items : [items]) as { axisValueLabel?: string; name: string; seriesName: string; value: unknown; marker: string }[];
			if (!list.length) return '';
			const head = list[0].axisValueLabel ?? list[0].name;
			const lines = list.map((it) => {
				const spec = series.find((s) => s.label === it.seriesName);
				const raw = Array.isArray(it.value) ? it.value[it.value.length - 1] : it.value;
				return `${it.marker}${it.seriesName}：<b>${formatValue(raw as number | null, spec?.format ?? 'integer')}</b>`;
			});
			return [escapeHtml(head), ...lines].join('<br/>');
		}
	};
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function legend(series: SeriesSpec[]) {
	return series.length > 1 ? { top: 0, type: 'scroll' as const, data: series.map((s) => s.label) } : undefined;
}

function yAxes(series: SeriesSpec[]) {
	const first = series.find((s) => !s.secondAxis);
	const second = series.find((s) => s.secondAxis);
	const axes: Record<string, unknown>[] = [{ type: 'value', axisLabel: { formatter: fmtAxis(first?.format) }, splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } } }];
	if (second) axes.push({ type: 'value', axisLabel: { formatter: fmtAxis(second.format) }, splitLine: { show: false }, ...(second.format === 'percent' ? { min: 0, max: 1 } : {}) });
	return axes;
}

export interface BarProps extends Common {
	/** Horizontal bars (long Chinese unit names read better down the side). */
	horizontal?: boolean;
	stacked?: boolean;
}

export function buildBarOption(p: BarProps) {
	const cats = p.rows.map((r) => String(r[p.category] ?? ''));
	const label = p.categoryLabel ?? ((v: string) => v);
	const catAxis = {
		type: 'category' as const,
		data: cats,
		inverse: p.horizontal ? true : undefined,
		axisLabel: { formatter: label, interval: p.horizontal ? 0 : 'auto', width: p.horizontal ? 120 : undefined, overflow: 'truncate' as const },
		axisTick: { alignWithLabel: true }
	};
	const valueAxes = yAxes(p.series);
	return {
		color: PALETTE,
		grid: { left: 8, right: 16, top: p.series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
		legend: legend(p.series),
		tooltip: axisTooltip(p.series),
		xAxis: p.horizontal ? valueAxes[0] : catAxis,
		yAxis: p.horizontal ? catAxis : valueAxes,
		series: p.series.map((s, i) => ({
			type: 'bar' as const,
			name: s.label,
			stack: p.stacked ? 'total' : undefined,
			yAxisIndex: !p.horizontal && s.secondAxis ? 1 : 0,
			itemStyle: { color: s.color ?? PALETTE[i % PALETTE.length] },
			barMaxWidth: 28,
			data: p.rows.map((r) => {
				const v = r[s.field];
				const value = v === null || v === undefined ? null : Number(v);
				const dim = p.selected != null && String(r[p.category]) !== p.selected;
				return { value, name: String(r[p.category] ?? ''), itemStyle: dim ? { opacity: 0.35 } : undefined };
			})
		}))
	};
}

export interface LineProps extends Common {
	/** Draw the area under a single series. */
	area?: boolean;
	/** A category still running (the current month, cut at today): shaded and labelled, its points hollow. */
	partial?: { category: string; label: string } | null;
}

/** The calendar month (YYYY-MM) that is still running on `today`, or null on its last day. */
export function runningMonth(today: string): string | null {
	const [y, m, d] = today.split('-').map(Number);
	return d < new Date(Date.UTC(y, m, 0)).getUTCDate() ? today.slice(0, 7) : null;
}

export function buildLineOption(p: LineProps) {
	const cats = p.rows.map((r) => String(r[p.category] ?? ''));
	const label = p.categoryLabel ?? ((v: string) => v);
	// The running month is not a plunge: shade the step into it and say up to which day it counts.
	const pi = p.partial ? cats.indexOf(p.partial.category) : -1;
	const partialArea =
		pi >= 0 && p.partial
			? {
					silent: true,
					itemStyle: { color: 'rgba(150, 150, 150, 0.12)' },
					label: { show: true, position: 'insideTop' as const, color: '#666', formatter: p.partial.label },
					data: [[{ xAxis: cats[Math.max(0, pi - 1)], name: p.partial.label }, { xAxis: cats[pi] }]]
				}
			: undefined;
	return {
		color: PALETTE,
		grid: { left: 8, right: 16, top: p.series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
		legend: legend(p.series),
		tooltip: { ...axisTooltip(p.series), axisPointer: { type: 'line' as const } },
		xAxis: { type: 'category' as const, data: cats, boundaryGap: false, axisLabel: { formatter: label } },
		yAxis: yAxes(p.series),
		series: p.series.map((s, i) => ({
			type: 'line' as const,
			name: s.label,
			yAxisIndex: s.secondAxis ? 1 : 0,
			smooth: false,
			symbolSize: 6,
			connectNulls: false,
			itemStyle: { color: s.color ?? PALETTE[i % PALETTE.length] },
			areaStyle: p.area && p.series.length === 1 ? { opacity: 0.12 } : undefined,
			markLine:
				p.selected != null && cats.includes(p.selected)
					? { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'solid', width: 2, opacity: 0.6 }, data: [{ xAxis: p.selected }] }
					: undefined,
			markArea: i === 0 ? partialArea : undefined,
			data: p.rows.map((r, j) => {
				const v = r[s.field];
				const n = v === null || v === undefined ? null : Number(v);
				return j === pi && n !== null ? { value: n, symbol: 'emptyCircle', symbolSize: 8 } : n;
			})
		}))
	};
}

export interface HeatmapProps {
	rows: Row[];
	x: string;
	y: string;
	value: string;
	label: string;
	format?: ValueFormat;
	xLabel?: (v: string) => string;
	/** true: a higher value is better (green-high), false: higher is worse. */
	higherIsBetter?: boolean;
	/** Order of the y categories (e.g. units by rank); default: first appearance. */
	yOrder?: string[];
}

/**
 * The heat map's visual-map legend at the foot of the chart: its bar (itemWidth thick, `bottom` above the edge)
 * with the handles' value labels above it (labelRoom, measured on the rendered chart), all under the grid.
 */
export const HEATMAP_LEGEND = { bottom: 4, itemWidth: 14, labelRoom: 40, gridBottom: 72 };

export function buildHeatmapOption(p: HeatmapProps) {
	const xs = [...new Set(p.rows.map((r) => String(r[p.x])))].sort();
	const ys = p.yOrder ?? [...new Set(p.rows.map((r) => String(r[p.y])))];
	const xi = new Map(xs.map((v, i) => [v, i]));
	const yi = new Map(ys.map((v, i) => [v, i]));
	const values = p.rows.map((r) => r[p.value]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
	const min = values.length ? Math.min(...values) : 0;
	const max = values.length ? Math.max(...values) : 1;
	const cold = ['#f2f6fa', '#9ec1de', '#1f4e79'];
	const warm = ['#fbf3ea', '#e8a66b', '#b23a48'];
	return {
		// the legend's band (HEATMAP_LEGEND: the bar and, above its handles, their value labels) lies below the grid,
		// so that the labels do not sit on the months (browser walk: they overlapped at 1280 and 1920 wide)
		grid: { left: 8, right: 16, top: 8, bottom: HEATMAP_LEGEND.gridBottom, containLabel: true },
		tooltip: {
			confine: true,
			formatter: (it: { value: [number, number, number | null] }) =>
				`${escapeHtml(ys[it.value[1]] ?? '')} · ${escapeHtml((p.xLabel ?? String)(xs[it.value[0]] ?? ''))}<br/>${escapeHtml(p.label)}：<b>${formatValue(it.value[2], p.format ?? 'integer')}</b>`
		},
		xAxis: { type: 'category' as const, data: xs, axisLabel: { formatter: p.xLabel ?? ((v: string) => v) }, splitArea: { show: true } },
		yAxis: { type: 'category' as const, data: ys, inverse: true, axisLabel: { interval: 0, width: 120, overflow: 'truncate' as const }, splitArea: { show: true } },
		visualMap: {
			min,
			max: max === min ? min + 1 : max,
			calculable: true,
			orient: 'horizontal' as const,
			left: 'center',
			bottom: HEATMAP_LEGEND.bottom,
			itemWidth: HEATMAP_LEGEND.itemWidth,
			itemHeight: 160,
			formatter: (v: number) => formatValue(v, p.format ?? 'integer'),
			inRange: { color: p.higherIsBetter === false ? warm : cold }
		},
		series: [
			{
				type: 'heatmap' as const,
				name: p.label,
				data: p.rows
					.filter((r) => xi.has(String(r[p.x])) && yi.has(String(r[p.y])))
					.map((r) => ({ value: [xi.get(String(r[p.x]))!, yi.get(String(r[p.y]))!, r[p.value] === null ? null : Number(r[p.value])], name: String(r[p.y]) })),
				emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } }
			}
		]
	};
}

export interface HistogramProps {
	/** Rows of {bucket field: integer lower bound, count field}. */
	rows: Row[];
	bucket: string;
	count: string;
	/** Bucket width in the bucket's unit (1 working day, 24 hours …). */
	width?: number;
	/** Everything at or above this bound goes into one last "≥ N" bar. */
	cap?: number;
	unitLabel: string;
	label: string;
	/** Marks (median, P90 …) drawn as vertical lines at these values. */
	marks?: { label: string; value: number | null }[];
	/** Lower bound of the selected bucket (the active cross-filter): the other bars are dimmed. */
	selected?: number | null;
}

/** Integer buckets [lo, lo+width) with the counts summed, a capped tail and empty buckets shown as 0. */
export function histogramBuckets(p: Pick<HistogramProps, 'rows' | 'bucket' | 'count' | 'width' | 'cap'>): { lo: number; label: string; count: number }[] {
	const width = p.width ?? 1;
	const counts = new Map<number, number>();
	let maxLo = 0;
	for (const r of p.rows) {
		const b = r[p.bucket];
		if (b === null || b === undefined) continue;
		let lo = Math.floor(Number(b) / width) * width;
		if (p.cap !== undefined && lo >= p.cap) lo = p.cap;
		maxLo = Math.max(maxLo, lo);
		counts.set(lo, (counts.get(lo) ?? 0) + Number(r[p.count] ?? 0));
	}
	const out: { lo: number; label: string; count: number }[] = [];
	const minLo = counts.size ? Math.min(0, ...counts.keys()) : 0;
	for (let lo = minLo; lo <= maxLo && counts.size; lo += width) {
		const capped = p.cap !== undefined && lo >= p.cap;
		out.push({ lo, label: capped ? `≥${p.cap}` : width === 1 ? String(lo) : `${lo}–${lo + width}`, count: counts.get(lo) ?? 0 });
		if (capped) break;
	}
	return out;
}

/** Gap between a mark line's end and its label, and the height of one label row (12px text and leading). */
export const MARK_LABEL_GAP = 4;
export const MARK_LABEL_ROW = 16;

export function buildHistogramOption(p: HistogramProps) {
	const buckets = histogramBuckets(p);
	const width = p.width ?? 1;
	const markData = (p.marks ?? [])
		.filter((m) => m.value !== null && Number.isFinite(m.value))
		.map((m, row) => {
			const idx = buckets.findIndex((b, i) => m.value! < b.lo + width || i === buckets.length - 1);
			// Each label on its own row above the plot: the median and P90 often fall in the same or the next bucket.
			const label = { formatter: `${m.label} ${formatValue(m.value, 'decimal1')}`, position: 'end' as const, distance: MARK_LABEL_GAP + row * MARK_LABEL_ROW };
			return { xAxis: Math.max(0, idx), name: m.label, label };
		});
	return {
		color: PALETTE,
		grid: { left: 8, right: 16, top: 24 + Math.max(0, markData.length - 1) * MARK_LABEL_ROW, bottom: 24, containLabel: true },
		tooltip: {
			trigger: 'axis' as const,
			axisPointer: { type: 'shadow' as const },
			formatter: (items: { name: string; value: number }[]) =>
				`${escapeHtml(items[0]?.name ?? '')} ${escapeHtml(p.unitLabel)}<br/>${escapeHtml(p.label)}：<b>${formatValue(items[0]?.value, 'integer')}</b>`
		},
		xAxis: { type: 'category' as const, data: buckets.map((b) => b.label), name: p.unitLabel, nameLocation: 'middle' as const, nameGap: 28 },
		yAxis: { type: 'value' as const, axisLabel: { formatter: fmtAxis('integer') }, splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } } },
		series: [
			{
				type: 'bar' as const,
				name: p.label,
				barCategoryGap: '8%',
				data: buckets.map((b) => ({ value: b.count, name: String(b.lo), itemStyle: p.selected != null && b.lo !== p.selected ? { opacity: 0.35 } : undefined })),
				markLine: markData.length ? { symbol: 'none', silent: true, lineStyle: { type: 'dashed' }, data: markData } : undefined
			}
		]
	};
}

export interface BoxPlotProps {
	/** One row per group with min, q1, median, q3, max (e.g. from quantile_cont in the metrics layer). */
	rows: Row[];
	category: string;
	fields: { min: string; q1: string; median: string; q3: string; max: string };
	label: string;
	unitLabel: string;
	horizontal?: boolean;
	/** Names of the whisker ends in the tooltip when they are not min/max (e.g. ['P10', 'P90']). */
	whiskerLabels?: [string, string];
	/** The selected group (the active cross-filter): the others are dimmed. */
	selected?: string | null;
}

export function buildBoxPlotOption(p: BoxPlotProps) {
	const cats = p.rows.map((r) => String(r[p.category] ?? ''));
	const f = p.fields;
	const data = p.rows.map((r) => [f.min, f.q1, f.median, f.q3, f.max].map((k) => (r[k] === null ? 0 : Number(r[k]))));
	const names = [p.whiskerLabels?.[0] ?? '最小值', '下四分位', '中位数', '上四分位', p.whiskerLabels?.[1] ?? '最大值'];
	const cat = { type: 'category' as const, data: cats, inverse: p.horizontal ? true : undefined, axisLabel: { interval: 0, width: 120, overflow: 'truncate' as const } };
	// Horizontal: the axis name goes under the axis (at its end it would be cut off by the card's edge).
	const val = {
		type: 'value' as const,
		name: p.unitLabel,
		nameLocation: p.horizontal ? ('middle' as const) : ('end' as const),
		nameGap: p.horizontal ? 24 : 15,
		splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } }
	};
	return {
		color: PALETTE,
		grid: { left: 8, right: 24, top: 24, bottom: p.horizontal ? 28 : 8, containLabel: true },
		tooltip: {
			trigger: 'item' as const,
			confine: true,
			formatter: (it: { name: string; data: number[] | { value: number[] } }) => {
				const vals = (Array.isArray(it.data) ? it.data : it.data.value).slice(-5);
				return [escapeHtml(it.name), ...vals.map((v, i) => `${names[i]}：<b>${formatValue(v, 'decimal1')}</b> ${escapeHtml(p.unitLabel)}`)].join('<br/>');
			}
		},
		xAxis: p.horizontal ? val : cat,
		yAxis: p.horizontal ? cat : val,
		series: [
			{
				type: 'boxplot' as const,
				name: p.label,
				// Plain five-number arrays unless a group is selected (then items carry their dimming).
				data: p.selected == null ? data : data.map((value, i) => ({ value, name: cats[i], itemStyle: cats[i] !== p.selected ? { opacity: 0.35 } : undefined })),
				itemStyle: { color: 'rgba(31,78,121,0.15)', borderColor: PALETTE[0] }
			}
		]
	};
}

/** '2025-03' → '2025年3月'; other values unchanged. */
export function monthLabel(v: string): string {
	const m = /^(\d{4})-(\d{2})$/.exec(v);
	return m ? `${m[1]}年${Number(m[2])}月` : v;
}

/** '2025-03' → '25/3' for tight axes. */
export function shortMonthLabel(v: string): string {
	const m = /^(\d{4})-(\d{2})$/.exec(v);
	return m ? `${m[1].slice(2)}/${Number(m[2])}` : v;
}

/**
 * A duration range filter ('3-4', '3-6', '10-') as read. Discrete units (whole working days) show the
 * inclusive range: '3 个工作日', '3–5 个工作日'; continuous ones (hours) the bounds: '24–48 小时'; open: '≥10 …'.
 */
export function rangeLabel(v: string, unit: string, discrete = false): string {
	const m = /^(\d+)-(\d*)$/.exec(v);
	if (!m) return v;
	const lo = Number(m[1]);
	if (m[2] === '') return `≥${lo} ${unit}`;
	const hi = Number(m[2]);
	if (!discrete) return `${lo}–${hi} ${unit}`;
	return hi === lo + 1 ? `${lo} ${unit}` : `${lo}–${hi - 1} ${unit}`;
}

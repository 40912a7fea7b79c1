// The bulletin's three charts as ECharts options (built on the dashboards' option builders) and rendered on the
// server to SVG strings with ECharts SSR, so the page, the HTML file, the PDF and the Word document all carry
// the same crisp vector charts without a browser running ECharts.
import { createHash } from 'node:crypto';
import * as echarts from 'echarts';
import { PALETTE, buildBarOption, shortMonthLabel } from '../../components/charts/options.ts';
import { measureLabels } from '../../i18n/zh/metrics.ts';
import { pct } from '../../i18n/zh/bulletin.ts';
import type { BulletinData } from './bulletin.ts';

/** Chinese fonts in the order a PDF renderer (Noto here) or Word on Windows (微软雅黑) finds them. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export interface ChartSvg {
	key: 'trend' | 'unitOnTime' | 'categoryMix';
	svg: string;
	width: number;
	height: number;
}

type Option = Record<string, unknown>;

/** 受理件数 and 已办结 as columns, 按时办理率 as a line on the right axis, over the 12 months. */
export function trendOption(d: BulletinData): Option {
	const rows = d.trend.map((t) => ({ month: t.month, cases: t.cases, closed: t.closed, on_time_rate: t.on_time_rate }));
	const hasRate = rows.some((r) => r.on_time_rate !== null);
	const o = buildBarOption({
		rows,
		category: 'month',
		categoryLabel: shortMonthLabel,
		series: [
			{ field: 'cases', label: measureLabels.cases },
			{ field: 'closed', label: measureLabels.closed },
			...(hasRate ? [{ field: 'on_time_rate', label: measureLabels.on_time_rate, format: 'percent' as const, secondAxis: true }] : [])
		]
	}) as unknown as Option & { series: Option[]; legend?: Option };
	if (hasRate) {
		const line = o.series[2];
		o.series[2] = { ...line, type: 'line', symbolSize: 5, barMaxWidth: undefined, lineStyle: { width: 2 }, connectNulls: true };
	}
	o.series = o.series.map((s, i) => (i === 0 ? { ...s, label: { show: true, position: 'top', fontSize: 9, color: '#333' } } : s));
	o.legend = { ...(o.legend ?? {}), type: 'plain', top: 0 };
	// Headroom above the columns, so their labels stay clear of the rate line near the top.
	const axes = o.yAxis as Option[];
	axes[0] = { ...axes[0], boundaryGap: [0, '30%'] };
	return o;
}

/** Horizontal bars, best unit on top, with the rate written at the end of each bar. */
export function unitOnTimeOption(d: BulletinData): Option {
	const o = buildBarOption({
		rows: d.unitOnTime.map((u) => ({ unit: u.unit, on_time_rate: u.on_time_rate })),
		category: 'unit',
		horizontal: true,
		series: [{ field: 'on_time_rate', label: measureLabels.on_time_rate, format: 'percent' }]
	}) as unknown as Option & { series: Option[]; xAxis: Option; yAxis: Option };
	o.xAxis = { ...o.xAxis, min: 0, max: 1 };
	o.grid = { ...(o.grid as Option), right: 56 };
	o.yAxis = { ...o.yAxis, axisLabel: { ...(o.yAxis.axisLabel as Option), width: 170 } };
	o.series = o.series.map((s) => ({
		...s,
		barMaxWidth: 14,
		label: { show: true, position: 'right', fontSize: 10, color: '#333', formatter: (p: { value: number }) => pct(p.value) }
	}));
	return o;
}

/** The category mix as a ring: the seven largest categories and 其他. */
export function categoryMixOption(d: BulletinData): Option {
	// Shares are the table's (cases ÷ total), not ECharts' own rounding, which nudges them to sum to 100%.
	const top = d.categories.slice(0, 7).map((c) => ({ name: c.category, value: c.cases, share: c.share }));
	const rest = d.categories.slice(7);
	if (rest.length) top.push({ name: '其他', value: rest.reduce((s, c) => s + c.cases, 0), share: rest.reduce((s, c) => s + c.share, 0) });
	return {
		color: PALETTE,
		legend: { type: 'plain', orient: 'vertical', right: 8, top: 'middle', itemGap: 8, textStyle: { fontSize: 11 } },
		series: [
			{
				type: 'pie',
				radius: ['38%', '68%'],
				center: ['36%', '52%'],
				avoidLabelOverlap: true,
				label: { formatter: (p: { name: string; data: { share: number } }) => `${p.name}\n${pct(p.data.share)}`, fontSize: 10, lineHeight: 13 },
				labelLine: { length: 8, length2: 8 },
				data: top
			}
		]
	};
}

/** Renders an option to an SVG string on the server (no DOM, no animation). */
export function renderSvg(option: Option, width: number, height: number): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: 'ZH' });
	try {
		chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT }, ...option, tooltip: undefined });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

/** Chart width in CSS pixels: the A4 text block (about 170 mm) at 96 dpi. */
export const CHART_WIDTH = 640;

/**
 * Charts already drawn, each by the data it is drawn from (a chart reads nothing else; ECharts' SVG carries ids that
 * differ from one drawing to the next, so drawing once is also what lets its picture be reused, pdf.ts): the page,
 * the PDF and the Word file of one bulletin draw each chart once. The most recent few are kept.
 */
const drawn = new Map<string, ChartSvg>();
const DRAWN_MAX = 48;

function drawOnce(key: ChartSvg['key'], input: unknown, draw: () => Omit<ChartSvg, 'key'>): ChartSvg {
	const id = createHash('sha256').update(key).update(JSON.stringify(input)).digest('hex');
	let chart = drawn.get(id);
	if (chart) drawn.delete(id);
	else chart = { key, ...draw() };
	drawn.set(id, chart);
	while (drawn.size > DRAWN_MAX) drawn.delete(drawn.keys().next().value!);
	return { ...chart };
}

/** The bulletin's charts (only those with data). */
export function bulletinCharts(d: BulletinData): ChartSvg[] {
	const out: ChartSvg[] = [];
	if (d.trend.some((t) => t.cases > 0)) out.push(drawOnce('trend', d.trend, () => ({ svg: renderSvg(trendOption(d), CHART_WIDTH, 280), width: CHART_WIDTH, height: 280 })));
	if (d.unitOnTime.length) {
		const h = Math.max(120, 36 + d.unitOnTime.length * 20);
		out.push(drawOnce('unitOnTime', d.unitOnTime, () => ({ svg: renderSvg(unitOnTimeOption(d), CHART_WIDTH, h), width: CHART_WIDTH, height: h })));
	}
	if (d.categories.length) out.push(drawOnce('categoryMix', d.categories, () => ({ svg: renderSvg(categoryMixOption(d), CHART_WIDTH, 280), width: CHART_WIDTH, height: 280 })));
	return out;
}

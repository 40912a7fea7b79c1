// The one Svelte action that owns ECharts: init, resize, light/dark theme, print, click → callback, dispose.
// Chart components never touch ECharts themselves; they only build option objects (options.ts).
import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
	DataZoomComponent,
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	MarkLineComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
	BarChart,
	BoxplotChart,
	HeatmapChart,
	LineChart,
	ScatterChart,
	DataZoomComponent,
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	MarkLineComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapComponent,
	CanvasRenderer,
	SVGRenderer
]);

/** What a click on a chart element reports: the category (x/y axis value or heatmap cell) and series. */
export interface ChartClick {
	name: string;
	seriesName?: string;
	dataIndex: number;
	value: unknown;
	data: unknown;
}

export interface ChartParams {
	option: EChartsCoreOption;
	onClick?: (e: ChartClick) => void;
	/**
	 * A click anywhere in a category's band of the x axis reports that category (trend lines, whose points are a
	 * few pixels wide): the click is read from the canvas, not from the element under the pointer.
	 */
	bandClick?: boolean;
	/** 'svg' prints sharply and scales in PDFs; 'canvas' is faster for many points. */
	renderer?: 'canvas' | 'svg';
}

function prefersDark(): boolean {
	return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The category of the first x axis whose band contains the pixel, when the pixel is inside the plot. */
function bandCategory(instance: echarts.ECharts, point: [number, number]): { name: string; index: number } | null {
	if (!instance.containPixel({ gridIndex: 0 }, point)) return null;
	// An axis alone converts one coordinate (its own), not a point.
	const at = instance.convertFromPixel({ xAxisIndex: 0 }, point[0]) as number | number[];
	const raw = Array.isArray(at) ? at[0] : at;
	const axes = (instance.getOption() as { xAxis?: { data?: unknown[] }[] }).xAxis;
	const data = axes?.[0]?.data ?? [];
	if (!Number.isFinite(raw) || data.length === 0) return null;
	const index = Math.min(data.length - 1, Math.max(0, Math.round(raw)));
	const item = data[index];
	const name = item !== null && typeof item === 'object' && 'value' in item ? (item as { value: unknown }).value : item;
	return { name: String(name), index };
}

export function chart(node: HTMLElement, params: ChartParams) {
	let current = params;
	let instance: echarts.ECharts | null = null;

	const init = () => {
		instance?.dispose();
		instance = echarts.init(node, prefersDark() ? 'dark' : undefined, { renderer: current.renderer ?? 'canvas', locale: 'ZH' });
		instance.setOption({ backgroundColor: 'transparent', ...current.option }, { notMerge: true });
		instance.on('click', (e) => {
			if (current.bandClick) return; // the canvas handler below reports it, once
			const p = e as unknown as { name: string; seriesName?: string; dataIndex: number; value: unknown; data: unknown };
			current.onClick?.({ name: p.name, seriesName: p.seriesName, dataIndex: p.dataIndex, value: p.value, data: p.data });
		});
		const chartInstance = instance;
		chartInstance.getZr().on('click', (e) => {
			if (!current.bandClick || !current.onClick) return;
			const hit = bandCategory(chartInstance, [e.offsetX, e.offsetY]);
			if (hit) current.onClick({ name: hit.name, dataIndex: hit.index, value: undefined, data: undefined });
		});
		node.style.cursor = current.onClick ? 'pointer' : '';
	};
	init();

	const resizeObserver = new ResizeObserver(() => instance?.resize());
	resizeObserver.observe(node);

	const dark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
	dark?.addEventListener('change', init);
	// Resize to the page width before printing, and back afterwards.
	const onPrint = () => instance?.resize();
	window.addEventListener('beforeprint', onPrint);
	window.addEventListener('afterprint', onPrint);

	return {
		update(next: ChartParams) {
			const rendererChanged = (next.renderer ?? 'canvas') !== (current.renderer ?? 'canvas');
			current = next;
			if (rendererChanged) init();
			else {
				instance?.setOption({ backgroundColor: 'transparent', ...next.option }, { notMerge: true });
				node.style.cursor = next.onClick ? 'pointer' : '';
			}
		},
		destroy() {
			resizeObserver.disconnect();
			dark?.removeEventListener('change', init);
			window.removeEventListener('beforeprint', onPrint);
			window.removeEventListener('afterprint', onPrint);
			instance?.dispose();
			instance = null;
		}
	};
}

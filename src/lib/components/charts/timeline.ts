// Option builder of the repeat-chain timeline: one row per complainant (pseudonym), one dot per case on a time
// axis, dots coloured by how the case links to the previous one, a thin line joining each chain. Pure.
import { PALETTE, escapeHtml, type Row } from './options.ts';

export type ChainKind = 'first' | 'repeat' | 'similar' | 'outside';

export interface ChainTimelineProps {
	/** Rows of the chains view: chain_no, complainant, case_id, received_at ('YYYY-MM-DD HH:MM', Shanghai), unit,
	 *  category, is_repeat, similar, after_close, gap_days. */
	rows: Row[];
	labels: Record<ChainKind, string> & { similar: string; afterClose: string; gap: (n: number) => string };
}

/** How a case relates to the one before it in its chain. */
export function chainKind(r: Row): ChainKind {
	if (r.gap_days === null || r.gap_days === undefined) return 'first';
	if (Number(r.is_repeat) !== 1) return 'outside';
	return Number(r.similar) === 1 ? 'similar' : 'repeat';
}

/** Wall-clock 'YYYY-MM-DD HH:MM' as a UTC instant, so axis labels never shift with the browser's time zone. */
export function wallClockMs(s: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(s);
	if (!m) return NaN;
	return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}

function ymd(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const KIND_COLORS: Record<ChainKind, string> = { first: PALETTE[3], repeat: PALETTE[2], similar: PALETTE[4], outside: '#b8c2cf' };

export function buildChainTimelineOption(p: ChainTimelineProps) {
	const chains = [...new Map(p.rows.map((r) => [Number(r.chain_no), String(r.complainant)])).entries()].sort((a, b) => a[0] - b[0]);
	const label = new Map(chains);
	const ys = chains.map(([, l]) => l);
	const kinds: ChainKind[] = ['first', 'repeat', 'similar', 'outside'];
	const point = (r: Row) => ({
		value: [wallClockMs(String(r.received_at)), label.get(Number(r.chain_no))!],
		caseId: String(r.case_id),
		row: r
	});
	return {
		color: PALETTE,
		grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
		legend: { top: 0, data: kinds.map((k) => p.labels[k]) },
		tooltip: {
			trigger: 'item' as const,
			confine: true,
			formatter: (it: { data: { row?: Row } }) => {
				const r = it.data?.row;
				if (!r) return '';
				const lines = [
					`<b>${escapeHtml(String(r.case_id))}</b> · ${escapeHtml(String(r.received_at))}`,
					`${escapeHtml(String(r.unit))} · ${escapeHtml(String(r.category))}`
				];
				if (r.gap_days !== null && r.gap_days !== undefined) lines.push(escapeHtml(p.labels.gap(Number(r.gap_days))));
				if (Number(r.similar) === 1) lines.push(`<b>${escapeHtml(p.labels.similar)}</b>`);
				if (Number(r.after_close) === 1) lines.push(escapeHtml(p.labels.afterClose));
				return lines.join('<br/>');
			}
		},
		xAxis: {
			type: 'time' as const,
			axisLabel: { formatter: (v: number) => ymd(v), hideOverlap: true },
			splitLine: { show: true, lineStyle: { type: 'dashed', opacity: 0.4 } }
		},
		yAxis: { type: 'category' as const, data: ys, inverse: true, axisLabel: { interval: 0 } },
		series: [
			...chains.map(([no, l]) => ({
				type: 'line' as const,
				name: `chain-${no}`,
				silent: true,
				symbol: 'none',
				lineStyle: { color: '#b8c2cf', width: 1 },
				z: 1,
				data: p.rows.filter((r) => Number(r.chain_no) === no).map((r) => [wallClockMs(String(r.received_at)), l])
			})),
			...kinds.map((k) => ({
				type: 'scatter' as const,
				name: p.labels[k],
				symbolSize: k === 'similar' ? 12 : 9,
				itemStyle: { color: KIND_COLORS[k] },
				z: 3,
				data: p.rows.filter((r) => chainKind(r) === k).map(point)
			}))
		]
	};
}

// Number formatting for the dashboards (zh-CN: thousands separators, percentages with one decimal).
import { ui } from '../i18n/zh/metrics.ts';

export type ValueFormat = 'integer' | 'percent' | 'decimal1' | 'score' | 'text';

const intFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const dec1Fmt = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pctFmt = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A value as the user reads it; null/NaN (no data, e.g. no rated case) shows "—". */
export function formatValue(v: number | string | null | undefined, format: ValueFormat = 'integer'): string {
	if (v === null || v === undefined || v === '') return ui.noRate;
	if (format === 'text' || typeof v === 'string') return String(v);
	if (!Number.isFinite(v)) return ui.noRate;
	switch (format) {
		case 'integer':
			return intFmt.format(v);
		case 'percent':
			return pctFmt.format(v);
		case 'decimal1':
		case 'score':
			return dec1Fmt.format(v);
	}
}

/** Relative change from `before` to `now` (null when there is nothing to compare against). */
export function relativeChange(now: number | null | undefined, before: number | null | undefined): number | null {
	if (now === null || now === undefined || before === null || before === undefined || before === 0) return null;
	return (now - before) / before;
}

/** "↑ 12.3%", "↓ 4.0%", "持平" or "无可比数据". */
export function formatChange(change: number | null): string {
	if (change === null) return ui.changeNone;
	if (Math.abs(change) < 0.0005) return ui.changeFlat;
	const pct = pctFmt.format(Math.abs(change));
	return change > 0 ? ui.changeUp(pct) : ui.changeDown(pct);
}

/** Change of a rate in percentage points: "↑ 1.2 个百分点". */
export function formatPointChange(now: number | null | undefined, before: number | null | undefined): string {
	if (now === null || now === undefined || before === null || before === undefined) return ui.changeNone;
	const d = (now - before) * 100;
	if (Math.abs(d) < 0.05) return ui.changeFlat;
	return `${d > 0 ? '↑' : '↓'} ${dec1Fmt.format(Math.abs(d))} 个百分点`;
}

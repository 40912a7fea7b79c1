// Chinese text of periods (product.md 2.0): labels of calendar, running and free periods, and the figures' errors.
import type { Period } from '../../model/periods.ts';

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const ymdLabel = (d: string) => `${d.slice(0, 4)}年${md(d)}`;

/** "截至 12月2日": the mark of a running period (and of the partial month on trend charts). */
export const runningMark = (to: string): string => `截至 ${md(to)}`;

/** A period's label; a running one says up to which day it counts. */
export function periodLabel(p: Period, month?: string): string {
	const y = p.full.from.slice(0, 4);
	let base: string;
	if (p.kind === 'month') {
		const m = month ?? (p.full.to.slice(0, 7));
		base = `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
	} else if (p.kind === 'quarter') base = `${y}年第${Math.floor((Number(p.full.from.slice(5, 7)) - 1) / 3) + 1}季度`;
	else if (p.kind === 'year') base = `${y}年`;
	else base = `${ymdLabel(p.from)} 至 ${ymdLabel(p.to)}`;
	return p.running ? `${base}（${runningMark(p.to)}）` : base;
}

export const FIGURES_TEXT = {
	badDate: (field: string, v: string) => `参数 --${field} 须为 YYYY-MM-DD：${v}`,
	badRange: (from: string, to: string) => `起始日期 ${from} 晚于结束日期 ${to}`,
	forbiddenUnit: (unit: string) => `无权查看单位：${unit}`,
	unknownUser: (name: string) => `未找到用户：${name}`,
	readOnlyStale: '数据库尚未升级到当前版本，figures 不写数据库：请先运行其他命令或启动服务完成升级'
};

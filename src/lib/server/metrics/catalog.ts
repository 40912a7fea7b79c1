// Measures and dimensions, declared once (name, Chinese label, SQL over the case_facts row `f`, format).
// Every chart, table, KPI and export compiles from these, so every screen shows the same numbers.
import { dimensionLabels, measureLabels } from '../../i18n/zh/metrics.ts';
import { CASES_STAMP_SQL } from '../db/corpus.ts';

export type ValueFormat = 'integer' | 'percent' | 'decimal1' | 'score' | 'text';

export interface MeasureDef {
	name: string;
	label: string;
	/** An aggregate SQL expression over case_facts rows aliased `f`; fixed text, never user input. */
	sql: string;
	format: ValueFormat;
	/** Longer description for tooltips and the methodology note. */
	help?: string;
	/** The same measure over the additive rollup case_rollup `f` (absent: not additive, e.g. medians). */
	rollup?: string;
}

export interface DimensionDef {
	name: string;
	label: string;
	/** A row-level SQL expression over `f` giving the group key (text or integer). */
	sql: string;
	type: 'text' | 'integer';
	/** Whether case_rollup has this dimension (same expression works there). */
	inRollup?: boolean;
}

/** The default deadline rule pack whose results give on-time rates (regulations.md): the deployment's fallback, in settings.ts. */
export { DEFAULT_PACK } from '../settings.ts';
/** Repeat complaints: default window in days (product.md 2.2), overridable by settings key `repeat_window_days`. */
export const DEFAULT_REPEAT_WINDOW_DAYS = 90;
/** Units with fewer cases in the period are left out of rankings (too few to judge). */
export const SCORE_MIN_CASES = 10;
/** The rule of the default pack that times the acceptance decision; its other rules time the reply (办结). */
export const ACCEPT_RULE = 'accept-decision';

/** Composite score components (each a 0..1 share where higher is better) and their default weights. */
export const SCORE_COMPONENTS = {
	on_time: 'sum(f.met) / nullif(sum(f.met) + sum(f.breached_n) + sum(f.open_overdue_n), 0)',
	satisfaction: 'count_if(f.satisfied) / nullif(count_if(f.rated), 0)',
	not_repeat: '1 - count_if(f.is_repeat) / nullif(count(*), 0)',
	not_overdue: '1 - count_if(f.overdue_open) / nullif(count(*), 0)'
} as const;
export type ScoreComponent = keyof typeof SCORE_COMPONENTS;
/** The components over case_rollup (sums of per-day × unit counts): the same numbers, far fewer rows. */
export const SCORE_COMPONENTS_ROLLUP: Record<ScoreComponent, string> = {
	on_time: 'sum(f.met) / nullif(sum(f.met) + sum(f.breached_n) + sum(f.open_overdue_n), 0)',
	satisfaction: 'sum(f.satisfied) / nullif(sum(f.rated), 0)',
	not_repeat: '1 - sum(f.repeats) / nullif(sum(f.n), 0)',
	not_overdue: '1 - sum(f.overdue_open) / nullif(sum(f.n), 0)'
};
export type ScoreWeights = Record<ScoreComponent, number>;
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { on_time: 0.4, satisfaction: 0.3, not_repeat: 0.15, not_overdue: 0.15 };

/**
 * 0–100: the weighted mean of the components that exist for the group (a unit without any rated case is
 * scored on the others). Weights are bound parameters ($w_on_time …), so a page can change them safely.
 */
function scoreSql(components: Record<ScoreComponent, string> = SCORE_COMPONENTS): string {
	const parts = Object.entries(components) as [ScoreComponent, string][];
	const num = parts.map(([k, e]) => `coalesce($w_${k}::DOUBLE * (${e}), 0)`).join(' + ');
	const den = parts.map(([k, e]) => `(CASE WHEN (${e}) IS NULL THEN 0 ELSE $w_${k}::DOUBLE END)`).join(' + ');
	return `round(100 * (${num}) / nullif(${den}, 0), 1)`;
}

const m = (name: keyof typeof measureLabels, sql: string, format: ValueFormat, help?: string, rollup?: string): MeasureDef => ({
	name,
	label: measureLabels[name],
	sql,
	format,
	help,
	rollup
});
const r = (col: string) => `sum(f.${col})::INTEGER`;

/** 集中诉求占比, read only while the stored groups are of the cases as they are (migration 015's stamp). */
const CONCENTRATED_RATE_SQL = `(CASE WHEN (SELECT max(cases_stamp) FROM case_concentrated_meta) = ${CASES_STAMP_SQL}
	THEN count_if(f.case_id IN (SELECT case_id FROM case_concentrated)) / nullif(count(*), 0) END)::DOUBLE`;

export const MEASURES: Record<string, MeasureDef> = Object.fromEntries(
	[
		m('cases', 'count(*)::INTEGER', 'integer', '受理时间在统计期间内的投诉件数', r('n')),
		m('accepted', 'count_if(f.accepted)::INTEGER', 'integer', undefined, r('accepted')),
		m('closed', 'count_if(f.closed)::INTEGER', 'integer', undefined, r('closed')),
		m('open', 'count_if(NOT f.closed)::INTEGER', 'integer', undefined, '(sum(f.n) - sum(f.closed))::INTEGER'),
		m('overdue_open', 'count_if(f.overdue_open)::INTEGER', 'integer', '尚未办结且已超过办理时限的案件', r('overdue_open')),
		m('nearly', 'sum(f.nearly_n)::INTEGER', 'integer', '尚未办结、即将超期的件次：按工作日或日计的时限在今后N个工作日内（默认2）到期，按小时计的时限剩余不超过四分之一；按当前时间计算（临期预警）', r('nearly_n')),
		m('met', 'sum(f.met)::INTEGER', 'integer', undefined, r('met')),
		m('breached_evaluations', 'sum(f.breached_n)::INTEGER', 'integer', undefined, r('breached_n')),
		m('breached', 'count_if(f.breached_n > 0)::INTEGER', 'integer', '至少一个办理环节超过时限的案件', r('breached_cases')),
		m('on_time_rate', `(${SCORE_COMPONENTS.on_time})::DOUBLE`, 'percent', '按期办结 ÷（按期办结 + 超期办结 + 超期未办结），按件次计，依据默认时限规则', `(${SCORE_COMPONENTS_ROLLUP.on_time})::DOUBLE`),
		m('satisfaction_rate', `(${SCORE_COMPONENTS.satisfaction})::DOUBLE`, 'percent', '（满意 + 基本满意）÷ 已回访件数', `(${SCORE_COMPONENTS_ROLLUP.satisfaction})::DOUBLE`),
		m('no_data', 'sum(f.no_data_n)::INTEGER', 'integer', '数据不足的件次：导入数据缺少某条时限规则所需字段、无法评价的案件 × 规则评价数（依据默认时限规则包）', r('no_data_n')),
		m('rated', 'count_if(f.rated)::INTEGER', 'integer', undefined, r('rated')),
		m('substantiated_rate', '(count_if(f.substantiated) / nullif(count_if(f.with_outcome), 0))::DOUBLE', 'percent', '（属实 + 部分属实）÷ 有核查结论的件数', '(sum(f.substantiated) / nullif(sum(f.with_outcome), 0))::DOUBLE'),
		m('with_outcome', 'count_if(f.with_outcome)::INTEGER', 'integer', undefined, r('with_outcome')),
		m('repeats', 'count_if(f.is_repeat)::INTEGER', 'integer', undefined, r('repeats')),
		m('repeat_rate', '(count_if(f.is_repeat) / nullif(count(*), 0))::DOUBLE', 'percent', '同一投诉人90日内再次投诉同一单位，或办结后90日内再次投诉，占投诉件数的比例', '(sum(f.repeats) / nullif(sum(f.n), 0))::DOUBLE'),
		// 集中诉求占比 (issue 16): cases in a near-duplicate group with two or more complainants (hotspots/build.ts, over
		// the whole corpus; migration 011's table) ÷ cases. Not the repeat rate: that is one complainant coming back.
		// Only from groups of the cases as they are: after an import, until the hot-spot build has regrouped, the
		// stored groups are another corpus's (the new cases in none of them) and the measure has no value.
		m('concentrated_rate', CONCENTRATED_RATE_SQL, 'percent', '疑似重复分组中有两名及以上投诉人的案件（集中诉求）÷ 投诉件数；分组按文本相似度（SimHash）在同一单位30日内判断，与重复投诉率（同一投诉人再次投诉）不同'),
		m('median_work_days', 'quantile_cont(f.work_days, 0.5)::DOUBLE', 'decimal1', '受理日至答复（或办结）日的工作日数，受理当日不计'),
		m('p90_work_days', 'quantile_cont(f.work_days, 0.9)::DOUBLE', 'decimal1'),
		m('mean_work_days', 'avg(f.work_days)::DOUBLE', 'decimal1'),
		m('median_hours', 'quantile_cont(f.hours, 0.5)::DOUBLE', 'decimal1'),
		m('p90_hours', 'quantile_cont(f.hours, 0.9)::DOUBLE', 'decimal1'),
		// Box plots: whiskers at P10/P90, box from P25 to P75.
		m('p10_work_days', 'quantile_cont(f.work_days, 0.1)::DOUBLE', 'decimal1'),
		m('p25_work_days', 'quantile_cont(f.work_days, 0.25)::DOUBLE', 'decimal1'),
		m('p75_work_days', 'quantile_cont(f.work_days, 0.75)::DOUBLE', 'decimal1'),
		m('p10_hours', 'quantile_cont(f.hours, 0.1)::DOUBLE', 'decimal1'),
		m('p25_hours', 'quantile_cont(f.hours, 0.25)::DOUBLE', 'decimal1'),
		m('p75_hours', 'quantile_cont(f.hours, 0.75)::DOUBLE', 'decimal1'),
		m('accepted_on_time_rate', '(count_if(f.accept_met > 0 AND f.accept_late = 0) / nullif(count_if(f.accept_met > 0 OR f.accept_late > 0), 0))::DOUBLE', 'percent', '受理决定在时限内作出的案件 ÷ 已评价受理时限的案件'),
		m('closed_on_time_rate', '(count_if(f.reply_met > 0 AND f.reply_late = 0) / nullif(count_if(f.reply_met > 0 OR f.reply_late > 0), 0))::DOUBLE', 'percent', '各办理环节均在时限内答复（办结）的案件 ÷ 已评价办理时限的案件（超期未办结计为超时）'),
		m('score', `(${scoreSql()})::DOUBLE`, 'score', '按时办理率、满意率、非重复率、未超期率的加权平均，满分100', `(${scoreSql(SCORE_COMPONENTS_ROLLUP)})::DOUBLE`)
	].map((d) => [d.name, d])
);

const d = (name: keyof typeof dimensionLabels, sql: string, type: 'text' | 'integer' = 'text', inRollup = false): DimensionDef => ({
	name,
	label: dimensionLabels[name],
	sql,
	type,
	inRollup
});

export const DIMENSIONS: Record<string, DimensionDef> = Object.fromEntries(
	[
		d('year', "strftime(f.received_date, '%Y')", 'text', true),
		d('month', "strftime(f.month, '%Y-%m')", 'text', true),
		d('day', "strftime(f.received_date, '%Y-%m-%d')", 'text', true),
		d('unit', 'f.unit', 'text', true),
		d('unit_group', 'f.unit_group', 'text', true),
		d('category', 'f.category'),
		d('sub_category', 'f.sub_category'),
		d('channel', 'f.channel'),
		d('handling_mode', 'f.handling_mode'),
		d('severity', 'f.severity'),
		d('status', "CASE WHEN f.closed THEN 'closed' ELSE 'open' END"),
		d('work_days', 'f.work_days', 'integer'),
		d('hours', 'floor(f.hours)::INTEGER', 'integer')
	].map((x) => [x.name, x])
);

export const MEASURE_NAMES = Object.keys(MEASURES) as [string, ...string[]];
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as [string, ...string[]];

/** Public metadata (no SQL) for the browser: labels and formats. */
export function catalogMeta(): {
	measures: Record<string, { label: string; format: ValueFormat; help?: string }>;
	dimensions: Record<string, { label: string; type: string }>;
} {
	return {
		measures: Object.fromEntries(Object.values(MEASURES).map((x) => [x.name, { label: x.label, format: x.format, help: x.help }])),
		dimensions: Object.fromEntries(Object.values(DIMENSIONS).map((x) => [x.name, { label: x.label, type: x.type }]))
	};
}

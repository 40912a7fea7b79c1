// Chinese text of the dashboards, the metrics layer and the case explorer (zh-CN first).
import { FIELD_LABELS } from './fields.ts';
import { classifyPeriod, type PeriodOptions } from '../../model/periods.ts';
import { runningMark } from './periods.ts';

export const measureLabels = {
	cases: '投诉件数',
	accepted: '已受理',
	closed: '已办结',
	open: '未办结',
	overdue_open: '超期未办结',
	nearly: '临期（件次）',
	met: '按期办结（件次）',
	breached_evaluations: '超期办结（件次）',
	breached: '有超期办结环节的投诉（件）',
	on_time_rate: '按时办理率',
	no_data: '数据不足',
	satisfaction_rate: '满意率',
	rated: '已回访',
	substantiated_rate: '属实率',
	with_outcome: '已核查',
	repeats: '重复投诉',
	repeat_rate: '重复投诉率',
	concentrated_rate: '集中诉求占比',
	median_work_days: '办理时长中位数（工作日）',
	p90_work_days: '办理时长P90（工作日）',
	mean_work_days: '平均办理时长（工作日）',
	median_hours: '办理时长中位数（小时）',
	p90_hours: '办理时长P90（小时）',
	p10_work_days: '办理时长P10（工作日）',
	p25_work_days: '办理时长下四分位（工作日）',
	p75_work_days: '办理时长上四分位（工作日）',
	p10_hours: '办理时长P10（小时）',
	p25_hours: '办理时长下四分位（小时）',
	p75_hours: '办理时长上四分位（小时）',
	accepted_on_time_rate: '按时受理率',
	closed_on_time_rate: '按时办结率',
	score: '综合评分'
} as const;

export const dimensionLabels = {
	year: '年份',
	month: '月份',
	day: '日期',
	unit: '被投诉单位',
	unit_group: '单位类别',
	category: '投诉类别',
	sub_category: '二级分类',
	channel: '投诉渠道',
	handling_mode: '办理方式',
	severity: '投诉等级',
	status: '办理状态',
	work_days: '办理时长（工作日）',
	hours: '办理时长（小时）'
} as const;

export const statusLabels = { open: '未办结', closed: '已办结' } as const;

export const filterLabels = {
	from: '起始日期',
	to: '截止日期',
	units: '单位',
	unit_group: '单位类别',
	category: '投诉类别',
	sub_category: '二级分类',
	channel: '投诉渠道',
	mode: '办理方式',
	severity: '投诉等级',
	month: '月份',
	flag: '状态',
	q: '内容包含',
	wd: '办理工作日',
	hrs: '办理小时'
} as const;

export const flagLabels = {
	open: '未办结',
	closed: '已办结',
	overdue_open: '超期未办结',
	breached: '有超期办结环节',
	repeat: '重复投诉',
	unsatisfied: '不满意',
	substantiated: '属实/部分属实',
	typical: '典型案例'
} as const;

export const quickPickLabels = {
	thisMonth: '本月',
	lastMonth: '上月',
	thisYear: '今年',
	last12: '近12个月'
} as const;

export const ui = {
	productName: '投诉办理分析',
	empty: '本期无数据',
	/** a unit user's 红榜 / 黑榜 hold only its own unit: empty means it is not on that list */
	ownUnitNotOnRed: '本单位本期未列入红榜（名次见单位效能）',
	ownUnitNotOnBlack: '本单位本期未列入黑榜（名次见单位效能）',
	loading: '加载中…',
	loadFailed: '数据加载失败',
	allUnits: '全部单位',
	all: '全部',
	apply: '应用',
	reset: '重置筛选',
	clear: '清除',
	noRate: '—',
	filters: '筛选',
	crossFilters: '已选定',
	drill: '查看案件',
	unitGroupOther: '其他',
	selectedCount: (n: number) => `已选 ${n} 个单位`,
	/**
	 * What the 单位 filter reads: the chosen units, or with none chosen 全部单位 — except for a unit user, who sees
	 * its own units only and reads them by name (本单位：县住房和城乡建设局).
	 */
	unitFilterValue: (selected: string[], own: string[] | null) =>
		own && (selected.length === 0 || (selected.length === own.length && own.every((u) => selected.includes(u))))
			? `本单位：${own.join('、')}`
			: selected.length === 1
				? selected[0]
				: selected.length
					? `已选 ${selected.length} 个单位`
					: '全部单位',
	unitSearch: '搜索单位',
	// overview
	overviewTitle: '总览',
	/** The period a page shows; a running period (a calendar period that contains today) says up to which day. */
	periodLabel: (from: string, to: string, opts: PeriodOptions = {}) => {
		const p = classifyPeriod(from, to, opts);
		return `统计期间：${p.from} 至 ${p.to}${p.running ? `（${runningMark(p.to)}）` : ''}`;
	},
	vsPrevious: '环比',
	vsLastYear: '同比',
	/** A comparison's label: 同比 reads 较上年同期 when it is the only one shown (a year: 环比 would be the same). */
	comparisonLabel: (key: 'previous' | 'lastYear', only: boolean) => (key === 'previous' ? '环比' : only ? '较上年同期' : '同比'),
	changeUp: (pct: string) => `↑ ${pct}`,
	changeDown: (pct: string) => `↓ ${pct}`,
	changeFlat: '持平',
	changeNone: '无可比数据',
	kpiCases: '投诉件数',
	kpiOnTime: '按时办理率',
	kpiOverdueOpen: '超期未办结',
	kpiSatisfaction: '满意率',
	kpiRepeat: '重复投诉率',
	onTimeMissing: '尚未计算时限合规',
	monthlyTrend: '月度趋势',
	bestUnits: '红榜（各组效能前五名）',
	worstUnits: '黑榜（各组效能后五名）',
	groupRank: (group: string, rank: number, of: number) => `${group} 第 ${rank} 名 / 共 ${of} 个单位`,
	scoreNote: (min: number) => `综合评分 = 按时办理率、满意率、非重复率、未超期率加权（案件不少于 ${min} 件的单位参与排名）`,
	byCategory: '投诉类别分布',
	bySubCategory: '二级分类分布',
	categoryLevel: '分类层级',
	categoryLevels: { category: '一级分类', sub_category: '二级分类' },
	byChannel: '投诉渠道分布',
	rank: '名次',
	// cases
	casesTitle: '案件查询',
	searchPlaceholder: '搜索投诉内容、编号',
	search: '搜索',
	exportCsv: '导出 CSV',
	exportXlsx: '导出 Excel',
	totalCases: (n: string) => `共 ${n} 件`,
	page: (p: number, pages: number) => `第 ${p} / ${pages} 页`,
	prev: '上一页',
	next: '下一页',
	noCases: '没有符合条件的案件',
	noCaseAccess: '您的角色只能查看汇总数据，不能查看案件明细。',
	caseTitle: (id: string) => `案件 ${id}`,
	backToList: '返回列表',
	fields: '案件信息',
	history: '历次导入变更',
	noHistory: '该案件导入后未发生变更',
	historyBatch: (b: number, at: string) => `批次 ${b}（${at} 被替换）`,
	clocks: '时限计算',
	noClocks: '尚未计算时限合规',
	typical: '典型案例',
	typicalMark: '标记为典型案例',
	typicalUnmark: '取消典型案例',
	typicalSummary: '案例摘要',
	typicalSave: '保存',
	typicalSaved: '已保存',
	piiHidden: '（无权查看）',
	yes: '是',
	no: '否',
	repeatBadge: '重复',
	overdueBadge: '超期未办结',
	notFound: '案件不存在或无权查看',
	workDaysUnit: '个工作日',
	hoursUnit: '小时'
} as const;

export const errors = {
	badSpec: '查询参数有误',
	unknownMeasure: (n: string) => `未知的指标：${n}`,
	unknownDimension: (n: string) => `未知的维度：${n}`,
	badFilter: (field: string) => `筛选条件「${field}」格式有误`,
	unauthorized: '请先登录',
	forbiddenCases: '您的角色无权查看案件明细',
	forbiddenTypical: '只有管理员和分析员可以标记典型案例',
	summaryRequired: '请填写案例摘要',
	caseNotFound: '案件不存在或无权查看'
} as const;

/** Labels of case columns: the canonical fields' (fields.ts), plus the columns the importer derives or adds. */
export const caseFieldLabels: Record<string, string> = {
	...FIELD_LABELS,
	extension_approved: '延期',
	complainant_key: '投诉人编号',
	quality_warnings: '数据质量提示',
	batch_id: '最近导入批次',
	first_batch_id: '首次导入批次',
	typical: '典型案例',
	typical_summary: '案例摘要',
	work_days: '办理时长（工作日）',
	is_repeat: '重复投诉'
};

/** A column of the export that maps to no field, kept with the case (shown only with the PII grant). */
export const keptColumnLabel = (header: string) => `${header}（附加列）`;

// User-facing Chinese text of the compliance, case timeline, appraisal and calendar admin screens.
import { COUNT_HELP, STATUS_WORDS, statusEvaluations } from './glossary.ts';

/**
 * The calendar's version (calendar/index.ts versionOf: '2020-2026+3fa2c1d4e5f6', the official years and a hash of
 * every notice) as a reader reads it: whose notices, for which years. The hash means nothing on a page; it stays
 * in a tooltip (calendarVersionTip) for whoever matches results with a calendar.
 */
export function calendarVersionLabel(version: string): string {
	const m = /^(\d{4})-(\d{4})\+/.exec(version);
	if (m) return `依据国务院办公厅${m[1] === m[2] ? m[1] : `${m[1]}—${m[2]}`}年节假日安排通知`;
	if (version.startsWith('none+')) return '尚未载入国务院办公厅节假日安排通知（按周一至周五临时日历）';
	return '版本未知';
}
export const calendarVersionTip = (version: string) => `日历版本号 ${version}`;

export const statusText: Record<string, { label: string; tone: 'good' | 'danger' | 'info' | 'muted' | 'warn' }> = {
	met: { label: STATUS_WORDS.met, tone: 'good' },
	breached: { label: STATUS_WORDS.breached, tone: 'danger' },
	'open-overdue': { label: STATUS_WORDS['open-overdue'], tone: 'danger' },
	'open-within': { label: STATUS_WORDS['open-within'], tone: 'info' },
	'no-data': { label: STATUS_WORDS['no-data'], tone: 'warn' },
	'not-applicable': { label: STATUS_WORDS['not-applicable'], tone: 'muted' }
};

/** The status choices of the compliance list ('flagged' = breached and open-overdue together). */
export const statusFilterLabels: Record<string, string> = {
	flagged: `${STATUS_WORDS.breached}及${STATUS_WORDS['open-overdue']}`,
	breached: STATUS_WORDS.breached,
	'open-overdue': STATUS_WORDS['open-overdue'],
	met: STATUS_WORDS.met,
	'open-within': STATUS_WORDS['open-within'],
	'no-data': STATUS_WORDS['no-data']
};

export const complianceText = {
	title: '时限合规',
	intro: '按所选规则包逐件、逐规则核对办理时限（法定工作日按国务院节假日安排计算）；点击图表可按单位、规则或月份筛选，点击投诉编号查看时限时间轴。',
	pack: '规则包',
	asOf: '评价截止日',
	asOfHint: '未办结案件按此日计算是否超期',
	today: '今天',
	apply: '应用',
	status: '结论',
	rule: '规则',
	unit: '被投诉单位',
	month: '受理月份',
	all: '全部',
	clearFilters: '清除筛选',
	kpiEvaluated: '评价件次',
	kpiMet: statusEvaluations('met'),
	kpiBreached: statusEvaluations('breached'),
	kpiOpenOverdue: statusEvaluations('open-overdue'),
	kpiNoData: statusEvaluations('no-data'),
	kpiNoDataNote: '导出文件缺少规则所需的列，无法判定，不计入超期',
	/** Tooltip of every figure counted in 件次. */
	evaluationsHelp: COUNT_HELP.evaluations,
	kpiBreachRate: '超期率',
	breachRateNote: `超期率 = ${STATUS_WORDS.breached} ÷（${STATUS_WORDS.met} + ${STATUS_WORDS.breached}），按件次计`,
	byUnit: '各单位超期率',
	byRule: '各规则超期率',
	byMonth: '各月超期情况（按受理月份）',
	seriesRate: '超期率',
	seriesBreached: `${STATUS_WORDS.breached}件次`,
	seriesOpenOverdue: `${STATUS_WORDS['open-overdue']}件次`,
	listTitle: `${STATUS_WORDS.breached}及${STATUS_WORDS['open-overdue']}清单`,
	listCount: (n: number) => `共 ${n.toLocaleString('zh-CN')} 条`,
	colCase: '投诉编号',
	colUnit: '被投诉单位',
	colRule: '规则',
	colStart: '起算',
	colDue: '期限',
	colDone: '完成',
	colLate: '超期工作日',
	colStatus: '结论',
	colExplain: '说明',
	notDone: '未完成',
	provisional: '临时日历',
	provisionalTitle: '该年度国务院放假安排尚未公布，暂按法定节假日推算（调休未计），公布后将重新计算',
	provisionalBanner: (n: number) =>
		`有 ${n.toLocaleString('zh-CN')} 条结果临近放假安排尚未公布年份的节假日，暂按法定节假日推算、调休未计（标「临时日历」），管理员载入国务院通知后自动重新计算。`,
	evaluatedAt: (asOf: string, computedAt: string, calendar: string) => `评价截止 ${asOf}；计算于 ${computedAt}；日历：${calendarVersionLabel(calendar)}`,
	emptyList: `当前筛选条件下没有${STATUS_WORDS.breached}或${STATUS_WORDS['open-overdue']}的记录。`,
	emptyAll: '暂无时限评价结果：请先导入案件数据。',
	prev: '上一页',
	next: '下一页',
	pageOf: (p: number, n: number) => `第 ${p} / ${n} 页`,
	viewTimeline: '时间轴',
	calendarAdmin: '日历管理',
	packError: (msg: string) => `规则包无法载入：${msg}`,
	loadingList: '正在计算时限结果…',
	extended: '已延期',
	expandHint: '点击展开或收起完整说明'
};

export const timelineText = {
	title: (caseId: string) => `投诉 ${caseId} 的办理时限`,
	intro: '每格为一天：灰色为周末，红色为法定节假日，蓝框为调休上班日，斜纹为中止计时；▶ 起算，◆ 期限届满日，● 办结/答复日。',
	backToList: '返回时限合规清单',
	openCase: '查看案件详情',
	pack: '规则包',
	notApplicable: '不适用的规则',
	noData: '数据不足：无法判定的规则',
	noClocks: '该案件在此规则包下没有适用的时限规则。',
	limit: (value: number, unit: string) => `时限 ${value}${unit}`,
	late: (n: number) => `超期 ${n} 个工作日`,
	citation: (doc: string, article: string) => `依据：${doc} ${article}`,
	weekdays: ['日', '一', '二', '三', '四', '五', '六'],
	month: (m: number) => `${m}月`,
	gap: (from: string, to: string, days: number) => `${from} 至 ${to} 共 ${days} 天从略`,
	legend: {
		workday: '工作日',
		weekend: '周末',
		holiday: '法定节假日',
		makeup: '调休上班',
		paused: '中止计时',
		late: '超期日',
		provisional: '临时日历',
		start: '起算日',
		due: '期限届满日',
		done: '办结/答复日',
		asOf: '评价截止日'
	},
	cellTitle: {
		workday: '工作日',
		weekend: '周末',
		holiday: (name: string | null) => `${name ?? '节假日'}（放假）`,
		makeup: (name: string | null) => `调休上班（${name ?? ''}）`,
		counted: (n: number, unit: string) => (unit === 'working_days' ? `第 ${n} 个工作日` : `第 ${n} 日`),
		paused: (reason: string | null) => `中止计时${reason ? `：${reason}` : ''}`,
		start: '起算',
		due: '期限届满',
		done: '办结/答复',
		asOf: '评价截止',
		late: '超期日',
		provisional: '临时日历'
	},
	loading: '正在载入时限时间轴…',
	loadFailed: '时间轴载入失败',
	compactTitle: '办理时限',
	fullView: '在时限合规中查看完整时间轴'
};

export const appraisalUi = {
	title: '年度考核',
	intro: '按受理年度汇总各单位（或个人）的投诉、属实件数、超期办结件次和超期未办结件次（件次按“投诉 × 时限规则”计数），按所选规则包的等次规则给出考核等次；点击一行查看证据。',
	year: '考核年度',
	pack: '规则包',
	by: '考核对象',
	byUnit: '按单位',
	byPerson: '按个人',
	apply: '应用',
	downloadXlsx: '下载 XLSX',
	downloadCsv: '下载 CSV',
	rank: '排名',
	unit: '单位',
	person: '责任人',
	cases: '投诉件数',
	substantiated: '属实件数',
	breaches: `${STATUS_WORDS.breached}件次`,
	openOverdue: `${STATUS_WORDS['open-overdue']}件次`,
	countHelp: COUNT_HELP.evaluations,
	tier: '考核等次',
	reason: '依据',
	evidence: '证据',
	showEvidence: '查看证据',
	hideEvidence: '收起',
	evidenceTitle: (who: string) => `${who} 的证据`,
	evidenceCount: (n: number) => `共 ${n} 条`,
	/** the evidence's review standing, the same flags as the row's 已认定 and 待审核 columns */
	evidenceReview: (r: { confirmed: number; pending: number; cleared: number }) =>
		`（已认定 ${r.confirmed} 条，待审核 ${r.pending} 条，已免责或不予认定 ${r.cleared} 条；与本行“已认定”“待审核”同一口径：每个超期件次或属实投诉各一条，一案既超期又属实记为两条）`,
	yearCaption: (year: number, pack: string) => `${year} 年度考核结果（${pack}）`,
	yearLoading: (year: number) => `正在载入 ${year} 年度考核结果…`,
	evCase: '投诉编号',
	evReceived: '受理时间',
	evCategory: '类别',
	evOutcome: '处理结果',
	evRule: '规则',
	evDue: '期限',
	evDone: '完成',
	evLate: '超期工作日',
	evStatus: '结论',
	evExplain: '说明',
	noEvidence: '该对象本年度没有超期或属实的记录。',
	evidenceLoading: '正在载入证据…',
	evidenceFailed: '证据载入失败',
	leaderNote: '领导角色查看汇总与等次；案件级证据由纪检监察人员查阅。',
	empty: (year: number) => `${year} 年度没有受理的投诉。`,
	noTierRules: '该规则包未规定考核等次，仅列出统计数字。',
	tierRules: '等次规则',
	meta: (pack: string, asOf: string, calendar: string) => `规则包 ${pack}；评价截止 ${asOf}；日历：${calendarVersionLabel(calendar)}`,
	privacy: '证据与导出文件均不含投诉人身份信息。',
	substantiatedOnly: '属实',
	unnamed: '（未注明）'
};

export const calendarUi = {
	title: '日历管理',
	intro: '时限按国务院办公厅每年发布的节假日安排通知计算。尚未载入通知的年份按周一至周五的临时日历计算，相关结果标为「临时日历」；载入新年度通知后，所有规则包的结果自动重新计算。',
	yearsInUse: '使用中的年度',
	yearsInUseNote: '案件受理时间与评价截止日涉及的年度',
	allNotices: '已载入的通知',
	year: '年度',
	status: '状态',
	official: '正式',
	provisional: '临时',
	source: '来源通知',
	holidays: '放假天数',
	makeup: '调休上班天数',
	workdays: '工作日天数',
	origin: '载入方式',
	originFile: '随系统发布',
	originImport: '管理员上传',
	loadedBy: '载入人',
	loadedAt: '载入时间',
	noNotice: '尚未载入通知，按周一至周五计算',
	uploadTitle: '载入年度通知',
	uploadIntro: '上传 JSON 文件（格式同 data/calendar/YYYY.json：year、official、source、holidays[{date,name}]、makeup_workdays[{date,name}]），或直接粘贴内容。',
	chooseFile: '选择 JSON 文件',
	paste: '或粘贴 JSON',
	submit: '校验并载入',
	submitting: '正在载入并重新计算…',
	replaceWarning: (year: number) => `${year} 年的日历已存在，载入后将替换。`,
	badJson: (msg: string) => `不是有效的 JSON：${msg}`,
	emptyInput: '请选择文件或粘贴 JSON 内容。',
	validationFailed: '校验未通过：',
	done: (year: number, packs: string[]) =>
		`已载入 ${year} 年日历。${packs.length ? `已重新计算规则包：${packs.join('、')}。` : '暂无需要重新计算的结果。'}`,
	version: (v: string) => `当前日历：${calendarVersionLabel(v)}`,
	example: '示例',
	adminOnly: '只有管理员可以载入日历',
	clear: '清空'
};

export const apiText = {
	badParam: (name: string) => `参数 ${name} 无效`,
	badMonth: (v: string) => `月份须为 YYYY-MM 格式，收到：${v}`,
	badFormat: (v: string) => `导出格式只能是 xlsx 或 csv，收到：${v}`,
	badJsonBody: '请求内容不是有效的 JSON',
	forbidden: '当前角色无权查看案件级证据',
	unauthenticated: '请先登录'
};

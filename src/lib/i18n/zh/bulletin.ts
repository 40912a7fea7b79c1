// Chinese text of the monthly bulletin (月度通报): masthead, section titles, table headers, the narrative's
// sentence templates, the page and its errors. The narrative's logic (which sentence appears) is in
// src/lib/server/reports/narrative.ts; the words are here.

import { STATUS_WORDS } from './glossary.ts';
import { deductText } from './appraisal.ts';

/** 1,234 (zh-CN grouping). */
const intFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
export const num = (n: number): string => intFmt.format(n);
/** 0.0523 → "5.2%". */
export const pct = (r: number): string => `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
/** 92.34 → "92.3". */
export const score = (s: number): string => (Math.round(s * 10) / 10).toFixed(1);

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 3 → "三" (up to ten, as a bulletin writes small counts in running text); larger numbers as digits. */
export const cnSmall = (n: number): string => (Number.isInteger(n) && n >= 0 && n <= 10 ? CN_DIGITS[n] : String(n));
/** A count before a measure word: 2 → "两" (前两位), otherwise as cnSmall. */
export const cnCount = (n: number): string => (n === 2 ? '两' : cnSmall(n));

/** "2026-10" → "2026年10月". */
export const monthTitle = (month: string): string => {
	const [y, m] = month.split('-').map(Number);
	return `${y}年${m}月`;
};
/** "2026-11-22" → "2026年11月22日". */
export const dateTitle = (date: string): string => {
	const [y, m, d] = date.split('-').map(Number);
	return `${y}年${m}月${d}日`;
};

export const BULLETIN = {
	/** Default issuing unit (settings key bulletin_issuer overrides it). */
	defaultIssuer: '县行政效能投诉中心',
	/** What is counted (settings key bulletin_subject overrides it). */
	defaultSubject: '行政效能投诉',
	masthead: '行政效能投诉情况通报',
	issueLabel: (year: number, no: number) => `${year}年第${no}期`,
	issuedBy: (issuer: string) => `${issuer}编`,
	title: (month: string, scope: string) => `${monthTitle(month)}${scope}行政效能投诉情况通报`,
	scopeAll: '全县',
	scopeGroup: (group: string) => (group === '乡镇' ? '各乡镇' : group),
	scopeUnits: (units: string[]) => (units.length === 1 ? units[0] : `所选${units.length}个单位`),
	partialNote: (asOf: string) => `本月尚未结束，数据统计至${dateTitle(asOf)}；环比、同比按同期口径比较。`,
	dataNote: (asOf: string) => `数据截至${dateTitle(asOf)}。`,
	/** The filters and the as-of moment the bulletin was built with, printed under its title. */
	builtWith: {
		all: '全县（全部单位）',
		group: (group: string) => `单位类别「${group}」`,
		units: (units: string[]) => `单位：${units.join('、')}`,
		period: (from: string, to: string) => `${dateTitle(from)}至${Number(to.slice(8, 10))}日`,
		/** A finished month is evaluated as of its last moment; a running one as of the day it was built. */
		asOf: (asOf: string, partial: boolean) => (partial ? dateTitle(asOf.slice(0, 10)) : `${dateTitle(asOf.slice(0, 10))}24时`),
		line: (scope: string, period: string, pack: string | null, asOf: string) =>
			`统计范围：${scope}；受理时间：${period}；` + (pack ? `办理时限依据：《${pack}》；` : '') + `数据截至${asOf}。`
	},

	sections: {
		overview: '一、总体情况',
		timeliness: '二、办理时效',
		units: '三、单位综合评价',
		late: '四、超期办结及超期未办结投诉',
		categories: '五、投诉类别',
		hotspots: '六、热点诉求',
		repeats: '七、重复投诉',
		typical: '八、典型案例',
		requirements: '九、工作要求'
	},
	figures: {
		trend: '图1　近12个月投诉受理及按时办理情况',
		trendNoRate: '图1　近12个月投诉受理及办结情况',
		unitOnTime: '图2　各单位按时办理率',
		categoryMix: '图3　投诉类别构成'
	},
	tables: {
		kpi: '表1　主要指标',
		rules: '表2　分环节按时办理情况',
		ranking: '表3　单位综合评分排名',
		late: '表4　超期办结及超期未办结投诉明细',
		categories: '表5　投诉类别',
		hotspotTerms: '表6　本月热点诉求',
		hotspotGroups: '表7　疑似同一事项重复反映、可并单的投诉',
		repeats: '表8　重复投诉较多的单位'
	},
	kpiHead: { indicator: '指标', current: '本月', previous: '上月', mom: '环比', lastYear: '去年同月', yoy: '同比' },
	kpiRows: {
		cases: '受理投诉（件）',
		accepted: '作出受理决定（件）',
		closed: '已办结（件）',
		breached: '超期办结（件）',
		overdue_open: '超期未办结（件）',
		on_time_rate: '按时办理率',
		satisfaction_rate: '回访满意率',
		substantiated_rate: '属实率',
		repeats: '重复投诉（件）',
		repeat_rate: '重复投诉率'
	},
	ruleHead: { rule: '办理环节', limit: '时限', met: '按期办结', breached: '超期办结', openOverdue: '超期未办结', openWithin: '在办未超期', rate: '按时办理率' },
	rankHead: { group: '分组', rank: '名次', unit: '单位', cases: '受理件数', score: '综合评分', onTime: '按时办理率', satisfaction: '满意率', repeat: '重复投诉率', overdue: '超期未办结', list: '榜单' },
	redList: '红榜',
	blackList: '黑榜',
	lateHead: { no: '序号', caseId: '投诉编号', unit: '被投诉单位', rule: '超期环节', status: '情形', due: '办理期限', daysLate: '超出工作日数' },
	lateStatus: { breached: STATUS_WORDS.breached, 'open-overdue': STATUS_WORDS['open-overdue'] } as Record<string, string>,
	givenDueRule: '来源系统办理时限',
	categoryHead: { category: '投诉类别', cases: '本月（件）', share: '占比', previous: '上月（件）', change: '环比增减（件）' },
	repeatHead: { unit: '单位', repeats: '重复投诉（件）', cases: '受理件数', rate: '重复投诉率' },
	typicalHead: (i: number, caseId: string, unit: string, category: string) => `案例${i}　${unit}（投诉编号${caseId}，${category}）`,

	/** Table 3 under preview: pending flags were counted as findings. */
	previewTag: '（预评）',
	/** A score with the points taken off for findings: "93.5（扣6.5）". */
	deducted: (s: string, points: number) => `${s}（扣${Math.round(points * 100) / 100}）`,
	rankNote: (scheme: { title: string; version: string; deduct: string }, min: number, excluded: number) =>
		`注：综合评分、组内名次和红黑榜依据考核方案《${scheme.title}》（第${scheme.version}版），与首页、单位效能一致：` +
		`按按时办理率、满意率、非重复投诉率、未超期率加权计算，满分100分；${deductText[scheme.deduct] ?? scheme.deduct}；` +
		`县直部门与乡镇分别排名（名次1为最好），各组前五名列入红榜、后五名列入黑榜；本月受理投诉${min}件以上的单位参加排名` +
		(excluded > 0 ? `，另有${excluded}个单位受理件数不足，不参加排名。` : '。'),
	previewNote: (pending: number) => `预评：本月尚有${num(pending)}件次问题未经审核认定，已按考核方案的默认处理措施计入扣分，以审核认定后的结果为准。`,
	/** Table 4 lists evaluations (a case late on two steps is two rows): 件次, with the cases (件) they belong to. */
	lateShown: (shown: number, total: number, cases: number) =>
		`共${num(total)}件次（涉及投诉${num(cases)}件），按超出工作日数列出前${num(shown)}件次。`,
	lateAll: (total: number, cases: number) => `共${num(total)}件次（涉及投诉${num(cases)}件），每行为一件投诉的一个超期环节。`,
	noLate: '本月无超期件。',
	noTypical: '本月未选取典型案例。',
	noRanking: (min: number) => `本月各单位受理投诉均不足${min}件，不进行综合排名。`,
	noCompliance: '尚未开展办理时限核查。',
	noRepeats: '本月未发现重复投诉。',
	noCategories: '本月无投诉。',
	none: '—',
	days: (n: number) => `${n}`,
	footer: { page: '第', of: '页 共', pages: '页' },

	// ---------------------------------------------------------------- narrative sentences
	n: {
		period: (month: string, partial: boolean, asOf: string) => {
			if (!partial) return monthTitle(month);
			const [, , d] = asOf.split('-').map(Number);
			return `${monthTitle(month)}1日至${d}日`;
		},
		received: (period: string, scope: string, subject: string, n: number) => `${period}，${scope}共受理${subject}${num(n)}件`,
		noneReceived: (period: string, scope: string, subject: string) => `${period}，${scope}未受理${subject}。`,
		change: (label: '环比' | '同比', change: number) => {
			const p = Math.abs(change);
			if (Math.round(p * 1000) === 0) return `${label}持平`;
			return `${label}${change > 0 ? '上升' : '下降'}${pct(p)}`;
		},
		progress: (accepted: number, closed: number, open: number) =>
			`其中已作出受理决定${num(accepted)}件，已办结${num(closed)}件，` + (open > 0 ? `尚在办理${num(open)}件。` : '已全部办结。'),
		noCompliance: '本月受理的投诉尚未开展办理时限核查。',
		onTime: (pack: string | null, rate: number) => `按照${pack ? `《${pack}》` : ''}规定的办理时限，本月受理投诉各办理环节按时办理率为${pct(rate)}`,
		noOnTime: (pack: string | null) => `按照${pack ? `《${pack}》` : ''}规定的办理时限，本月受理投诉的各办理环节尚无到期结果。`,
		pointChange: (points: number, what = '较上月') => {
			const r = Math.round(points * 1000) / 10;
			if (r === 0) return '与上月持平';
			return `${what}${r > 0 ? '提高' : '下降'}${Math.abs(r).toFixed(1)}个百分点`;
		},
		ruleRange: (best: string, bestRate: number, worst: string, worstRate: number) =>
			`分环节看，按时办理率最高的是${best}（${pct(bestRate)}），最低的是${worst}（${pct(worstRate)}）。`,
		ruleEqual: (rate: number) => `各办理环节按时办理率均为${pct(rate)}。`,
		lateBoth: (breached: number, overdue: number) => `本月受理的投诉中，超期办结${num(breached)}件，超期未办结${num(overdue)}件（明细见表4）。`,
		lateBreachedOnly: (breached: number) => `本月受理的投诉中，超期办结${num(breached)}件（明细见表4），无超期未办结件。`,
		lateOverdueOnly: (overdue: number) => `本月受理的投诉中，超期未办结${num(overdue)}件（明细见表4），其余均在规定时限内办理。`,
		noLate: '本月无超期件。',
		satisfaction: (rate: number, rated: number) => `回访满意率为${pct(rate)}（回访${num(rated)}件）`,
		noSatisfaction: '本月受理的投诉暂无回访结果。',
		substantiated: (rate: number) => `经核查，属实（含部分属实）的投诉占${pct(rate)}。`,
		repeats: (n: number, rate: number) => `本月重复投诉${num(n)}件，占受理总数的${pct(rate)}`,
		repeatUnits: (parts: string[]) => `，主要集中在${parts.join('、')}`,
		repeatUnit: (unit: string, n: number) => `${unit}（${num(n)}件）`,
		repeatTail: '，反映出部分问题未得到根本解决。',
		noRepeats: '本月未发现重复投诉。',
		/** One group's lists (the group named when the bulletin ranks more than one). */
		rankingGroup: (group: string | null, n: number, red: string[], black: string[]) =>
			`${group ? `${group}（${num(n)}个单位）` : ''}列入红榜的是${join(red)}` + (black.length ? `，列入黑榜的是${join(black)}` : ''),
		ranking: (min: number, n: number, groups: string[], preview: boolean) =>
			`${preview ? '（预评）' : ''}按考核方案综合评分，在受理投诉${min}件以上的${n}个单位中，${groups.join('；')}。`,
		rankEntry: (unit: string, s: number) => `${unit}（${score(s)}分）`,
		rankingSingle: (unit: string, min: number, s: number) => `本月仅${unit}受理投诉${min}件以上，综合评分${score(s)}分，不作排名。`,
		noRanking: (min: number) => `本月各单位受理投诉均不足${min}件，不进行综合排名。`,
		categories: (k: number, parts: string[]) => `从投诉类别看，居前${cnCount(k)}位的是${join(parts)}。`,
		categoryTop1: (part: string) => `从投诉类别看，投诉均为${part}。`,
		categoryEntry: (c: string, n: number, share: number) => `${c}（${num(n)}件，占${pct(share)}）`,
		categoryRise: (c: string, d: number) => `其中${c}类投诉环比增加${num(d)}件，增量最大。`,
		typical: (n: number) => `本月选取典型案例${num(n)}件予以通报（见第八部分）。`,
		requireBlack: '请综合评分排名靠后的单位认真查找原因，制定整改措施，切实改进工作作风',
		requireOverdue: '请存在超期未办结投诉的单位抓紧办理，尽快办结并答复投诉人',
		requireBreached: '请存在超期办结投诉的单位严格执行办理时限规定，杜绝类似情况再次发生',
		requireRepeat: '对重复投诉较多的问题，相关单位要从根本上加以解决，防止反复投诉'
	},

	// ---------------------------------------------------------------- page
	page: {
		indexTitle: '月度通报',
		indexIntro: '按月生成的行政效能投诉情况通报，可在线阅读、打印，或下载 PDF 和可编辑的 Word 文档。',
		monthCol: '月份',
		casesCol: '受理件数',
		open: '查看通报',
		noMonths: '还没有任何投诉数据，导入数据后即可生成月度通报。',
		scope: '范围',
		scopeAll: '全县（全部单位）',
		group: '单位类别',
		unit: '单个单位',
		apply: '生成',
		download: '下载',
		pdf: '下载 PDF',
		docx: '下载 Word',
		html: '下载网页版',
		print: '打印',
		back: '全部月份',
		prevMonth: '上一月',
		nextMonth: '下一月',
		wordNote: 'Word 文档可在印发前编辑修改。',
		preparing: '正在生成…',
		downloadFailed: '文件生成失败，请稍后重试。',
		inProgress: '统计中',
		toolbar: '通报操作',
		monthNav: '切换月份'
	},
	errors: {
		badMonth: (v: string) => `月份「${v}」格式有误，应为 YYYY-MM，例如 2026-10`,
		futureMonth: (v: string) => `${v} 尚未开始，无法生成通报`,
		badScope: '通报范围参数有误',
		badOut: (file: string) => `输出文件「${file}」的扩展名须为 .pdf、.docx 或 .html`,
		pdfFailed: (reason: string) => `生成 PDF 失败：${reason}`,
		chromiumMissing: (path: string) => `找不到 Chromium（${path}），无法生成 PDF`
	},
	cliSummary: (month: string, cases: number, out: string | null) =>
		`${monthTitle(month)}通报：受理投诉 ${num(cases)} 件` + (out ? `，已写入 ${out}` : '')
};

/** "A、B和C" as an official sentence lists items. */
export function join(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

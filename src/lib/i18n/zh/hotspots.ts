// Chinese text of the 热点诉求 page (zh-CN).

export const hotspotText = {
	title: '热点诉求',
	intro: '群众反映的主要内容：对投诉内容分词（单位名称、地名整词保留，去掉“反映、问题、要求、投诉”等每件都说的词），按 TF-IDF 权重排序；不含投诉人姓名、电话、证件号。',
	termsTitle: '热点词排行（点击筛选案件）',
	cloudTitle: '词云',
	term: '热点词',
	cases: '案件数',
	share: '占比',
	prevCases: '上期',
	change: '环比',
	weight: '权重',
	units: '反映集中的单位',
	casesTitle: (t: string) => `含“${t}”的案件`,
	casesHidden: '您的角色只能查看汇总数据，不显示案件明细。',
	openInCases: '在案件列表中查看',
	risesTitle: '热点预警（突增）',
	risesIntro: (days: number) =>
		`最近${days}天的件数与其自身基线（前4个同长周期的平均、去年同期，取较大者）比较：泊松检验，至少5件且不低于基线1.5倍，Benjamini–Hochberg 控制错误发现率5%。`,
	grainWeek: '按周',
	grainMonth: '按月',
	kind: '类型',
	kindTerm: '热点词',
	kindCategory: '投诉类别',
	kindPlace: '地点',
	count: '本期件数',
	recentMean: '近期平均',
	lastYear: '去年同期',
	ratio: '倍数',
	q: '校正后 p 值',
	firstCases: '最早案件',
	noRises: '本期没有明显突增的诉求。',
	overviewRisesTitle: '热点预警（最近7天突增）',
	overviewRisesMore: '查看热点诉求',
	overviewRiseLine: (count: number, expected: number, ratio: number) => `${count}件，基线${expected.toFixed(1)}件，${ratio.toFixed(1)}倍`,
	dupTitle: '疑似重复，可并单',
	dupIntro: (days: number, bits: number) => `按受理先后，每组以最早一件为准，其后${days}天内同一单位、内容与它相近（SimHash 指纹相差不超过${bits}位）且所涉地点不矛盾的案件归入该组；多名投诉人为“集中诉求”，同一投诉人为“同一人多次”。`,
	dupKind: '类型',
	dupCases: '件数',
	complainants: '投诉人数',
	span: '时间跨度',
	caseIds: '案件编号',
	sample: '内容摘要',
	noDup: '本期没有疑似重复的案件。',
	groupedShare: (n: string, share: string) => `疑似重复案件 ${n} 件，占本期 ${share}`,
	/** 集中诉求占比: the metrics layer's measure (several complainants, one matter), apart from the repeat rate. */
	concentratedShare: (share: string) => `；集中诉求占比（多人反映同一事项）${share}`,
	concentratedHelp: '疑似重复分组中有两名及以上投诉人的案件占投诉件数的比例，与重复投诉率（同一投诉人再次投诉）不同',
	loading: '加载中…',
	empty: '本期没有数据'
};

export const hotspotErrors = {
	badTerm: '热点词无效：请从列表中选择',
	badGrain: '预警周期无效：只能是 week（周）或 month（月）',
	badView: '未知的热点视图',
	casesForbidden: '您的角色只能查看汇总数据，不能查看案件明细'
};

const int = (n: number) => n.toLocaleString('zh-CN');
const pct1 = (r: number) => `${(r * 100).toFixed(1)}%`;
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The bulletin's 热点诉求 section (月度通报). */
export const hotspotBulletin = {
	none: '本月没有可归纳的群众反映集中问题。',
	termEntry: (term: string, cases: number, prev: number) => {
		if (!prev) return `“${term}”（${int(cases)}件，上月无）`;
		const c = (cases - prev) / prev;
		if (Math.round(Math.abs(c) * 1000) === 0) return `“${term}”（${int(cases)}件，与上月持平）`;
		return `“${term}”（${int(cases)}件，环比${c > 0 ? '上升' : '下降'}${pct1(Math.abs(c))}）`;
	},
	terms: (parts: string[]) => `本月群众反映集中的问题主要有：${parts.join('、')}。`,
	riseEntry: (kind: 'term' | 'category' | 'place', item: string, count: number, ratio: number) =>
		`${kind === 'category' ? `${item}类投诉` : kind === 'place' ? `涉及${item}的投诉` : `“${item}”`}（${int(count)}件，约为常态的${ratio.toFixed(1)}倍）`,
	rises: (parts: string[]) => `近30天明显增多的有：${parts.join('、')}。`,
	groups: (grouped: number, total: number, cases: number, units: string, kind: string, first: string, last: string) =>
		`经内容比对，疑似同一事项重复反映的投诉${int(grouped)}件，占本月受理的${pct1(grouped / Math.max(total, 1))}；最大一组${int(cases)}件（${kind}），涉及${units}，` +
		`受理时间为${md(first)}至${md(last)}，可考虑并单办理。`,
	termHead: { term: '热点词', cases: '件数', share: '占比', previous: '上月', change: '环比' },
	groupHead: { no: '序号', kind: '类型', cases: '件数', complainants: '投诉人数', units: '涉及单位', span: '受理时间' },
	span: (first: string, last: string) => (first === last ? md(first) : `${md(first)}至${md(last)}`)
};

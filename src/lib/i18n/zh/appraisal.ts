// 年度考核：考核方案、审核认定、告知与情况说明的用户可见文字。

/** How a scheme's findings bear on the unit score (units.deduct_findings), as the pages say it. */
export const deductText: Record<string, string> = {
	none: '认定的问题不另扣分（超期已降低按时办理率，避免重复处罚）',
	all: '每个计入的认定问题按处理措施另行扣分（在各项比率之外）',
	'outside-rates': '只有各项比率未计入的认定问题（投诉属实）按处理措施扣分；超期已降低按时办理率，不再扣分'
};

/** The 单位效能 page's account of the scheme it ranks by. */
export const unitsSchemeText = {
	line: (title: string, version: string, minCases: number, countBy: string, deduct: string) =>
		`评分与红黑榜依据考核方案：${title}（第${version}版）。县直部门与乡镇分别排名；统计期内不足 ${minCases} 件的单位不参与排名；一案多条规则超期按“${countBy}”计；${deductText[deduct] ?? deduct}。`,
	preview: (n: number) => `预评：统计期内尚有 ${n} 件次问题未经审核认定，已按方案的默认处理措施计入扣分。`,
	variant: '拖动权重只是试算，不改变考核方案；恢复默认即方案权重。',
	deduction: '扣分',
	rateScore: (rate: number | null, points: number) => `各项比率得分 ${rate ?? '—'}，扣分 ${points}`
};
/** The overview's 红榜/黑榜 and the bulletin's table 3: the scheme they rank by, and the 预评 label. */
export const listSchemeText = {
	line: (title: string, version: string, minCases: number, deduct: string) =>
		`综合评分与红黑榜依据考核方案：${title}（第${version}版），与单位效能、月度通报一致；县直部门与乡镇分别排名，统计期内不足 ${minCases} 件的单位不参与排名；${deductText[deduct] ?? deduct}。`,
	previewTag: '（预评）',
	preview: unitsSchemeText.preview
};

export const schemeText = {
	notFound: (name: string) => `找不到考核方案“${name}”（应位于 data/schemes/ 下）`,
	invalid: (file: string, field: string, reason: string) => `考核方案 ${file}${field ? ` 的 ${field}` : ''} 有误：${reason}`,
	bandsOrder: '等次的名次占比必须逐级增大',
	lastBand: '最后一个等次的名次占比必须为 1（覆盖全部参与排名的单位）',
	unknownMeasure: (m: string) => `处理建议“${m}”不在方案的处理措施列表中`,
	notRanked: '件数不足，未参与排名',
	schemeLine: (title: string, version: string, countBy: string, deduct: string, minCases: number) =>
		`考核方案：${title}（第${version}版）；全年不足 ${minCases} 件的单位不参与排名；一案多条规则超期按“${countBy}”计；${deductText[deduct] ?? deduct}`,
	pendingLine: (n: number) => `待审核 ${n} 件次（单列，不计入等次）`,
	reviewLink: '去审核认定',
	confirmed: '已认定',
	pending: '待审核',
	unitTierReason: (rank: number, of: number, group: string) => `${group}第${rank}名（共${of}个单位参与排名），按方案的名次占比定等次`,
	personOnly: '该规则包的等次只适用于个人（责任人），不适用于单位',
	consequence: (measures: string[], article: string) => `受到${measures.join('、')}，当年年度考核不得定为优秀等次（${article}）`,
	noConsequence: (n: number) => (n ? `已认定${n}次，处理措施较轻，不影响评优` : '本年度无认定的效能问题'),
	heavier: (n: number, article: string) => `；一年内已受到${n}次效能责任追究，再次追究应从重处理（${article}）`
};

export const reviewText = {
	statuses: { unreviewed: '待审核', proposed: '已提出建议', approved: '已认定', rereview: '需重新审核' } as Record<string, string>,
	decisions: { finding: '认定', exempt: '免责', reject: '不予认定' } as Record<string, string>,
	noteLabel: '说明',
	notePlaceholder: '说明（可选，随建议保存，审核队列与审计日志中可见）',
	kinds: { breached: '超期办结', 'open-overdue': '超期未办结', substantiated: '投诉属实' } as Record<string, string>,
	notFlag: (caseId: string, ruleId: string) => `案件 ${caseId} 在规则 ${ruleId} 上没有超期或属实记录，不能审核`,
	badMeasure: (m: string) => `处理建议“${m}”不在考核方案的处理措施列表中`,
	badReason: (r: string) => `免责理由“${r}”不在考核方案的免责理由列表中`,
	needReason: '不予认定须写明理由（数据错误的情况）',
	noProposal: (caseId: string, ruleId: string) => `案件 ${caseId} 规则 ${ruleId} 没有待批准的处理建议`,
	needDocNo: '批准须填写文号',
	notNotified: '该处理建议尚未告知单位',
	alreadyExplained: '情况说明只能提交一次',
	explanationLate: (due: string) => `提交情况说明的期限已过（截至 ${due}）`,
	emptyExplanation: '情况说明不能为空',
	forbidden: '无权进行此操作',
	notFound: '找不到该处理建议',
	unitPage: {
		title: '问题认定告知',
		note: '以下是效能督查部门拟认定（已告知本单位）和已经批准认定的本单位问题。对告知的每一条，可在期限内提交一次书面情况说明，审核人员会在批准前看到。',
		none: '暂无告知或认定。',
		headers: ['案件', '规则（依据）', '问题', '责任人', '处理建议', '状态', '说明期限', '情况说明'],
		approved: (docNo: string | null) => `已批准 ${docNo ?? ''}`.trim(),
		proposed: '拟认定',
		submit: '提交情况说明',
		submitted: '情况说明已提交',
		closed: '说明期限已过',
		notTold: '未经告知即批准，无说明期限'
	},
	approvedStands: (caseId: string, ruleId: string) => `案件 ${caseId} 规则 ${ruleId} 的决定已经批准，须由批准人先撤销批准`
};

/** The evidence sheet's column saying where each flag stands in the review (the row's 已认定 / 待审核). */
export const evidenceReviewText = {
	header: '审核状态',
	labels: { confirmed: '已认定', pending: '待审核', cleared: '已免责/不予认定' } as Record<string, string>
};

export const reviewApiText = {
	badParam: (field: string) => `参数 ${field} 有误`,
	badJson: '请求内容不是有效的 JSON',
	forbidden: '无权进行此操作'
};

export const summaryExtraHeaders = { group: '分组', score: '综合得分', previous_rank: '上年排名', scheme: '考核方案' };

export const cliFindingsText = {
	badAction: (a: string) => `参数有误：findings 后应为 confirm 或 exempt，而不是“${a}”`,
	need: (flag: string) => `参数有误：缺少 ${flag}`,
	noCase: (id: string) => `找不到案件 ${id}`,
	notFlag: (id: string, rule: string) => `案件 ${id} 在规则 ${rule} 上没有超期或属实记录（属实投诉的规则编号为 substantiated）`
};

/** Publishing a year's appraisal as numbered versions, and the appraisal file's layout. */
export const publishText = {
	forbidden: '无权发布考核结果',
	noPreview: '预评结果（含未审核问题）不能发布；发布的考核结果只计入经批准认定的问题',
	noteWithoutPublish: '参数有误：--note 只与 --publish 一起使用（发布说明）',
	publishedAs: (version: number, changes: number) => `已发布为第${version}版（与上一版相比变化 ${changes} 项）`,
	notFound: (n: number) => `找不到第${n}版考核结果`,
	heading: '发布版本',
	intro: '发布即把当前考核结果（含证据）固定为一个编号版本，此后导入新数据或审核认定都不会改变已发布的版本；再次发布生成新版本，并列出与上一版相比的变化。',
	none: '尚未发布。',
	publish: '发布考核结果',
	republish: '再次发布（生成新版本）',
	note: '发布说明',
	published: (n: number, changes: number) => `已发布第${n}版${n > 1 ? `，与第${n - 1}版相比有 ${changes} 处变化` : ''}`,
	versionLabel: (n: number) => `第${n}版`,
	headers: ['版本', '发布人', '发布时间', '考核方案', '单位/人数', '说明', '下载'],
	changesHeading: (n: number) => (n > 1 ? `第${n}版与第${n - 1}版相比的变化` : `第${n}版（首次发布）`),
	noChanges: '与上一版相比没有变化。',
	changeHeaders: ['单位', '责任人', '项目', '上一版', '本版'],
	fields: {
		added: '新增',
		removed: '移除',
		rank: '组内排名',
		tier: '等次',
		score: '综合得分',
		deduction: '扣分',
		confirmed: '已认定问题',
		cases: '投诉件数',
		substantiated: '属实件数',
		breaches: '超期办结件次',
		open_overdue: '超期未办结'
	} as Record<string, string>,
	// the appraisal file (XLSX): a title, the scheme and version, and the signature lines of an appraisal file
	fileTitle: (year: number, packTitle: string, by: 'unit' | 'person') => `${year}年度${packTitle}考核结果（${by === 'unit' ? '单位' : '个人'}）`,
	fileSubtitle: (scheme: string, schemeName: string, schemeVersion: string, version: string) =>
		`考核方案：${scheme}（${schemeName}，第${schemeVersion}版）　${version}`,
	filePublished: (n: number, by: string, at: string) => `发布版本：第${n}版（${by} 发布于 ${at.slice(0, 16).replace('T', ' ')}）`,
	fileDraft: (asOf: string) => `未发布（数据截至 ${asOf.slice(0, 16).replace('T', ' ')}，发布后以发布版本为准）`,
	signatures: ['制表人：', '审核人：', '日期：    年  月  日'],
	deductionHeader: '扣分'
};

// 年度考核：考核方案、审核认定、告知与情况说明的用户可见文字。
export const schemeText = {
	notFound: (name: string) => `找不到考核方案“${name}”（应位于 data/schemes/ 下）`,
	invalid: (file: string, field: string, reason: string) => `考核方案 ${file}${field ? ` 的 ${field}` : ''} 有误：${reason}`,
	bandsOrder: '等次的名次占比必须逐级增大',
	lastBand: '最后一个等次的名次占比必须为 1（覆盖全部参与排名的单位）',
	unknownMeasure: (m: string) => `处理建议“${m}”不在方案的处理措施列表中`,
	notRanked: '件数不足，未参与排名',
	schemeLine: (title: string, version: string, countBy: string, deduct: boolean, minCases: number) =>
		`考核方案：${title}（第${version}版）；全年不足 ${minCases} 件的单位不参与排名；一案多条规则超期按“${countBy}”计；认定的问题${deduct ? '另行扣分' : '不另扣分（超期已降低按时办理率，避免重复处罚）'}`,
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

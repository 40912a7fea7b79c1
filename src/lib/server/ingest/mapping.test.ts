import { describe, expect, it } from 'vitest';
import { buildMapping, fieldForHeader, normalizeHeader, parseMapArgs, uniqueHeaders } from './mapping.ts';

describe('header mapping', () => {
	it('normalises width, spaces and decorations', () => {
		expect(normalizeHeader('　受理 时间（必填）*：')).toBe('受理时间');
		expect(normalizeHeader('ＣＡＳＥ_ID')).toBe('caseid');
		// case, spaces, underscores and punctuation do not count (CFPB's old and new headers are one name)
		expect(normalizeHeader('Date received')).toBe(normalizeHeader('date_received'));
		expect(normalizeHeader('Timely response?')).toBe('timelyresponse');
		expect(normalizeHeader('\uFEFF投诉编号')).toBe('投诉编号');
	});

	it('recognises every alias of product.md §4 and the canonical names', () => {
		const expected: [string, string][] = [
			['投诉编号', 'case_id'], ['工单编号', 'case_id'], ['案件编号', 'case_id'], ['编号', 'case_id'],
			['受理时间', 'received_at'], ['来电时间', 'received_at'], ['投诉时间', 'received_at'], ['登记时间', 'received_at'],
			['投诉渠道', 'channel'], ['来源', 'channel'], ['受理渠道', 'channel'],
			['投诉人', 'complainant_name'], ['来电人', 'complainant_name'], ['姓名', 'complainant_name'],
			['联系电话', 'complainant_phone'], ['来电号码', 'complainant_phone'], ['手机', 'complainant_phone'],
			['身份证号', 'complainant_id_no'],
			['被投诉单位', 'unit'], ['承办单位', 'unit'], ['责任单位', 'unit'], ['处理部门', 'unit'],
			['被投诉人', 'person'], ['责任人', 'person'],
			['投诉类别', 'category'], ['问题类型', 'category'], ['投诉类型', 'category'],
			['办理方式', 'handling_mode'], ['投诉等级', 'severity'], ['重要程度', 'severity'],
			['受理决定时间', 'accepted_at'], ['签收时间', 'accepted_at'],
			['转办时间', 'dispatched_at'], ['交办时间', 'dispatched_at'], ['派单时间', 'dispatched_at'],
			['首次反馈时间', 'first_response_at'], ['首次联系时间', 'first_response_at'],
			['办结时间', 'closed_at'], ['结案时间', 'closed_at'], ['答复时间', 'replied_at'], ['回复时间', 'replied_at'],
			['报备时间', 'filed_report_at'], ['书面报告时间', 'filed_report_at'], ['回访时间', 'callback_at'],
			['办理时限', 'due_at'], ['截止时间', 'due_at'], ['到期时间', 'due_at'],
			['延期', 'extension_approved'], ['是否延期', 'extension_approved'], ['延期天数', 'extension_days'],
			['处理结果', 'outcome'], ['核查结论', 'outcome'], ['满意度', 'satisfaction'], ['回访结果', 'satisfaction'],
			['投诉内容', 'content'], ['诉求内容', 'content'], ['问题描述', 'content'],
			['received_at', 'received_at'], ['source_verdict', 'source_verdict']
		];
		for (const [header, field] of expected) expect(fieldForHeader(header), header).toBe(field);
		expect(fieldForHeader('街道')).toBeNull();
	});

	it('recognises the procedure (招标投标第十五条: 简易程序 / 一般程序) under the headers exports give it', () => {
		for (const header of ['程序', '办理程序', '适用程序', '处理程序', '程序类型', '办理程序（简易/一般）']) expect(fieldForHeader(header), header).toBe('procedure');
		// 处理方式 stays the handling mode, 处理结果 the outcome
		expect(fieldForHeader('处理方式')).toBe('handling_mode');
		expect(fieldForHeader('处理结果')).toBe('outcome');
	});

	it('gives each header to one field: the most specific alias wins', () => {
		const p = buildMapping(['编号', '投诉编号', '受理时间', '被投诉单位']);
		expect(p.mapping.case_id).toBe('投诉编号');
		expect(p.unmapped).toEqual(['编号']);
	});

	it('applies --map over the profile over aliases, and reports missing required fields', () => {
		const p = buildMapping(['A', 'B', '受理时间'], { profile: { case_id: 'A', unit: 'B' }, map: { case_id: 'B' } });
		expect(p.mapping).toEqual({ case_id: 'B', received_at: '受理时间' });
		expect(p.missingRequired).toEqual(['unit']);
	});

	it('makes headers unique and parses --map', () => {
		expect(uniqueHeaders(['备注', '', '备注', ' x '])).toEqual(['备注', '列2', '备注_2', 'x']);
		expect(parseMapArgs(['case_id=Unique Key', 'unit = Agency', 'bogus=x', 'received_at'])).toEqual({
			map: { case_id: 'Unique Key', unit: 'Agency' },
			unknown: ['bogus=x', 'received_at']
		});
	});
});

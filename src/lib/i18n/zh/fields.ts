// Chinese labels of the canonical case fields (product.md §4), shared by the import page and the import pipeline.
import type { CanonicalField } from '../../model/import.ts';

/** Chinese label of every canonical field (product.md §4), in the order the mapping table shows them. */
export const FIELD_LABELS: Record<CanonicalField, string> = {
	case_id: '投诉编号',
	received_at: '受理时间',
	unit: '被投诉单位',
	channel: '投诉渠道',
	complainant_name: '投诉人',
	complainant_phone: '联系电话',
	complainant_id_no: '身份证号',
	person: '被投诉人',
	category: '投诉类别',
	handling_mode: '办理方式',
	severity: '投诉等级',
	accepted_at: '受理决定时间',
	dispatched_at: '转办时间',
	first_response_at: '首次反馈时间',
	closed_at: '办结时间',
	replied_at: '答复时间',
	filed_report_at: '报备时间',
	callback_at: '回访时间',
	due_at: '办理时限',
	extension_approved: '是否延期',
	extension_days: '延期天数',
	extension_requested_at: '延期申请时间',
	extension_approved_at: '延期批准时间',
	extension_approved_by: '延期批准人',
	pause_start_at: '中止开始时间',
	pause_end_at: '中止结束时间',
	pause_reason: '中止原因',
	outcome: '处理结果',
	satisfaction: '满意度',
	content: '投诉内容',
	source_verdict: '来源系统结论',
	sub_category: '二级分类',
	title: '诉求标题',
	reply_text: '答复意见',
	resolved: '是否解决',
	co_units: '协办单位',
	returned: '退单/改派',
	procedure: '办理程序'
};

/** How the stored procedure codes (ingest/normalize.ts) read on the case page. */
export const procedureLabels: Record<string, string> = { simple: '简易程序', general: '一般程序' };

// Map step: which header of the export holds which canonical field (product.md §4). Chinese header aliases
// and their common variants are recognised; a profile and explicit --map entries override them.
import { CANONICAL_FIELDS, type CanonicalField, type MappingProposal } from './types.ts';

/** Headers seen in real exports, per field, most specific first. The canonical name itself is always accepted. */
export const HEADER_ALIASES: Record<CanonicalField, string[]> = {
	case_id: ['投诉编号', '工单编号', '案件编号', '工单号', '案件号', '投诉单号', '受理编号', '诉求编号', '留言编号', '信件编号', '编号'],
	received_at: ['受理时间', '来电时间', '投诉时间', '登记时间', '留言时间', '诉求时间', '受理日期', '投诉日期', '来电日期', '登记日期', '留言日期', '接收时间', '日期'],
	channel: ['投诉渠道', '受理渠道', '来源渠道', '投诉来源', '投诉方式', '来源', '渠道'],
	complainant_name: ['投诉人', '来电人', '投诉人姓名', '来电人姓名', '诉求人', '诉求人姓名', '留言用户', '留言人', '姓名'],
	complainant_phone: ['联系电话', '来电号码', '投诉人电话', '手机号码', '手机号', '手机', '联系方式', '电话'],
	complainant_id_no: ['身份证号', '身份证号码', '证件号码', '身份证'],
	unit: ['被投诉单位', '承办单位', '责任单位', '处理部门', '办理单位', '承办部门', '主办单位', '责任部门'],
	person: ['被投诉人', '责任人', '被投诉人员'],
	// A classification code column (GB/T 39666-2020 政府热线服务分类与代码, or a system's own codes) is the category
	// when the export has no name column: kept as the code, since the standard's code table is not shipped (its text
	// could not be sourced reliably). Beside a 一级分类 name it stays a kept column.
	category: ['投诉类别', '问题类型', '投诉类型', '问题分类', '诉求类型', '一级分类', '诉求大类', '类别',
		'诉求分类代码', '诉求分类编码', '事项分类编码', '事项分类代码', '问题分类代码', '问题分类编码', '分类代码', '分类编码',
		'一级分类代码', '一级分类编码', '大类代码', '大类编码'],
	handling_mode: ['办理方式', '处理方式'],
	severity: ['投诉等级', '重要程度', '紧急程度', '等级'],
	accepted_at: ['受理决定时间', '签收时间'],
	dispatched_at: ['转办时间', '交办时间', '派单时间', '派发时间'],
	first_response_at: ['首次反馈时间', '首次联系时间', '首次响应时间'],
	closed_at: ['办结时间', '结案时间', '办结日期', '结案日期'],
	replied_at: ['答复时间', '回复时间', '答复日期'],
	filed_report_at: ['报备时间', '书面报告时间'],
	callback_at: ['回访时间', '回访日期'],
	due_at: ['办理时限', '截止时间', '到期时间', '办理期限', '截止日期'],
	extension_approved: ['是否延期', '延期', '是否批准延期', '延期批准'],
	extension_days: ['延期天数', '延期时长'],
	extension_requested_at: ['延期申请时间'],
	extension_approved_at: ['延期批准时间'],
	extension_approved_by: ['延期批准人'],
	pause_start_at: ['中止开始时间', '暂停开始时间', '挂起开始时间'],
	pause_end_at: ['中止结束时间', '暂停结束时间', '挂起结束时间'],
	pause_reason: ['中止原因', '暂停原因', '挂起原因'],
	outcome: ['处理结果', '核查结论', '核查结果'],
	satisfaction: ['满意度', '回访结果', '满意度评价', '回访满意度'],
	content: ['投诉内容', '诉求内容', '问题描述', '投诉事项', '留言详情', '留言内容', '内容'],
	source_verdict: ['来源系统结论'],
	// The classification's lower level: 二级分类 when the export has it (三级分类 then stays an unmapped column); an
	// export with codes only (二级分类代码) keeps the code as written, like the category's code above.
	sub_category: ['二级分类', '诉求小类', '三级分类', '问题小类', '小类', '二级分类代码', '二级分类编码', '小类代码', '小类编码'],
	title: ['留言主题', '诉求标题', '工单标题', '留言标题', '标题', '主题'],
	reply_text: ['答复意见', '办理结果', '答复内容', '回复内容', '处理意见', '办理意见'],
	resolved: ['回访解决情况', '是否解决', '解决情况'],
	co_units: ['协办单位', '协办部门'],
	returned: ['退单', '改派', '退单/改派', '回退', '退回'],
	procedure: ['办理程序', '适用程序', '处理程序', '办理程序类型', '程序类型', '程序']
};

export const REQUIRED_FIELDS: CanonicalField[] = ['case_id', 'received_at', 'unit'];

/**
 * A header as compared with the aliases, a profile's or --map's names: Unicode NFKC (full-width letters, digits
 * and spaces to half-width), no decoration such as （必填）, 【时间】, a trailing * or colon, then no whitespace,
 * underscore or punctuation, lower case ("Date received", "date_received" and "DATE-RECEIVED" are one name).
 */
export function normalizeHeader(header: string): string {
	let h = header.normalize('NFKC').replace(/^\uFEFF/, '');
	h = h.replace(/\s+/g, '');
	// Decorations, repeatedly: "受理时间(必填)*:" → "受理时间"
	for (let k = 0; k < 3; k++) {
		h = h
			.replace(/[*:：]+$/u, '')
			.replace(/^[*]+/u, '')
			.replace(/[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]$/u, '');
	}
	const bare = h.replace(/[\p{P}\p{S}_]/gu, '');
	// A header of punctuation only keeps it (so it still differs from an empty one).
	return (bare || h).toLowerCase();
}

let aliasIndex: Map<string, { field: CanonicalField; rank: number }> | null = null;

/** normalised alias → field, with the alias's rank (lower is more specific) for tie-breaking. */
function aliases(): Map<string, { field: CanonicalField; rank: number }> {
	if (aliasIndex) return aliasIndex;
	aliasIndex = new Map();
	for (const field of CANONICAL_FIELDS) {
		const names = [field, ...HEADER_ALIASES[field]];
		names.forEach((alias, rank) => {
			const key = normalizeHeader(alias);
			if (!aliasIndex!.has(key)) aliasIndex!.set(key, { field, rank });
		});
	}
	return aliasIndex;
}

/** The field a header names by itself (alias match), or null. */
export function fieldForHeader(header: string): CanonicalField | null {
	return aliases().get(normalizeHeader(header))?.field ?? null;
}

/** Headers made unique (a repeated or empty header gets a suffix), so each column has one name in cases.extra. */
export function uniqueHeaders(headers: string[]): string[] {
	const seen = new Map<string, number>();
	return headers.map((raw, i) => {
		const base = raw.replace(/^\uFEFF/, '').trim() || `列${i + 1}`;
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return n === 1 ? base : `${base}_${n}`;
	});
}

/** Finds a header by the name a profile or --map gives: exact first, then by normalised form. */
export function findHeader(headers: string[], wanted: string): string | undefined {
	const exact = headers.find((h) => h === wanted);
	if (exact !== undefined) return exact;
	const trimmed = headers.find((h) => h.trim() === wanted.trim());
	if (trimmed !== undefined) return trimmed;
	const key = normalizeHeader(wanted);
	return headers.find((h) => normalizeHeader(h) === key);
}

export interface MappingInput {
	/** Profile mapping (field → header, or several headers tried in order); headers the file lacks are ignored. */
	profile?: Partial<Record<CanonicalField, string | string[]>>;
	/** Explicit mapping (field → header); wins over everything. One header may feed several fields. */
	map?: Partial<Record<CanonicalField, string>>;
	/** Fields given one value for every row (--set, 固定值): no column is looked for them. */
	constants?: Partial<Record<CanonicalField, string>>;
}

/** The timestamp fields whose date and time of day are in two columns (受理日期 + 受理时间, 日期 + 时间). */
export type TimeColumns = Partial<Record<CanonicalField, { date: string; time: string }>>;

/**
 * The proposed mapping for a file's headers: --map, then the profile, then aliases. An alias claims a header no
 * other field has; --map entries may share a header (--map category=一级分类 --map unit=一级分类), and so may a
 * profile's. `headers` should already be unique (uniqueHeaders); --map headers the file lacks are reported by the
 * caller. A timestamp field mapped to a date-only column (…日期) takes the time of day from the unmapped
 * …时间 column beside it, and the other way round (timeColumns).
 */
export function buildMapping(headers: string[], input: MappingInput = {}): MappingProposal & { timeColumns: TimeColumns } {
	const mapping: Partial<Record<CanonicalField, string>> = {};
	const usedBy = new Map<string, 'map' | 'profile' | 'alias'>();
	const constants = input.constants ?? {};
	const claim = (field: CanonicalField, header: string | undefined, source: 'map' | 'profile' | 'alias') => {
		if (header === undefined || mapping[field] !== undefined || constants[field] !== undefined) return false;
		const owner = usedBy.get(header);
		if (owner !== undefined && (owner !== source || source === 'alias')) return false;
		mapping[field] = header;
		usedBy.set(header, source);
		return true;
	};
	for (const [field, header] of Object.entries(input.map ?? {}) as [CanonicalField, string][]) {
		if (header) claim(field, findHeader(headers, header), 'map');
	}
	for (const [field, wanted] of Object.entries(input.profile ?? {}) as [CanonicalField, string | string[]][]) {
		for (const header of typeof wanted === 'string' ? [wanted] : wanted) {
			if (header && claim(field, findHeader(headers, header), 'profile')) break;
		}
	}
	// Aliases: the most specific alias wins a field; ties go to the leftmost header.
	const candidates: { field: CanonicalField; header: string; rank: number; col: number }[] = [];
	headers.forEach((header, col) => {
		const hit = aliases().get(normalizeHeader(header));
		if (hit) candidates.push({ field: hit.field, header, rank: hit.rank, col });
	});
	candidates.sort((a, b) => a.rank - b.rank || a.col - b.col);
	for (const c of candidates) claim(c.field, c.header, 'alias');

	const timeColumns: TimeColumns = {};
	for (const field of CANONICAL_FIELDS) {
		const header = mapping[field];
		if (header === undefined || !TIMESTAMP_FIELDS.has(field)) continue;
		const pair = timeCompanion(headers, header, (h) => !usedBy.has(h));
		if (pair) {
			timeColumns[field] = pair;
			usedBy.set(pair.date === header ? pair.time : pair.date, 'alias');
		}
	}

	const ordered: Partial<Record<CanonicalField, string>> = {};
	for (const f of CANONICAL_FIELDS) if (mapping[f] !== undefined) ordered[f] = mapping[f];
	return {
		headers,
		mapping: ordered,
		unmapped: headers.filter((h) => !usedBy.has(h)),
		missingRequired: REQUIRED_FIELDS.filter((f) => ordered[f] === undefined && constants[f] === undefined),
		timeColumns
	};
}

/** Timestamp fields (the ones a date and a time column can make up together). */
const TIMESTAMP_FIELDS = new Set<CanonicalField>(CANONICAL_FIELDS.filter((f) => f.endsWith('_at')));

/** The date column and time column a timestamp's header forms with a free header beside it (same stem), or null. */
function timeCompanion(headers: string[], header: string, free: (h: string) => boolean): { date: string; time: string } | null {
	const key = normalizeHeader(header);
	const stemOf = (k: string, suffix: string) => (k.endsWith(suffix) ? k.slice(0, -suffix.length) : null);
	const dateStem = stemOf(key, '日期');
	if (dateStem !== null) {
		const time = headers.find((h) => free(h) && ['时间', '时刻'].some((t) => normalizeHeader(h) === dateStem + t));
		return time === undefined ? null : { date: header, time };
	}
	const timeStem = stemOf(key, '时间') ?? stemOf(key, '时刻');
	if (timeStem !== null) {
		const date = headers.find((h) => free(h) && normalizeHeader(h) === timeStem + '日期');
		return date === undefined ? null : { date, time: header };
	}
	return null;
}

/** Parses `field=Header` entries of the command line into a mapping; unknown fields are reported. */
export function parseMapArgs(entries: string[]): { map: Partial<Record<CanonicalField, string>>; unknown: string[] } {
	const { values, unknown } = parseFieldArgs(entries);
	return { map: values, unknown };
}

/**
 * Parses `field=value` entries (--map field=Header, --set field=value): the value after the first '=' as written
 * (trimmed); entries without a known field or a value are reported.
 */
export function parseFieldArgs(entries: string[]): { values: Partial<Record<CanonicalField, string>>; unknown: string[] } {
	const values: Partial<Record<CanonicalField, string>> = {};
	const unknown: string[] = [];
	for (const entry of entries) {
		const eq = entry.indexOf('=');
		const field = (eq < 0 ? entry : entry.slice(0, eq)).trim();
		const value = eq < 0 ? '' : entry.slice(eq + 1).trim();
		if (!(CANONICAL_FIELDS as readonly string[]).includes(field) || !value) {
			unknown.push(entry);
			continue;
		}
		values[field as CanonicalField] = value;
	}
	return { values, unknown };
}

// Normalise and validate steps, as SQL: for each mapped field, DuckDB expressions that clean the raw text,
// parse it into the canonical type and say whether it failed. All row work happens in DuckDB, never in JS.
// Only constants of this file are inlined into the SQL (quoted by sqlString); file content is never SQL text.
import type { CanonicalField } from './types.ts';
import { FIELD_NAMES, ingestText } from '../../i18n/zh/ingest.ts';

/** A constant string as a SQL literal. */
export function sqlString(s: string): string {
	return `'${s.replace(/'/g, "''")}'`;
}

function range(from: number, to: number): string {
	let s = '';
	for (let c = from; c <= to; c++) s += String.fromCharCode(c);
	return s;
}

// Full-width ASCII block U+FF01–U+FF5E and the ideographic space, with their half-width counterparts.
export const FULLWIDTH_ALL = range(0xff01, 0xff5e) + '\u3000';
export const HALFWIDTH_ALL = range(0x21, 0x7e) + ' ';
// Only digits, letters and the space: text fields keep their Chinese punctuation （，。）.
export const FULLWIDTH_ALNUM = range(0xff10, 0xff19) + range(0xff21, 0xff3a) + range(0xff41, 0xff5a) + '\u3000';
export const HALFWIDTH_ALNUM = range(0x30, 0x39) + range(0x41, 0x5a) + range(0x61, 0x7a) + ' ';

export type FieldKind = 'id' | 'timestamp' | 'text' | 'content' | 'unit' | 'phone' | 'idno' | 'bool' | 'int' | 'enum';

export const FIELD_KIND: Record<CanonicalField, FieldKind> = {
	case_id: 'id',
	received_at: 'timestamp',
	channel: 'enum',
	complainant_name: 'text',
	complainant_phone: 'phone',
	complainant_id_no: 'idno',
	unit: 'unit',
	person: 'text',
	category: 'text',
	handling_mode: 'enum',
	severity: 'enum',
	accepted_at: 'timestamp',
	dispatched_at: 'timestamp',
	first_response_at: 'timestamp',
	closed_at: 'timestamp',
	replied_at: 'timestamp',
	filed_report_at: 'timestamp',
	callback_at: 'timestamp',
	due_at: 'timestamp',
	extension_approved: 'bool',
	extension_days: 'int',
	extension_requested_at: 'timestamp',
	extension_approved_at: 'timestamp',
	extension_approved_by: 'text',
	pause_start_at: 'timestamp',
	pause_end_at: 'timestamp',
	pause_reason: 'text',
	outcome: 'enum',
	satisfaction: 'enum',
	content: 'content',
	source_verdict: 'text',
	sub_category: 'text',
	title: 'content',
	reply_text: 'content',
	resolved: 'enum',
	co_units: 'text',
	returned: 'text',
	procedure: 'enum'
};

/** The SQL type each field has in the cases table (and in the normalised staging table). */
export function sqlType(field: CanonicalField): string {
	switch (FIELD_KIND[field]) {
		case 'timestamp':
			return 'TIMESTAMP';
		case 'bool':
			return 'BOOLEAN';
		case 'int':
			return 'INTEGER';
		default:
			return 'VARCHAR';
	}
}

/**
 * Canonical values and the variants exports use for them. Keys are compared after folding, removing
 * whitespace and lower-casing; values not listed are kept as written (e.g. CFPB's "Web" channel).
 */
export const ENUM_VARIANTS: Partial<Record<CanonicalField, Record<string, string[]>>> = {
	channel: {
		电话: ['电话', '来电', '电话投诉', '热线', '热线电话', '12345', '12345热线', '电话来电', '电话反映'],
		来信: ['来信', '信件', '信访件', '书信', '写信', '邮寄'],
		网上: ['网上', '网络', '互联网', '网站', '网上投诉', '网络投诉', '网上信访', '在线', '网上留言', '网络留言', '网页'],
		走访: ['走访', '来访', '上访', '当面', '现场', '来访投诉', '到访'],
		传真: ['传真', 'fax'],
		电子邮件: ['电子邮件', '邮件', '电邮', 'email', 'e-mail', 'mail', '电子信箱']
	},
	handling_mode: {
		直办: ['直办', '直接办理', '自办', '直接处理'],
		转办: ['转办', '转交', '转交办理', '转办件'],
		交办: ['交办', '交办件', '督办'],
		牵头办理: ['牵头办理', '牵头', '牵头办', '联办', '会办']
	},
	severity: {
		// with the traditional forms property-service exports write (物業投訴處理標準作業規程: 輕微投訴、重大投訴)
		一般: ['一般', '普通', '一般投诉', '常规', '一般投訴', '常規'],
		重大: ['重大', '重要', '严重', '重大投诉', '紧急', '嚴重', '重大投訴', '緊急'],
		轻微: ['轻微', '较轻', '轻', '輕微', '較輕', '輕', '轻微投诉', '輕微投訴']
	},
	outcome: {
		属实: ['属实', '情况属实', '反映属实', '投诉属实', '全部属实'],
		部分属实: ['部分属实', '基本属实', '部分情况属实', '反映部分属实'],
		不属实: ['不属实', '情况不属实', '反映不属实', '投诉不属实', '查无实据', '失实']
	},
	resolved: {
		已解决: ['已解决', '解决', '是', '已经解决', '问题已解决'],
		部分解决: ['部分解决', '基本解决'],
		未解决: ['未解决', '没有解决', '否', '未能解决', '问题未解决']
	},
	// Stored as 'simple' / 'general' (the tender-complaint rules read these codes, not the Chinese words).
	procedure: {
		simple: ['simple', '简易程序', '简易', '简易办理'],
		general: ['general', '一般程序', '普通程序', '一般']
	},
	satisfaction: {
		满意: ['满意', '非常满意', '很满意', '十分满意'],
		基本满意: ['基本满意', '比较满意', '较满意', '一般满意'],
		不满意: ['不满意', '非常不满意', '很不满意', '不太满意']
	}
};

const TRUE_VALUES = ['是', 'y', 'yes', 'true', '1', 't', '已批准', '批准', '同意', '已同意', '通过', '已延期', '延期', '有', '√'];
const FALSE_VALUES = ['否', 'n', 'no', 'false', '0', 'f', '未批准', '不批准', '不同意', '未同意', '驳回', '未延期', '不延期', '无', '×'];
/** Values meaning "no value" in fields that are parsed (dates, numbers, phone …): empty, not rejected. */
const PLACEHOLDERS = ['-', '--', '—', '——', '/', 'n/a', 'na', 'null', 'none', 'nil', '无', '空', '暂无', '不详', '未知', '#n/a'];

/** Date-time formats of real exports (product.md §4), most common first; try_strptime takes the first that fits. */
export const DEFAULT_DATE_FORMATS = [
	'%Y-%m-%d %H:%M:%S',
	'%Y/%m/%d %H:%M',
	'%Y%m%d%H%M%S',
	'%Y-%m-%d %H:%M',
	'%Y-%m-%d',
	'%Y/%m/%d %H:%M:%S',
	'%Y/%m/%d',
	'%Y年%m月%d日',
	'%Y年%m月%d日 %H:%M:%S',
	'%Y年%m月%d日 %H:%M',
	'%Y年%m月%d日%H时%M分%S秒',
	'%Y年%m月%d日%H时%M分',
	'%Y年%m月%d日 %H时%M分%S秒',
	'%Y年%m月%d日 %H时%M分',
	'%Y年%m月%d日%H:%M:%S',
	'%Y年%m月%d日%H:%M',
	'%Y-%m-%dT%H:%M:%S',
	'%Y-%m-%dT%H:%M:%S.%f',
	'%Y-%m-%dT%H:%M',
	'%Y-%m-%d %H:%M:%S.%f',
	'%Y/%m/%d %H:%M:%S.%f',
	'%Y%m%d%H%M',
	'%Y%m%d',
	'%m/%d/%Y %I:%M:%S %p',
	'%m/%d/%Y %I:%M %p',
	'%m/%d/%Y %H:%M:%S',
	'%m/%d/%Y %H:%M',
	'%m/%d/%Y',
	'%Y.%m.%d %H:%M:%S',
	'%Y.%m.%d %H:%M',
	'%Y.%m.%d'
];

/** strptime formats are constants, but a profile supplies some: allow only format characters. */
export function safeDateFormat(fmt: string): boolean {
	return /^[%A-Za-z0-9 :\-/.T年月日时分秒]+$/u.test(fmt) && fmt.includes('%');
}

const WS = sqlString(' \t\r\n');

function inList(values: string[]): string {
	return values.map(sqlString).join(', ');
}

/**
 * `x IN (constants)` as a scalar: DuckDB plans an IN list of more than a few constants as a hash (mark) join,
 * one per use, and the normalising query has dozens of them; list_contains stays a cheap per-row function.
 * Same truth value for the uses here (x is never NULL where the result is negated).
 */
function isIn(x: string, values: string[]): string {
	return `list_contains([${inList(values)}], ${x})`;
}

/**
 * Full-width → half-width. DuckDB's translate() is slow with long character lists, so it only runs on the
 * rare values that contain a full-width character (a cheap RE2 test).
 */
function fold(col: string, from: string, to: string, cls: string): string {
	return `CASE WHEN regexp_matches(${col}, '${cls}') THEN translate(${col}, ${sqlString(from)}, ${sqlString(to)}) ELSE ${col} END`;
}

/**
 * Trims spaces, tabs, line breaks and ideographic spaces (U+3000). trim() with a character set decodes the
 * whole value, so it only runs on the rare values that start or end with one of them: byte-wise suffix tests,
 * and for the start the first code point (cheapest on short values) or byte-wise prefix tests (on long texts,
 * where ascii() costs more).
 */
function trimWs(col: string, long = false): string {
	const ws = [' ', '\t', '\r', '\n', '\u3000'];
	const starts = long
		? ws.map((w) => `starts_with(${col}, ${sqlString(w)})`).join(' OR ')
		: `list_contains([${ws.map((w) => w.codePointAt(0)).join(', ')}], ascii(${col}))`;
	const ends = ws.map((w) => `ends_with(${col}, ${sqlString(w)})`).join(' OR ');
	return `CASE WHEN ${starts} OR ${ends} THEN trim(${col}, ${sqlString(ws.join(''))}) ELSE ${col} END`;
}

/** Line breaks as LF whatever the source wrote (CR LF, a lone CR), so a workbook and its CSV give the same text. */
export function lfBreaks(col: string): string {
	return `CASE WHEN contains(${col}, chr(13)) THEN replace(replace(${col}, chr(13) || chr(10), chr(10)), chr(13), chr(10)) ELSE ${col} END`;
}

/** Step 1: the raw text cleaned (trimmed, folded); NULL when empty. `col` is a generated column name. */
export function cleanExpr(field: CanonicalField, col: string): string {
	const kind = FIELD_KIND[field];
	switch (kind) {
		case 'content':
		case 'text':
			// names and free text keep what was typed, with line breaks as LF (a workbook's CR LF, _x000D_ decoded)
			return `nullif(${trimWs(`(${lfBreaks(col)})`, kind === 'content')}, '')`;
		case 'enum':
			// enums are folded only when not a known value (enumExpr)
			return `nullif(${trimWs(col)}, '')`;
		case 'unit':
			return `nullif(${trimWs(fold(col, FULLWIDTH_ALNUM, HALFWIDTH_ALNUM, '[０-９Ａ-Ｚａ-ｚ\u3000]'))}, '')`;
		default:
			// ids, dates, numbers: ASCII values (nearly all) skip the full-width test
			// (the full-width test runs once per non-ASCII value; values without full-width characters are only trimmed)
			return `nullif(CASE WHEN strlen(${col}) = length(${col}) OR NOT regexp_matches(${col}, '[！-～\u3000]') THEN ${trimWs(col)}
				ELSE trim(translate(${col}, ${sqlString(FULLWIDTH_ALL)}, ${sqlString(HALFWIDTH_ALL)}), ${WS}) END, '')`;
	}
}

/**
 * The per-row part of cleanExpr('unit'): trimmed, NULL when empty. Full-width letters and digits are folded per
 * distinct name afterwards (validate.ts resolveUnits), with the lookup of the canonical unit: the same result,
 * without a regular expression on every row.
 */
export function unitRowExpr(col: string): string {
	return `nullif(${trimWs(col)}, '')`;
}

/** Year bounds a parsed timestamp must fall in (outside: the value is rejected, it is not a real date). */
const MIN_TS = "TIMESTAMP '1900-01-01 00:00:00'";
const MAX_TS = "TIMESTAMP '2100-12-31 23:59:59'";

function timestampExpr(v: string, formats: string[], likely?: string, preferred: string[] = []): string {
	const fmts = `[${formats.map(sqlString).join(', ')}]`;
	const isoTz = `'^(\\d{4}-\\d{1,2}-\\d{1,2}[T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)\\s*(Z|[+-]\\d{2}:?\\d{2})$'`;
	// Zoned ISO values are converted to Shanghai wall-clock time (UTC+8, no DST).
	const zoned = `(try_strptime(regexp_extract(${v}, ${isoTz}, 1), ['%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%dT%H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M'])
		- to_minutes(CASE WHEN regexp_extract(${v}, ${isoTz}, 4) = 'Z' THEN 0
			ELSE (CASE WHEN left(regexp_extract(${v}, ${isoTz}, 4), 1) = '-' THEN -1 ELSE 1 END)
				* (CAST(substr(replace(regexp_extract(${v}, ${isoTz}, 4), ':', ''), 2, 2) AS INTEGER) * 60
					+ CAST(substr(replace(regexp_extract(${v}, ${isoTz}, 4), ':', ''), 4, 2) AS INTEGER)) END)
		+ INTERVAL 8 HOUR)`;
	// Excel serial day numbers (1900 date system): 45938 = 2025-10-08, fractions are the time of day.
	const serial = `(TIMESTAMP '1899-12-30 00:00:00' + to_seconds(CAST(round(CAST(${v} AS DOUBLE) * 86400) AS BIGINT)))`;
	// DuckDB's own cast reads ISO-like values fastest but drops a zone offset, so zoned values go first.
	// try_strptime is tried only when the cast fails: every format that does not fit costs time.
	// (a zone like -05:00 is a third '-': a byte-wise LIKE, cheaper than looking past the date with substr)
	const maybeZoned = `(ends_with(${v}, 'Z') OR contains(${v}, '+') OR ${v} LIKE '%-%-%-%')`;
	// 14-digit stamps first: DuckDB's cast never reads them (so the result is the same) but costs as much to fail.
	const fourteen = `CASE WHEN strlen(${v}) = 14 AND regexp_full_match(${v}, '\\d{14}') THEN try_strptime(${v}, '%Y%m%d%H%M%S') END`;
	const likelyParse = likely && formats.includes(likely) ? `try_strptime(${v}, ${sqlString(likely)})` : null;
	// A likely format of Chinese date words or of digits only goes before everything: neither DuckDB's cast nor the
	// 14-digit test can read such a value differently (the cast reads neither; a 14-digit value fits no shorter
	// digit format), so the result is the same, without a failed cast or the regular expression on every value
	// (1,000,000 values of 2023年12月22日 10:26: 110 → 32 ms; of 20231221092207: 139 → 72 ms, on one thread). Not
	// for the others: the cast fails fast on 2023/11/27 9:11, and trying its format first was slower (72 → 90 ms).
	const likelyFirst = likelyParse !== null && /年|^(%[YmdHMS])+$/.test(likely!);
	const steps = likelyFirst
		? [likelyParse, fourteen, `try_cast(${v} AS TIMESTAMP)`]
		: [fourteen, `try_cast(${v} AS TIMESTAMP)`, ...(likelyParse ? [likelyParse] : [])];
	// The analyst's own formats go before DuckDB's cast, which reads 22-04-15 as the year 22 (then rejected).
	if (preferred.length) steps.unshift(`try_strptime(${v}, [${preferred.map(sqlString).join(', ')}])`);
	const local = `coalesce(${steps.join(',\n\t\t')},
		try_strptime(${v}, ${fmts}),
		CASE WHEN regexp_full_match(${v}, '\\d{5}(\\.\\d+)?') THEN ${serial} END)`;
	return `CASE WHEN ${v} IS NULL THEN NULL
		WHEN ${maybeZoned} AND regexp_matches(${v}, ${isoTz}) THEN ${zoned}
		ELSE ${local} END`;
}

function enumExpr(field: CanonicalField, v: string): string {
	const variants = ENUM_VARIANTS[field];
	if (!variants) return v;
	// Canonical values (nearly all rows) are recognised by a few comparisons; variants are looked up by a
	// folded key (full-width letters and digits, spaces and case ignored) computed once per value.
	const canonical = Object.keys(variants);
	const keys: string[] = [];
	const values: string[] = [];
	for (const [value, list] of Object.entries(variants)) {
		for (const k of list) {
			keys.push(k.toLowerCase());
			values.push(value);
		}
	}
	const folded = fold(v, FULLWIDTH_ALNUM, HALFWIDTH_ALNUM, '[０-９Ａ-Ｚａ-ｚ\u3000]');
	const key = `lower(replace(${folded}, ' ', ''))`;
	return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${isIn(v, canonical)} THEN ${v}
		ELSE coalesce([${inList(values)}][list_position([${inList(keys)}], ${key})], ${v}) END`;
}

export interface ParseOptions {
	dateFormats: string[];
	/**
	 * The format (one of dateFormats) most values of this column were found to have in a sample: tried alone
	 * before the whole list, whose failed attempts cost a Chinese-style date ten parses. Values of another
	 * format still reach the list, so only the speed depends on the sample.
	 */
	likelyFormat?: string;
	/** Formats the analyst gave (--date-format, a profile's): tried before anything else, DuckDB's cast included. */
	preferredFormats?: string[];
}

/** Step 2: the cleaned text `v` parsed into the field's type. NULL for empty and for unparseable values. */
export function parseExpr(field: CanonicalField, v: string, opts: ParseOptions): string {
	switch (FIELD_KIND[field]) {
		case 'timestamp':
			return timestampExpr(v, opts.dateFormats, opts.likelyFormat, opts.preferredFormats);
		case 'bool':
			return `CASE WHEN ${isIn(`lower(${v})`, TRUE_VALUES)} THEN true WHEN ${isIn(`lower(${v})`, FALSE_VALUES)} THEN false END`;
		case 'int': {
			const num = `try_cast(regexp_replace(${v}, '\\s*(个工作日|工作日|个自然日|自然日|天|日|days?)$', '') AS DOUBLE)`;
			return `CASE WHEN ${num} >= 0 AND ${num} = floor(${num}) AND ${num} < 100000 THEN CAST(${num} AS INTEGER) END`;
		}
		case 'phone': {
			const digits = `regexp_replace(regexp_extract(${v}, '\\+?\\d[\\d\\s()\\-]*\\d', 0), '\\D', '', 'g')`;
			return `CASE WHEN regexp_full_match(${v}, '1[0-9]{10}|0[0-9]{9,11}') THEN ${v}
				WHEN length(${digits}) < 5 THEN NULL
				WHEN length(${digits}) = 13 AND starts_with(${digits}, '861') THEN substr(${digits}, 3)
				WHEN length(${digits}) = 15 AND starts_with(${digits}, '00861') THEN substr(${digits}, 5)
				ELSE ${digits} END`;
		}
		case 'idno': {
			// inner white space (rare) is removed; byte-wise tests spare the regular expression otherwise
			// (RE2's \\s: space, tab, LF, form feed, CR)
			const spaced = [32, 9, 10, 12, 13].map((c) => `contains(${v}, chr(${c}))`).join(' OR ');
			const id = `upper(CASE WHEN ${spaced} THEN regexp_replace(${v}, '\\s+', '', 'g') ELSE ${v} END)`;
			return `CASE WHEN regexp_full_match(${id}, '[0-9A-Z]{6,20}') THEN ${id} END`;
		}
		case 'enum':
			return enumExpr(field, v);
		default:
			// units: the cleaned name here; the canonical unit replaces it afterwards (resolveUnits)
			return v;
	}
}

/**
 * For a sample of cleaned values `v` (a column of `table`), the SQL giving, per value, the 1-based index of the
 * format try_strptime would pick in the list (NULL when DuckDB's own cast reads it, or nothing fits).
 */
export function firstFormatIndexExpr(v: string, formats: string[]): string {
	const whens = formats.map((f, k) => `WHEN try_strptime(${v}, ${sqlString(f)}) IS NOT NULL THEN ${k + 1}`).join(' ');
	return `CASE WHEN ${v} IS NULL OR try_cast(${v} AS TIMESTAMP) IS NOT NULL THEN NULL ${whens} END`;
}

/** Is the cleaned text a "no value" placeholder (not a parse failure)? */
export function placeholderExpr(v: string): string {
	return isIn(`lower(${v})`, PLACEHOLDERS);
}

/** Fields whose value can fail to parse (and so reject the row). */
export function canFail(field: CanonicalField): boolean {
	return ['timestamp', 'bool', 'int', 'phone', 'idno'].includes(FIELD_KIND[field]);
}

/**
 * Step 3: the reason a mapped field rejects the row (a SQL string expression), NULL when it is fine.
 * `v` is the cleaned text, `p` the parsed value.
 */
export function problemExpr(field: CanonicalField, v: string, p: string, required: boolean): string | null {
	const name = FIELD_NAMES[field];
	const whens: string[] = [];
	if (required) whens.push(`WHEN ${p} IS NULL AND (${v} IS NULL OR ${placeholderExpr(v)}) THEN ${sqlString(ingestText.rejectMissing(name))}`);
	if (canFail(field)) {
		const kind = FIELD_KIND[field];
		const reason =
			kind === 'timestamp'
				? ingestText.rejectTimestamp(name)
				: kind === 'bool'
					? ingestText.rejectBoolean(name)
					: kind === 'int'
						? ingestText.rejectInteger(name)
						: kind === 'phone'
							? ingestText.rejectPhone(name)
							: ingestText.rejectIdNo(name);
		whens.push(`WHEN ${p} IS NULL AND ${v} IS NOT NULL AND NOT ${placeholderExpr(v)} THEN ${sqlString(reason)}`);
		if (kind === 'timestamp') {
			whens.push(`WHEN ${p} < ${MIN_TS} OR ${p} > ${MAX_TS} THEN ${sqlString(ingestText.rejectYear(name))}`);
		}
	}
	if (whens.length === 0) return null;
	return `CASE ${whens.join(' ')} END`;
}

/** A cheap boolean twin of problemExpr: true when the field is fine (used to filter before building reasons). */
export function okExpr(field: CanonicalField, v: string, p: string, required: boolean): string | null {
	const parts: string[] = [];
	if (required) parts.push(`${p} IS NOT NULL`);
	// CASE, not OR: DuckDB evaluates every operand of an OR on every row, and lower() plus the placeholder lookup
	// (needed only where a value did not parse) cost ~0.4 s per million rows over the timestamp columns.
	else if (canFail(field)) parts.push(`(CASE WHEN ${p} IS NOT NULL OR ${v} IS NULL THEN true ELSE ${placeholderExpr(v)} END)`);
	if (FIELD_KIND[field] === 'timestamp') parts.push(`(${p} IS NULL OR ${p} BETWEEN ${MIN_TS} AND ${MAX_TS})`);
	return parts.length ? parts.join(' AND ') : null;
}

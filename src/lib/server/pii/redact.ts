// The redacted copy of a free text: what roles without the PII grant see, search and export instead of the text
// (product.md §6, 第十七条). Built as one DuckDB expression, so the import computes it over the staged table, the
// migration over stored cases, and a single edit (a typical-case summary) by the same rules; never in JS per row.
//
// What goes, in this order:
// 1. full-width digits, letters and + - . @ _ are folded to half-width first, so that nothing below is escaped
//    by writing ０-９ (the redacted copy keeps the fold; Chinese punctuation is left alone);
// 2. the complainant's own name (2 characters or more), wherever it appears;
// 3. e-mail addresses;
// 4. every run of 7 or more digits, whatever sits between the digits (up to two of a space of any kind — the
//    ideographic space U+3000 and the no-break space too —, - . ( ) （ ） — –,
//    so +86 138 1234 5678, 86-138-1234-5678, (0571) 8877 6655, 6222 0212 3456 7890 are one run), with an
//    optional leading + and a trailing X of an ID number: mobile and landline numbers with or without the
//    country and area code, 15- and 18-digit ID numbers, bank card numbers (16–19 digits), QQ numbers …
//    Dates written 2025-03-15 are kept (their dashes become slashes, 2025/03/15, so that they are not a run).
// 5. every run of 7 or more Chinese numerals (幺三九 一二三四 五六七八: a number as a call-taker types what was read
//    out), with any spacing between them — spaces of every kind (the ideographic space U+3000 of a Chinese input
//    method, the no-break space), - — – － — however many; shorter runs (二〇二五年, 三三两两) stay. The same
//    pattern (CHINESE_NUMERAL_RUN) cuts such runs out of the hot-spot terms (hotspots/text.ts): one definition.
// By design no run of 7 digits survives, so a probe by digits (case search, filters.q) finds nothing in it.
// Shorter numbers (amounts, house numbers, 6-digit postcodes) stay.
import { REDACTED } from '../../i18n/zh/pii.ts';

function sqlString(s: string): string {
	return `'${s.replace(/'/g, "''")}'`;
}

function range(from: number, to: number): string {
	let s = '';
	for (let c = from; c <= to; c++) s += String.fromCharCode(c);
	return s;
}

/** Full-width digits, letters and the characters of numbers and addresses, with their half-width forms. */
const FULL = range(0xff10, 0xff19) + range(0xff21, 0xff3a) + range(0xff41, 0xff5a) + '＋－．＠＿';
const HALF = range(0x30, 0x39) + range(0x41, 0x5a) + range(0x61, 0x7a) + '+-.@_';

/** Two non-characters: never in a text decoded from an export. */
const NO_NAME = '\uFFFF\uFFFE';

/** A Chinese numeral as a number is read out (幺 for 一, 两 for 二). */
const CHINESE_NUMERAL = '[零〇一二三四五六七八九幺两]';
/**
 * What may sit between two numerals of a number: every character JavaScript's \s matches (RE2's \s is ASCII only:
 * it let 幺三九　一二三四　五六七八, spaced with U+3000, through) and the hyphens and dashes. Written out so that RE2
 * (DuckDB) and JavaScript read the same class.
 */
/** The spaces beyond ASCII that JavaScript's \s matches and RE2's does not (a class body). */
export const NON_ASCII_SPACE = '\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const SPACE = `\\t\\n\\x0b\\f\\r ${NON_ASCII_SPACE}`;
const NUMERAL_SEPARATOR = `[${SPACE}\\-—–－]`;
/** Between two digits of a run (rule 4): the same spaces (138　1234　5678 with U+3000 was kept), - . and brackets. */
const DIGIT_SEPARATOR = `[${SPACE}\\-.()（）—–]`;

/** RE2 (DuckDB) patterns; no look-around there: a run is taken whole because matching starts at its first digit. */
export const PATTERNS = {
	fullWidth: '[０-９Ａ-Ｚａ-ｚ＋－．＠＿]',
	email: '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+',
	isoDate: '((?:19|20)[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})',
	// an area or country code in brackets is taken with its brackets: (0571)88776655, (+86)13812345678
	digitRun: `(?:[(（]\\+?[0-9]{2,4}[)）][${SPACE}-]{0,2})?\\+?[0-9](?:${DIGIT_SEPARATOR}{0,2}[0-9]){6,}[Xx]?`,
	chineseNumeralRun: `${CHINESE_NUMERAL}(?:${NUMERAL_SEPARATOR}*${CHINESE_NUMERAL}){6,}`
} as const;

/** Rule 5 as a JavaScript expression (global): the same pattern the redaction runs in DuckDB. */
export const CHINESE_NUMERAL_RUN = new RegExp(PATTERNS.chineseNumeralRun, 'gu');

/**
 * The SQL expression of the redacted copy of `text` (a column or parameter expression; NULL stays NULL), with the
 * complainant's name taken from `name` (an expression, NULL or omitted for none).
 */
export function redactSql(text: string, name?: string | null): string {
	// translate() is slow with long character lists: only on the rare texts with a full-width character
	let t = `(CASE WHEN regexp_matches(${text}, ${sqlString(PATTERNS.fullWidth)}) THEN translate(${text}, ${sqlString(FULL)}, ${sqlString(HALF)}) ELSE ${text} END)`;
	// a name of one character (or none) would be a needle found everywhere: search for a string no text holds
	if (name) t = `replace(${t}, coalesce(CASE WHEN length(${name}) >= 2 THEN ${name} END, ${sqlString(NO_NAME)}), ${sqlString(REDACTED.name)})`;
	let r = `regexp_replace(${t}, ${sqlString(PATTERNS.email)}, ${sqlString(REDACTED.email)}, 'g')`;
	r = `regexp_replace(${r}, ${sqlString(PATTERNS.isoDate)}, '\\1/\\2/\\3', 'g')`;
	r = `regexp_replace(${r}, ${sqlString(PATTERNS.digitRun)}, ${sqlString(REDACTED.number)}, 'g')`;
	// most texts hold no digit and no @ at all (after the fold): one cheap test spares them the three passes
	const arabic = `(CASE WHEN regexp_matches(${t}, '[0-9@]') THEN ${r} ELSE ${t} END)`;
	return `regexp_replace(${arabic}, ${sqlString(PATTERNS.chineseNumeralRun)}, ${sqlString(REDACTED.number)}, 'g')`;
}

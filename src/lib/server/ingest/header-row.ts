// The header row of an export: Chinese offices' sheets and their CSV copies often open with a title row (merged
// across the table in Excel: 某县…投诉案件登记台账) and an export-date row above the column headers. The header
// row is the first of the first non-empty rows that names at least two case fields; rows above it are not data.
// A ledger may also group columns under a two-row header (办理情况 above 办结时间 | 答复时间 | 回访时间, 投诉编号
// merged down both rows): then each column is named by its lower cell, or by its upper one where the lower is empty.
import { buildMapping, uniqueHeaders } from './mapping.ts';

/** How many of a row's cells name a case field (by alias, or by the profile's or --map's headers). */
export type HeaderRecognizer = (cells: string[]) => number;

export const recognizeAliases: HeaderRecognizer = (cells) =>
	Object.keys(buildMapping(uniqueHeaders(cells.map((c) => c.trim()))).mapping).length;

/** Non-empty rows looked at for the header row. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Which of a sheet's first non-empty rows is its header: Chinese workbooks often open with a title row (merged
 * across the table) and an export-date row above it. The first row naming at least two case fields; failing
 * that the first row (whose headers the missing-field error then lists).
 */
export function headerRowIndex(rows: string[][], recognize: HeaderRecognizer = recognizeAliases): number {
	const k = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((cells) => recognize(cells) >= 2);
	return Math.max(0, k);
}

export interface HeaderFound {
	/** Index in `rows` of the header row (the upper one of a two-row header). */
	index: number;
	/** How many rows the header takes: 2 for a header whose columns are grouped under a row above. */
	rows: 1 | 2;
	/** The column names (trimmed). */
	headers: string[];
}

/**
 * The header of an export's first non-empty rows (headerRowIndex), and whether it takes two rows: when the row
 * below it names two case fields too, or the row above it names one (while only the lower row names two). Two,
 * not one, below: a first data row holding one value that happens to be a header alias (延期, 来源) must stay data.
 */
export function findHeaderRows(rows: string[][], recognize: HeaderRecognizer = recognizeAliases): HeaderFound {
	const k = headerRowIndex(rows, recognize);
	const two = (index: number): HeaderFound => {
		const [upper, lower] = [rows[index], rows[index + 1]];
		const width = Math.max(upper.length, lower.length);
		const headers = Array.from({ length: width }, (_, c) => (lower[c] ?? '').trim() || (upper[c] ?? '').trim());
		return { index, rows: 2, headers };
	};
	if (rows[k + 1] && recognize(rows[k]) >= 2 && recognize(rows[k + 1]) >= 2) return two(k);
	if (k > 0 && recognize(rows[k]) >= 2 && recognize(rows[k - 1]) >= 1) return two(k - 1);
	return { index: k, rows: 1, headers: (rows[k] ?? []).map((h) => h.trim()) };
}

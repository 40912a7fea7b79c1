// The header row of an export: Chinese offices' sheets and their CSV copies often open with a title row (merged
// across the table in Excel: 某县…投诉案件登记台账) and an export-date row above the column headers. The header
// row is the first of the first non-empty rows that names at least two case fields; rows above it are not data.
// A ledger may also group columns under a two-row header (办理情况 above 办结时间 | 答复时间 | 回访时间, 投诉编号
// merged down both rows): then each column is named by its lower cell, or by its upper one where the lower is empty.
import { buildMapping, uniqueHeaders, type MappingInput } from './mapping.ts';
import { HEADER_SEARCH_ROWS } from '../../import-limits.ts';

export { HEADER_SEARCH_ROWS };

/** How many of a row's cells name a case field (by alias, or by the profile's or --map's headers). */
export type HeaderRecognizer = (cells: string[]) => number;

/** Counts the cells naming a case field as the mapping would map them (the profile's and --map's headers too). */
export function recognizerFor(input: MappingInput = {}): HeaderRecognizer {
	return (cells) => Object.keys(buildMapping(uniqueHeaders(cells.map((c) => c.trim())), input).mapping).length;
}

export const recognizeAliases: HeaderRecognizer = recognizerFor();

/** A row with some text in it: only such rows count among the first rows looked at. */
export function nonEmptyRow(cells: string[]): boolean {
	return cells.some((c) => c.trim() !== '');
}

export interface HeaderFound {
	/** Whether a row names two case fields; when none does, the first row stands for the header. */
	named: boolean;
	/** Index in `rows` of the header row (the upper one of a two-row header). */
	index: number;
	/** How many rows the header takes: 2 for a header whose columns are grouped under a row above. */
	rows: 1 | 2;
	/** The column names (trimmed). */
	headers: string[];
}

/**
 * The header of an export's first non-empty rows: the first of them naming at least two case fields; failing that
 * the first row (whose headers the missing-field error then lists). It takes two rows when the row below it names
 * two case fields too, or the row above it names one. Two, not one, below: a first data row holding one value
 * that happens to be a header alias (延期, 来源) must stay data.
 */
export function findHeaderRows(rows: string[][], recognize: HeaderRecognizer = recognizeAliases): HeaderFound {
	const k = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((cells) => recognize(cells) >= 2);
	const one = (index: number, named: boolean): HeaderFound => ({ named, index, rows: 1, headers: (rows[index] ?? []).map((h) => h.trim()) });
	const two = (index: number): HeaderFound => {
		const [upper, lower] = [rows[index], rows[index + 1]];
		const width = Math.max(upper.length, lower.length);
		const headers = Array.from({ length: width }, (_, c) => (lower[c] ?? '').trim() || (upper[c] ?? '').trim());
		return { named: true, index, rows: 2, headers };
	};
	if (k === -1) return one(0, false);
	if (rows[k + 1] && recognize(rows[k + 1]) >= 2) return two(k);
	if (k > 0 && recognize(rows[k - 1]) >= 1) return two(k - 1);
	return one(k, true);
}

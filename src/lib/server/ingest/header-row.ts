// The header row of an export: Chinese offices' sheets and their CSV copies often open with a title row (merged
// across the table in Excel: 某县…投诉案件登记台账) and an export-date row above the column headers. The header
// row is the first of the first non-empty rows that names at least two case fields; rows above it are not data.
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

// Cells for CSV and XLSX files that people open in Excel or WPS: one place that neutralises formula
// injection (a cell starting with = + - @, tab or CR is prefixed with an apostrophe) and quotes CSV.

/** A text that a spreadsheet would run as a formula, made inert. Numbers are data, not formulas. */
export function escapeFormula(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV cell: empty for null, formula-escaped text, quoted when it holds a quote, comma, line break or edge spaces. */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	const s = typeof value === 'number' || typeof value === 'bigint' ? String(value) : escapeFormula(String(value));
	return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

// Decode step for Excel: the data sheet of an XLSX workbook, read by xlsx-reader.ts (the zip's central directory,
// the shared strings as bytes, the sheet's XML scanned as it inflates), written as the same line-prefixed UTF-8 CSV
// the text path produces (the prefix is the sheet's row number). Date-formatted cells become 'YYYY-MM-DD HH:MM:SS'
// wall-clock text; plain numbers stay numbers (serials are parsed in SQL).
//
// Memory stays flat whatever the workbook's size: the shared-string table is kept as UTF-8 bytes and the sheet is
// streamed; nothing is spooled to a temporary file. Merged ranges come at a sheet's end: a sheet with values merged
// down rows is read a second time with them known (a ledger kept by hand is small; a system's export has none).
import fs from 'node:fs';
import { UserInputError } from '../errors.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';
import { findHeaderRows, HEADER_SEARCH_ROWS, nonEmptyRow, recognizeAliases, type HeaderRecognizer } from './header-row.ts';
import { needsQuote, Workbook, type MergedRange, type SheetInfo, type SheetRowRef } from './xlsx-reader.ts';

export { decodeExcelEscapes, SharedStrings, type MergedRange } from './xlsx-reader.ts';

export interface XlsxResult {
	headers: string[];
	records: number;
	/** The header's row number in the sheet (rows above it, a title or an export date, are left out). */
	headerLine: number;
}

export interface SheetRow {
	/** The row's number in the sheet (1 = first row). */
	number: number;
	/** Its cells from column A on, as text. */
	cells: string[];
}

/**
 * Fills cells merged down rows as the sheet shows them: each row of a merged range holds its top-left cell's
 * value, in the range's first column (a unit's name merged down the rows of its cases, say). Across columns
 * nothing is copied: a cell merged over three columns is one value, not three. Rows must come in order. A row
 * that is empty but for merged cells stays empty: it holds no case.
 */
export class MergeFiller {
	private readonly pending: MergedRange[];
	private active: { range: MergedRange; value: string }[] = [];

	constructor(ranges: MergedRange[]) {
		this.pending = ranges.filter((m) => m.r2 > m.r1).sort((a, b) => b.r1 - a.r1); // the next one last
	}

	/** Whether row r may take a value from a range (false: fill() would give the row back as it is). */
	touches(r: number): boolean {
		if (this.pending.length && this.pending[this.pending.length - 1].r1 <= r) return true;
		return this.active.some((a) => a.range.r2 >= r);
	}

	fill(row: SheetRow): SheetRow {
		const r = row.number;
		this.active = this.active.filter((a) => a.range.r2 >= r);
		while (this.pending.length && this.pending[this.pending.length - 1].r1 <= r) {
			const range = this.pending.pop()!;
			// a range whose first row was never seen (no cells there) fills with nothing
			this.active.push({ range, value: range.r1 === r ? (row.cells[range.c1 - 1] ?? '') : '' });
		}
		if (this.active.length === 0 || !nonEmpty(row)) return row;
		const cells = [...row.cells];
		for (const { range, value } of this.active) {
			if (value === '' || r === range.r1) continue;
			while (cells.length < range.c1) cells.push('');
			if (cells[range.c1 - 1].trim() === '') cells[range.c1 - 1] = value;
		}
		return { number: row.number, cells };
	}
}


/** Rows of a sheet kept while no sheet has been chosen (enough for a preview of the first one). */
const FALLBACK_ROWS = HEADER_SEARCH_ROWS + 30;

/** A sheet this small (uncompressed XML) is read to its end for its merged ranges even by a preview. */
const PREVIEW_WHOLE_SHEET_BYTES = 8 << 20;

const nonEmpty = (row: SheetRow) => nonEmptyRow(row.cells);

/** True when a row among the first non-empty rows of `rows` names two case fields (findHeaderRows' rule). */
function hasHeaderRow(rows: SheetRow[], recognize: HeaderRecognizer): boolean {
	return findHeaderRows(rows.filter(nonEmpty).map((r) => r.cells), recognize).named;
}

function csvField(s: string): string {
	return needsQuote(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The first rows of a workbook's data sheet, as text: the first sheet with a header row among its first non-empty
 * rows (findHeaderRows' rule: a cover or instructions sheet before the table is passed over), else the first
 * sheet's first rows (enough for the preview, and for the missing-field error). Reads only what it needs: the first
 * rows of each sheet and the shared strings they refer to, so a preview of any workbook is quick. Values merged
 * down rows are filled in where the sheet is small enough to be read to its end (the merged ranges follow the rows).
 */
export async function sheetHead(src: string, opts: { rows: number; recognize?: HeaderRecognizer } = { rows: FALLBACK_ROWS }): Promise<SheetRow[]> {
	const recognize = opts.recognize ?? recognizeAliases;
	const book = new Workbook(src);
	book.glance = true;
	try {
		let fallback: SheetRow[] | null = null;
		const want = Math.max(opts.rows, FALLBACK_ROWS) + 10;
		for (const sheet of book.sheets) {
			const refs: SheetRowRef[] = [];
			const whole = sheet.entry.size <= PREVIEW_WHOLE_SHEET_BYTES;
			let withCells = 0;
			const scanned = await book.scan(sheet, (ref) => {
				if (withCells >= want) return whole; // past the rows wanted: go on only for the merged ranges
				refs.push(ref.copy());
				if (ref.count > 0) withCells++;
				return withCells < want || whole;
			});
			await book.strings(Math.max(-1, ...refs.map((r) => r.maxShared())));
			const filler = new MergeFiller(scanned.merges ?? []);
			const rows = refs.map((r) => filler.fill({ number: r.number, cells: r.cells() }));
			const head: SheetRow[] = [];
			let seen = 0;
			for (const r of rows) {
				head.push(r);
				if (nonEmpty(r)) seen++;
				if (seen >= HEADER_SEARCH_ROWS) break;
			}
			if (hasHeaderRow(head, recognize)) return rows;
			fallback ??= rows.slice(0, rows.findIndex((_, k) => rows.slice(0, k + 1).filter(nonEmpty).length >= FALLBACK_ROWS) + 1 || rows.length);
		}
		return fallback ?? [];
	} finally {
		book.close();
	}
}

/**
 * Streams the data sheet (see sheetHead for which) to `out` from its header row on; rows are prefixed with their
 * sheet row number. Cells of shared strings are copied as bytes; a row becomes strings only where it must (the
 * rows the header is looked for in, a row under a range merged down rows).
 */
export async function xlsxToPrefixedCsv(
	src: string,
	out: string,
	opts: { displayName: string; onProgress?: (fraction: number) => void; recognize?: HeaderRecognizer }
): Promise<XlsxResult> {
	const recognize = opts.recognize ?? recognizeAliases;
	let book: Workbook;
	try {
		book = new Workbook(src);
	} catch (e) {
		throw new UserInputError('xlsx_unreadable', ingestText.xlsxUnreadable((e as Error).message ?? String(e)), { file: opts.displayName });
	}
	try {
		// Progress: the shared strings, then the sheet, each by its share of the compressed bytes.
		const sharedBytes = book.sharedBytes;
		const total = Math.max(1, sharedBytes + book.sheets[0].entry.compressedSize);
		await book.strings(Infinity, (n) => opts.onProgress?.(Math.min(1, n / total)));
		let result = await convert(book, out, recognize, null, (sheet, n) => opts.onProgress?.(Math.min(1, (sharedBytes + (n * (total - sharedBytes)) / Math.max(1, sheet.entry.compressedSize)) / total)));
		if (result.merges && result.merges.some((m) => m.r2 > m.r1)) {
			// values merged down rows: the sheet again, with its ranges known from the start
			result = await convert(book, out, recognize, { sheet: result.sheet!, merges: result.merges });
		}
		opts.onProgress?.(1);
		if (!result.headers) throw new UserInputError('xlsx_empty', ingestText.xlsxEmpty, { file: opts.displayName });
		return { headers: result.headers, records: result.records, headerLine: result.headerLine };
	} catch (e) {
		if (e instanceof UserInputError) throw e;
		throw new UserInputError('xlsx_unreadable', ingestText.xlsxUnreadable((e as Error).message ?? String(e)), { file: opts.displayName });
	} finally {
		book.close();
	}
}

interface Converted {
	sheet: SheetInfo | null;
	headers: string[] | null;
	headerLine: number;
	records: number;
	merges: MergedRange[] | null;
}

/** One pass over the data sheet into `out` (see xlsxToPrefixedCsv). */
async function convert(
	book: Workbook,
	out: string,
	recognize: HeaderRecognizer,
	known: { sheet: SheetInfo; merges: MergedRange[] } | null,
	progress?: (sheet: SheetInfo, compressed: number) => void
): Promise<Converted> {
	const fd = fs.openSync(out, 'w');
	let buf = Buffer.allocUnsafe(4 << 20);
	let at = 0;
	const flush = () => {
		if (at > 0) fs.writeSync(fd, buf, 0, at);
		at = 0;
	};
	const room = (n: number) => {
		if (at + n <= buf.length) return;
		flush();
		if (n > buf.length) buf = Buffer.allocUnsafe(n);
	};
	const writeText = (text: string) => {
		room(Buffer.byteLength(text));
		at += buf.write(text, at);
	};
	let headers: string[] | null = null;
	let headerLine = 1;
	let records = 0;
	// The first non-empty rows wait until the header among them is known (one more row: a two-row header's lower half).
	let head: SheetRow[] | null = [];
	const record = (row: SheetRow) => {
		const cells = row.cells;
		while (cells.length < headers!.length) cells.push('');
		records++;
		writeText(`${row.number},${cells.map(csvField).join(',')}\n`);
	};
	const settleHeader = () => {
		if (!head || head.length === 0) return;
		const found = findHeaderRows(
			head.map((r) => r.cells),
			recognize
		);
		headerLine = head[found.index].number;
		headers = found.headers;
		for (const row of head.slice(found.index + found.rows)) record(row);
		head = null;
	};
	const take = (row: SheetRow) => {
		if (!nonEmpty(row)) return;
		if (head) {
			head.push(row);
			if (head.length === HEADER_SEARCH_ROWS + 1) settleHeader();
		} else record(row);
	};
	let chosen: SheetInfo | null = null;
	let merges: MergedRange[] | null = null;
	let fallback: SheetRow[] | null = null;
	try {
		for (const sheet of known ? [known.sheet] : book.sheets) {
			const filler = new MergeFiller(known ? known.merges : []);
			const first: SheetRow[] = [];
			let seen = 0;
			let decided = false;
			const scanned = await book.scan(
				sheet,
				(ref) => {
					if (decided) {
						if (head || filler.touches(ref.number)) return void take(filler.fill({ number: ref.number, cells: ref.cells() }));
						if (!ref.nonEmpty()) return;
						room(ref.bound(headers!.length));
						const end = ref.writeCsv(buf, at, headers!.length);
						if (end < 0) return void take({ number: ref.number, cells: ref.cells() });
						at = end;
						records++;
						return;
					}
					const r = filler.fill({ number: ref.number, cells: ref.cells() });
					first.push(r);
					if (nonEmpty(r)) seen++;
					if (seen === HEADER_SEARCH_ROWS && hasHeaderRow(first, recognize)) {
						decided = true;
						for (const x of first) take(x);
					} else if (seen >= (fallback === null ? FALLBACK_ROWS : HEADER_SEARCH_ROWS)) return false; // not this sheet
				},
				progress ? (n) => progress(sheet, n) : undefined
			);
			if (!decided && hasHeaderRow(first, recognize)) {
				decided = true;
				for (const x of first) take(x);
			}
			if (decided) {
				chosen = sheet;
				merges = scanned.merges;
				break;
			}
			fallback ??= first;
		}
		if (!chosen && fallback) for (const x of fallback) take(x);
		settleHeader();
		flush();
	} finally {
		fs.closeSync(fd);
	}
	return { sheet: chosen, headers, headerLine, records, merges };
}

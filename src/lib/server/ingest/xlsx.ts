// Decode step for Excel: the first worksheet of an XLSX workbook, read with exceljs's streaming reader, written
// as the same line-prefixed UTF-8 CSV the text path produces (the prefix is the sheet's row number).
// Date-typed cells become 'YYYY-MM-DD HH:MM:SS' wall-clock text; plain numbers stay numbers (serials are parsed in SQL).
//
// Memory stays flat whatever the workbook's size: the shared-string table (every distinct text of the workbook,
// ~1 GB as JavaScript strings for a million rows) is kept as UTF-8 bytes, and exceljs spools each sheet's XML to a
// temporary file, which it only removes when its reading runs to the end: sheetRows() makes sure it does.
import fs from 'node:fs';
import { UserInputError } from '../errors.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';
import { findHeaderRows, HEADER_SEARCH_ROWS, nonEmptyRow, recognizeAliases, type HeaderRecognizer } from './header-row.ts';

export interface XlsxResult {
	headers: string[];
	records: number;
	/** The header's row number in the sheet (rows above it, a title or an export date, are left out). */
	headerLine: number;
}

/**
 * Excel's _xHHHH_ escapes decoded: a workbook stores a character XML cannot hold that way (a line break's CR as
 * _x000D_), and _x005F_ is the underscore itself (_x005F_x000D_ is the text "_x000D_"). One pass, left to right.
 */
export function decodeExcelEscapes(s: string): string {
	return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** The text of a cell as the analyst saw it. Dates: exceljs gives the sheet's wall-clock time as a UTC instant. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return '';
		const iso = value.toISOString();
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
	}
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (typeof value === 'object') {
		const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; hyperlink?: string };
		if (Array.isArray(v.richText)) return decodeExcelEscapes(v.richText.map((r) => r.text).join(''));
		if (v.text !== undefined) return cellText(v.text);
		if (v.result !== undefined) return cellText(v.result);
		if (v.error) return String(v.error);
		if (v.hyperlink) return String(v.hyperlink);
		return '';
	}
	return decodeExcelEscapes(String(value));
}

function csvField(s: string): string {
	return /[",\n\r]/.test(s) || /^\s/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The workbook's shared strings as UTF-8 bytes in one buffer (a string is read back when a cell refers to it).
 * exceljs reports them in index order.
 */
export class SharedStrings {
	private bytes = Buffer.allocUnsafe(1 << 20);
	private ends = new Float64Array(1 << 14);
	private used = 0;
	private count = 0;

	add(index: number, text: string): void {
		if (index !== this.count) throw new Error(`shared string ${index} out of order (expected ${this.count})`);
		const need = this.used + Buffer.byteLength(text);
		if (need > this.bytes.length) {
			const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
			this.bytes.copy(grown, 0, 0, this.used);
			this.bytes = grown;
		}
		this.used += this.bytes.write(text, this.used);
		if (this.count === this.ends.length) {
			const grown = new Float64Array(this.ends.length * 2);
			grown.set(this.ends);
			this.ends = grown;
		}
		this.ends[this.count++] = this.used;
	}

	/** The string at `index`; a reference past the table (a damaged file) reads as empty, as exceljs would. */
	get(index: number): string {
		if (!(index >= 0 && index < this.count)) return '';
		return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
	}
}

/** One item of exceljs's WorkbookReader.parse(): a worksheet, or (sharedStrings: 'emit') one shared string. */
type ParseItem = { eventType?: string; value?: unknown; index?: number; text?: unknown };

interface SheetReader extends AsyncIterable<{ number: number; values: unknown }> {
	/** The spooled sheet's file stream (exceljs internals; destroyed for sheets that are not read). */
	iterator?: { destroy?: () => void };
}

export interface SheetRow {
	/** The row's number in the sheet (1 = first row). */
	number: number;
	/** Its cells from column A on, as text (cellText). */
	cells: string[];
}

/** A merged range of a sheet: rows r1..r2, columns c1..c2 (1-based, as Excel numbers them). */
export interface MergedRange {
	r1: number;
	c1: number;
	r2: number;
	c2: number;
}

function columnNumber(letters: string): number {
	let n = 0;
	for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n;
}

/** Tail read first when looking for a sheet's merged ranges; doubled until it reaches them. */
const MERGE_TAIL_BYTES = 1 << 20;

/**
 * The merged ranges of a sheet's XML file (exceljs spools each sheet to one). They follow the rows, so the file
 * is read from its end: as soon as a tail holds the end of the rows, it holds every <mergeCell> there is.
 */
export function readMergedRanges(xmlPath: string): MergedRange[] {
	const size = fs.statSync(xmlPath).size;
	const fd = fs.openSync(xmlPath, 'r');
	try {
		for (let span = Math.min(size, MERGE_TAIL_BYTES); ; span = Math.min(size, span * 2)) {
			const buf = Buffer.alloc(span);
			fs.readSync(fd, buf, 0, span, size - span);
			const text = buf.toString('latin1'); // cell references are ASCII
			const start = text.search(/<(?:\w+:)?mergeCells[\s>]/);
			if (start !== -1) {
				const ranges: MergedRange[] = [];
				for (const m of text.slice(start).matchAll(/<(?:\w+:)?mergeCell\s[^>]*?ref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"/g)) {
					const [c1, r1, c2, r2] = [columnNumber(m[1]), Number(m[2]), columnNumber(m[3]), Number(m[4])];
					ranges.push({ r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) });
				}
				return ranges;
			}
			if (/<\/(?:\w+:)?sheetData>/.test(text) || span === size) return [];
		}
	} finally {
		fs.closeSync(fd);
	}
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

const nonEmpty = (row: SheetRow) => nonEmptyRow(row.cells);

/** True when a row among the first non-empty rows of `rows` names two case fields (findHeaderRows' rule). */
function hasHeaderRow(rows: SheetRow[], recognize: HeaderRecognizer): boolean {
	return findHeaderRows(rows.filter(nonEmpty).map((r) => r.cells), recognize).named;
}

/**
 * The rows of a workbook's data sheet, as text, streamed: the first sheet with a header row (findHeaderRows'
 * rule: a cover or instructions sheet before the table is passed over), else the first sheet's first rows (enough
 * for the preview, and for the missing-field error: a sheet without such a row cannot name the three required
 * fields). Stopping early is fine: the rest of exceljs's reading runs (reading no more rows) so that its
 * temporary files are removed.
 */
export async function* sheetRows(
	src: string,
	onProgress?: (fraction: number) => void,
	recognize: HeaderRecognizer = recognizeAliases
): AsyncGenerator<SheetRow> {
	const { default: ExcelJS } = await import('exceljs');
	// Progress: unzipping (the sheets spooled, the shared strings read) the first quarter, the sheet's rows the rest.
	const size = fs.statSync(src).size;
	const input = fs.createReadStream(src);
	let readBytes = 0;
	input.on('data', (b) => {
		readBytes += b.length;
		onProgress?.(size > 0 ? (0.25 * Math.min(size, readBytes)) / size : 0.25);
	});
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
		worksheets: 'emit',
		sharedStrings: 'emit',
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'ignore'
	});
	const strings = new SharedStrings();
	const cellsOf = (values: unknown[]) => {
		const cells: string[] = [];
		for (let c = 1; c < values.length; c++) {
			const v = values[c];
			const shared = v !== null && typeof v === 'object' ? (v as { sharedString?: unknown }).sharedString : undefined;
			cells.push(typeof shared === 'number' ? strings.get(shared) : cellText(v));
		}
		return cells;
	};
	const items = (reader as unknown as { parse(): AsyncGenerator<ParseItem> }).parse();
	let chosen = false;
	let fallback: SheetRow[] | null = null;
	let finished = false;
	try {
		// items.next() by hand: leaving a for-await loop early would close `items` before the clean-up below.
		for (let step = await items.next(); !step.done; step = await items.next()) {
			const item = step.value;
			if (item.eventType === 'worksheet') {
				const sheet = item.value as SheetReader;
				if (chosen) {
					sheet.iterator?.destroy?.();
					continue;
				}
				const spooled = sheet.iterator as { bytesRead?: number; path?: unknown } | undefined;
				const sheetBytes = typeof spooled?.path === 'string' ? fs.statSync(spooled.path).size : 0;
				const merges = new MergeFiller(typeof spooled?.path === 'string' ? readMergedRanges(spooled.path) : []);
				// The sheet's first rows wait until it is known whether it is the data sheet.
				const head: SheetRow[] = [];
				let seen = 0;
				let decided = false;
				for await (const row of sheet) {
					if (row.number % 1000 === 0 && sheetBytes > 0 && typeof spooled?.bytesRead === 'number') {
						onProgress?.(0.25 + (0.75 * Math.min(sheetBytes, spooled.bytesRead)) / sheetBytes);
					}
					const r = merges.fill({ number: row.number, cells: cellsOf(row.values as unknown[]) });
					if (decided) {
						yield r;
						continue;
					}
					head.push(r);
					if (nonEmpty(r)) seen++;
					if (seen === HEADER_SEARCH_ROWS && hasHeaderRow(head, recognize)) {
						decided = chosen = true;
						yield* head;
					} else if (seen >= (fallback === null ? FALLBACK_ROWS : HEADER_SEARCH_ROWS)) break; // not this sheet
				}
				if (!decided && hasHeaderRow(head, recognize)) {
					chosen = true;
					yield* head;
				} else if (!chosen) fallback ??= head;
			} else {
				// exceljs 4.4.0 yields a shared string bare ({index, text}); a wrapped one is taken too.
				const shared = (item.eventType === 'shared-strings' ? item.value : item) as ParseItem | undefined;
				if (typeof shared?.index === 'number') strings.add(shared.index, cellText(shared.text));
			}
		}
		if (!chosen && fallback) yield* fallback;
		finished = true;
		onProgress?.(1);
	} finally {
		if (!finished) {
			// Stopped early (or failed): let exceljs remove the sheets it spooled, reading none of them.
			try {
				for (let step = await items.next(); !step.done; step = await items.next()) {
					if (step.value.eventType === 'worksheet') (step.value.value as SheetReader).iterator?.destroy?.();
				}
			} finally {
				input.destroy();
			}
		}
	}
}

/** Streams the data sheet (see sheetRows) to `out` from its header row on; rows are prefixed with their sheet row number. */
export async function xlsxToPrefixedCsv(
	src: string,
	out: string,
	opts: { displayName: string; onProgress?: (fraction: number) => void; recognize?: HeaderRecognizer }
): Promise<XlsxResult> {
	const output = fs.createWriteStream(out);
	let headers: string[] | null = null;
	let headerLine = 1;
	let records = 0;
	let buffer: string[] = [];
	const flush = async () => {
		if (buffer.length === 0) return;
		const ok = output.write(buffer.join(''));
		buffer = [];
		if (!ok) await new Promise<void>((r) => output.once('drain', () => r()));
	};
	// The first non-empty rows wait until the header among them is known (one more row: a two-row header's lower half).
	let head: SheetRow[] | null = [];
	const record = (row: SheetRow) => {
		const cells = row.cells;
		while (cells.length < headers!.length) cells.push('');
		records++;
		buffer.push(`${row.number},${cells.map(csvField).join(',')}\n`);
	};
	const settleHeader = () => {
		if (!head || head.length === 0) return;
		const found = findHeaderRows(
			head.map((r) => r.cells),
			opts.recognize
		);
		headerLine = head[found.index].number;
		headers = found.headers;
		for (const row of head.slice(found.index + found.rows)) record(row);
		head = null;
	};
	try {
		for await (const row of sheetRows(src, opts.onProgress, opts.recognize)) {
			if (!nonEmpty(row)) continue;
			if (head) {
				head.push(row);
				if (head.length === HEADER_SEARCH_ROWS + 1) settleHeader();
				continue;
			}
			record(row);
			if (buffer.length >= 2000) await flush();
		}
		settleHeader();
		await flush();
		await new Promise<void>((resolve, reject) => output.end((err?: Error | null) => (err ? reject(err) : resolve())));
	} catch (e) {
		output.destroy();
		if (e instanceof UserInputError) throw e;
		throw new UserInputError('xlsx_unreadable', ingestText.xlsxUnreadable((e as Error).message ?? String(e)), { file: opts.displayName });
	}
	if (!headers) throw new UserInputError('xlsx_empty', ingestText.xlsxEmpty, { file: opts.displayName });
	return { headers, records, headerLine };
}

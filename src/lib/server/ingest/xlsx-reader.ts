// A workbook read at the speed of its bytes: the zip's central directory (zip.ts) gives each part, the shared
// strings are kept as UTF-8 bytes (never one JavaScript string per text), and a sheet's XML is scanned byte by
// byte as it inflates. A row is handed over as cell references (SheetRowRef): the converter copies a shared
// string's bytes straight into the CSV it writes, and only the rows that need it (the first rows, where the header
// is looked for, and rows under a merged range) become strings.
//
// What it keeps from the reader it replaces (exceljs): shared and inline strings (rich text runs joined, phonetic
// runs left out), Excel's _xHHHH_ escapes decoded, XML's line-break rule (CR LF and a lone CR read as LF), cells
// formatted as dates given as 'YYYY-MM-DD HH:MM:SS' wall-clock text (the 1900 and 1904 date systems), other numbers
// as numbers, booleans as TRUE / FALSE, a formula's cached result, a sheet's merged ranges (at its end).
import { ZipFile, type ZipEntry } from './zip.ts';

/**
 * Excel's _xHHHH_ escapes decoded: a workbook stores a character XML cannot hold that way (a line break's CR as
 * _x000D_), and _x005F_ is the underscore itself (_x005F_x000D_ is the text "_x000D_"). One pass, left to right.
 */
export function decodeExcelEscapes(s: string): string {
	return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** A merged range of a sheet: rows r1..r2, columns c1..c2 (1-based, as Excel numbers them). */
export interface MergedRange {
	r1: number;
	c1: number;
	r2: number;
	c2: number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;

/** The XML namespace prefix of a part's root element ('x:' in <x:worksheet>), or ''. */
function rootPrefix(buf: Buffer): string {
	let p = 0;
	for (;;) {
		p = buf.indexOf(LT, p);
		if (p < 0 || p + 1 >= buf.length) return '';
		const c = buf[p + 1];
		if (c !== 0x3f && c !== 0x21) break; // <? and <!
		p++;
	}
	let e = p + 1;
	while (e < buf.length && buf[e] !== 0x20 && buf[e] !== GT && buf[e] !== SLASH && buf[e] !== 0x0a && buf[e] !== 0x0d && buf[e] !== 0x09) e++;
	const name = buf.toString('latin1', p + 1, e);
	const colon = name.indexOf(':');
	return colon >= 0 ? name.slice(0, colon + 1) : '';
}

/** buf.indexOf(needle, from) that never looks at or past `to` (-1 when not found before it). */
function indexWithin(buf: Buffer, needle: Buffer | number, from: number, to: number): number {
	if (typeof needle === 'number') {
		for (let k = from; k < to; k++) if (buf[k] === needle) return k;
		return -1;
	}
	if (to - from < 256) return scanFor(buf, needle, from, to);
	const k = buf.indexOf(needle, from);
	return k >= 0 && k + needle.length <= to ? k : -1;
}

/** findTag by a plain loop: for the short distances inside a row. */
function findTagNear(buf: Buffer, tag: Buffer, from: number, to: number): number {
	for (let p = from; ; ) {
		p = scanFor(buf, tag, p, to);
		if (p < 0) return -1;
		if (endsName(buf[p + tag.length])) return p;
		p += tag.length;
	}
}

/** The decimal number in bytes [from, to) (white space around it allowed). */
function digits(buf: Buffer, from: number, to: number): number {
	let n = 0;
	for (let k = from; k < to; k++) {
		const b = buf[k];
		if (b >= 0x30 && b <= 0x39) n = n * 10 + (b - 0x30);
		else if (b > 0x20) return parseInt(buf.toString('latin1', from, to), 10) || 0;
	}
	return n;
}

/** The first occurrence of `needle` wholly within [from, to), by a plain loop (short ranges: no native call). */
function scanFor(buf: Buffer, needle: Buffer, from: number, to: number): number {
	const first = needle[0];
	const n = needle.length;
	outer: for (let k = from; k + n <= to; k++) {
		if (buf[k] !== first) continue;
		for (let j = 1; j < n; j++) if (buf[k + j] !== needle[j]) continue outer;
		return k;
	}
	return -1;
}

/** The r attribute of a <row ...> start tag [from, to) as a number (0 when absent). */
function rowNumber(buf: Buffer, from: number, to: number): number {
	for (let k = from; k + 3 < to; k++) {
		// ' r="' (any white space before it)
		if (buf[k] === 0x72 && buf[k + 1] === 0x3d && (buf[k + 2] === QUOTE || buf[k + 2] === APOS) && buf[k - 1] <= 0x20) {
			let n = 0;
			for (let j = k + 3; j < to && buf[j] >= 0x30 && buf[j] <= 0x39; j++) n = n * 10 + (buf[j] - 0x30);
			return n;
		}
	}
	return 0;
}

/** True when the byte after a tag name ends the name (so '<c' does not match '<col'). */
function endsName(b: number | undefined): boolean {
	return b === 0x20 || b === GT || b === SLASH || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Index of the next '<name' element start at or after `from` (before `to`), or -1. */
function findTag(buf: Buffer, tag: Buffer, from: number, to: number): number {
	for (let p = from; ; ) {
		p = to - from < 256 ? scanFor(buf, tag, p, to) : buf.indexOf(tag, p);
		if (p < 0 || p >= to) return -1;
		if (endsName(buf[p + tag.length])) return p;
		p += tag.length;
	}
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character data as text: entities and character references decoded, line breaks read as XML reads them. */
export function xmlText(raw: string): string {
	let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
	if (s.includes('&')) {
		s = s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (m, ref: string) => {
			if (ref[0] === '#') {
				const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
				return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
			}
			return ENTITY[ref] ?? m;
		});
	}
	return s;
}

/** Value of attribute `name` in a start tag's bytes [from, to), or null. */
function attr(buf: Buffer, from: number, to: number, name: string): string | null {
	const text = buf.toString('latin1', from, to);
	const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(text);
	return m ? (m[1] ?? m[2]) : null;
}

/**
 * The workbook's shared strings as UTF-8 bytes in one buffer, with for each whether it must be quoted in CSV (a
 * quote, comma or line break in it, or white space first). Index order is file order.
 */
export class SharedStrings {
	private bytes = Buffer.allocUnsafe(1 << 20);
	private ends = new Float64Array(1 << 14);
	private quote = new Uint8Array(1 << 14);
	private blankFlags = new Uint8Array(1 << 14);
	private used = 0;
	private count = 0;

	get size(): number {
		return this.count;
	}

	private room(bytes: number): void {
		const need = this.used + bytes;
		if (need > this.bytes.length) {
			const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
			this.bytes.copy(grown, 0, 0, this.used);
			this.bytes = grown;
		}
		if (this.count === this.ends.length) {
			const ends = new Float64Array(this.ends.length * 2);
			ends.set(this.ends);
			this.ends = ends;
			const quote = new Uint8Array(this.quote.length * 2);
			quote.set(this.quote);
			this.quote = quote;
			const blank = new Uint8Array(this.blankFlags.length * 2);
			blank.set(this.blankFlags);
			this.blankFlags = blank;
		}
	}

	add(index: number, text: string): void {
		if (index !== this.count) throw new Error(`shared string ${index} out of order (expected ${this.count})`);
		this.room(Buffer.byteLength(text));
		this.used += this.bytes.write(text, this.used);
		this.quote[this.count] = needsQuote(text) ? 1 : 0;
		this.blankFlags[this.count] = text.trim() === '' ? 1 : 0;
		this.ends[this.count++] = this.used;
	}

	/** Appends the bytes [from, to) of `src`, which are the string's UTF-8 text as is (nothing to decode). */
	addBytes(src: Buffer, from: number, to: number): void {
		this.room(to - from);
		if (to - from < 64) for (let k = from, o = this.used; k < to; k++, o++) this.bytes[o] = src[k];
		else src.copy(this.bytes, this.used, from, to);
		let q = 0;
		// blank: only white space. A character that is not (a Chinese one's lead byte, any visible ASCII) settles it.
		let maybeBlank = true;
		for (let k = from; k < to; k++) {
			const b = src[k];
			if (b === QUOTE || b === 0x2c || b === 0x0a || b === 0x0d) q = 1;
			else if (maybeBlank && ((b > 0x20 && b < 0x80) || (b >= 0xc0 && b !== 0xc2 && b !== 0xe1 && b !== 0xe2 && b !== 0xe3 && b !== 0xef))) maybeBlank = false;
			if (q && !maybeBlank) break;
		}
		if (!q && to > from && (src[from] <= 0x20 || src[from] >= 0xc2)) q = needsQuote(src.toString('utf8', from, Math.min(to, from + 4))) ? 1 : 0;
		this.blankFlags[this.count] = maybeBlank && src.toString('utf8', from, to).trim() === '' ? 1 : 0;
		this.used += to - from;
		this.quote[this.count] = q;
		this.ends[this.count++] = this.used;
	}

	private start(index: number): number {
		return index === 0 ? 0 : this.ends[index - 1];
	}

	/** The string at `index`; a reference past the table (a damaged file) reads as empty. */
	get(index: number): string {
		if (!(index >= 0 && index < this.count)) return '';
		return this.bytes.toString('utf8', this.start(index), this.ends[index]);
	}

	/** True when the string at `index` is empty or white space (or past the table). */
	blank(index: number): boolean {
		return !(index >= 0 && index < this.count) || this.blankFlags[index] === 1;
	}

	/** Writes the string at `index` as a CSV field into `out` at `at`; returns the new end (out must have room). */
	writeCsv(index: number, out: Buffer, at: number): number {
		if (!(index >= 0 && index < this.count)) return at;
		const from = this.start(index);
		const to = this.ends[index];
		if (!this.quote[index]) {
			if (to - from >= 64) return at + this.bytes.copy(out, at, from, to);
			const bytes = this.bytes;
			for (let k = from; k < to; k++) out[at++] = bytes[k];
			return at;
		}
		out[at++] = QUOTE;
		for (let k = from; k < to; k++) {
			const b = this.bytes[k];
			out[at++] = b;
			if (b === QUOTE) out[at++] = QUOTE;
		}
		out[at++] = QUOTE;
		return at;
	}

	/** Bytes the field may take in CSV, at most. */
	csvBound(index: number): number {
		if (!(index >= 0 && index < this.count)) return 0;
		return (this.ends[index] - this.start(index)) * 2 + 2;
	}
}

/** Whether a cell's text must be quoted in the CSV the converter writes (as the text path quotes). */
export function needsQuote(s: string): boolean {
	return /[",\n\r]/.test(s) || /^\s/.test(s);
}

/** Excel's built-in number formats that show a date or a time (the Chinese ones included). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A number format code that shows a date or time (exceljs's rule: y m d h s b outside quotes and brackets). */
export function isDateFormat(code: string): boolean {
	return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (the s attribute: an index into cellXfs), whether its number format is a date. */
function dateStyles(xml: string): boolean[] {
	const custom = new Map<number, string>();
	for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
		const id = /numFmtId\s*=\s*["'](\d+)["']/.exec(m[0]);
		const code = /formatCode\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[0]);
		if (id && code) custom.set(Number(id[1]), xmlText(code[1] ?? code[2]));
	}
	const xfs = /<(?:\w+:)?cellXfs[\s>][\s\S]*?<\/(?:\w+:)?cellXfs>/.exec(xml);
	if (!xfs) return [];
	const out: boolean[] = [];
	for (const m of xfs[0].matchAll(/<(?:\w+:)?xf[\s/>][^>]*>/g)) {
		const id = /numFmtId\s*=\s*["'](\d+)["']/.exec(m[0]);
		const n = id ? Number(id[1]) : 0;
		const code = custom.get(n);
		out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(n));
	}
	return out;
}

/** A date-formatted number as the analyst saw it (exceljs's conversion, then the text the importer reads). */
export function serialText(serial: number, date1904: boolean): string {
	const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
	const d = new Date(ms);
	if (Number.isNaN(d.getTime())) return '';
	const iso = d.toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** A number cell's text: integers as they are, others to 15 significant digits (as exceljs + cellText did). */
export function numberText(raw: string): string {
	if (/^-?\d{1,15}$/.test(raw)) return raw[0] === '0' && raw.length > 1 ? String(Number(raw)) : raw;
	const v = parseFloat(raw);
	if (Number.isNaN(v)) return raw.trim();
	return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
}

/** One sheet of the workbook, in workbook order. */
export interface SheetInfo {
	name: string;
	entry: ZipEntry;
}

/** Cell kinds of a SheetRowRef. */
const SHARED = 1;
const TEXT = 2;

/**
 * One row of a sheet as the scanner found it: up to `count` cells, each a column (1-based) and either a shared
 * string's index or a text. Reused from row to row: copy what must outlive the next row.
 */
export class SheetRowRef {
	number = 0;
	count = 0;
	cols = new Int32Array(64);
	kinds = new Uint8Array(64);
	shared = new Int32Array(64);
	texts: string[] = [];

	constructor(private readonly strings: SharedStrings) {}

	push(col: number, kind: number, shared: number, text: string): void {
		if (this.count === this.cols.length) {
			const n = this.count * 2;
			const cols = new Int32Array(n);
			cols.set(this.cols);
			this.cols = cols;
			const kinds = new Uint8Array(n);
			kinds.set(this.kinds);
			this.kinds = kinds;
			const shared2 = new Int32Array(n);
			shared2.set(this.shared);
			this.shared = shared2;
		}
		this.cols[this.count] = col;
		this.kinds[this.count] = kind;
		this.shared[this.count] = shared;
		this.texts[this.count] = text;
		this.count++;
	}

	/** The row's cells from column A to its last cell, as text. */
	cells(): string[] {
		const out: string[] = [];
		for (let k = 0; k < this.count; k++) {
			const col = this.cols[k];
			while (out.length < col - 1) out.push('');
			const text = this.kinds[k] === SHARED ? this.strings.get(this.shared[k]) : this.texts[k];
			if (out.length === col - 1) out.push(text);
			else out[col - 1] = text; // a cell given twice: the later one
		}
		return out;
	}

	/** True when some cell holds more than white space. */
	nonEmpty(): boolean {
		for (let k = 0; k < this.count; k++) {
			if (this.kinds[k] === SHARED ? !this.strings.blank(this.shared[k]) : this.texts[k].trim() !== '') return true;
		}
		return false;
	}

	/** The largest shared string index the row refers to (-1: none). */
	maxShared(): number {
		let m = -1;
		for (let k = 0; k < this.count; k++) if (this.kinds[k] === SHARED && this.shared[k] > m) m = this.shared[k];
		return m;
	}

	/** A copy that outlives the scan (its strings read later, once loaded). */
	copy(): SheetRowRef {
		const c = new SheetRowRef(this.strings);
		c.number = this.number;
		for (let k = 0; k < this.count; k++) c.push(this.cols[k], this.kinds[k], this.shared[k], this.texts[k]);
		return c;
	}

	/**
	 * The row as one line of the line-prefixed CSV (its number, then `width` fields or as many as it has) into
	 * out from `at`; returns the new end, or -1 when `out` has too little room (at most `room` bytes are needed:
	 * see bound()).
	 */
	writeCsv(out: Buffer, at: number, width: number): number {
		at += out.write(String(this.number), at, 'latin1');
		let col = 1;
		for (let k = 0; k < this.count; k++) {
			const c = this.cols[k];
			if (c < col) return -2; // out of order: the caller writes it from its strings
			while (col < c) {
				out[at++] = 0x2c;
				col++;
			}
			out[at++] = 0x2c;
			col++;
			if (this.kinds[k] === SHARED) at = this.strings.writeCsv(this.shared[k], out, at);
			else {
				const t = this.texts[k];
				at += out.write(needsQuote(t) ? `"${t.replace(/"/g, '""')}"` : t, at, 'utf8');
			}
		}
		while (col <= width) {
			out[at++] = 0x2c;
			col++;
		}
		out[at++] = 0x0a;
		return at;
	}

	/** Bytes writeCsv may need. */
	bound(width: number): number {
		let n = 24 + width + (this.count > 0 ? this.cols[this.count - 1] : 0);
		for (let k = 0; k < this.count; k++) {
			n += this.kinds[k] === SHARED ? this.strings.csvBound(this.shared[k]) : this.texts[k].length * 6 + 2;
		}
		return n;
	}
}

/** What scanning a sheet found besides its rows. */
export interface SheetScan {
	/** Its merged ranges (read at its end); null when the scan stopped before the end. */
	merges: MergedRange[] | null;
}

function columnOf(buf: Buffer, from: number, to: number): number {
	let n = 0;
	for (let k = from; k < to; k++) {
		const c = buf[k];
		if (c >= 0x41 && c <= 0x5a) n = n * 26 + (c - 0x40);
		else if (c >= 0x61 && c <= 0x7a) n = n * 26 + (c - 0x60);
		else if (c !== 0x24) break; // $A$1
	}
	return n;
}

export class Workbook {
	readonly zip: ZipFile;
	readonly sheets: SheetInfo[] = [];
	private date1904 = false;
	private dates: boolean[] = [];
	private stringsLoaded: SharedStrings | null = null;
	private sharedEntry: ZipEntry | undefined;

	constructor(path: string) {
		this.zip = new ZipFile(path);
		const wbEntry = this.zip.find('xl/workbook.xml');
		const relsEntry = this.zip.find('xl/_rels/workbook.xml.rels');
		if (wbEntry) {
			const wb = this.zip.read(wbEntry).toString('utf8');
			this.date1904 = /<(?:\w+:)?workbookPr\s[^>]*date1904\s*=\s*["'](1|true)["']/.test(wb);
			const targets = new Map<string, string>();
			if (relsEntry) {
				for (const m of this.zip.read(relsEntry).toString('utf8').matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
					const id = /\sId\s*=\s*["']([^"']*)["']/.exec(m[0]);
					const target = /\sTarget\s*=\s*["']([^"']*)["']/.exec(m[0]);
					if (id && target) targets.set(id[1], target[1]);
				}
			}
			for (const m of wb.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
				const rid = /\s(?:\w+:)?id\s*=\s*["']([^"']*)["']/.exec(m[0]);
				const name = /\sname\s*=\s*["']([^"']*)["']/.exec(m[0]);
				const target = rid ? targets.get(rid[1]) : undefined;
				if (!target) continue;
				const full = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
				const entry = this.zip.find(full.replace(/[^/]+\/\.\.\//g, ''));
				if (entry) this.sheets.push({ name: xmlText(name?.[1] ?? ''), entry });
			}
		}
		if (this.sheets.length === 0) {
			// no workbook part to go by: the worksheets in the order of their numbers
			const found = [...this.zip.entries.entries()]
				.filter(([n]) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n))
				.sort(([a], [b]) => Number(/(\d+)\.xml$/i.exec(a)?.[1] ?? 0) - Number(/(\d+)\.xml$/i.exec(b)?.[1] ?? 0));
			for (const [n, entry] of found) this.sheets.push({ name: n, entry });
		}
		if (this.sheets.length === 0) throw new Error('no worksheet in the workbook');
		const stylesEntry = this.zip.find('xl/styles.xml');
		if (stylesEntry) this.dates = dateStyles(this.zip.read(stylesEntry).toString('utf8'));
		this.sharedEntry = this.zip.find('xl/sharedStrings.xml');
	}

	/** Bytes (compressed) of the shared strings part: the first stretch of a whole read. */
	get sharedBytes(): number {
		return this.sharedEntry?.compressedSize ?? 0;
	}

	private store = new SharedStrings();
	private sharedIter: AsyncIterator<Buffer> | null = null;
	private sharedStream: ReturnType<ZipFile['stream']> | null = null;
	private sharedDone = false;
	private sharedPending: Buffer | null = null;
	private siTags: { si: Buffer; siEnd: Buffer; parts: ShStringParts } | null = null;

	/**
	 * The shared strings, read (streamed: the part can be larger than the workbook) until index `until` is there,
	 * all of them by default; later calls go on where the last one stopped.
	 */
	async strings(until = Infinity, onCompressed?: (bytes: number) => void): Promise<SharedStrings> {
		const store = this.store;
		if (this.sharedDone || !this.sharedEntry) {
			this.sharedDone = true;
			return store;
		}
		if (!this.sharedIter) {
			this.sharedStream = this.zip.stream(this.sharedEntry, (n) => this.onSharedBytes?.(n), this.glance ? 1 << 16 : 1 << 20);
			this.sharedIter = (this.sharedStream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
		}
		this.onSharedBytes = onCompressed;
		while (store.size <= until) {
			const next = await this.sharedIter.next();
			if (next.done) {
				this.sharedDone = true;
				break;
			}
			const chunk = next.value;
			const pending = this.sharedPending;
			const buf: Buffer = pending && pending.length ? Buffer.concat([pending, chunk]) : chunk;
			if (!this.siTags) {
				const prefix = rootPrefix(buf);
				this.siTags = { si: Buffer.from(`<${prefix}si`), siEnd: Buffer.from(`</${prefix}si>`), parts: new ShStringParts(prefix) };
			}
			const { si, siEnd, parts } = this.siTags;
			let p = 0;
			for (;;) {
				// items follow each other: plain loops find the next one sooner than a native search is called
				const start = findTagNear(buf, si, p, buf.length);
				if (start < 0) {
					p = Math.max(p, buf.length - si.length);
					break;
				}
				const tagEnd = indexWithin(buf, GT, start, buf.length);
				if (tagEnd < 0) {
					p = start;
					break;
				}
				if (buf[tagEnd - 1] === SLASH) {
					store.addBytes(buf, 0, 0);
					p = tagEnd + 1;
					continue;
				}
				const end = scanFor(buf, siEnd, tagEnd, buf.length);
				if (end < 0) {
					p = start;
					break;
				}
				parts.add(store, buf, tagEnd + 1, end);
				p = end + siEnd.length;
			}
			this.sharedPending = p < buf.length ? Buffer.from(buf.subarray(p)) : null;
		}
		if (this.sharedDone) this.close();
		return store;
	}

	private onSharedBytes: ((bytes: number) => void) | undefined;

	/** Read in small chunks: for a look at the first rows only (a preview). */
	glance = false;

	/** Stops reading the shared strings (a preview that has what it needs). */
	close(): void {
		this.sharedStream?.destroy();
		this.sharedStream = null;
	}

	/**
	 * Scans a sheet's rows in order, handing each to `onRow` (the same SheetRowRef object every time); `onRow`
	 * returns false to stop. `onCompressed` is told the compressed bytes read so far.
	 */
	async scan(sheet: SheetInfo, onRow: (row: SheetRowRef) => boolean | void, onCompressed?: (bytes: number) => void): Promise<SheetScan> {
		const row = new SheetRowRef(this.store);
		const stream = this.zip.stream(sheet.entry, onCompressed, this.glance ? 1 << 16 : 1 << 20);
		let pending: Buffer | null = null;
		let tags: SheetTags | null = null;
		let inMerges = false;
		const merges: MergedRange[] = [];
		let lastRow = 0;
		let stopped = false;
		try {
			for await (const chunk of stream as AsyncIterable<Buffer>) {
				const buf: Buffer = pending && pending.length ? Buffer.concat([pending, chunk]) : chunk;
				tags ??= new SheetTags(rootPrefix(buf));
				let p = 0;
				const dataEnd = inMerges ? -1 : buf.indexOf(tags.sheetDataEnd);
				while (!inMerges) {
					let start = findTag(buf, tags.row, p, buf.length);
					if (dataEnd >= 0 && start > dataEnd) start = -1;
					if (start < 0) {
						if (dataEnd >= 0) {
							inMerges = true;
							p = dataEnd;
						} else p = Math.max(p, buf.length - tags.sheetDataEnd.length);
						break;
					}
					const tagEnd = buf.indexOf(GT, start);
					if (tagEnd < 0) {
						p = start;
						break;
					}
					let end: number;
					let contentEnd: number;
					if (buf[tagEnd - 1] === SLASH) {
						end = tagEnd + 1;
						contentEnd = tagEnd;
					} else {
						contentEnd = buf.indexOf(tags.rowEnd, tagEnd);
						if (contentEnd < 0) {
							p = start;
							break;
						}
						end = contentEnd + tags.rowEnd.length;
					}
					const r = rowNumber(buf, start + tags.row.length, tagEnd);
					row.number = r > 0 ? r : lastRow + 1;
					lastRow = row.number;
					this.cells(buf, tagEnd + 1, contentEnd, row, tags);
					p = end;
					if (onRow(row) === false) {
						stopped = true;
						return { merges: null };
					}
				}
				if (inMerges) {
					for (;;) {
						const start = findTag(buf, tags.mergeCell, p, buf.length);
						if (start < 0) {
							p = Math.max(p, buf.length - tags.mergeCell.length);
							break;
						}
						const tagEnd = buf.indexOf(GT, start);
						if (tagEnd < 0) {
							p = start;
							break;
						}
						const ref = attr(buf, start + tags.mergeCell.length, tagEnd, 'ref');
						const m = ref ? /^\$?([A-Za-z]+)\$?(\d+):\$?([A-Za-z]+)\$?(\d+)$/.exec(ref) : null;
						if (m) {
							const col = (s: string) => columnOf(Buffer.from(s.toUpperCase(), 'latin1'), 0, s.length);
							const [c1, r1, c2, r2] = [col(m[1]), Number(m[2]), col(m[3]), Number(m[4])];
							merges.push({ r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) });
						}
						p = tagEnd + 1;
					}
				}
				pending = p < buf.length ? Buffer.from(buf.subarray(p)) : null;
			}
			return { merges };
		} finally {
			if (stopped) stream.destroy();
		}
	}

	/** The cells of one row's content [from, to) into `row`. */
	private cells(buf: Buffer, from: number, to: number, row: SheetRowRef, tags: SheetTags): void {
		row.count = 0;
		let col = 0;
		let p = from;
		for (;;) {
			const start = findTagNear(buf, tags.c, p, to);
			if (start < 0) return;
			const tagEnd = indexWithin(buf, GT, start, to);
			if (tagEnd < 0) return;
			// attributes r, s, t (latin1 is enough: a cell's attributes are ASCII)
			let r = -1;
			let s = 0;
			let t = 0; // first letter of t: s(hared) / i(nlineStr) / b / e / d / (s)tr → 'S' / n
			let q = start + tags.c.length;
			while (q < tagEnd) {
				while (q < tagEnd && buf[q] <= 0x20) q++;
				const nameStart = q;
				while (q < tagEnd && buf[q] !== 0x3d && buf[q] > 0x20 && buf[q] !== SLASH) q++;
				const nameEnd = q;
				while (q < tagEnd && buf[q] !== QUOTE && buf[q] !== APOS) {
					if (buf[q] === SLASH) break;
					q++;
				}
				if (q >= tagEnd || buf[q] === SLASH) break;
				const quote = buf[q];
				const vStart = q + 1;
				const vEnd = indexWithin(buf, quote, vStart, tagEnd);
				if (vEnd < 0) break;
				q = vEnd + 1;
				if (nameEnd - nameStart !== 1) continue;
				const n = buf[nameStart];
				if (n === 0x72) r = columnOf(buf, vStart, vEnd);
				else if (n === 0x73) s = digits(buf, vStart, vEnd);
				else if (n === 0x74) {
					const a = buf[vStart];
					t = vEnd - vStart === 3 && a === 0x73 ? 0x53 /* str */ : a;
				}
			}
			col = r > 0 ? r : col + 1;
			if (buf[tagEnd - 1] === SLASH) {
				p = tagEnd + 1;
				continue;
			}
			const end = indexWithin(buf, tags.cEnd, tagEnd, to);
			const cEnd = end < 0 ? to : end;
			p = cEnd + tags.cEnd.length;
			if (t === 0x69 /* inlineStr */) {
				const is = findTag(buf, tags.is, tagEnd, cEnd);
				if (is >= 0) row.push(col, TEXT, 0, runText(buf, is, cEnd, tags.t, tags.tEnd, tags.rPh, tags.rPhEnd));
				continue;
			}
			const v = findTagNear(buf, tags.v, tagEnd, cEnd);
			if (v < 0) continue;
			const vOpen = indexWithin(buf, GT, v, cEnd);
			if (vOpen < 0 || buf[vOpen - 1] === SLASH) continue;
			const vClose = indexWithin(buf, tags.vEnd, vOpen, cEnd);
			if (vClose < 0) continue;
			if (t === 0x73 /* s */) {
				row.push(col, SHARED, digits(buf, vOpen + 1, vClose), '');
				continue;
			}
			const raw = buf.toString('utf8', vOpen + 1, vClose);
			let text: string;
			if (t === 0x53 /* str */ || t === 0x65 /* e */) text = decodeExcelEscapes(xmlText(raw));
			else if (t === 0x62 /* b */) text = parseInt(raw, 10) !== 0 ? 'TRUE' : 'FALSE';
			else if (t === 0x64 /* d: ISO 8601 */) {
				const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(raw.trim());
				text = m ? (m[2] && !/^00:00(:00)?$/.test(m[2]) ? `${m[1]} ${m[2].length === 5 ? m[2] + ':00' : m[2]}` : m[1]) : raw.trim();
			} else if (this.dates[s]) {
				const x = parseFloat(raw);
				text = Number.isNaN(x) ? '' : serialText(x, this.date1904);
			} else text = numberText(raw);
			if (text !== '') row.push(col, TEXT, 0, text);
		}
	}
}

/** The element names of one sheet's XML, with its namespace prefix. */
class SheetTags {
	readonly row: Buffer;
	readonly rowEnd: Buffer;
	readonly sheetDataEnd: Buffer;
	readonly mergeCell: Buffer;
	readonly c: Buffer;
	readonly cEnd: Buffer;
	readonly v: Buffer;
	readonly vEnd: Buffer;
	readonly is: Buffer;
	readonly t: Buffer;
	readonly tEnd: Buffer;
	readonly rPh: Buffer;
	readonly rPhEnd: Buffer;
	constructor(prefix: string) {
		const b = (s: string) => Buffer.from(s, 'latin1');
		this.row = b(`<${prefix}row`);
		this.rowEnd = b(`</${prefix}row>`);
		this.sheetDataEnd = b(`</${prefix}sheetData>`);
		this.mergeCell = b(`<${prefix}mergeCell`);
		this.c = b(`<${prefix}c`);
		this.cEnd = b(`</${prefix}c>`);
		this.v = b(`<${prefix}v`);
		this.vEnd = b(`</${prefix}v>`);
		this.is = b(`<${prefix}is`);
		this.t = b(`<${prefix}t`);
		this.tEnd = b(`</${prefix}t>`);
		this.rPh = b(`<${prefix}rPh`);
		this.rPhEnd = b(`</${prefix}rPh>`);
	}
}

/**
 * The text of a string item (a shared string's <si> or a cell's <is>) in [from, to): its <t> elements joined (the
 * runs of rich text), phonetic runs (<rPh>) left out, decoded.
 */
function runText(buf: Buffer, from: number, to: number, t: Buffer, tEnd: Buffer, rPh: Buffer, rPhEnd: Buffer): string {
	let out = '';
	let p = from;
	for (;;) {
		const start = findTag(buf, t, p, to);
		if (start < 0) break;
		const ph = findTag(buf, rPh, p, start);
		if (ph >= 0) {
			const phEnd = indexWithin(buf, rPhEnd, ph, to);
			p = phEnd < 0 ? to : phEnd + rPhEnd.length;
			continue;
		}
		const open = indexWithin(buf, GT, start, to);
		if (open < 0) break;
		if (buf[open - 1] === SLASH) {
			p = open + 1;
			continue;
		}
		const close = indexWithin(buf, tEnd, open, to);
		if (close < 0) break;
		out += buf.toString('utf8', open + 1, close);
		p = close + tEnd.length;
	}
	return decodeExcelEscapes(xmlText(out));
}

/** Turns one <si>'s content into a shared string: its bytes as they are when nothing needs decoding. */
class ShStringParts {
	private readonly t: Buffer;
	private readonly tEnd: Buffer;
	private readonly rPh: Buffer;
	private readonly rPhEnd: Buffer;
	private readonly r: Buffer;
	constructor(prefix: string) {
		this.t = Buffer.from(`<${prefix}t`, 'latin1');
		this.tEnd = Buffer.from(`</${prefix}t>`, 'latin1');
		this.rPh = Buffer.from(`<${prefix}rPh`, 'latin1');
		this.rPhEnd = Buffer.from(`</${prefix}rPh>`, 'latin1');
		this.r = Buffer.from(`<${prefix}r`, 'latin1');
	}

	add(store: SharedStrings, buf: Buffer, from: number, to: number): void {
		// the common case: <si><t>text</t></si> with nothing to decode
		const start = findTag(buf, this.t, from, to);
		if (start >= 0 && findTag(buf, this.r, from, to) < 0 && findTag(buf, this.rPh, from, to) < 0) {
			const open = indexWithin(buf, GT, start, to);
			if (open > 0 && buf[open - 1] === SLASH) return store.addBytes(buf, 0, 0);
			const close = open > 0 ? indexWithin(buf, this.tEnd, open, to) : -1;
			if (close > open && findTag(buf, this.t, close + this.tEnd.length, to) < 0) {
				if (plainBytes(buf, open + 1, close)) return store.addBytes(buf, open + 1, close);
			}
		}
		store.add(store.size, runText(buf, from, to, this.t, this.tEnd, this.rPh, this.rPhEnd));
	}
}

/** True when bytes [from, to) are text as they stand: no entity, no CR, no _xHHHH_ escape. */
function plainBytes(buf: Buffer, from: number, to: number): boolean {
	for (let k = from; k < to; k++) {
		const b = buf[k];
		if (b === 0x26 || b === 0x0d || (b === 0x5f && buf[k + 1] === 0x78)) return false;
	}
	return true;
}

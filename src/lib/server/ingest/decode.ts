// Decode step: turns an export (CSV/TSV in UTF-8, UTF-8 with BOM or GB18030; or XLSX) into a temporary UTF-8
// file DuckDB reads, streaming (bounded memory for any size), each record prefixed with its physical line.
// A UTF-8 export that needs no rewriting (LF line breaks, a one-line header) may instead be read by DuckDB as it
// is: then decoding only reads its header, and a scan of the file for the line each record starts on runs
// alongside DuckDB's parse (see `direct`); whatever the scan finds against it, the import rewrites after all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import { UserInputError } from '../errors.ts';
import { completeUtf8Length, detectEncoding, hasUtf8Bom, type DetectedEncoding } from './encoding.ts';
import { RecordRewriter, sniffDelimiter, splitRecord } from './rewrite.ts';
import { xlsxToPrefixedCsv } from './xlsx.ts';
import { findHeaderRows, HEADER_SEARCH_ROWS, nonEmptyRow, recognizeAliases, type HeaderRecognizer } from './header-row.ts';
import type { DirectRead } from './stage.ts';
import { gb18030ToUtf8, type Transcoded } from './transcode.ts';
import type { EncodingChoice } from './types.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';
import type { RecordStarts } from './starts.ts';

const CHUNK = 4 * 1024 * 1024;

export interface DecodedFile {
	/** Temporary UTF-8 file: no header, LF-terminated records, first field = physical line of the record. */
	path: string;
	/** The temporary directory holding it (removed by cleanup()). */
	dir: string;
	headers: string[];
	delimiter: string;
	/** What was read: utf-8, utf-8-bom, gb18030 or xlsx. */
	encoding: DetectedEncoding | 'xlsx';
	encodingReason: string;
	/** Data records seen by the splitter (DuckDB's count is authoritative; this drives progress). */
	records: number;
	/** The line (sheet row) of the header: 1 unless title rows or blank lines come first. */
	headerLine: number;
	sourceBytes: number;
	/**
	 * Set when `path` is the export itself (no line prefix, header row kept): the scan that gives the physical
	 * line of every record resolves once the whole file has been read.
	 */
	direct?: DirectRead & {
		/** Hands the scan over (once: its start lines, a byte a record, are then the caller's alone to free). */
		takeScan(): Promise<LineScan>;
	};
	cleanup(): void;
}

/** The physical line each data record starts on, or why the file has to be rewritten before DuckDB reads it. */
export type LineScan = { ok: true; starts: RecordStarts } | { ok: false; reason: string };

export interface DecodeOptions {
	encoding?: EncodingChoice;
	/** The delimiter (forced: title rows found it already). */
	delimiter?: string;
	/** A profile's delimiter: preferred when the header line has it, else sniffed. */
	delimiterHint?: string;
	/** Profile's encoding hint: used only when detection cannot tell (mixed samples); detection wins otherwise. */
	encodingHint?: 'utf-8' | 'gb18030';
	onProgress?: (fraction: number) => void;
	/** Displayed file name for error messages. */
	displayName?: string;
	/** Let DuckDB read a UTF-8 export as it is when it may (see the module comment). */
	direct?: boolean;
	/** Records above the header to drop (set by decodeText when it finds title rows). */
	skipRecords?: number;
	/** The column names of a two-row header (set by decodeText), instead of the header record's own. */
	headers?: string[];
	/** The header row is the first naming two case fields by this count (aliases by default): rows above it go. */
	recognize?: HeaderRecognizer;
}

export function isXlsxPath(filePath: string): boolean {
	return path.extname(filePath).toLowerCase() === '.xlsx';
}

/** What the first bytes say a file is, where that decides how (or whether) it can be read. */
function sniffKind(filePath: string): 'zip' | 'ole' | 'utf-16' | 'other' {
	const b = readHead(filePath, 8);
	if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
	// OLE2 compound file: an Excel 97-2003 workbook (.xls; WPS's .et too)
	if (b.length === 8 && b.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
	if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'utf-16';
	return 'other';
}

function makeTempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-import-'));
}

/** Decodes and rewrites a file; on any failure the temporary directory is already removed. */
export async function decodeFile(filePath: string, opts: DecodeOptions = {}): Promise<DecodedFile> {
	const shown = opts.displayName ?? path.basename(filePath);
	let stat: fs.Stats;
	try {
		stat = fs.statSync(filePath);
		if (!stat.isFile()) throw new Error('not a file');
	} catch {
		throw new UserInputError('file_not_found', ingestText.fileNotFound, { file: shown });
	}
	const dir = makeTempDir();
	const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
	try {
		const kind = sniffKind(filePath);
		if (kind === 'ole') throw new UserInputError('xls_unsupported', ingestText.xlsUnsupported, { file: shown });
		if (kind === 'utf-16') throw new UserInputError('utf16_unsupported', ingestText.utf16Unsupported, { file: shown });
		if (isXlsxPath(filePath) || kind === 'zip') {
			const out = path.join(dir, 'records.csv');
			const res = await xlsxToPrefixedCsv(filePath, out, { displayName: shown, onProgress: opts.onProgress, recognize: opts.recognize });
			return {
				path: out,
				dir,
				headers: res.headers,
				delimiter: ',',
				encoding: 'xlsx',
				encodingReason: 'XLSX',
				records: res.records,
				headerLine: res.headerLine,
				sourceBytes: stat.size,
				cleanup
			};
		}
		return await decodeText(filePath, stat.size, dir, cleanup, shown, opts);
	} catch (e) {
		cleanup();
		throw e;
	}
}

function readHead(filePath: string, bytes: number): Buffer {
	const fd = fs.openSync(filePath, 'r');
	try {
		const head = Buffer.alloc(bytes);
		const n = fs.readSync(fd, head, 0, bytes, 0);
		return head.subarray(0, n);
	} finally {
		fs.closeSync(fd);
	}
}

class RestartAsGb18030 extends Error {}

async function decodeText(
	filePath: string,
	size: number,
	dir: string,
	cleanup: () => void,
	shown: string,
	opts: DecodeOptions
): Promise<DecodedFile> {
	if (size === 0) throw new UserInputError('file_empty', ingestText.fileEmpty, { file: shown });
	let encoding: DetectedEncoding;
	let reason: string;
	const choice = opts.encoding ?? 'auto';
	let verifyUtf8 = false;
	if (choice === 'auto') {
		const det = await detectEncoding(filePath);
		encoding = det.encoding;
		reason = det.reason;
		// A profile's encoding only settles what the samples left open; a file that is clearly one encoding is read so.
		if (opts.encodingHint && det.confidence <= 0.5) {
			encoding = opts.encodingHint === 'gb18030' ? 'gb18030' : hasUtf8Bom(readHead(filePath, 3)) ? 'utf-8-bom' : 'utf-8';
			reason = ingestText.encodingForced(opts.encodingHint);
		}
		verifyUtf8 = encoding !== 'gb18030';
	} else {
		encoding = choice;
		reason = ingestText.encodingForced(choice);
		if (choice === 'utf-8') {
			if (hasUtf8Bom(readHead(filePath, 3))) encoding = 'utf-8-bom';
		}
		checkForcedEncoding(readHead(filePath, HEADER_BYTES), choice, shown);
	}
	// Title rows above the header: only the rewrite drops them (and sniffs the delimiter on the header).
	const start = readHead(filePath, HEADER_BYTES); // read once for both looks at the file's first lines
	const titles = findTitleRows(start, encoding === 'gb18030' ? 'gb18030' : 'utf-8', opts.delimiter, opts.recognize ?? recognizeAliases, opts.delimiterHint);
	if (titles) opts = { ...opts, delimiter: titles.delimiter, skipRecords: titles.skip, headers: titles.headers };
	else if (opts.direct && encoding !== 'gb18030') {
		const head = readHeaderDirect(start, opts.delimiter, opts.delimiterHint);
		if (head) {
			// The scan stops when the import ends first (a mapping error, say); its outcome is read by the import.
			const abort = new AbortController();
			const scan = scanLines(filePath, size, head, verifyUtf8, opts.onProgress, abort.signal);
			scan.catch(() => undefined);
			return {
				path: filePath,
				dir,
				headers: head.headers,
				delimiter: head.delimiter,
				records: 0,
				headerLine: 1,
				encoding,
				encodingReason: reason,
				sourceBytes: size,
				direct: { newline: head.newline, takeScan: handOver(scan) },
				cleanup: () => {
					abort.abort();
					cleanup();
				}
			};
		}
	}
	const out = path.join(dir, 'records.csv');
	try {
		const res = await rewriteFile(filePath, out, size, encoding === 'gb18030' ? 'gb18030' : 'utf-8', verifyUtf8, opts);
		return { path: out, dir, ...res, encoding, encodingReason: reason, sourceBytes: size, cleanup };
	} catch (e) {
		if (!(e instanceof RestartAsGb18030)) throw e;
		// The samples looked like UTF-8 but the file is GB18030 further in: start again, decoding it.
		const res = await rewriteFile(filePath, out, size, 'gb18030', false, opts);
		return {
			path: out,
			dir,
			...res,
			encoding: 'gb18030',
			encodingReason: ingestText.encodingGb,
			sourceBytes: size,
			cleanup
		};
	}
}

/**
 * Title rows above an export's header (see header-row.ts), from `start`, its first megabyte: how many records come before
 * the header row and the delimiter it is split with; null when the first non-empty record is the header (or no
 * record names two case fields: the missing-field error then lists the first one's headers).
 */
function findTitleRows(
	start: Buffer,
	decodeAs: 'utf-8' | 'gb18030',
	delimiter: string | undefined,
	recognize: HeaderRecognizer,
	hint?: string
): { skip: number; delimiter: string; headers?: string[] } | null {
	const text = new TextDecoder(decodeAs).decode(hasUtf8Bom(start) ? start.subarray(3) : start);
	const tried = delimiter ? [delimiter] : [...new Set([...(hint ? [hint] : []), ',', '\t', ';'])];
	for (const d of tried) {
		// Split as the rewrite does: quotes kept together, empty lines not records.
		const records = Papa.parse<string[]>(text, { delimiter: d, preview: HEADER_SEARCH_ROWS * 4, skipEmptyLines: true }).data;
		const candidates = records
			.map((cells, index) => ({ cells, index }))
			.filter((r) => nonEmptyRow(r.cells))
			.slice(0, HEADER_SEARCH_ROWS + 1); // one more: a two-row header's lower half
		const found = findHeaderRows(
			candidates.map((r) => r.cells),
			recognize
		);
		if (!found.named) continue;
		if (found.index === 0 && found.rows === 1) return null;
		// The rewrite drops every record before the header's last row, which it then reads as the header.
		return { skip: candidates[found.index + found.rows - 1].index, delimiter: d, headers: found.rows === 2 ? found.headers : undefined };
	}
	return null;
}

const CR = 0x0d;
/** Longest header a direct read looks for (a longer first line goes through the rewrite). */
const HEADER_BYTES = 1 << 20;

/**
 * The header, delimiter and line break of an export DuckDB may read as it is: a one-line header ended by LF or
 * CR LF, with no other CR (from `start`, the file's first bytes); else null.
 */
function readHeaderDirect(start: Buffer, delimiter?: string, hint?: string): ({ headers: string[]; delimiter: string } & DirectRead) | null {
	let head = start;
	if (hasUtf8Bom(head)) head = head.subarray(3);
	const nl = head.indexOf(0x0a);
	if (nl <= 0) return null;
	const newline = head[nl - 1] === CR ? '\r\n' : '\n';
	const line = head.subarray(0, newline === '\n' ? nl : nl - 1);
	if (line.includes(CR)) return null;
	const delim = delimiter ?? sniffDelimiter(line.toString('utf8'), hint);
	const rw = new RecordRewriter(delim, { scan: true });
	rw.push(head.subarray(0, nl + 1));
	const header = rw.header();
	if (!header || rw.headerLines !== 1 || rw.headerStartLine !== 1) return null; // a quoted line break: not one line
	const text = header.toString('utf8');
	if (!text.trim()) return null;
	return { headers: splitRecord(text, delim), delimiter: delim, newline };
}

function handOver<T>(value: Promise<T>): () => Promise<T> {
	let held: Promise<T> | null = value;
	return () => {
		if (!held) throw new Error('the scan was already taken');
		const taken = held;
		held = null;
		return taken;
	};
}

/** Checks consecutive chunks are UTF-8 (a character may straddle two chunks). */
class Utf8Check {
	private carry: Buffer | null = null;
	/** The complete characters of the held-back bytes and chunk, and whether they are UTF-8. */
	push(chunk: Buffer, atEnd: boolean): { utf8: boolean; body: Buffer } {
		const joined: Buffer = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
		const complete = atEnd ? joined.length : completeUtf8Length(joined);
		const body = joined.subarray(0, complete);
		this.carry = complete < joined.length ? Buffer.from(joined.subarray(complete)) : null;
		return { utf8: isUtf8(body), body };
	}
}

/**
 * The scan of a direct read over consecutive UTF-8 chunks: the same record splitting as the rewrite, writing
 * nothing, recording each record's start line and which line breaks end the records.
 */
class LineScanner {
	private readonly records: RecordRewriter;
	private crs = 0;
	private first = true;

	constructor(delimiter: string) {
		this.records = new RecordRewriter(delimiter, { scan: true });
	}

	push(chunk: Buffer): void {
		for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) this.crs++;
		if (this.first) {
			this.first = false;
			if (hasUtf8Bom(chunk)) chunk = chunk.subarray(3);
		}
		this.records.push(chunk);
	}

	get sawCR(): boolean {
		return this.crs > 0;
	}

	/**
	 * Once every chunk is in: not ok when the header is not one line, or a CR is anything but the CR of a CR LF
	 * record end, or the records do not all end with the line break the header announced (DuckDB's strict reader
	 * and the rewrite treat those differently).
	 */
	result(newline: DirectRead['newline']): LineScan {
		const r = this.records;
		r.end();
		if (r.headerStartLine !== 1 || r.headerLines !== 1) return { ok: false, reason: 'header' };
		const ends = newline === '\n' ? r.lfEnds : r.crlfEnds;
		const otherEnds = newline === '\n' ? r.crlfEnds : r.lfEnds;
		if (this.crs !== r.crlfEnds || otherEnds > 0 || ends === 0) return { ok: false, reason: 'line breaks' };
		return { ok: true, starts: r.startLines() };
	}
}

/** The scan of a UTF-8 export DuckDB reads as it is (see LineScanner); also not ok when it is not UTF-8 throughout. */
async function scanLines(
	src: string,
	size: number,
	head: { delimiter: string } & DirectRead,
	verifyUtf8: boolean,
	onProgress: ((fraction: number) => void) | undefined,
	signal: AbortSignal
): Promise<LineScan> {
	const scanner = new LineScanner(head.delimiter);
	const check = verifyUtf8 ? new Utf8Check() : null;
	let done = 0;
	for await (const raw of fs.createReadStream(src, { highWaterMark: CHUNK, signal })) {
		const chunk = raw as Buffer;
		done += chunk.length;
		if (check && !check.push(chunk, done >= size).utf8) return { ok: false, reason: 'not UTF-8' };
		scanner.push(chunk);
		if (head.newline === '\n' && scanner.sawCR) return { ok: false, reason: 'CR' };
		onProgress?.(size > 0 ? done / size : 1);
	}
	return scanner.result(head.newline);
}

const gbStrict = new TextDecoder('gb18030', { fatal: true });

/**
 * An encoding the analyst forced must fit the file: a file whose first megabyte is not valid in it (or, forced to
 * GB18030, is Chinese UTF-8) stops the import with the header as that encoding decodes it, so the analyst sees why.
 */
function checkForcedEncoding(head: Buffer, forced: 'utf-8' | 'gb18030', shown: string): void {
	const body = hasUtf8Bom(head) ? head.subarray(3) : head;
	const utf8 = isUtf8(body.subarray(0, completeUtf8Length(body)));
	const nonAscii = body.some((b) => b >= 0x80);
	const fits = forced === 'utf-8' ? utf8 : decodesAsGb18030(body) && !(utf8 && nonAscii);
	if (fits) return;
	const text = new TextDecoder(forced).decode(body);
	const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
	const headers = splitRecord(firstLine, sniffDelimiter(firstLine));
	throw new UserInputError('encoding_mismatch', ingestText.encodingMismatch(forced, headers), { file: shown, line: 1 }, { headers });
}

function decodesAsGb18030(buf: Uint8Array): boolean {
	for (let cut = 0; cut <= 3; cut++) {
		try {
			gbStrict.decode(buf.subarray(0, buf.length - cut));
			return true;
		} catch {
			/* next */
		}
	}
	return false;
}

/** The file's bytes as they are, chunk by chunk (the UTF-8 counterpart of gb18030ToUtf8). */
async function* utf8Chunks(src: string): AsyncGenerator<Transcoded> {
	for await (const raw of fs.createReadStream(src, { highWaterMark: CHUNK })) yield { read: (raw as Buffer).length, chunk: raw as Buffer };
}

async function rewriteFile(
	src: string,
	dest: string,
	size: number,
	decodeAs: 'utf-8' | 'gb18030',
	verifyUtf8: boolean,
	opts: DecodeOptions
): Promise<{ headers: string[]; delimiter: string; records: number; headerLine: number }> {
	const output = fs.createWriteStream(dest);
	const outputError = new Promise<never>((_, reject) => output.on('error', reject));
	outputError.catch(() => undefined);
	let rewriter: RecordRewriter | null = null;
	let delimiter = opts.delimiter;
	let first = true;
	let done = 0;
	const check = verifyUtf8 ? new Utf8Check() : null;
	const write = async (buf: Buffer) => {
		if (buf.length === 0) return;
		if (!output.write(buf)) await Promise.race([new Promise<void>((r) => output.once('drain', () => r())), outputError]);
	};
	try {
		for await (const { read, chunk: utf8 } of decodeAs === 'gb18030' ? gb18030ToUtf8(src, CHUNK) : utf8Chunks(src)) {
			let chunk = utf8;
			done += read;
			if (check) {
				const { utf8: ok, body } = check.push(chunk, done >= size);
				if (!ok && decodesAsGb18030(body)) throw new RestartAsGb18030();
			}
			if (chunk.length === 0) continue;
			if (first) {
				first = false;
				if (hasUtf8Bom(chunk)) chunk = chunk.subarray(3);
				if (!delimiter) {
					const nl = chunk.indexOf(0x0a);
					delimiter = sniffDelimiter(chunk.subarray(0, nl < 0 ? Math.min(chunk.length, 65536) : nl).toString('utf8'), opts.delimiterHint);
				}
				rewriter = new RecordRewriter(delimiter, { skipRecords: opts.skipRecords });
			}
			await write(rewriter!.push(chunk));
			opts.onProgress?.(size > 0 ? done / size : 1);
		}
		if (!rewriter) rewriter = new RecordRewriter(delimiter ?? ',');
		await write(rewriter.end());
		await new Promise<void>((resolve, reject) => output.end((err?: Error | null) => (err ? reject(err) : resolve())));
	} catch (e) {
		output.destroy();
		throw e;
	}
	const headerBuf = rewriter.header();
	const headerText = headerBuf ? headerBuf.toString('utf8') : '';
	if (!headerText.trim()) throw new UserInputError('no_header', ingestText.noHeader, { file: opts.displayName, line: 1 });
	const headers = opts.headers ?? splitRecord(headerText, delimiter!);
	return { headers, delimiter: delimiter!, records: rewriter.records, headerLine: rewriter.headerStartLine };
}

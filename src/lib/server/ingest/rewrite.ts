// Decode step, byte level: splits UTF-8 CSV bytes into records the way DuckDB's reader does and prefixes
// every data record with its physical line number, so each row (kept or rejected) knows where it came from.
// Record terminators become LF (DuckDB's strict reader rejects a file that mixes CR styles), blank lines go.
import { RecordStarts } from './starts.ts';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;

type FieldState = 'start' | 'unquoted' | 'quoted' | 'quoteSeen';

/**
 * Streaming rewriter. push() takes consecutive UTF-8 chunks and returns the bytes to write; end() flushes.
 * The first record is the header: it is collected (see header()) and not written. With `skipRecords: k` the k
 * records before it (a title row above the table, say) are dropped; they are not data.
 * Only three bytes matter (quote, LF, CR) and they are found with indexOf, so the pass runs near memchr speed.
 *
 * In scan mode (`{ scan: true }`) nothing is written: the same splitting only records the physical line each
 * data record starts on (startLines()), for a file DuckDB reads as it is.
 */
export class RecordRewriter {
	private readonly delim: number;
	/** Scan mode (set only then): start line of every data record so far, in order. */
	private readonly starts: RecordStarts | null;
	/** Physical line (1-based) at the current position. */
	private line = 1;
	private state: FieldState = 'start';
	/** True between records: the next non-blank byte starts a record (and gets its line prefix). */
	private atRecordStart = true;
	/** A CR seen at a chunk's end whose meaning depends on the next byte. */
	private pendingCR = false;
	private inHeader = true;
	/** Records still to drop before the header. */
	private skip: number;
	private headerParts: Buffer[] = [];
	private headerDone = false;
	/**
	 * Last non-space byte before the current chunk (for the field-start test of a quote preceded only by spaces
	 * in this chunk): the spaces before a quote may end an earlier chunk.
	 */
	private prevByte = LF;
	/** Data records started so far (not counting the header). */
	records = 0;
	/** Lines the header occupied (a quoted header cell may contain a line break). */
	headerLines = 0;
	/** Line the header record started on (1 unless blank lines precede it). */
	headerStartLine = 1;
	/** Records (the header too) ended by a bare LF, and by CR LF. */
	lfEnds = 0;
	crlfEnds = 0;

	constructor(delimiter: string, opts: { scan?: boolean; skipRecords?: number } = {}) {
		if (Buffer.byteLength(delimiter) !== 1) throw new Error('delimiter must be one byte');
		this.delim = delimiter.charCodeAt(0);
		this.starts = opts.scan ? new RecordStarts() : null;
		this.skip = opts.skipRecords ?? 0;
	}

	/** Scan mode: the physical line each data record starts on, in file order. */
	startLines(): RecordStarts {
		if (!this.starts) throw new Error('startLines() is for scan mode');
		return this.starts;
	}

	/** The header record's bytes (without its terminator) once it is complete. */
	header(): Buffer | null {
		return this.headerDone ? Buffer.concat(this.headerParts) : null;
	}

	/** Physical lines seen so far (the last line counts even without a final line break). */
	get lines(): number {
		return this.line;
	}

	push(chunk: Buffer): Buffer {
		const n = chunk.length;
		// Output goes straight into one buffer per chunk (copies, no per-record Buffer objects): the pass ran at
		// half the speed when every record made a prefix slice, a data slice and a Buffer.concat entry.
		this.out = this.starts ? EMPTY : Buffer.allocUnsafe(n + (n >> 3) + 64);
		this.outPos = 0;
		const put = (b: Buffer) => (this.inHeader ? this.headerParts.push(b) : this.append(b, 0, b.length));
		let seg = 0; // start of the not-yet-emitted slice of chunk
		const emit = (end: number) => {
			if (end > seg) {
				if (this.inHeader) this.headerParts.push(chunk.subarray(seg, end));
				else this.append(chunk, seg, end);
			}
		};
		let i = 0;
		let recordStart = -1; // index in chunk where the current record began (-1: in an earlier chunk)
		let nextQuote = -2; // cached index of the next quote at or after the scan position (-1: none left)
		let nextCR = -2;
		const findQuote = (from: number) => {
			if (nextQuote !== -1 && nextQuote < from) nextQuote = chunk.indexOf(QUOTE, from);
			return nextQuote;
		};
		const findCR = (from: number) => {
			if (nextCR !== -1 && nextCR < from) nextCR = chunk.indexOf(CR, from);
			return nextCR;
		};
		const isFieldStart = (q: number) => {
			let k = q - 1;
			while (k >= 0 && k >= recordStart && chunk[k] === SPACE) k--;
			if (recordStart >= 0 && k < recordStart) return true;
			const before = k >= 0 ? chunk[k] : this.prevByte;
			return before === this.delim;
		};

		let crBeforeChunk = false; // the previous chunk ended with a CR and this one starts with LF
		if (this.pendingCR) {
			// A CR ended the previous chunk and was not emitted; its meaning depends on this byte.
			this.pendingCR = false;
			crBeforeChunk = n > 0 && chunk[0] === LF;
			if (n > 0 && chunk[0] !== LF) {
				if (this.state === 'quoted') {
					put(NL);
					this.line++;
				} else if (!this.atRecordStart) {
					put(SP);
				}
			}
		}

		while (i < n) {
			if (this.atRecordStart) {
				const b = chunk[i];
				if (b === LF || b === CR) {
					// blank line (skipped, but a physical line) or a lone CR (dropped)
					if (b === LF) this.line++;
					else if (i + 1 === n) this.pendingCR = true;
					else if (chunk[i + 1] === LF) {
						this.line++;
						i++;
					}
					i++;
					seg = i;
					continue;
				}
				this.atRecordStart = false;
				this.state = 'start';
				seg = i;
				recordStart = i;
				if (this.inHeader) this.headerStartLine = this.line;
				else {
					this.records++;
					this.prefix(this.line);
				}
			}

			switch (this.state) {
				case 'start': {
					const b = chunk[i];
					if (b === QUOTE) {
						this.state = 'quoted';
						i++;
					} else if (b === SPACE) i++;
					else this.state = 'unquoted';
					break;
				}
				case 'unquoted': {
					const nl = chunk.indexOf(LF, i);
					const end = nl === -1 ? n : nl;
					const q = findQuote(i);
					const stop = q !== -1 && q < end ? q : end;
					// Stray CRs (not the CR of a CRLF terminator) become spaces.
					let cr = findCR(i);
					while (cr !== -1 && cr < stop) {
						if (cr === nl - 1) break;
						emit(cr);
						seg = cr + 1;
						if (cr === n - 1) {
							this.pendingCR = true;
							break;
						}
						put(SP);
						cr = findCR(cr + 1);
					}
					if (this.pendingCR) {
						i = n;
						break;
					}
					if (stop === q) {
						if (isFieldStart(q)) this.state = 'quoted';
						i = q + 1;
						break;
					}
					if (nl === -1) {
						i = n;
						break;
					}
					// End of record: its bytes without a CR right before the LF, then a bare LF.
					const crlf = nl > 0 ? chunk[nl - 1] === CR : crBeforeChunk;
					if (crlf) this.crlfEnds++;
					else this.lfEnds++;
					emit(nl > 0 && crlf ? nl - 1 : nl);
					if (this.inHeader) {
						if (this.skip > 0) {
							this.skip--; // a record above the header: dropped, the next one may be the header
							this.headerParts = [];
						} else {
							this.inHeader = false;
							this.headerDone = true;
							this.headerLines = this.line - this.headerStartLine + 1;
						}
					} else this.append(NL, 0, 1);
					this.line++;
					this.atRecordStart = true;
					i = nl + 1;
					seg = i;
					break;
				}
				case 'quoted': {
					const q = findQuote(i);
					const end = q === -1 ? n : q;
					// Line breaks inside a quoted field are counted; CRLF and a lone CR become LF.
					let nl = chunk.indexOf(LF, i);
					while (nl !== -1 && nl < end) {
						this.line++;
						nl = chunk.indexOf(LF, nl + 1);
					}
					let cr = findCR(i);
					while (cr !== -1 && cr < end) {
						emit(cr);
						seg = cr + 1;
						if (cr + 1 === n) this.pendingCR = true;
						else if (chunk[cr + 1] !== LF) {
							put(NL);
							this.line++;
						}
						cr = findCR(cr + 1);
					}
					if (q === -1) {
						i = n;
						break;
					}
					this.state = 'quoteSeen';
					i = q + 1;
					break;
				}
				case 'quoteSeen': {
					if (chunk[i] === QUOTE) {
						this.state = 'quoted'; // "" is an escaped quote
						i++;
					} else this.state = 'unquoted';
					break;
				}
			}
		}
		emit(n);
		let last = n - 1;
		while (last >= 0 && chunk[last] === SPACE) last--;
		if (last >= 0) this.prevByte = chunk[last];
		const result = this.out.subarray(0, this.outPos);
		this.out = EMPTY;
		return result;
	}

	/** The output of the chunk being pushed (a fresh buffer per push: the caller keeps the returned one). */
	private out = EMPTY;
	private outPos = 0;

	/** Makes room for `extra` more output bytes (grows by copying; the first guess nearly always suffices). */
	private reserve(extra: number): void {
		if (this.outPos + extra <= this.out.length) return;
		const grown = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.outPos + extra));
		this.out.copy(grown, 0, 0, this.outPos);
		this.out = grown;
	}

	private append(src: Buffer, start: number, end: number): void {
		if (this.starts) return;
		this.reserve(end - start);
		this.outPos += src.copy(this.out, this.outPos, start, end);
	}

	/** Writes a data record's line prefix (`<line><delimiter>`) to the output. */
	private prefix(line: number): void {
		if (this.starts) {
			this.starts.push(line);
			return;
		}
		this.reserve(24);
		const out = this.out;
		let digits = 1;
		for (let v = line; v >= 10; v = Math.floor(v / 10)) digits++;
		let at = this.outPos + digits;
		out[at] = this.delim;
		for (let v = line; at > this.outPos; v = Math.floor(v / 10)) out[--at] = 48 + (v % 10);
		this.outPos += digits + 1;
	}

	/** Flushes the end of input: a last record without a line break still ends, and gets one. */
	end(): Buffer {
		const out: Buffer[] = [];
		if (this.pendingCR) {
			this.pendingCR = false;
			if (this.state === 'quoted' && !this.atRecordStart) out.push(NL);
		}
		if (!this.atRecordStart) {
			if (this.inHeader) {
				if (this.skip > 0) this.headerParts = []; // only records to drop: no header
				this.inHeader = false;
				this.headerDone = true;
				this.headerLines = this.line - this.headerStartLine + 1;
			} else out.push(NL);
			this.atRecordStart = true;
		} else if (this.inHeader) {
			this.headerDone = true;
		}
		return Buffer.concat(out);
	}
}

const NL = Buffer.from('\n');
const EMPTY = Buffer.alloc(0);
const SP = Buffer.from(' ');

/** Splits one CSV record (already a complete string) into fields: RFC 4180 quoting with "" as escape. */
export function splitRecord(text: string, delimiter: string): string[] {
	const fields: string[] = [];
	let cur = '';
	let i = 0;
	let quoted = false;
	let atStart = true;
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cur += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				continue;
			}
			cur += ch;
			i++;
			continue;
		}
		if (ch === delimiter) {
			fields.push(cur);
			cur = '';
			atStart = true;
			i++;
			continue;
		}
		if (ch === '"' && atStart && cur.trim() === '') {
			quoted = true;
			cur = '';
			atStart = false;
			i++;
			continue;
		}
		atStart = false;
		cur += ch;
		i++;
	}
	fields.push(cur);
	return fields;
}

/** The delimiter of a header line: the most frequent of tab, comma and semicolon outside quotes (comma on a tie). */
export function sniffDelimiter(headerLine: string, hint?: string): ',' | '\t' | ';' {
	const counts = { ',': 0, '\t': 0, ';': 0 };
	let quoted = false;
	for (const ch of headerLine) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
	}
	// A profile's delimiter is a hint: taken when the header line has it at all, else the line decides.
	if (hint !== undefined && hint in counts && counts[hint as ',' | '\t' | ';'] > 0) return hint as ',' | '\t' | ';';
	if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
	if (counts[';'] > counts[',']) return ';';
	return ',';
}

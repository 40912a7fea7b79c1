// Parses the first rows of a CSV/TSV slice for the import page's preview (papaparse, in the Web Worker).
// Only a slice of the file is ever read, so a 300 MB export previews as fast as a small one.
import Papa from 'papaparse';
import { HEADER_SEARCH_ROWS, PREVIEW_ROWS } from '../../import-limits.ts';
import { decoderFor, detectEncoding, utf8BoundaryLength, type DecoderEncoding, type DetectedEncoding } from './encoding.ts';

/** Bytes read from the start of the file for detection and preview. */
export const PREVIEW_SAMPLE_BYTES = 1024 * 1024;

export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

export interface CsvPreview {
	/** What the bytes look like (always computed, so the page can say "detected" even when forced). */
	detected: DetectedEncoding;
	/** What was used to decode: the forced choice, else the detected one. */
	encoding: DecoderEncoding;
	delimiter: string;
	headers: string[];
	rows: string[][];
	/**
	 * The first non-empty rows as parsed, the first row included: enough to find a header row below title rows
	 * (the server finds it: the importer's header aliases live there) and still show `rows`' count under it.
	 */
	records: string[][];
	/** Text decoded with U+FFFD replacement characters: the chosen encoding is likely wrong. */
	garbled: boolean;
}

export function parsePreview(
	sample: Uint8Array,
	opts: { truncated: boolean; encoding: EncodingChoice; fileName: string; rows?: number }
): CsvPreview {
	const maxRows = opts.rows ?? PREVIEW_ROWS;
	const detected = detectEncoding(sample, opts.truncated);
	const encoding: DecoderEncoding = opts.encoding === 'auto' ? decoderFor(detected) : opts.encoding;
	const bytes = opts.truncated && encoding === 'utf-8' ? sample.subarray(0, utf8BoundaryLength(sample)) : sample;
	let text = new TextDecoder(encoding).decode(bytes);
	if (opts.truncated) {
		// The slice ends mid-row: keep whole lines only (a quoted multi-line field may still be cut; see below).
		const lastNewline = text.lastIndexOf('\n');
		if (lastNewline > 0) text = text.slice(0, lastNewline + 1);
	}
	const garbled = text.includes('\uFFFD');
	const isTsv = /\.tsv$/i.test(opts.fileName);
	const result = Papa.parse<string[]>(text, {
		preview: maxRows + HEADER_SEARCH_ROWS,
		skipEmptyLines: 'greedy',
		delimiter: isTsv ? '\t' : '',
		delimitersToGuess: [',', '\t', ';', '|']
	});
	let data = result.data;
	// A row whose quoted field runs past the end of the slice is incomplete: drop it.
	if (opts.truncated && result.errors.some((e) => e.code === 'MissingQuotes')) data = data.slice(0, -1);
	const [headerRow = [], ...rest] = data;
	const headers = headerRow.map((h) => h.trim());
	return {
		detected,
		encoding,
		delimiter: result.meta.delimiter,
		headers,
		rows: rest.slice(0, maxRows),
		records: data,
		garbled
	};
}

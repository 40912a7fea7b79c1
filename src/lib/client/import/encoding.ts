// Guesses a text export's encoding from its first bytes, as the server will: BOM, else strict UTF-8,
// else GB18030 (what Excel on Chinese Windows writes). Runs in the preview worker on a slice only.

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';
/** What TextDecoder and the server understand; 'utf-8-bom' decodes as 'utf-8' (TextDecoder strips the BOM). */
export type DecoderEncoding = 'utf-8' | 'gb18030';

export function decoderFor(detected: DetectedEncoding): DecoderEncoding {
	return detected === 'gb18030' ? 'gb18030' : 'utf-8';
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
	return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Length of the longest prefix that does not end inside a UTF-8 sequence, so a sample cut from the
 * middle of a file is not judged invalid only because its last character was cut in two.
 */
export function utf8BoundaryLength(bytes: Uint8Array): number {
	const n = bytes.length;
	// Walk back over at most 3 continuation bytes (10xxxxxx) to the lead byte of the last sequence.
	let i = n - 1;
	let continuation = 0;
	while (i >= 0 && continuation < 3 && (bytes[i] & 0xc0) === 0x80) {
		i--;
		continuation++;
	}
	if (i < 0) return n;
	const lead = bytes[i];
	const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
	return n - i < need ? i : n;
}

/**
 * Detects the encoding of a sample from the start of a file.
 * @param truncated true when the sample is a slice of a longer file (its end may split a character).
 */
export function detectEncoding(sample: Uint8Array, truncated: boolean): DetectedEncoding {
	if (hasUtf8Bom(sample)) return 'utf-8-bom';
	const body = truncated ? sample.subarray(0, utf8BoundaryLength(sample)) : sample;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(body);
		return 'utf-8';
	} catch {
		return 'gb18030';
	}
}

// Decode step, encoding: tells UTF-8 (with or without BOM) from GB18030/GBK, as Excel on Chinese Windows
// writes it, by strictly decoding samples taken from the start, middle and end of the file.
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { ingestText } from '../../i18n/zh/ingest.ts';

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface EncodingDetection {
	encoding: DetectedEncoding;
	/** 0..1: 1 for a BOM or non-ASCII text that decodes strictly; lower when the samples were plain ASCII. */
	confidence: number;
	/** Chinese sentence for the analyst: why this encoding. */
	reason: string;
}

const SAMPLE_BYTES = 256 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(buf: Uint8Array): boolean {
	return buf.length >= 3 && buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2];
}

/**
 * Length of buf without a UTF-8 sequence cut at its end (0–3 bytes dropped), so a sample taken at an
 * arbitrary offset does not fail strict decoding just because a character straddles the boundary.
 */
export function completeUtf8Length(buf: Uint8Array): number {
	const n = buf.length;
	for (let back = 1; back <= Math.min(3, n); back++) {
		const b = buf[n - back];
		if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
		const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return need > back ? n - back : n;
	}
	return n;
}

/** Skips continuation bytes at the start of a sample taken mid-file. */
function utf8StartOffset(buf: Uint8Array): number {
	let i = 0;
	while (i < Math.min(3, buf.length) && (buf[i] & 0xc0) === 0x80) i++;
	return i;
}

function isAscii(buf: Uint8Array): boolean {
	for (let i = 0; i < buf.length; i++) if (buf[i] > 0x7f) return false;
	return true;
}

const gbDecoder = new TextDecoder('gb18030', { fatal: true });

function decodesAsGb18030(buf: Uint8Array, fromMiddle: boolean): boolean {
	// A sample from the middle may start on a trail byte and end inside a character: try small shifts.
	for (let start = 0; start <= (fromMiddle ? 1 : 0); start++) {
		for (let cut = 0; cut <= 3; cut++) {
			try {
				gbDecoder.decode(buf.subarray(start, buf.length - cut));
				return true;
			} catch {
				/* try the next alignment */
			}
		}
	}
	return false;
}

/** Reads up to `length` bytes at `position`. */
async function readAt(fh: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
	const buf = Buffer.alloc(length);
	const { bytesRead } = await fh.read(buf, 0, length, position);
	return buf.subarray(0, bytesRead);
}

/** The head sample and samples spread through the file (the head alone may be an ASCII header). */
async function samples(filePath: string): Promise<{ head: Buffer; others: Buffer[]; size: number }> {
	const fh = await fs.promises.open(filePath, 'r');
	try {
		const { size } = await fh.stat();
		const head = await readAt(fh, 0, Math.min(size, SAMPLE_BYTES));
		const others: Buffer[] = [];
		if (size > SAMPLE_BYTES * 2) {
			for (const f of [0.25, 0.5, 0.75]) {
				others.push(await readAt(fh, Math.floor(size * f), 64 * 1024));
			}
			others.push(await readAt(fh, Math.max(SAMPLE_BYTES, size - 64 * 1024), 64 * 1024));
		}
		return { head, others, size };
	} finally {
		await fh.close();
	}
}

/** Classifies bytes: is this sample strict UTF-8, and does it contain any non-ASCII at all? */
export function classifySample(buf: Uint8Array, atFileEnd: boolean, fromMiddle = false): 'ascii' | 'utf-8' | 'gb18030' | 'unknown' {
	const start = fromMiddle ? utf8StartOffset(buf) : 0;
	const end = atFileEnd ? buf.length : completeUtf8Length(buf);
	const body = buf.subarray(start, end);
	if (isAscii(body)) return 'ascii';
	if (isUtf8(body)) return 'utf-8';
	if (decodesAsGb18030(buf, fromMiddle)) return 'gb18030';
	return 'unknown';
}

/** Detects the encoding of a text export; never throws for content (unknown bytes fall back to GB18030 or UTF-8). */
export async function detectEncoding(filePath: string): Promise<EncodingDetection> {
	const { head, others, size } = await samples(filePath);
	if (hasUtf8Bom(head)) return { encoding: 'utf-8-bom', confidence: 1, reason: ingestText.encodingBom };
	const kinds = [classifySample(head, head.length === size), ...others.map((s, k) => classifySample(s, k === others.length - 1, true))];
	if (kinds.includes('gb18030') && !kinds.includes('utf-8')) {
		return { encoding: 'gb18030', confidence: 0.95, reason: ingestText.encodingGb };
	}
	if (kinds.includes('utf-8') && !kinds.includes('gb18030') && !kinds.includes('unknown')) {
		return { encoding: 'utf-8', confidence: 1, reason: ingestText.encodingUtf8 };
	}
	if (kinds.every((k) => k === 'ascii')) {
		return { encoding: 'utf-8', confidence: 0.6, reason: ingestText.encodingAscii };
	}
	// Mixed or damaged samples: UTF-8 if any sample was clean UTF-8 (damaged rows become rejects), else GB18030.
	if (kinds.includes('utf-8')) return { encoding: 'utf-8', confidence: 0.5, reason: ingestText.encodingMixedUtf8 };
	return { encoding: 'gb18030', confidence: 0.5, reason: ingestText.encodingMixedGb };
}

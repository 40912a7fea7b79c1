// The bulletin as a reader sees it: PDF pages rasterised by pdftoppm (grey PGM), Word files converted by LibreOffice
// headless first, chart captions located with pdftotext -bbox, and a PNG reader (Node zlib) for the charts' own
// rasterisations. No dependency beyond poppler-utils and LibreOffice.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface Gray {
	width: number;
	height: number;
	/** One byte per pixel, 0 black … 255 white, row by row. */
	pixels: Uint8Array;
}

/** A binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
export function readPgm(buf: Buffer): Gray {
	let pos = 0;
	const token = (): string => {
		for (;;) {
			while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
			if (buf[pos] !== 0x23) break;
			while (buf[pos] !== 0x0a) pos++;
		}
		const start = pos;
		while (!/\s/.test(String.fromCharCode(buf[pos]))) pos++;
		return buf.subarray(start, pos).toString('ascii');
	};
	if (token() !== 'P5') throw new Error('not a binary PGM');
	const width = Number(token());
	const height = Number(token());
	if (Number(token()) !== 255) throw new Error('PGM is not 8-bit');
	pos++;
	return { width, height, pixels: new Uint8Array(buf.subarray(pos, pos + width * height)) };
}

/** An 8-bit non-interlaced PNG (grey, grey+alpha, RGB or RGBA), flattened on white and converted to grey. */
export function readPng(buf: Buffer): Gray {
	if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
	let pos = 8;
	let width = 0;
	let height = 0;
	let colorType = 0;
	const idat: Buffer[] = [];
	while (pos < buf.length) {
		const len = buf.readUInt32BE(pos);
		const type = buf.subarray(pos + 4, pos + 8).toString('ascii');
		const data = buf.subarray(pos + 8, pos + 8 + len);
		if (type === 'IHDR') {
			width = data.readUInt32BE(0);
			height = data.readUInt32BE(4);
			colorType = data[9];
			if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
		} else if (type === 'IDAT') idat.push(data);
		else if (type === 'IEND') break;
		pos += 12 + len;
	}
	const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
	if (!channels) throw new Error(`PNG colour type ${colorType} not supported`);
	const raw = zlib.inflateSync(Buffer.concat(idat));
	const stride = width * channels;
	const rows = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const out = rows.subarray(y * stride, (y + 1) * stride);
		const prev = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
		for (let i = 0; i < stride; i++) {
			const a = i >= channels ? out[i - channels] : 0;
			const b = prev[i];
			const c = i >= channels ? prev[i - channels] : 0;
			let v = src[i];
			if (filter === 1) v += a;
			else if (filter === 2) v += b;
			else if (filter === 3) v += (a + b) >> 1;
			else if (filter === 4) {
				const p = a + b - c;
				const pa = Math.abs(p - a);
				const pb = Math.abs(p - b);
				const pc = Math.abs(p - c);
				v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			}
			out[i] = v & 0xff;
		}
	}
	const pixels = new Uint8Array(width * height);
	for (let i = 0; i < width * height; i++) {
		const p = rows.subarray(i * channels, (i + 1) * channels);
		const luma = channels >= 3 ? 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2] : p[0];
		const alpha = channels === 2 ? p[1] / 255 : channels === 4 ? p[3] / 255 : 1;
		pixels[i] = Math.round(luma * alpha + 255 * (1 - alpha));
	}
	return { width, height, pixels };
}

/** Every page of a PDF at `dpi`, in grey. */
export function pdfPages(pdf: string, dpi: number): Gray[] {
	const dir = fs.mkdtempSync(path.join(path.dirname(pdf), 'pages-'));
	execFileSync('pdftoppm', ['-gray', '-r', String(dpi), pdf, path.join(dir, 'p')]);
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pgm'));
	files.sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)![1]) - Number(/(\d+)\.pgm$/.exec(b)![1]));
	return files.map((f) => readPgm(fs.readFileSync(path.join(dir, f))));
}

/** A .docx as LibreOffice lays it out (its own fresh profile, so runs never share one), as a PDF next to it. */
export function docxToPdf(docx: string): string {
	const dir = path.dirname(docx);
	const profile = fs.mkdtempSync(path.join(dir, 'lo-profile-'));
	execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore', timeout: 120_000 });
	const pdf = path.join(dir, path.basename(docx).replace(/\.docx$/, '.pdf'));
	if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${docx}`);
	return pdf;
}

export interface TextLine {
	/** 0-based page. */
	page: number;
	text: string;
	/** Points from the page's top-left corner. */
	yMin: number;
	yMax: number;
}

/** The PDF's text lines with their boxes (pdftotext -bbox-layout), words joined without spaces. */
export function pdfLines(pdf: string): TextLine[] {
	const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
	const out: TextLine[] = [];
	xml.split(/<page\b/)
		.slice(1)
		.forEach((pageXml, page) => {
			for (const m of pageXml.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
				const text = [...m[3].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('');
				out.push({ page, text, yMin: Number(m[1]), yMax: Number(m[2]) });
			}
		});
	return out;
}

const INK = 200;

/** Rows (top, bottom, inclusive) holding any pixel darker than INK between x0 and x1, or null when blank. */
export function inkRows(g: Gray, y0: number, y1: number, x0 = 0, x1 = g.width): { top: number; bottom: number; darkShare: number } | null {
	let top = -1;
	let bottom = -1;
	let dark = 0;
	for (let y = Math.max(0, y0); y < Math.min(g.height, y1); y++) {
		let any = false;
		for (let x = x0; x < x1; x++)
			if (g.pixels[y * g.width + x] < INK) {
				any = true;
				dark++;
			}
		if (any) {
			if (top < 0) top = y;
			bottom = y;
		}
	}
	return top < 0 ? null : { top, bottom, darkShare: dark / ((x1 - x0) * Math.max(1, Math.min(g.height, y1) - Math.max(0, y0))) };
}

/** Longest run of dark (< 160) pixels in row y. */
function darkRun(g: Gray, y: number): number {
	let best = 0;
	let run = 0;
	for (let x = 0; x < g.width; x++) {
		run = g.pixels[y * g.width + x] < 160 ? run + 1 : 0;
		if (run > best) best = run;
	}
	return best;
}

/**
 * The free band above a chart's caption: from the caption's top up to the nearest full-width rule (a table's bottom
 * border) or the top of the page. A chart drawn whole sits in this band; a clipped one leaves it a line high, with
 * the table above overlapping.
 */
export function bandAbove(g: Gray, captionTopPx: number, textWidthPx: number): { top: number; bottom: number } {
	let y = captionTopPx - 1;
	while (y > 0 && darkRun(g, y) < 0.95 * textWidthPx) y--;
	return { top: y + 1, bottom: captionTopPx };
}

/** Ink extent of a chart's own rasterisation as fractions of its height (where its drawing starts and ends). */
export function inkFractions(g: Gray): { top: number; bottom: number } {
	const ink = inkRows(g, 0, g.height);
	if (!ink) throw new Error('blank chart');
	return { top: ink.top / g.height, bottom: (ink.bottom + 1) / g.height };
}

/**
 * How much of a page's text block holds content: from its first to its last inked row above the footer band, as a
 * share of the page height (the page number line near the bottom edge is the footer and does not count).
 */
export function pageFill(g: Gray, footerFrom: number): number {
	const ink = inkRows(g, 0, Math.round(footerFrom * g.height));
	return ink ? (ink.bottom - ink.top + 1) / g.height : 0;
}

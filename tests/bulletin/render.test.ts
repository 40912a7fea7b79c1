// The bulletin checked as its readers see it: the PDF's pages rasterised, the Word file laid out by LibreOffice
// (as Word and WPS lay it out: an inline picture in a paragraph of exact line spacing is clipped to that line),
// every chart measured on its page against the size the file declares for it, and no page a near-empty leftover.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { bulletinCharts, bulletinData, renderBulletin, type BulletinData } from '../../src/lib/server/reports/index.ts';
import type { ChartSvg } from '../../src/lib/server/reports/charts.ts';
import { svgsToPng } from '../../src/lib/server/reports/pdf.ts';
import { MONTH, openBulletinDb, type FixtureDb, SMALL_SCHEME } from './fixture.ts';
import { bandAbove, docxToPdf, inkFractions, inkRows, pageFill, pdfLines, pdfPages, readPng, type Gray, type TextLine } from './render.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const DPI = 100;
const px = (pt: number) => (pt / 72) * DPI;
const mmPx = (mm: number) => (mm / 25.4) * DPI;
/** Text block widths: the PDF's A4 minus 22 + 20 mm margins (pdf.ts), the Word file's minus 28 + 26 mm (公文). */
const PDF_TEXT_MM = 210 - 22 - 20;
const DOCX_TEXT_MM = 210 - 28 - 26;
/** Below this share of the page height the body of a page is a near-empty leftover (a few lines). */
const MIN_FILL = 0.2;
/** Where the footer band (page numbers) starts, as a share of the page height. */
const FOOTER_FROM = 0.9;

let fx: FixtureDb;
let data: BulletinData;
let charts: ChartSvg[];
/** Where each chart's drawing starts and ends within its own picture (Chromium's rasterisation of the SVG). */
let ink: { top: number; bottom: number }[];

beforeAll(async () => {
	fx = await openBulletinDb();
	data = await bulletinData(fx.db, admin, { month: MONTH, issuedOn: '2025-11-05', scheme: SMALL_SCHEME });
	charts = bulletinCharts(data);
	ink = (await svgsToPng(charts)).map((png) => inkFractions(readPng(png)));
});
afterAll(async () => {
	await fx?.close();
});

const BUILT_ALL = '统计范围：全县（全部单位）；受理时间：2025年10月1日至31日；办理时限依据：《县行政效能投诉处理暂行办法》；数据截至2025年10月31日24时。';
const CAPTION = ['trend', 'unitOnTime', 'categoryMix'] as const;

/** Checks each chart on the rendered pages: its band is as tall as its declared height, and it is drawn whole. */
function expectChartsWhole(pages: Gray[], lines: TextLine[], declaredPx: number[], textWidthPx: number) {
	expect(charts.map((c) => c.key)).toEqual([...CAPTION]);
	charts.forEach((chart, i) => {
		const caption = lines.find((l) => l.text.startsWith(`图${i + 1}`));
		expect(caption, `caption of 图${i + 1}`).toBeDefined();
		const g = pages[caption!.page];
		const band = bandAbove(g, Math.floor(px(caption!.yMin)), textWidthPx);
		const height = declaredPx[i];
		const drawn = inkRows(g, band.top, band.bottom);
		const expected = (ink[i].bottom - ink[i].top) * height;
		const seen = { key: chart.key, band: band.bottom - band.top, declared: Math.round(height), drawn: drawn ? drawn.bottom - drawn.top + 1 : 0, expected: Math.round(expected) };
		expect(seen.band, JSON.stringify(seen)).toBeGreaterThanOrEqual(0.97 * height);
		expect(seen.drawn, JSON.stringify(seen)).toBeGreaterThanOrEqual(0.95 * expected);
		expect(seen.drawn, JSON.stringify(seen)).toBeLessThanOrEqual(1.05 * expected + 4);
		expect(drawn!.darkShare, JSON.stringify(seen)).toBeGreaterThan(0.01);
	});
}

function expectNoLeftover(pages: Gray[]) {
	const fills = pages.map((g) => Math.round(pageFill(g, FOOTER_FROM) * 100) / 100);
	for (const f of fills) expect(f, `page fills ${fills.join(', ')}`).toBeGreaterThanOrEqual(MIN_FILL);
}

describe('bulletin as rendered', () => {
	it('prints every chart of the PDF whole, at its declared height, and no near-empty page', async () => {
		// A second typical case makes the notes under the bulletin spill onto a page of their own (a few lines).
		const month = structuredClone(data);
		month.typical = [data.typical[0], { ...data.typical[0], caseId: 'A3' }];
		const file = path.join(fx.dir, 'render.pdf');
		fs.writeFileSync(file, await renderBulletin(month, 'pdf'));
		const pages = pdfPages(file, DPI);
		// The SVG is as wide as the text block (at most 170 mm) and keeps its aspect ratio.
		const width = mmPx(Math.min(PDF_TEXT_MM, 170));
		expectChartsWhole(pages, pdfLines(file), charts.map((c) => (width * c.height) / c.width), mmPx(PDF_TEXT_MM));
		expectNoLeftover(pages);
		// The filters and as-of moment, between the title and the narrative.
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
		const at = (s: string) => text.indexOf(s);
		expect(at('2025年10月全县行政效能投诉情况通报')).toBeGreaterThanOrEqual(0);
		expect(at(BUILT_ALL)).toBeGreaterThan(at('2025年10月全县行政效能投诉情况通报'));
		expect(at('2025年10月，全县共受理')).toBeGreaterThan(at(BUILT_ALL));
	});

	it('shows every chart of the Word file whole once an office suite lays it out', async () => {
		const docx = path.join(fx.dir, 'render.docx');
		fs.writeFileSync(docx, await renderBulletin(data, 'docx'));
		// The pictures' declared sizes (EMU, 914400 an inch), in document order.
		const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
		const declared = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => (Number(m[2]) / 914400) * DPI);
		expect(declared).toHaveLength(charts.length);
		const pdf = docxToPdf(docx);
		const pages = pdfPages(pdf, DPI);
		expectChartsWhole(pages, pdfLines(pdf), declared, mmPx(DOCX_TEXT_MM));
		expectNoLeftover(pages);
		// Numbers, dates and statuses are not broken inside their table cells (long names may wrap).
		const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
		expect(text).toMatch(/−25\.0\s?个百分点/);
		expect(text).toMatch(/乡镇\s+1\s+丙镇人民政府\s+2\s+100\.0\s+100\.0%\s+100\.0%\s+0\.0%\s+0\s+红榜/);
		// A2 read as of 31 October (bulletin.test.ts): 11 days, not the stored 5
		expect(text).toMatch(/超期未办结\s+2025-10-20\s+11/);
	});
});

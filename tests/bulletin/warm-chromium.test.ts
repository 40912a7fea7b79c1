// The bulletin's Chromium kept warm (pdf.ts): one browser serves every render, a killed one is replaced on the next
// render, closeBrowser leaves no process behind; and the print faces cut down to the document's characters
// (print-fonts.ts) print the same pages as the installed fonts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { bulletinCharts, bulletinData, bulletinHtml, type BulletinData } from '../../src/lib/server/reports/index.ts';
import { TIGHT_PRINT } from '../../src/lib/server/reports/html.ts';
import { browserLaunches, chartsRasterised, closeBrowser, htmlToPdf, pdfPageCount, RENDERER_SWITCH, svgsToPng } from '../../src/lib/server/reports/pdf.ts';
import { renderBulletin } from '../../src/lib/server/reports/index.ts';
import { documentCodepoints, printFontCss } from '../../src/lib/server/reports/print-fonts.ts';
import { MONTH, openBulletinDb, type FixtureDb, SMALL_SCHEME } from './fixture.ts';
import { pdfPages } from './render.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };

let fx: FixtureDb;
let data: BulletinData;
let html: string;

beforeAll(async () => {
	fx = await openBulletinDb();
	data = await bulletinData(fx.db, admin, { month: MONTH, issuedOn: '2025-11-05', scheme: SMALL_SCHEME });
	html = bulletinHtml(data, { charts: bulletinCharts(data), pageNumbers: true });
});
afterAll(async () => {
	await closeBrowser();
	await fx?.close();
});

/** Pids of this process's Chromium browser processes (not its renderers, which carry --type=). */
function browserPids(): number[] {
	const pids: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let args: string[];
		try {
			args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
		} catch {
			continue;
		}
		if (args.includes(RENDERER_SWITCH) && !args.some((a) => a.startsWith('--type='))) pids.push(Number(entry));
	}
	return pids;
}

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) return false;
		await new Promise((r) => setTimeout(r, 100));
	}
	return true;
}

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' && pdfPageCount(b) >= 1;

describe('the warm Chromium', () => {
	it('is launched by the first render and serves every later one, PDF and PNG alike', async () => {
		await closeBrowser();
		expect(browserPids()).toEqual([]);
		const before = browserLaunches();
		expect(isPdf(await htmlToPdf(html, { tightClass: TIGHT_PRINT }))).toBe(true);
		const pids = browserPids();
		expect(pids).toHaveLength(1);
		expect(isPdf(await htmlToPdf(html, { tightClass: TIGHT_PRINT }))).toBe(true);
		expect(await svgsToPng(bulletinCharts(data))).toHaveLength(3);
		expect(browserLaunches() - before).toBe(1);
		expect(browserPids()).toEqual(pids);
	});

	it('is replaced on the next render after it was killed', async () => {
		await htmlToPdf(html);
		const [pid] = browserPids();
		expect(pid).toBeGreaterThan(0);
		const before = browserLaunches();
		process.kill(pid, 'SIGKILL');
		expect(await until(() => !browserPids().includes(pid))).toBe(true);
		expect(isPdf(await htmlToPdf(html))).toBe(true);
		expect(browserLaunches() - before).toBe(1);
		const now = browserPids();
		expect(now).toHaveLength(1);
		expect(now[0]).not.toBe(pid);
	});

	it('leaves no process behind once closed', async () => {
		await htmlToPdf(html);
		expect(browserPids()).toHaveLength(1);
		await closeBrowser();
		expect(await until(() => browserPids().length === 0)).toBe(true);
	});
});

describe('print faces cut down to the document', () => {
	it('hold every character of the document', () => {
		const cps = documentCodepoints('通报 A1，２');
		for (const ch of '通报 A1，２<>&"') expect(cps.has(ch.codePointAt(0)!), ch).toBe(true);
	});

	it('are found on this machine (else the PDF is printed with the whole fonts, slowly)', async () => {
		const css = await printFontCss('通报');
		expect(css.match(/@font-face/g)).toHaveLength(4);
		expect(css).toContain("font-family:'Noto Serif CJK SC';font-style:normal;font-weight:700");
	});

	it('print the same pages as the installed fonts', async () => {
		// The bulletin's characters only exist in the subset; one missing would fall back to another font and show.
		const subset = await htmlToPdf(html, { tightClass: TIGHT_PRINT });
		const whole = await htmlToPdf(html, { tightClass: TIGHT_PRINT, subsetFonts: false });
		const files = [subset, whole].map((bytes, i) => {
			const file = path.join(fx.dir, `fonts-${i}.pdf`);
			fs.writeFileSync(file, bytes);
			return file;
		});
		const fonts = execFileSync('pdffonts', [files[0]], { encoding: 'utf8' });
		expect(fonts.split('\n').length).toBeGreaterThan(3);
		const [a, b] = files.map((f) => pdfPages(f, 60));
		expect(a.length).toBe(b.length);
		a.forEach((page, i) => {
			expect([page.width, page.height]).toEqual([b[i].width, b[i].height]);
			let differing = 0;
			for (let p = 0; p < page.pixels.length; p++) if (Math.abs(page.pixels[p] - b[i].pixels[p]) > 48) differing++;
			expect(differing, `page ${i + 1}: pixels that differ`).toBeLessThanOrEqual(page.pixels.length * 0.0005);
		});
		// And the subset is what makes the file small: the whole fonts' glyph programs are far larger.
		expect(subset.length).toBeLessThan(whole.length);
	});
});

describe('the Word file\'s chart pictures', () => {
	it('are rasterised once per chart and reused by the next Word file of the same bulletin', async () => {
		const charts = bulletinCharts(data);
		const first = await svgsToPng(charts);
		const before = chartsRasterised();
		const docx = await renderBulletin(data, 'docx');
		expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
		expect(chartsRasterised()).toBe(before);
		// The same pictures, byte for byte, inside the file.
		const again = await svgsToPng(bulletinCharts(data));
		again.forEach((png, i) => expect(png.equals(first[i])).toBe(true));
		expect(chartsRasterised()).toBe(before);
	});

	it('are drawn again when the data behind a chart changes', async () => {
		const changed = structuredClone(data);
		changed.categories = changed.categories.map((c, i) => (i === 0 ? { ...c, cases: c.cases + 7 } : c));
		const charts = bulletinCharts(changed);
		expect(charts.find((c) => c.key === 'categoryMix')!.svg).not.toBe(bulletinCharts(data).find((c) => c.key === 'categoryMix')!.svg);
		const before = chartsRasterised();
		await svgsToPng(charts);
		// Only the changed chart is rasterised; the trend and the unit bars are the same pictures as before.
		expect(chartsRasterised() - before).toBe(1);
	});
});

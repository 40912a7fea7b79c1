// Headless Debian Chromium (playwright-core) for the bulletin: prints the self-contained HTML to an A4 PDF with
// "第 X 页 共 Y 页" in the footer, and rasterises chart SVGs to PNG for Word's fallback images.
// One render at a time: Chromium is heavy and bulletins are rare, so requests queue instead of piling up.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { BULLETIN } from '../../i18n/zh/bulletin.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let queue: Promise<unknown> = Promise.resolve();

/** Runs fn with a fresh browser, after any render already running; the browser is always closed. */
async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
	const run = queue.then(async () => {
		if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(BULLETIN.errors.chromiumMissing(CHROMIUM_PATH));
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
		try {
			return await fn(browser);
		} finally {
			await browser.close();
		}
	});
	queue = run.catch(() => undefined);
	return run;
}

const FOOTER = `<div style="width:100%;text-align:center;font-size:9pt;font-family:'Noto Serif CJK SC',serif;color:#000;">${BULLETIN.footer.page} <span class="pageNumber"></span> ${BULLETIN.footer.of} <span class="totalPages"></span> ${BULLETIN.footer.pages}</div>`;

/** Pages of a PDF Chromium wrote: the page tree's largest /Count (its root counts every page). */
export function pdfPageCount(pdf: Uint8Array): number {
	const counts = [...Buffer.from(pdf).toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
	return counts.length ? Math.max(...counts) : 0;
}

/**
 * A4 PDF of a self-contained HTML document (no network: everything must be inline). With `tightClass`, the document
 * is printed a second time with that class on <html> (a slightly tighter print layout) and that print is kept when it
 * saves a page: a last page holding only a few lines is folded back, as Word's 缩减一页 does.
 */
export async function htmlToPdf(html: string, opts: { tightClass?: string } = {}): Promise<Buffer> {
	return withBrowser(async (browser) => {
		const page = await browser.newPage();
		// Nothing leaves the machine: the document is self-contained, so any request is refused.
		await page.route('**/*', (route) => route.abort());
		await page.setContent(html, { waitUntil: 'load' });
		await page.evaluate(() => document.fonts.ready);
		await page.emulateMedia({ media: 'print' });
		const print = async () =>
			Buffer.from(
				await page.pdf({
					format: 'A4',
					printBackground: true,
					displayHeaderFooter: true,
					headerTemplate: '<span></span>',
					footerTemplate: FOOTER,
					margin: { top: '22mm', bottom: '20mm', left: '22mm', right: '20mm' }
				})
			);
		const pdf = await print();
		const pages = pdfPageCount(pdf);
		if (!opts.tightClass || pages < 2) return pdf;
		await page.evaluate((c) => document.documentElement.classList.add(c), opts.tightClass);
		const tight = await print();
		return pdfPageCount(tight) < pages ? tight : pdf;
	});
}

/** PNG renderings (2x, for print) of SVG strings of the given CSS sizes, in order. */
export async function svgsToPng(svgs: { svg: string; width: number; height: number }[]): Promise<Buffer[]> {
	if (!svgs.length) return [];
	return withBrowser(async (browser) => {
		const page = await browser.newPage({ deviceScaleFactor: 2 });
		await page.route('**/*', (route) => route.abort());
		const out: Buffer[] = [];
		for (const s of svgs) {
			await page.setViewportSize({ width: s.width, height: s.height });
			await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}svg{display:block}</style></head><body>${s.svg}</body></html>`);
			await page.evaluate(() => document.fonts.ready);
			out.push(Buffer.from(await page.locator('svg').first().screenshot({ type: 'png' })));
		}
		return out;
	});
}

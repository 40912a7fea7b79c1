// Headless Debian Chromium (playwright-core) for the bulletin: prints the self-contained HTML to an A4 PDF with
// "第 X 页 共 Y 页" in the footer, and rasterises chart SVGs to PNG for Word's fallback images.
// One Chromium is kept warm for the process (launching one costs 1.5–3 s of a 2 s budget): started on the first
// render, started again on the next render when it died or was killed, closed by closeBrowser() (server shutdown,
// the CLI's end). Renders still run one at a time: Chromium is heavy and bulletins are rare, so requests queue; each
// kind of render reuses one tab (a new tab costs 0.1–0.4 s), opened again if it was closed or crashed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BULLETIN } from '../../i18n/zh/bulletin.ts';
import { onShutdown } from '../lifecycle.ts';
import { printFontCss, releasePrintFonts } from './print-fonts.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Names this process's renderer on Chromium's command line (Chromium ignores switches it does not know), so the
 * process can be found in a process list: tests kill it to prove a dead browser is replaced.
 */
export const RENDERER_SWITCH = `--complaints-bulletin-renderer=${process.pid}`;

const ARGS = [RENDERER_SWITCH, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface WarmBrowser {
	browser: Browser;
	/** Pages at CSS pixel scale, for printing. */
	print: BrowserContext;
	/** Pages at 2x, for chart pictures sharp in print. */
	raster: BrowserContext;
	/** The tab each kind of render reuses. */
	tabs: Partial<Record<'print' | 'raster', Page>>;
}

let warm: Promise<WarmBrowser> | null = null;
let launches = 0;

async function launch(): Promise<WarmBrowser> {
	if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(BULLETIN.errors.chromiumMissing(CHROMIUM_PATH));
	// Signals are the server's to handle (adapter-node closes the database on SIGTERM/SIGINT, then calls
	// closeBrowser); playwright still kills the browser on any process exit.
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
	launches++;
	try {
		const print = await browser.newContext();
		const raster = await browser.newContext({ deviceScaleFactor: 2 });
		// Nothing leaves the machine: every document is self-contained, so any request is refused.
		for (const c of [print, raster]) await c.route('**/*', (route) => route.abort());
		const unregister = onShutdown(closeBrowser);
		browser.on('disconnected', unregister);
		return { browser, print, raster, tabs: {} };
	} catch (e) {
		await browser.close().catch(() => undefined);
		throw e;
	}
}

/** The warm browser, launched if there is none or the last one died. */
function warmBrowser(): Promise<WarmBrowser> {
	if (!warm) {
		const starting = launch();
		warm = starting;
		starting.then(
			(w) => w.browser.on('disconnected', () => {
				if (warm === starting) warm = null;
			}),
			() => {
				if (warm === starting) warm = null;
			}
		);
	}
	return warm;
}

/** Closes the warm browser, if one is running, and lets the print fonts go (the next render starts afresh). */
export async function closeBrowser(): Promise<void> {
	releasePrintFonts();
	const w = warm;
	warm = null;
	if (!w) return;
	const started = await w.catch(() => null);
	await started?.browser.close().catch(() => undefined);
}

/** How many browsers this process has launched (a warm render launches none): for tests and the benchmark. */
export function browserLaunches(): number {
	return launches;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs fn on the warm browser's tab of that kind, after any render already running (fn sets everything it relies on:
 * content, media, viewport); a tab whose render failed is closed.
 * A browser that died before or during the render is replaced and the render tried once more.
 */
async function withPage<T>(kind: 'print' | 'raster', fn: (page: Page) => Promise<T>): Promise<T> {
	const attempt = async () => {
		const w = await warmBrowser();
		let page = w.tabs[kind];
		if (!page || page.isClosed()) {
			page = await w[kind].newPage();
			w.tabs[kind] = page;
		}
		try {
			return await fn(page);
		} catch (e) {
			// A tab that failed (crashed, timed out) is not trusted again: the next render opens a new one.
			if (w.tabs[kind] === page) delete w.tabs[kind];
			await page.close().catch(() => undefined);
			throw e;
		}
	};
	const run = queue.then(async () => {
		try {
			return await attempt();
		} catch (e) {
			const w = warm ? await warm.catch(() => null) : null;
			if (w && w.browser.isConnected()) throw e;
			await closeBrowser();
			return attempt();
		}
	});
	queue = run.catch(() => undefined);
	return run;
}

/** Pages of a PDF Chromium wrote: the page tree's largest /Count (its root counts every page). */
export function pdfPageCount(pdf: Uint8Array): number {
	const counts = [...Buffer.from(pdf).toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
	return counts.length ? Math.max(...counts) : 0;
}

/** The document with its print faces cut down to its own characters (print-fonts.ts), as the first rules of <head>. */
async function withPrintFonts(html: string): Promise<string> {
	const css = await printFontCss(html);
	if (!css) return html;
	const head = /<head[^>]*>/i.exec(html);
	const at = head ? head.index + head[0].length : 0;
	return `${html.slice(0, at)}<style>${css}</style>${html.slice(at)}`;
}

/** The PDF's page box (A4) less its margins, in CSS pixels (96 per inch): the width the print lays the text out in. */
const MM = 96 / 25.4;
const MARGIN_MM = { top: 22, bottom: 20, left: 22, right: 20 };
export const PRINT_AREA_PX = { width: (210 - MARGIN_MM.left - MARGIN_MM.right) * MM, height: (297 - MARGIN_MM.top - MARGIN_MM.bottom) * MM };

/**
 * How much less a printed page can hold than its height suggests, as a bound: a page break may drop the margins that
 * adjoin it (CSS Fragmentation truncates them; the bulletin's largest is 18 px, so 48 is generous), and Chromium's
 * print and its screen layout at the same width may break a few lines differently (2 %).
 */
const BREAK_SLACK_PX = 48;
const LAYOUT_SLACK = 0.02;

/**
 * Whether content laid out `height` CSS pixels tall, unbroken, certainly needs more than `pages` printed pages. Page
 * breaks only add space (a block kept whole moves to the next page, table headers repeat), except for the margins a
 * break drops; so content taller than `pages` full pages plus that slack cannot fit in them.
 */
export function needsMorePages(height: number, pages: number): boolean {
	return height * (1 - LAYOUT_SLACK) > pages * (PRINT_AREA_PX.height + BREAK_SLACK_PX);
}

/** What htmlToPdfReport did: which layout it kept, how many whole prints and one-page probes it made. */
export interface PdfReport {
	pdf: Buffer;
	tight: boolean;
	prints: number;
	probes: number;
}

/**
 * A4 PDF of a self-contained HTML document (no network: everything must be inline). Page numbers are the document's
 * own (CSS @page margin boxes, html.ts): Chromium's header/footer templates are documents of their own, laid out and
 * printed on every page, and cost 0.7–3 s a print at the bulletin's eight pages against 0.6 s for the whole print
 * without them (measured at load average 8). With `tightClass`, a slightly tighter print layout (that class on
 * <html>) is kept when it saves a page: a last page holding only a few lines is folded back, as Word's 缩减一页 does.
 * `subsetFonts: false` prints with the installed fonts as they are (slower; tests compare the two).
 */
export async function htmlToPdf(html: string, opts: { tightClass?: string; subsetFonts?: boolean } = {}): Promise<Buffer> {
	return (await htmlToPdfReport(html, opts)).pdf;
}

/** Chromium's answer to a page range past the document's last page. */
const PAST_LAST_PAGE = /exceeds page count/i;

/**
 * htmlToPdf, saying what it did. The rule is that of printing both layouts and keeping the tight print only when it
 * has fewer pages (of a document of two pages or more), but only one layout is printed whole: the one the layout,
 * measured unbroken at the print's width, says is likelier to be kept. Whether the other one reaches the page that
 * decides is asked by printing that page alone (Chromium refuses a page past the last), which spares writing every
 * page of a print that would be thrown away; and not at all when the measured height already answers
 * (needsMorePages). Only a wrong guess prints the second layout whole.
 */
export async function htmlToPdfReport(html: string, opts: { tightClass?: string; subsetFonts?: boolean } = {}): Promise<PdfReport> {
	const subset = opts.subsetFonts ?? true;
	const doc = subset ? await withPrintFonts(html) : html;
	const tightClass = opts.tightClass;
	return withPage('print', async (page) => {
		await page.setViewportSize({ width: Math.round(PRINT_AREA_PX.width), height: Math.round(PRINT_AREA_PX.height) });
		await page.emulateMedia({ media: 'print' });
		await page.setContent(doc, { waitUntil: 'load' });
		await page.evaluate(() => document.fonts.ready);
		const report = { prints: 0, probes: 0 };
		const layout = async (tight: boolean) => {
			if (tightClass) await page.evaluate(([c, on]) => document.documentElement.classList.toggle(c, on), [tightClass, tight] as const);
		};
		const options = (pageRanges?: string) => ({
			format: 'A4' as const,
			printBackground: true,
			margin: { top: `${MARGIN_MM.top}mm`, bottom: `${MARGIN_MM.bottom}mm`, left: `${MARGIN_MM.left}mm`, right: `${MARGIN_MM.right}mm` },
			...(pageRanges ? { pageRanges } : {})
		});
		const print = async (tight: boolean) => {
			await layout(tight);
			report.prints++;
			const pdf = Buffer.from(await page.pdf(options()));
			return { pdf, pages: pdfPageCount(pdf) };
		};
		/** Whether that layout has a page numbered `pageNo`, by printing that page alone. */
		const reaches = async (tight: boolean, pageNo: number) => {
			await layout(tight);
			report.probes++;
			try {
				await page.pdf(options(String(pageNo)));
				return true;
			} catch (e) {
				if (e instanceof Error && PAST_LAST_PAGE.test(e.message)) return false;
				throw e;
			}
		};
		const done = (pdf: Buffer, tight: boolean): PdfReport => ({ pdf, tight, ...report });
		if (!tightClass) return done((await print(false)).pdf, false);
		const height = (tight: boolean) =>
			page.evaluate(([c, on]) => {
				document.documentElement.classList.toggle(c, on);
				return document.documentElement.scrollHeight;
			}, [tightClass, tight] as const);
		const normalHeight = await height(false);
		const tightHeight = await height(true);
		const pagesOf = (h: number) => Math.ceil(h / PRINT_AREA_PX.height);
		if (pagesOf(tightHeight) < pagesOf(normalHeight)) {
			// Likely kept: the tight print, whole; it is kept when the normal layout runs past its last page.
			const tight = await print(true);
			if (needsMorePages(normalHeight, tight.pages) || (await reaches(false, tight.pages + 1))) return done(tight.pdf, true);
			const normal = await print(false);
			return normal.pages >= 2 && tight.pages < normal.pages ? done(tight.pdf, true) : done(normal.pdf, false);
		}
		const normal = await print(false);
		// One page, or the tight layout reaches the normal one's last page: the tight print would not be kept.
		if (normal.pages < 2 || needsMorePages(tightHeight, normal.pages - 1) || (await reaches(true, normal.pages))) return done(normal.pdf, false);
		const tight = await print(true);
		return tight.pages < normal.pages ? done(tight.pdf, true) : done(normal.pdf, false);
	});
}

/**
 * Chart pictures already rasterised, by the SVG itself and its size: a picture depends on nothing else, so the Word
 * file of a bulletin downloaded again (or of the same month in another format first) reuses them, and any change of
 * data that changes a chart changes its key. Small (tens of KB each) and few: the most recent are kept.
 */
const pngCache = new Map<string, Buffer>();
const PNG_CACHE_MAX = 48;
let rasterised = 0;

const pngKey = (s: { svg: string; width: number; height: number }) => createHash('sha256').update(`${s.width}x${s.height}\n`).update(s.svg).digest('hex');

/** How many charts Chromium has rasterised in this process (a cached picture is not counted): for tests. */
export function chartsRasterised(): number {
	return rasterised;
}

/** PNG renderings (2x, for print) of SVG strings of the given CSS sizes, in order. */
export async function svgsToPng(svgs: { svg: string; width: number; height: number }[]): Promise<Buffer[]> {
	const keys = svgs.map(pngKey);
	const missing = svgs.filter((_, i) => !pngCache.has(keys[i]));
	if (missing.length) {
		const pngs = await withPage('raster', async (page) => {
			const out: Buffer[] = [];
			for (const s of missing) {
				await page.setViewportSize({ width: s.width, height: s.height });
				await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}svg{display:block}</style></head><body>${s.svg}</body></html>`);
				await page.evaluate(() => document.fonts.ready);
				out.push(Buffer.from(await page.locator('svg').first().screenshot({ type: 'png' })));
			}
			return out;
		});
		rasterised += missing.length;
		missing.forEach((s, i) => pngCache.set(pngKey(s), pngs[i]));
	}
	const out = keys.map((k) => {
		const png = pngCache.get(k)!;
		// Most recently used last, so the oldest go first.
		pngCache.delete(k);
		pngCache.set(k, png);
		return png;
	});
	while (pngCache.size > PNG_CACHE_MAX) pngCache.delete(pngCache.keys().next().value!);
	return out;
}

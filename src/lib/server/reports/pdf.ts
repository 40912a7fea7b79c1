// Headless Debian Chromium (playwright-core) for the bulletin: prints the self-contained HTML to an A4 PDF with
// "第 X 页 共 Y 页" in the footer, and rasterises chart SVGs to PNG for Word's fallback images.
// One Chromium is kept warm for the process (launching one costs 1.5–3 s of a 2 s budget): started on the first
// render, started again on the next render when it died or was killed, closed by closeBrowser() (server shutdown,
// the CLI's end). Renders still run one at a time: Chromium is heavy and bulletins are rare, so requests queue.
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
		return { browser, print, raster };
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
 * Runs fn on a fresh page of the warm browser, after any render already running; the page is always closed.
 * A browser that died before or during the render is replaced and the render tried once more.
 */
async function withPage<T>(kind: 'print' | 'raster', fn: (page: Page) => Promise<T>): Promise<T> {
	const attempt = async () => {
		const w = await warmBrowser();
		const page = await w[kind].newPage();
		try {
			return await fn(page);
		} finally {
			await page.close().catch(() => undefined);
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

/**
 * A4 PDF of a self-contained HTML document (no network: everything must be inline). Page numbers are the document's
 * own (CSS @page margin boxes, html.ts): Chromium's header/footer templates are documents of their own, laid out and
 * printed on every page, and cost 0.7–3 s a print at the bulletin's eight pages against 0.6 s for the whole print
 * without them (measured at load average 8). With `tightClass`, the document is printed a second time with that class
 * on <html> (a slightly tighter print layout) and that print is kept when it saves a page: a last page holding only a
 * few lines is folded back, as Word's 缩减一页 does. `subsetFonts: false` prints with the installed fonts as they are
 * (slower; tests compare the two).
 */
export async function htmlToPdf(html: string, opts: { tightClass?: string; subsetFonts?: boolean } = {}): Promise<Buffer> {
	const subset = opts.subsetFonts ?? true;
	const doc = subset ? await withPrintFonts(html) : html;
	return withPage('print', async (page) => {
		await page.setContent(doc, { waitUntil: 'load' });
		await page.evaluate(() => document.fonts.ready);
		await page.emulateMedia({ media: 'print' });
		const print = async () =>
			Buffer.from(
				await page.pdf({
					format: 'A4',
					printBackground: true,
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

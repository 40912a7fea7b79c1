// Browser benchmark (issue 18): the built app (build/index.js) served over a fresh N-row bench database, and this
// machine's Chromium loading every page as an inspector. A page's time is from navigation until its last request
// finished (the data requests the page makes after it is shown included); five warm loads per page after one
// unmeasured load, median and max. cold_ms: the overview, the first page loaded after the server started (log-in
// by the API before it). pdf_s / docx_s: the median of three warm renders (three other months' bulletins, each
// downloaded once, with Chromium already running), after a first one (pdf_first_s, docx_first_s), as the browser
// fetches them; pdf_cached_s / docx_cached_s: a repeat download of the first month (served from the render cache).
// Each page's `first` is its unmeasured first load (the first request of that page after the start; the overview's
// is cold_ms; cold_ttfb_ms and cold_api_ms its server's share). Options (bench.ts): an existing database (--db), some pages only (--pages), another build (--server).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { createOrUpdateUser } from '../../src/lib/server/auth/users.ts';
import { refreshRollups } from '../../src/lib/server/metrics/index.ts';
import { generateCases } from './queries.ts';
import { freePort } from '../free-port.ts';
import type { BrowserOptions } from '../bench.ts';

/** The pages measured (the compliance screens included: their speed is another issue's, their number is reported). */
export const BENCH_PAGES = ['/', '/handling', '/repeats', '/units', '/cases', '/compliance', '/appraisal', '/hotspots', '/bulletin', '/bulletin/2025-12'];
const LOADS = 5;
const USER = 'bench_inspector';
const PASSWORD = 'Bench-Passw0rd!';


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Milliseconds from navigation to the last request the page made finishing. */
async function timeToContent(page: Page, url: string): Promise<number> {
	let last = 0;
	const done = () => (last = performance.now());
	page.on('requestfinished', done);
	page.on('requestfailed', done);
	const started = performance.now();
	try {
		const res = await page.goto(url, { waitUntil: 'networkidle', timeout: 300_000 });
		if (!res || res.status() >= 400) throw new Error(`${url}: HTTP ${res?.status()}`);
	} finally {
		page.off('requestfinished', done);
		page.off('requestfailed', done);
	}
	return Math.max(last, started) - started;
}

async function download(url: string, cookie: string): Promise<number> {
	const started = performance.now();
	const res = await fetch(url, { headers: { cookie } });
	if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
	await res.arrayBuffer();
	return (performance.now() - started) / 1000;
}

export async function run(ctx: { dir: string; rows: number; browser?: BrowserOptions }): Promise<Record<string, unknown>> {
	const serverEntry = ctx.browser?.server ?? 'build/index.js';
	if (!ctx.browser?.server && !fs.existsSync(serverEntry)) execFileSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	fs.mkdirSync(ctx.dir, { recursive: true });
	const given = ctx.browser?.db;
	const dbPath = given ?? path.join(ctx.dir, `bench-browser-${ctx.rows}.duckdb`);
	if (!given) for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
	const db = await getDb(dbPath);
	if (!given) {
		await generateCases(db, ctx.rows);
		await refreshRollups(db);
	}
	await createOrUpdateUser(db, { name: USER, role: 'inspector', units: [], pii: false, password: PASSWORD, displayName: null });
	await closeDb(dbPath);
	const benchPages = ctx.browser?.pages ?? BENCH_PAGES;

	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	let log = '';
	const server: ChildProcess = spawn(process.execPath, [serverEntry], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_PATH: dbPath, ORIGIN: base, BODY_SIZE_LIMIT: '1G' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout?.on('data', (d) => (log += d));
	server.stderr?.on('data', (d) => (log += d));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
	try {
		const startDeadline = Date.now() + 120_000;
		for (;;) {
			if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
			const up = await fetch(`${base}/login`).then((r) => r.status < 500, () => false);
			if (up) break;
			if (Date.now() > startDeadline) throw new Error(`server did not start:\n${log}`);
			await new Promise((r) => setTimeout(r, 100));
		}
		const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ name: USER, password: PASSWORD }) });
		if (!login.ok) throw new Error(`log-in failed: ${login.status}`);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		const [cookieName, ...rest] = cookie.split('=');
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.addCookies([{ name: cookieName, value: rest.join('='), url: base }]);
		const page = await context.newPage();

		process.stderr.write('bench: browser: first page after start …\n');
		const cold = await timeToContent(page, `${base}/`);
		// The server's share of that first load, apart from Chromium's own first page (a new renderer, the app's
		// scripts compiled without a code cache): the document's time to first byte, and the slowest data request.
		const coldServer = await page.evaluate(() => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			const api = performance.getEntriesByType('resource').filter((r) => (r as PerformanceResourceTiming).initiatorType === 'fetch');
			return { ttfb: nav.responseStart - nav.requestStart, api: Math.max(0, ...api.map((r) => r.duration)) };
		});
		const pages: Record<string, { median: number; max: number; first: number }> = {};
		for (const p of benchPages) {
			process.stderr.write(`bench: browser: ${p} …\n`);
			const first = await timeToContent(page, base + p);
			const samples: number[] = [];
			for (let i = 0; i < LOADS; i++) samples.push(await timeToContent(page, base + p));
			pages[p] = { median: round(median(samples)), max: round(Math.max(...samples)), first: round(first) };
		}
		const files: Record<string, number> = {};
		for (const format of ['pdf', 'docx']) {
			process.stderr.write(`bench: browser: bulletin ${format} …\n`);
			const url = (month: string) => `${base}/api/bulletin/${month}.${format}`;
			files[`${format}_first_s`] = round(await download(url('2025-12'), cookie), 2);
			// a warm render: other months, each rendered once (the server caches a file rendered from the same
			// HTML or data, so a repeat of one month would time the cache, reported apart as *_cached_s)
			const warm = [await download(url('2025-11'), cookie), await download(url('2025-10'), cookie), await download(url('2025-09'), cookie)];
			files[`${format}_s`] = round(median(warm), 2);
			files[`${format}_cached_s`] = round(await download(url('2025-12'), cookie), 2);
		}
		return { pages_ms: pages, cold_ms: round(cold), cold_ttfb_ms: round(coldServer.ttfb), cold_api_ms: round(coldServer.api), ...files };
	} finally {
		await browser.close();
		if (server.exitCode === null) {
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGTERM');
			await exited;
		}
		if (!given) for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
	}
}

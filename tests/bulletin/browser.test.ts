// The leader's bulletin in the browser: the index, the month's A4 page (printed with page.pdf), the PDF and Word
// downloads (audited), and the refusal for a unit user. Screenshots: the page at 1440×900 and the first PDF page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { listValue } from '@duckdb/node-api';
import { login, prepareDatabase, startApp, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loginPage } from '../helpers/browser.ts';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { shanghaiToday } from '../../src/lib/server/time.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { bulletinData, narrate } from '../../src/lib/server/reports/index.ts';

/** The last complete month (the demo data ends today). */
const MONTH = (() => {
	const [y, m] = shanghaiToday().split('-').map(Number);
	return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
})();
const leaderUser: SessionUser = { userId: 0, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
const squash = (s: string) => s.replace(/\s+/g, '');

let app: RunningApp;
let browser: Browser;
let page: Page;
let narrative: string[];
let typicalIds: string[];
/** How many units the scheme's ranking puts on each list this month (each group's best and worst five). */
let lists: { red: number; black: number };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-browser-'));

beforeAll(async () => {
	// Enough cases for units to reach the ranking threshold in one month; two cases marked typical by an analyst.
	const dbPath = prepareDatabase(tmp, 12000);
	const db = await getDb(dbPath);
	const picked = await db.query<{ case_id: string }>(
		`SELECT case_id FROM cases WHERE strftime(received_at, '%Y-%m') = $m AND closed_at IS NOT NULL ORDER BY case_id LIMIT 2`,
		{ m: MONTH }
	);
	typicalIds = picked.map((r) => r.case_id);
	await db.run(
		`UPDATE cases SET typical = true, typical_summary = '该单位对群众反映的问题久拖不决，经督办后才予答复，群众意见较大。' || chr(10) || '已约谈该单位分管负责人，责令限期整改。'
		 WHERE list_contains($ids::VARCHAR[], case_id)`,
		{ ids: listValue(typicalIds) }
	);
	// what setTypical stores beside it for readers without the PII grant (the leader): no identity here, the same text
	await db.run(`UPDATE cases SET typical_summary_redacted = typical_summary WHERE typical`);
	const data = await bulletinData(db, leaderUser, { month: MONTH });
	narrative = narrate(data);
	lists = { red: data.ranking.red.length, black: data.ranking.black.length };
	await closeDb(dbPath);
	app = await startApp({ dbPath });
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
	await loginPage(page, app, 'leader');
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
});

describe('bulletin in the browser (leader)', () => {
	it('lists the months and opens the bulletin page with the narrative, tables and SVG charts', async () => {
		await page.goto(app.url + '/bulletin');
		fs.mkdirSync('tests/screenshots', { recursive: true });
		await page.screenshot({ path: 'tests/screenshots/bulletin-index.png' });
		await page.getByRole('link', { name: new RegExp(`^${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5))}月行政效能投诉情况通报$`) }).click();
		await page.waitForURL(`**/bulletin/${MONTH}`);
		const article = page.locator('article.bulletin');
		expect(await article.locator('.masthead .mast-title').innerText()).toBe('行政效能投诉情况通报');
		const text = squash(await article.innerText());
		for (const p of narrative) expect(text).toContain(squash(p));
		expect(await article.locator('table.grid').count()).toBeGreaterThanOrEqual(5);
		expect(await article.locator('figure.chart svg').count()).toBe(3);
		expect(await article.locator('.typical .case').count()).toBe(2);
		expect(text).toContain(squash(`投诉编号${typicalIds[0]}`));
		expect(lists.red).toBeGreaterThan(0);
		expect(lists.black).toBeGreaterThan(0);
		expect(await article.locator('tr.list-red').count()).toBe(lists.red);
		expect(await article.locator('tr.list-black').count()).toBe(lists.black);
		await page.screenshot({ path: 'tests/screenshots/bulletin-page.png' });
	});

	it('narrows the bulletin to a unit group, and the downloads follow the scope', async () => {
		await page.locator('.toolbar select').selectOption({ label: '乡镇' });
		await page.waitForURL((u) => u.searchParams.get('group') === '乡镇');
		const text = squash(await page.locator('article.bulletin').innerText());
		expect(text).toContain(squash(`${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5))}月各乡镇行政效能投诉情况通报`));
		expect(text).toMatch(/各乡镇共受理行政效能投诉[\d,]+件/);
		expect(await page.locator('a[data-format="pdf"]').getAttribute('href')).toBe(`/api/bulletin/${MONTH}.pdf?group=%E4%B9%A1%E9%95%87`);
		await page.locator('.toolbar select').selectOption({ value: '' });
		await page.waitForURL((u) => !u.search);
	});

	it('prints the page on A4 without the app shell or the toolbar', async () => {
		const file = path.join(tmp, 'printed.pdf');
		await page.emulateMedia({ media: 'print' });
		await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
		await page.emulateMedia({ media: 'screen' });
		const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
		expect(pages).toBeGreaterThanOrEqual(3);
		const text = squash(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
		expect(text).toContain(squash(narrative[0]));
		expect(text).toContain(`第1页共${pages}页`);
		expect(text).not.toContain('下载PDF');
		expect(text).not.toContain('投诉办理分析');
	});

	it('downloads the PDF and the Word document, and both downloads are audited', async () => {
		// While the PDF is printed the button says so, spins and is disabled (the others too), until the download starts.
		const pdfLink = page.locator('a[data-format="pdf"]');
		const downloading = page.waitForEvent('download', { timeout: 120_000 });
		await pdfLink.click();
		await expect.poll(() => pdfLink.getAttribute('aria-busy'), { timeout: 2000, interval: 50 }).toBe('true');
		expect(await pdfLink.textContent()).toContain('正在生成…');
		expect(await pdfLink.locator('.spinner').count()).toBe(1);
		expect(await page.locator('a[data-format="docx"]').getAttribute('aria-disabled')).toBe('true');
		const pdfDownload = await downloading;
		await expect.poll(() => pdfLink.getAttribute('aria-busy')).toBeNull();
		expect(await pdfLink.textContent()).toBe('下载 PDF');
		const pdf = path.join(tmp, 'download.pdf');
		await pdfDownload.saveAs(pdf);
		expect(pdfDownload.suggestedFilename()).toMatch(/行政效能投诉情况通报\.pdf$/);
		const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
		const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
		expect(pages).toBeGreaterThanOrEqual(3);
		const text = squash(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
		for (const p of narrative) expect(text).toContain(squash(p));
		expect(text).toContain(`第${pages}页共${pages}页`);
		execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-png', '-r', '110', '-singlefile', pdf, 'tests/screenshots/bulletin-page1']);
		expect(fs.existsSync('tests/screenshots/bulletin-page1.png')).toBe(true);

		const [docxDownload] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('a[data-format="docx"]').click()]);
		const docx = path.join(tmp, 'download.docx');
		await docxDownload.saveAs(docx);
		expect(docxDownload.suggestedFilename()).toMatch(/\.docx$/);
		const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/<[^>]+>/g, '');
		expect(xml).toContain(narrative[0]);

		const cookie = await login(app, 'admin');
		const audit = await (await fetch(`${app.url}/api/admin/audit.csv?action=export`, { headers: { cookie } })).text();
		expect(audit).toMatch(new RegExp(`leader,leader,,export,bulletin ${MONTH} pdf`));
		expect(audit).toMatch(new RegExp(`leader,leader,,export,bulletin ${MONTH} docx`));
	});

	it('refuses the bulletin to a unit user and answers bad months with 400', async () => {
		const unit = await login(app, 'unit_zjj');
		expect((await fetch(`${app.url}/bulletin/${MONTH}`, { headers: { cookie: unit }, redirect: 'manual' })).status).toBe(403);
		expect((await fetch(`${app.url}/api/bulletin/${MONTH}.pdf`, { headers: { cookie: unit } })).status).toBe(403);
		const leader = await login(app, 'leader');
		expect((await fetch(`${app.url}/api/bulletin/2026-13.pdf`, { headers: { cookie: leader } })).status).toBe(400);
		expect((await fetch(`${app.url}/api/bulletin/${MONTH}.exe`, { headers: { cookie: leader } })).status).toBe(404);
		expect((await fetch(`${app.url}/bulletin/20xx-01`, { headers: { cookie: leader } })).status).toBe(400);
	});
});

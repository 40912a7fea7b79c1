// Browser test of the compliance screens as an inspector: open 时限合规, filter to breached, open a flagged
// case from the list and read its timeline (a holiday with its name, make-up days, the explanation), open
// 年度考核, drill into a unit's evidence, download the XLSX; screenshots at desktop and phone sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loggedInPage, screenshot } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
	app = await startApp({ rows: 4000 });
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

function newPage(width: number, height: number, user: string = TEST_USERS.inspector.name): Promise<Page> {
	return loggedInPage(browser, app, user, { width, height });
}

async function complianceReady(page: Page): Promise<void> {
	await page.waitForSelector('.chart-canvas canvas', { timeout: 30_000 });
	await page.waitForSelector('table.flags tbody tr, .list .empty', { timeout: 30_000 });
	await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 30_000 });
	await page.waitForTimeout(500); // ECharts' entry animation
}

describe('compliance screens in the browser', () => {
	it('compliance → breached → case timeline with a holiday and the explanation', async () => {
		const page = await newPage(1440, 900);
		await page.goto(app.url + '/compliance');
		await expect(page.getByRole('heading', { name: '时限合规' }).isVisible()).resolves.toBe(true);
		await complianceReady(page);
		const kpi = await page.locator('.kpi .value').nth(2).innerText();
		expect(Number(kpi.replace(/,/g, ''))).toBeGreaterThan(0);
		await screenshot(page, 'compliance-1440');

		// filter to breached (closed late)
		await page.getByLabel('结论').selectOption('breached');
		await page.waitForURL((u) => u.searchParams.get('status') === 'breached');
		await complianceReady(page);
		// the list re-fetches after the URL changed: wait until it shows the filtered rows, not the previous ones
		// (the first badge is the status; an extension or a provisional calendar adds its own badge after it)
		const badges = page.locator('table.flags tbody td[data-label="结论"] .badge:first-child');
		await expect
			.poll(async () => [...new Set(await badges.allInnerTexts())].join('|'), { timeout: 30_000 })
			.toBe('超期办结');
		await expect(page.locator('.chip', { hasText: '超期办结' }).count()).resolves.toBe(1);

		// a flag whose explanation names a holiday: one click to its timeline
		const row = page.locator('table.flags tbody tr', { has: page.locator('td.explain', { hasText: '假期' }) }).first();
		const explanation = (await row.locator('td.explain').innerText()).trim();
		const caseId = (await row.locator('a.case-link').innerText()).trim();
		await row.locator('a.case-link').click();
		await page.waitForURL((u) => u.pathname === `/compliance/case/${caseId}`);
		await page.waitForSelector('.clock .strip .cell');

		const holiday = page.locator('.clock .cell.holiday').first();
		await expect(holiday.count()).resolves.toBe(1);
		expect(await holiday.getAttribute('title')).toMatch(/(元旦|春节|清明节|劳动节|端午节|中秋节|国庆节).*（放假）/);
		await expect(page.locator('.clock .cell.due').count()).resolves.toBeGreaterThan(0);
		await expect(page.locator('.clock .cell.done').count()).resolves.toBeGreaterThan(0);
		await expect(page.locator('.clock .cell.weekend').count()).resolves.toBeGreaterThan(0);
		await expect(page.locator('.clock .notes .note-holiday').first().innerText()).resolves.toMatch(/放假，不计入工作日/);
		// the flag's explanation from the list is shown under its clock
		const texts = await page.locator('.clock .explanation').allInnerTexts();
		expect(texts.map((x) => x.trim())).toContain(explanation);
		await expect(page.locator('.clock .badge', { hasText: '超期' }).count()).resolves.toBeGreaterThan(0);
		await screenshot(page, 'compliance-timeline-1440');

		// the case page shows the same clocks as compact timelines
		await page.getByRole('link', { name: '查看案件详情' }).click();
		await page.waitForURL((u) => u.pathname === `/cases/${caseId}`);
		await page.waitForSelector('.case-timeline .clock .cell.holiday');
		expect((await page.locator('.case-timeline .clock .explanation').allInnerTexts()).map((x) => x.trim())).toContain(explanation);
		await screenshot(page, 'case-clocks-1440');

		// cross-filter from a chart: click the top bar of the unit chart → ?unit=… and a chip
		await page.goto(app.url + '/compliance');
		await complianceReady(page);
		const unitChart = page.locator('.chart-canvas').first();
		const box = (await unitChart.boundingBox())!;
		// one click at a time, each followed by its navigation and fetches: under load a second click landing after the
		// first one's navigation would toggle the filter off again
		for (let y = 10; y < 60 && !new URL(page.url()).searchParams.has('unit'); y += 4) {
			await unitChart.click({ position: { x: box.width * 0.45, y } });
			await page.waitForURL((u) => u.searchParams.has('unit'), { timeout: 5_000 }).catch(() => undefined);
		}
		await page.waitForURL((u) => u.searchParams.has('unit'), { timeout: 10_000 });
		const unit = new URL(page.url()).searchParams.get('unit')!;
		await complianceReady(page);
		// as for the status filter: the list re-fetches after the URL changed; wait for the filtered rows
		const unitCells = page.locator('table.flags tbody td[data-label="被投诉单位"]');
		await expect
			.poll(async () => [...new Set((await unitCells.allInnerTexts()).map((u) => u.trim()))].join('|'), { timeout: 30_000 })
			.toBe(unit);
		await page.context().close();
	});

	it('appraisal: ranked list with tiers, evidence drill-down, XLSX download', async () => {
		const page = await newPage(1440, 900);
		const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;
		await page.goto(`${app.url}/appraisal?year=${year}`);
		await page.waitForSelector('table.ranking tbody tr');
		const first = page.locator('table.ranking tbody tr').first();
		await expect(first.locator('td[data-label="考核等次"] .badge').innerText()).resolves.not.toBe('—');
		await first.getByRole('button', { name: '查看证据' }).click();
		await page.waitForSelector('.evidence table.ev tbody tr');
		const evRows = page.locator('.evidence table.ev tbody tr');
		expect(await evRows.count()).toBeGreaterThan(0);
		const evText = await page.locator('.evidence').innerText();
		expect(evText).toMatch(/TS\d+/);
		expect(evText).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
		await screenshot(page, 'appraisal-1440');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 XLSX' }).click()]);
		expect(download.suggestedFilename()).toMatch(new RegExp(`年度考核-${year}-county-efficiency-单位\\.xlsx`));
		const file = await download.path();
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '证据', '说明']);
		// the appraisal file's layout: title and scheme lines, the header, one row per unit, a blank row and the signature line
		expect(wb.getWorksheet('汇总')!.rowCount).toBe((await page.locator('table.ranking > tbody > tr:not(.evidence-row)').count()) + 5);

		// by person: the column appears
		await page.getByLabel('按个人').check();
		await page.waitForURL((u) => u.searchParams.get('by') === 'person');
		await page.waitForSelector('table.ranking th:has-text("责任人")');
		await page.context().close();
	});

	it('phone size: compliance list as cards, timeline wraps, appraisal readable', async () => {
		const page = await newPage(390, 844);
		await page.goto(app.url + '/compliance?status=breached');
		await complianceReady(page);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(390 + 1);
		await screenshot(page, 'compliance-390');
		await page.locator('table.flags a.case-link').first().click();
		await page.waitForSelector('.clock .strip .cell');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
		await screenshot(page, 'compliance-timeline-390');
		await page.goto(app.url + '/appraisal');
		await page.waitForSelector('table.ranking tbody tr');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
		await screenshot(page, 'appraisal-390');
		await page.context().close();
	});

	it('calendar admin: years in use with official/provisional status and the upload form', async () => {
		const page = await newPage(1440, 900, TEST_USERS.admin.name);
		await page.goto(app.url + '/admin/calendar');
		await page.waitForSelector('table.years tbody tr');
		await expect(page.locator('table.years .badge', { hasText: '临时' }).count()).resolves.toBeGreaterThan(0);
		await expect(page.locator('table.years .badge', { hasText: '正式' }).count()).resolves.toBeGreaterThan(0);
		// an invalid notice: the error names the field and stays on screen
		await page.locator('textarea').fill(JSON.stringify({ year: 2031, source: '测试', holidays: [{ date: '2031-13-01', name: '元旦' }] }));
		await page.getByRole('button', { name: '校验并载入' }).click();
		await expect(page.locator('.problem').innerText()).resolves.toMatch(/holidays\[0\]\.date/);
		await screenshot(page, 'calendar-admin-1440');
		await page.context().close();
	});
});

// Browser test of the overview and the case explorer on the built app with demo data: open, filter,
// cross-filter by clicking a chart, drill down to the cases, export XLSX; screenshots at desktop and phone sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { login, startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
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

function newPage(width: number, height: number, user: string = TEST_USERS.admin.name): Promise<Page> {
	return loggedInPage(browser, app, user, { width, height });
}

/** Waits until no chart shows a loading skeleton and at least one chart canvas exists. */
async function chartsReady(page: Page): Promise<void> {
	await page.waitForSelector('.chart-canvas canvas', { timeout: 20_000 });
	await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0, undefined, { timeout: 20_000 });
	await page.waitForTimeout(400); // ECharts' entry animation
}

describe('overview and case explorer in the browser', () => {
	it('overview: KPIs and charts render; a chart click cross-filters with a chip; drill-down to cases', async () => {
		const page = await newPage(1440, 900);
		await page.goto(app.url + '/');
		await expect(page.getByRole('heading', { name: '总览' }).isVisible()).resolves.toBe(true);
		await chartsReady(page);
		const kpi = await page.locator('.kpi .value').first().innerText();
		expect(Number(kpi.replace(/,/g, ''))).toBeGreaterThan(0);
		await screenshot(page, 'overview-1440');

		// filter bar: quick pick 今年 changes the URL
		await page.getByRole('button', { name: '今年' }).click();
		await page.waitForURL((u) => u.searchParams.has('from'));
		await chartsReady(page);

		// cross-filter: click the first bar of the category chart → ?category=… and a chip
		const categoryChart = page.locator('.chart-canvas').nth(1);
		const box = (await categoryChart.boundingBox())!;
		const before = page.url();
		// the first (largest) bar sits at the top of the horizontal chart; find it by clicking down its left part
		for (let y = 8; y < 60 && page.url() === before; y += 5) {
			await categoryChart.click({ position: { x: box.width * 0.3, y } });
			// wait for this click's navigation: under load a second click on the same bar would toggle the filter off
			await page.waitForURL((u) => u.searchParams.has('category'), { timeout: 5_000 }).catch(() => undefined);
		}
		await page.waitForURL((u) => u.searchParams.has('category'), { timeout: 10_000 });
		const category = new URL(page.url()).searchParams.get('category')!;
		await expect(page.locator('.chip').filter({ hasText: category }).count()).resolves.toBe(1);
		await chartsReady(page);
		await screenshot(page, 'overview-crossfilter-1440');

		// drill down: the KPI number links to the case list with the same filters, and the list has that many cases
		const filteredKpi = (await page.locator('.kpi .value').first().innerText()).replace(/[^\d]/g, '');
		expect(Number(filteredKpi)).toBeLessThan(Number(kpi.replace(/[^\d]/g, '')) + 1);
		await page.locator('.kpi .value a').first().click();
		await page.waitForURL((u) => u.pathname === '/cases');
		expect(new URL(page.url()).searchParams.get('category')).toBe(category);
		const total = await page.locator('.count').innerText();
		expect(total.replace(/[^\d]/g, '')).toBe(filteredKpi);
		await page.context().close();
	});

	it('a trend month is clicked anywhere in its band; the menu keeps the period', async () => {
		const page = await newPage(1440, 900);
		await page.goto(app.url + '/');
		await chartsReady(page);
		await page.getByRole('button', { name: '今年' }).click();
		await page.waitForURL((u) => u.searchParams.has('from'));
		await chartsReady(page);
		const period = new URL(page.url()).searchParams;
		// the menu leads to the next dashboard with the same period
		await page.locator('nav#main-nav a', { hasText: '办理时长' }).click();
		await page.waitForURL((u) => u.pathname === '/handling');
		expect(new URL(page.url()).searchParams.get('from')).toBe(period.get('from'));
		expect(new URL(page.url()).searchParams.get('to')).toBe(period.get('to'));
		await page.locator('nav#main-nav a', { hasText: '总览' }).click();
		await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('from') === period.get('from'));
		await chartsReady(page);
		// one click low in the plot (just above the month labels), far from any 6-pixel point: the month of that band becomes the filter
		const trend = page.locator('.chart-canvas').first();
		const box = (await trend.boundingBox())!;
		await trend.click({ position: { x: box.width * 0.5, y: box.height - 45 } });
		await page.waitForURL((u) => /^\d{4}-\d{2}$/.test(u.searchParams.get('month') ?? ''), { timeout: 5_000 });
		await page.context().close();
	});

	it('cases: sort, export XLSX of the current view, open a case', async () => {
		const page = await newPage(1440, 900);
		await page.goto(app.url + '/cases?from=2020-01-01');
		const rows = page.locator('table.cases tbody tr');
		expect(await rows.count()).toBeGreaterThan(10);
		await page.getByRole('link', { name: /被投诉单位/ }).click();
		await page.waitForURL((u) => u.searchParams.get('sort') === 'unit');
		await screenshot(page, 'cases-1440');

		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: '导出 Excel' }).click();
		const file = await (await download).path();
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(file!);
		const sheet = wb.getWorksheet('案件')!;
		const shown = Number((await page.locator('.count').innerText()).replace(/[^\d]/g, ''));
		expect(sheet.rowCount - 1).toBe(shown);

		await rows.first().locator('a').first().click();
		await page.waitForURL((u) => /^\/cases\/[^/]+$/.test(u.pathname));
		await expect(page.getByRole('heading', { name: '案件信息' }).isVisible()).resolves.toBe(true);
		await screenshot(page, 'case-1440');
		await page.context().close();
	});

	it('phone width: overview and cases stay usable at 390px', async () => {
		const page = await newPage(390, 844);
		await page.goto(app.url + '/');
		await chartsReady(page);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(1);
		await screenshot(page, 'overview-390');
		await page.goto(app.url + '/cases');
		await screenshot(page, 'cases-390');
		await page.context().close();
	});

	it('unit user sees only their unit and no complainant identity; API answers Arrow', async () => {
		const cookie = await login(app, TEST_USERS.unit.name);
		const spec = encodeURIComponent(JSON.stringify({ measures: ['cases'], dimensions: ['unit'], filters: { from: '2000-01-01' } }));
		const res = await fetch(`${app.url}/api/metrics/query?spec=${spec}`, { headers: { cookie } });
		expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		const { arrowToRows } = await import('../../src/lib/client/arrow.ts');
		const rows = arrowToRows(new Uint8Array(await res.arrayBuffer()));
		expect(rows.map((r) => r.unit)).toEqual([TEST_USERS.unit.unit]);
		const bad = await fetch(`${app.url}/api/metrics/query?spec=${encodeURIComponent('{"measures":["complainant_phone"]}')}`, { headers: { cookie } });
		expect(bad.status).toBe(400);
		const csv = await fetch(`${app.url}/api/cases.csv?from=2000-01-01`, { headers: { cookie } });
		const text = await csv.text();
		expect(text.split('\r\n')[0]).not.toContain('complainant_phone');
		expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
		expect((await fetch(`${app.url}/api/cases.csv`)).status).toBe(401);
		fs.mkdirSync('tests/screenshots', { recursive: true });
	});
});

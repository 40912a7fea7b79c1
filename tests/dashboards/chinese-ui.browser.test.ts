// The browser walk of issue 12/14 as four roles on the built app with demo data, each finding checked where the
// reader sees it: 单位效能's 按时办理率 is the overview's for the unit, its ranks name their group, its heat map's
// legend stays off the months (screenshots at 1280×800 and 1920×1080); no English ids on the pages (rule ids, pack
// ids, the calendar hash, the complainant key's hex, profile ids); a unit user's 单位 filter names its unit; a
// year's KPI cards show one comparison, 较上年同期.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loginPage, screenshot } from '../helpers/browser.ts';
import { emptyFilters, writeFilters } from '../../src/lib/model/filters.ts';
import { shanghaiToday } from '../../src/lib/server/time.ts';

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

async function newPage(user: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
	const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
	const page = await ctx.newPage();
	await loginPage(page, app, user);
	return page;
}

/** Waits until the page's skeletons are gone (the tables and charts fetch their rows after the first paint). */
async function settled(page: Page): Promise<void> {
	await page.waitForFunction(() => document.querySelectorAll('.skeleton, .skeleton-rows, [aria-busy="true"]').length === 0, undefined, { timeout: 60_000 });
	await page.waitForTimeout(300);
}

const today = shanghaiToday();
const year = { ...emptyFilters(), from: `${today.slice(0, 4)}-01-01`, to: today };

describe('what the four roles read (browser walk, issue 12/14)', () => {
	it('单位效能: 按时办理率 equals the overview of the unit, ranks name their group, at 1280×800 and 1920×1080', async () => {
		for (const viewport of [
			{ width: 1280, height: 800 },
			{ width: 1920, height: 1080 }
		]) {
			const page = await newPage(TEST_USERS.inspector.name, viewport);
			await page.goto(`${app.url}/units?${writeFilters(year)}`);
			await settled(page);
			const heads = await page.locator('table.rank-table thead th').allInnerTexts();
			const col = heads.indexOf('按时办理率');
			expect(col, heads.join('|')).toBeGreaterThan(1);
			const first = page.locator('table.rank-table tbody tr').first();
			const cells = await first.locator('td').allInnerTexts();
			expect(cells[0]).toMatch(/^第\d+名 \/ (县直部门|乡镇|其他) \d+个$/);
			const unit = (await first.locator('td.unit a').innerText()).trim();
			await page.locator('.heat .chart-canvas canvas').first().waitFor({ timeout: 60_000 });
			await page.waitForTimeout(800);
			await screenshot(page, `units-${viewport.width}`);
			// the same unit and period on the overview
			await page.goto(`${app.url}/?${writeFilters({ ...year, units: [unit] })}`);
			const kpi = page.locator('.kpis .kpi').filter({ hasText: '按时办理率' }).locator('.value');
			expect((await kpi.innerText()).trim(), unit).toBe(cells[col].trim());
			await page.context().close();
		}
	});

	it('总览 of this year: one comparison per card, 较上年同期; a month keeps 环比 and 同比', async () => {
		const page = await newPage(TEST_USERS.leader.name);
		await page.goto(`${app.url}/?${writeFilters(year)}`);
		const cards = await page.locator('.kpis .kpi .compare').allInnerTexts();
		expect(cards.length).toBeGreaterThan(3);
		for (const c of cards) {
			expect(c).not.toContain('环比');
			expect(c).toContain('较上年同期');
		}
		await page.goto(`${app.url}/?${writeFilters({ ...emptyFilters(), from: '2025-11-01', to: '2025-11-30' })}`);
		const month = await page.locator('.kpis .kpi .compare').first().innerText();
		expect(month).toContain('环比');
		expect(month).toContain('同比');
		await page.context().close();
	});

	it('a unit user: the 单位 filter reads 本单位：<its unit> and offers no other', async () => {
		const page = await newPage(TEST_USERS.unit.name);
		for (const path of ['/', '/units', '/handling']) {
			await page.goto(app.url + path);
			const bar = page.locator('.filter-bar');
			await expect(bar.getByTestId('own-units').innerText()).resolves.toContain(`本单位：${TEST_USERS.unit.unit}`);
			expect(await bar.innerText(), path).not.toContain('全部单位');
			expect(await bar.locator('details.units').count(), path).toBe(0);
		}
		await page.context().close();
	});

	it('no English ids where a reader looks: rule, pack and profile ids, the calendar hash, the complainant key', async () => {
		const page = await newPage(TEST_USERS.admin.name);
		const ruleId = /\b[a-z]+(?:-[a-z]+)+\b/;
		const hex = /\b[0-9a-f]{12,}\b/i;
		const found: string[] = [];
		for (const path of ['/', '/units', '/compliance', '/compliance/nearly', '/appraisal', '/admin/settings', '/admin/calendar', '/import']) {
			await page.goto(app.url + path);
			await settled(page);
			const text = await page.locator('main').innerText();
			for (const re of [ruleId, hex]) {
				const m = re.exec(text);
				if (m) found.push(`${path}: ${m[0]}`);
			}
		}
		// a case with a complainant key: 投诉人编号, eight characters
		await page.goto(`${app.url}/cases?${writeFilters(year)}`);
		await page.locator('table a[href^="/cases/"]').first().click();
		await page.waitForURL(/\/cases\/[^?]+/);
		const body = await page.locator('main').innerText();
		expect(body).not.toContain('投诉人标识');
		if (body.includes('投诉人编号')) expect(body).toMatch(/投诉人编号\s+[0-9A-F]{8}\b/);
		if (hex.test(body)) found.push(`case: ${hex.exec(body)![0]}`);
		// the import page's profiles by their titles
		await page.goto(app.url + '/import');
		const options = await page.locator('.profile-bar select option').allInnerTexts().catch(() => []);
		for (const o of options) if (/^(cfpb|nyc311)/.test(o)) found.push(`/import option: ${o}`);
		expect(found).toEqual([]);
		await page.context().close();
	});
});

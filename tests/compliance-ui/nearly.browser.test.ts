// Browser test of 临期预警 (issue 14): an inspector follows the overview's 临期 KPI to the list (the KPI is the list's
// length), narrows it by a unit and opens a case's timeline; a unit user sees the same page with its own unit only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const kpiValue = (page: Page) => page.locator('.kpi', { has: page.locator('.label', { hasText: /^临期$/ }) }).locator('.value');
const count = (text: string) => Number(text.replace(/[^\d]/g, '') || '0');

describe('临期预警 in the browser', () => {
	it('an inspector goes from the overview KPI to the list, filters by unit and opens a case', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.inspector.name, { width: 1440, height: 900 });
		await page.goto(app.url + '/');
		const kpi = count(await kpiValue(page).innerText());
		expect(kpi, 'the demo has open cases about to break').toBeGreaterThan(0);
		await kpiValue(page).locator('a').click();
		await page.waitForURL((u) => u.pathname === '/compliance/nearly');
		await expect(page.getByRole('heading', { name: '临期预警' }).isVisible()).resolves.toBe(true);
		expect(count(await page.getByTestId('nearly-count').innerText())).toBe(kpi);
		const rows = page.locator('table.nearly tbody tr');
		expect(await rows.count()).toBe(Math.min(kpi, 500));
		// every row names its rule (by its Chinese title: no rule id column), article, due moment and time left
		const first = rows.first();
		for (const label of ['规则名称', '条款', '办理时限', '剩余']) expect((await first.locator(`td[data-label="${label}"]`).innerText()).trim()).not.toBe('');
		expect(await first.locator('td[data-label="规则编号"]').count()).toBe(0);
		expect(await first.locator('td[data-label="规则名称"]').innerText()).toMatch(/\p{Script=Han}/u);
		await screenshot(page, 'nearly-1440');

		// a unit from the by-unit list is a cross-filter
		const unitLink = page.locator('section[aria-label="按单位"] li a').first();
		const unit = (await unitLink.innerText()).trim();
		await unitLink.click();
		await page.waitForURL((u) => u.searchParams.get('unit') === unit);
		await expect
			.poll(async () => [...new Set(await page.locator('table.nearly tbody td[data-label="被投诉单位"]').allInnerTexts())].join('|'), { timeout: 30_000 })
			.toBe(unit);

		const caseLink = page.locator('table.nearly a.case-link').first();
		const caseId = (await caseLink.innerText()).trim();
		await caseLink.click();
		await page.waitForURL((u) => u.pathname === `/compliance/case/${caseId}`);
		await page.waitForSelector('.clock');
		await page.close();
	});

	it('a unit user sees the 临期 list of its own unit only, and its KPI on the overview', async () => {
		const own = TEST_USERS.unit.unit;
		// what an inspector sees of that unit: the same cases and rules, no more and no fewer
		const inspector = await loggedInPage(browser, app, TEST_USERS.inspector.name, { width: 1440, height: 900 });
		await inspector.goto(`${app.url}/compliance/nearly?unit=${encodeURIComponent(own)}`);
		await inspector.waitForSelector('table.nearly, p.empty');
		const inspectorTotal = (await inspector.locator('p.empty').count()) ? 0 : count(await inspector.getByTestId('nearly-count').innerText());
		const inspectorRows = (await inspector.locator('table.nearly tbody tr').count()) ? await inspector.locator('table.nearly tbody tr td:first-child').allInnerTexts() : [];
		await inspector.close();
		const page = await loggedInPage(browser, app, TEST_USERS.unit.name, { width: 390, height: 844 });
		await page.goto(app.url + '/');
		const kpi = count(await kpiValue(page).innerText());
		await page.goto(app.url + '/compliance/nearly');
		await expect(page.getByRole('heading', { name: '临期预警' }).isVisible()).resolves.toBe(true);
		const units = await page.locator('table.nearly tbody td[data-label="被投诉单位"]').allInnerTexts();
		expect(units.length).toBe(Math.min(kpi, 500));
		expect(units.every((u) => u.trim() === own)).toBe(true);
		if (kpi === 0) await expect(page.getByText('当前筛选条件下没有临期案件').isVisible()).resolves.toBe(true);
		else expect(count(await page.getByTestId('nearly-count').innerText())).toBe(kpi);
		expect(kpi, 'the unit user sees what the inspector sees of its unit').toBe(inspectorTotal);
		expect((await page.locator('table.nearly tbody tr td:first-child').allInnerTexts()).sort()).toEqual(inspectorRows.sort());
		const byUnit = await page.locator('section[aria-label="按单位"] li a').allInnerTexts();
		expect(byUnit.every((u) => u.trim() === own)).toBe(true);
		await screenshot(page, 'nearly-unit-390');
		await page.close();
	});
});

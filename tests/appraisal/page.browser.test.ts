// What a browser walk of the 年度考核 page found (issue 13 follow-up): changing the year must take the old year's
// rows down at once and say it is loading, a slower answer to an earlier choice must never replace the newer one;
// a proposal in the review queue must come back to the year and filters being reviewed, and its 说明 must be shown
// in the queue and in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loggedInPage } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;
const unit = TEST_USERS.unit.unit;

beforeAll(async () => {
	app = await startApp({ rows: 500 });
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

/** Holds the list request of some years back by the given milliseconds (the server's answer is unchanged). */
async function slowYears(page: Page, delays: Record<string, number>) {
	await page.route(/\/api\/appraisal\?/, async (route) => {
		const year = new URL(route.request().url()).searchParams.get('year') ?? '';
		if (delays[year]) await new Promise((r) => setTimeout(r, delays[year]));
		await route.continue().catch(() => undefined); // the page may have aborted it meanwhile
	});
}

describe('年度考核 in the browser', () => {
	it('takes the old year down at once, says it is loading, and never lets a slower earlier answer win', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.inspector.name, { width: 1400, height: 900 });
		await page.goto(`${app.url}/appraisal`);
		const select = page.getByLabel('考核年度');
		const years = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(years.length, 'the demo has at least three years to pick').toBeGreaterThanOrEqual(3);
		const [first, second, third] = years;
		await page.locator(`table.ranking[data-year="${first}"]`).waitFor({ timeout: 120_000 });

		await slowYears(page, { [second]: 3000, [third]: 6000 });
		await select.selectOption(second);
		// at once: no row of the old year under the new choice, a busy region and 加载中
		const loading = page.getByTestId('list-loading');
		await loading.waitFor({ timeout: 1500 });
		await expect(loading.getAttribute('aria-busy')).resolves.toBe('true');
		await expect(loading.innerText()).resolves.toContain('加载中');
		await expect(loading.innerText()).resolves.toContain(`${second} 年度`);
		await expect(page.locator(`table.ranking[data-year="${first}"]`).count()).resolves.toBe(0);
		await page.locator(`table.ranking[data-year="${second}"]`).waitFor({ timeout: 60_000 });
		await expect(page.locator('table.ranking caption').innerText()).resolves.toContain(`${second} 年度`);

		// the third year's answer is slow; the inspector moves on to the first year before it arrives
		const slow = page.waitForRequest((r) => r.url().includes('/api/appraisal?') && r.url().includes(`year=${third}`));
		await select.selectOption(third);
		await slow;
		await select.selectOption(first);
		await page.locator(`table.ranking[data-year="${first}"]`).waitFor({ timeout: 60_000 });
		await page.waitForTimeout(7000); // past the third year's delay
		await expect(page.locator(`table.ranking[data-year="${third}"]`).count()).resolves.toBe(0);
		await expect(page.locator(`table.ranking[data-year="${first}"]`).count()).resolves.toBe(1);
		await expect(select.inputValue()).resolves.toBe(first);
	});

	it('a proposal returns to the year and filters being reviewed, and its 说明 is shown in the queue and the audit log', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.inspector.name, { width: 1400, height: 900 });
		const filtered = `${app.url}/appraisal/review?year=2025&unit=${encodeURIComponent(unit)}&status=unreviewed`;
		await page.goto(filtered);
		const first = page.locator('tbody tr').first();
		const caseId = await first.getAttribute('data-case');
		const ruleId = await first.getAttribute('data-rule');
		expect(caseId, 'the unit has an unreviewed flag in 2025').toBeTruthy();
		await first.locator('input[type=checkbox]').check();
		await page.getByLabel('处理措施').selectOption('批评教育');
		const note = `经核实属实，已约谈 ${caseId}`;
		await page.getByLabel('说明', { exact: true }).fill(note);
		await page.getByRole('button', { name: '提出建议' }).click();
		await expect(page.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已提出 1 条认定建议');
		// still 2025, the unit and the status picked (not this year's whole list)
		const url = new URL(page.url());
		expect([url.searchParams.get('year'), url.searchParams.get('unit'), url.searchParams.get('status')]).toEqual(['2025', unit, 'unreviewed']);
		await expect(page.locator('h1').innerText()).resolves.toContain('2025 年');
		await expect(page.locator('input[name=unit]').inputValue()).resolves.toBe(unit);
		await expect(page.locator(`tr[data-case="${caseId}"][data-rule="${ruleId}"]`).count()).resolves.toBe(0);

		await page.goto(`${app.url}/appraisal/review?year=2025&unit=${encodeURIComponent(unit)}&status=proposed`);
		await expect(page.locator(`tr[data-case="${caseId}"][data-rule="${ruleId}"]`).innerText()).resolves.toContain(`说明：${note}`);

		const admin = await loggedInPage(browser, app, TEST_USERS.admin.name, { width: 1400, height: 900 });
		await admin.goto(`${app.url}/admin/audit?action=finding_propose`);
		await expect(admin.locator('table').innerText()).resolves.toContain(note);
	});
});

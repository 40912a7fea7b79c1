// Browser test of the 热点诉求 page on the built app with demo data: the ranked terms and the word cloud render,
// a term click lists its cases with the term highlighted, and a unit user's page shows only its own unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loggedInPage, screenshot } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
	app = await startApp({ rows: 3000 });
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

describe('热点诉求 in the browser', () => {
	it('shows terms and a word cloud; a term drills to its cases with the term highlighted', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.admin.name, { width: 1440, height: 900 });
		await page.goto(app.url + '/hotspots?from=2000-01-01&to=2100-12-31');
		await expect(page.getByRole('heading', { name: '热点诉求', level: 1 }).isVisible()).resolves.toBe(true);
		const firstTerm = page.locator('[data-testid=hotspot-terms] tbody tr td:first-child button').first();
		await firstTerm.waitFor({ timeout: 120_000 });
		await page.waitForSelector('.chart-canvas canvas', { timeout: 30_000 });
		const term = (await firstTerm.innerText()).trim();
		expect(term.length).toBeGreaterThanOrEqual(2);
		await firstTerm.click();
		await page.waitForURL((u) => u.searchParams.get('term') === term);
		const marks = page.locator('[data-testid=hotspot-cases] mark');
		await marks.first().waitFor({ timeout: 30_000 });
		for (const m of await marks.all()) expect(await m.innerText()).toBe(term);
		await screenshot(page, 'hotspots-1440');
	}, 240_000);

	it('a unit user sees only its own unit among the units most concerned', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.unit.name, { width: 1280, height: 900 });
		await page.goto(app.url + '/hotspots?from=2000-01-01&to=2100-12-31');
		const cells = page.locator('[data-testid=hotspot-terms] td.units button');
		await cells.first().waitFor({ timeout: 120_000 });
		for (const c of await cells.all()) expect((await c.innerText()).replace(/（\d+）$/, '')).toBe(TEST_USERS.unit.unit);
	}, 240_000);

	it('shows 集中诉求占比 as the API gives it, and the overview’s rises to a leader but not to a unit user', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.admin.name, { width: 1280, height: 900 });
		const q = 'from=2000-01-01&to=2100-12-31';
		await page.goto(app.url + '/hotspots?' + q);
		const share = page.locator('[data-testid=concentrated-rate]');
		await share.waitFor({ timeout: 120_000 });
		const api = await page.evaluate(async (qs) => (await (await fetch('/api/metrics/hotspots/duplicates?' + qs)).json()) as { concentrated_rate: number }, q);
		expect(api.concentrated_rate).toBeGreaterThan(0);
		// the page prints the API's figure as a percentage with one decimal
		expect(await share.innerText()).toContain(`${(api.concentrated_rate * 100).toFixed(1)}%`);

		const leader = await loggedInPage(browser, app, TEST_USERS.leader.name, { width: 1280, height: 900 });
		let risesRequests = 0;
		leader.on('request', (r) => {
			if (r.url().includes('/api/metrics/hotspots/rises')) risesRequests++;
		});
		await leader.goto(app.url + '/');
		const panel = leader.locator('[data-testid=overview-rises]');
		await panel.waitFor({ timeout: 60_000 });
		await expect(panel.getByRole('heading', { name: '热点预警（最近7天突增）' }).isVisible()).resolves.toBe(true);
		// once shown, the panel asks no more: it once asked again after every answer, hundreds of times a second
		expect(risesRequests).toBeGreaterThan(0);
		risesRequests = 0;
		await leader.waitForTimeout(3000);
		expect(risesRequests).toBe(0);
		const unit = await loggedInPage(browser, app, TEST_USERS.unit.name, { width: 1280, height: 900 });
		await unit.goto(app.url + '/');
		await unit.waitForSelector('h1');
		expect(await unit.locator('[data-testid=overview-rises]').count()).toBe(0);
	}, 240_000);
});

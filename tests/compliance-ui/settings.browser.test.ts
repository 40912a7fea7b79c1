// Browser test of 部署设置 as an admin: the page lists the packs, taking the CFPB pack off the offer hides it
// from the 时限合规 picker and makes a request for it a 400; the page is closed to an inspector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loggedInPage, screenshot } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
	app = await startApp({ rows: 500 });
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

describe('部署设置 in the browser', () => {
	it('an admin takes a pack off the offer; the picker and the API follow', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.admin.name, { width: 1280, height: 900 });
		await page.goto(app.url + '/admin/settings');
		await expect(page.getByRole('heading', { name: '部署设置' }).isVisible()).resolves.toBe(true);
		await expect(page.locator('nav a[href="/admin/settings"]').count()).resolves.toBeGreaterThan(0);
		await expect(page.locator('select[name="default_pack"]').inputValue()).resolves.toBe('county-efficiency');
		const cfpb = page.locator('input[name="offered_packs"][value="cfpb"]');
		await expect(cfpb.isChecked()).resolves.toBe(true);
		await cfpb.uncheck();
		await page.locator('form').filter({ hasText: '默认规则包' }).getByRole('button', { name: '保存' }).click();
		await expect(page.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已保存');
		await expect(cfpb.isChecked()).resolves.toBe(false);
		await screenshot(page, 'admin-settings-1280');

		const refused = await page.request.get(app.url + '/api/compliance/summary?pack=cfpb');
		expect(refused.status()).toBe(400);
		expect(await refused.json()).toMatchObject({ code: 'pack_not_offered', field: 'pack' });

		await page.goto(app.url + '/compliance');
		const options = await page.getByLabel('规则包').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(options[0]).toBe('county-efficiency');
		expect(options).toContain('agency-accountability');
		expect(options).not.toContain('cfpb');
	});

	it('is closed to an inspector', async () => {
		const page = await loggedInPage(browser, app, TEST_USERS.inspector.name, { width: 1280, height: 900 });
		const res = await page.goto(app.url + '/admin/settings');
		expect(res?.status()).toBe(403);
		await expect(page.locator('nav a[href="/admin/settings"]').count()).resolves.toBe(0);
	});
});

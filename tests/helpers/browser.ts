// Headless Debian chromium through playwright-core, with the flags this closed network needs.
import { chromium, type Browser, type Page } from 'playwright-core';
import fs from 'node:fs';
import { TEST_PASSWORD, type RunningApp } from './app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	// playwright gives every launch a fresh temporary profile (it refuses --user-data-dir in args).
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	});
}

/** Logs in through the log-in page as a user would. */
export async function loginPage(page: Page, app: RunningApp, name: string, password = TEST_PASSWORD): Promise<void> {
	// Wait for the page's scripts to settle: a click in the middle of hydration can be lost.
	await page.goto(app.url + '/login', { waitUntil: 'networkidle' });
	await page.getByLabel('用户名').fill(name);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	// 'commit': the log-in redirects on the client, after which a full 'load' event may never come. The first
	// page after log-in may wait for the dashboards' tables to be built, which on a busy 2-core CI machine
	// can take far longer than playwright's default 30 s.
	await page.waitForURL((u) => !u.pathname.startsWith('/login'), { waitUntil: 'commit', timeout: 120_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
	fs.mkdirSync('tests/screenshots', { recursive: true });
	await page.screenshot({ path: `tests/screenshots/${name}.png`, fullPage: true });
}

/** A fresh context (its own cookies) at the given viewport, logged in as the user. */
export async function loggedInPage(
	browser: Browser,
	app: RunningApp,
	user: string,
	viewport: { width: number; height: number }
): Promise<Page> {
	const ctx = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
	const page = await ctx.newPage();
	await loginPage(page, app, user);
	return page;
}

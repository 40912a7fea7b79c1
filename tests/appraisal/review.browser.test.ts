// The review flow in the browser: an inspector proposes a finding on a flag of the unit's and tells the unit, the
// unit sees it without the complainant's identity and answers once, the inspector sees the answer in the queue,
// and the leader approves it with a 文号.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loggedInPage, screenshot } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;
const unit = TEST_USERS.unit.unit;
const queue = () => `${app.url}/appraisal/review?year=2025&unit=${encodeURIComponent(unit)}`;

beforeAll(async () => {
	app = await startApp({ rows: 500 });
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

describe('审核认定 in the browser', () => {
	it('inspector proposes and notifies, the unit answers without seeing the complainant, the leader approves', async () => {
		const inspector = await loggedInPage(browser, app, TEST_USERS.inspector.name, { width: 1400, height: 900 });
		await inspector.goto(queue() + '&status=unreviewed');
		const first = inspector.locator('tbody tr').first();
		const caseId = await first.getAttribute('data-case');
		const ruleId = await first.getAttribute('data-rule');
		const sel = () => `tr[data-case="${caseId}"][data-rule="${ruleId}"]`;
		expect(caseId, 'the unit has an unreviewed flag in 2025').toBeTruthy();
		await first.locator('input[type=checkbox]').check();
		await inspector.getByLabel('处理措施').selectOption('书面效能告诫');
		await inspector.getByRole('button', { name: '提出建议' }).click();
		await expect(inspector.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已提出 1 条认定建议');
		await inspector.goto(queue());
		const row = inspector.locator(sel());
		await expect(row.locator('td.status').innerText()).resolves.toBe('已提出建议');
		await row.getByRole('button', { name: '告知单位' }).click();
		await expect(inspector.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已告知单位 1 条');

		const unitPage = await loggedInPage(browser, app, TEST_USERS.unit.name, { width: 1280, height: 900 });
		await unitPage.goto(app.url + '/findings');
		const mine = unitPage.locator(`tr[data-case="${caseId}"]`).first();
		await expect(mine.innerText()).resolves.toContain('书面效能告诫');
		const html = await unitPage.content();
		expect(html).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
		expect(html).not.toMatch(/投诉人|complainant/);
		await mine.getByLabel(`情况说明 ${caseId}`).fill('因系统故障延误，已整改。');
		await mine.getByRole('button', { name: '提交情况说明' }).click();
		await expect(unitPage.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已提交');
		await screenshot(unitPage, 'findings-unit-1280');
		// the unit cannot open the queue
		expect((await unitPage.goto(queue()))?.status()).toBe(403);

		await inspector.goto(queue());
		await expect(inspector.locator(sel()).innerText()).resolves.toContain('因系统故障延误，已整改。');

		const leader = await loggedInPage(browser, app, TEST_USERS.leader.name, { width: 1400, height: 900 });
		await leader.goto(queue());
		const lrow = leader.locator(sel());
		await lrow.getByLabel(`文号 ${caseId}`).fill('县纪〔2026〕3号');
		await lrow.getByRole('button', { name: '批准' }).click();
		await expect(leader.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已批准 1 条');
		await leader.goto(queue() + '&status=approved');
		await expect(leader.locator(sel()).innerText()).resolves.toContain('县纪〔2026〕3号');
		await screenshot(leader, 'review-leader-1400');
		// the leader proposes nothing (no selection boxes), and the unit sees the approval
		await expect(leader.locator('input[name=item]').count()).resolves.toBe(0);
		await unitPage.goto(app.url + '/findings');
		await expect(unitPage.locator(`tr[data-case="${caseId}"]`).first().innerText()).resolves.toContain('已批准 县纪〔2026〕3号');
	});
});

// The rest of the review flow in the browser (issue 13; review.browser.test.ts covers proposing, telling the unit,
// its explanation and the approval): an exemption (免责) beside a confirmed finding, publishing the year's appraisal,
// a re-import that corrects the confirmed case sending its decision back for re-review, and republishing, which
// makes version 2 and shows what changed; version 1 still downloads as published.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cli, login, prepareDatabase, startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loggedInPage, screenshot } from '../helpers/browser.ts';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';

let app: RunningApp;
let browser: Browser;
let dir: string;
const unit = TEST_USERS.unit.unit;
/** the flag to confirm and later correct by a re-import, and the one to exempt */
let confirmFlag: { case_id: string; rule_id: string };
let exemptFlag: { case_id: string; rule_id: string };
let correction: string;
const queue = () => `${app.url}/appraisal/review?year=2025&unit=${encodeURIComponent(unit)}`;
const row = (f: { case_id: string; rule_id: string }) => `tr[data-case="${f.case_id}"][data-rule="${f.rule_id}"]`;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-browser-'));
	const dbPath = prepareDatabase(dir, 800);
	// two late replies of the unit in 2025 (the stop of these rules is replied_at), read before the server takes the file
	const db = await getDb(dbPath);
	const flags = await db.query<{ case_id: string; rule_id: string; start: string }>(
		`SELECT cr.case_id, cr.rule_id, CASE WHEN cr.rule_id = 'direct-reply' THEN 'accepted_at' ELSE 'dispatched_at' END AS start
		 FROM compliance_results cr JOIN cases c USING (case_id)
		 WHERE cr.pack = 'county-efficiency' AND cr.status = 'breached' AND c.unit = $unit AND year(c.received_at) = 2025
			AND cr.rule_id IN ('direct-reply', 'transfer-reply', 'assign-reply')
		 ORDER BY cr.case_id, cr.rule_id`,
		{ unit }
	);
	await closeDb(dbPath);
	expect(flags.length, 'the demo unit has two late replies in 2025').toBeGreaterThanOrEqual(2);
	const other = flags.find((f) => f.case_id !== flags[0].case_id)!;
	confirmFlag = { case_id: flags[0].case_id, rule_id: flags[0].rule_id };
	exemptFlag = { case_id: other.case_id, rule_id: other.rule_id };
	// the corrected export of that case: the reply was in fact given when the clock started (so the rule is met)
	const out = path.join(dir, 'unit.csv');
	cli(['export', '--unit', unit, '--out', out, '--db', dbPath]);
	const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
	const theCase = parsed.data.find((r) => r.case_id === confirmFlag.case_id)!;
	expect(theCase[flags[0].start], 'the rule’s clock start is in the export').toBeTruthy();
	theCase.replied_at = theCase[flags[0].start];
	correction = '\ufeff' + Papa.unparse({ fields: parsed.meta.fields!, data: [theCase] });
	app = await startApp({ dbPath });
	browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** The analyst's re-import of the corrected row, through the import API as the 数据导入 page drives it. */
async function reimport(): Promise<Record<string, unknown>> {
	const cookie = await login(app, TEST_USERS.analyst.name);
	const up = await fetch(`${app.url}/api/import/uploads?name=correction.csv`, {
		method: 'POST',
		headers: { cookie, origin: app.url, 'content-type': 'application/octet-stream' },
		body: correction
	});
	expect(up.status).toBe(201);
	const { uploadId } = (await up.json()) as { uploadId: string };
	const headers = { cookie, origin: app.url, 'content-type': 'application/json' };
	const started = await fetch(`${app.url}/api/import/jobs`, { method: 'POST', headers, body: JSON.stringify({ uploadId }) });
	expect(started.status).toBe(202);
	const { id } = (await started.json()) as { id: string };
	for (;;) {
		const job = (await (await fetch(`${app.url}/api/import/jobs/${id}`, { headers: { cookie } })).json()) as { status: string; report: Record<string, unknown> | null; error: unknown };
		if (job.status === 'done') return job.report!;
		if (job.status === 'failed') throw new Error(`re-import failed: ${JSON.stringify(job.error)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe('exempt, publish, re-review after a re-import, republish', () => {
	it('runs the year’s review to two published versions', async () => {
		const inspector = await loggedInPage(browser, app, TEST_USERS.inspector.name, { width: 1400, height: 900 });
		const propose = async (f: { case_id: string; rule_id: string }, decision: '认定' | '免责', pick: () => Promise<unknown>) => {
			await inspector.goto(queue() + '&status=unreviewed');
			await inspector.locator(`${row(f)} input[type=checkbox]`).check();
			await inspector.getByLabel(decision, { exact: true }).check();
			await pick();
			await inspector.getByRole('button', { name: '提出建议' }).click();
			await expect(inspector.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已提出 1 条');
		};
		await propose(confirmFlag, '认定', () => inspector.getByLabel('处理措施').selectOption('口头效能告诫'));
		await propose(exemptFlag, '免责', () => inspector.getByLabel('免责理由').selectOption({ index: 0 }));

		const leader = await loggedInPage(browser, app, TEST_USERS.leader.name, { width: 1400, height: 900 });
		for (const f of [confirmFlag, exemptFlag]) {
			await leader.goto(queue());
			await leader.locator(row(f)).getByLabel(`文号 ${f.case_id}`).fill('县纪〔2026〕9号');
			await leader.locator(row(f)).getByRole('button', { name: '批准' }).click();
			await expect(leader.getByRole('status').innerText({ timeout: 30_000 })).resolves.toContain('已批准 1 条');
		}
		await inspector.goto(queue() + '&status=approved');
		await expect(inspector.locator(row(exemptFlag)).innerText()).resolves.toContain('免责');
		await expect(inspector.locator(row(confirmFlag)).innerText()).resolves.toContain('口头效能告诫');

		// publish version 1 on the appraisal page
		const appraisalUrl = `${app.url}/appraisal?year=2025&pack=county-efficiency&by=unit`;
		await inspector.goto(appraisalUrl);
		const confirmedCell = () => inspector.locator('table.ranking > tbody > tr', { hasText: unit }).first().locator(`td[data-label="已认定"]`);
		await expect(confirmedCell().innerText({ timeout: 30_000 })).resolves.toBe('1');
		await expect(inspector.locator('section.versions').innerText({ timeout: 30_000 })).resolves.toContain('尚未发布');
		await inspector.getByLabel('发布说明').fill('年度考核初稿');
		await inspector.getByRole('button', { name: '发布考核结果' }).click();
		await expect(inspector.locator('section.versions [role=status]').innerText({ timeout: 60_000 })).resolves.toBe('已发布第1版');
		await expect(inspector.locator('section.versions tr[data-version="1"]').innerText()).resolves.toContain('年度考核初稿');

		// the re-import corrects the confirmed case: its rule is met now, so its decision goes back for re-review
		const report = await reimport();
		expect(report.rows_updated).toBe(1);
		await inspector.goto(queue() + '&status=rereview');
		await expect(inspector.locator(row(confirmFlag)).innerText({ timeout: 30_000 })).resolves.toContain('需重新审核');
		await expect(inspector.locator(row(exemptFlag)).count()).resolves.toBe(0);
		await screenshot(inspector, 'review-rereview-1400');

		// republish: version 2, with the unit's confirmed findings 1 → 0 among the changes
		await inspector.goto(appraisalUrl);
		await expect(confirmedCell().innerText({ timeout: 30_000 })).resolves.toBe('0');
		await inspector.getByRole('button', { name: '再次发布（生成新版本）' }).click();
		await expect(inspector.locator('section.versions [role=status]').innerText({ timeout: 60_000 })).resolves.toMatch(/^已发布第2版，与第1版相比有 [1-9]\d* 处变化$/);
		const changes = inspector.locator('section.versions table.changes tr', { hasText: '已认定问题' }).filter({ hasText: unit });
		await expect(changes.first().innerText()).resolves.toMatch(/已认定问题\s+1\s+0/);
		await screenshot(inspector, 'appraisal-versions-1400');

		// version 1 still downloads as it was published
		const [download] = await Promise.all([inspector.waitForEvent('download'), inspector.locator('section.versions tr[data-version="1"] a', { hasText: 'XLSX' }).click()]);
		expect(download.suggestedFilename()).toBe('年度考核-2025-county-efficiency-单位-第1版.xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
		const ws = wb.getWorksheet('汇总')!;
		expect(String(ws.getCell(2, 1).value)).toContain('发布版本：第1版');
		const unitRow = ws.getRows(4, ws.rowCount - 3)!.find((r) => r.values && (r.values as unknown[]).includes(unit))!;
		const header = (ws.getRow(3).values as unknown[]).map(String);
		expect(unitRow.getCell(header.indexOf('超期办结件次')).value, 'version 1 still counts the late reply the re-import corrected').toBeGreaterThan(0);
		await inspector.context().close();
		await leader.context().close();
	});
});

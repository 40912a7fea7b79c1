// The import page as an analyst uses it in Chromium: drop a GB18030 export, see the encoding, the preview and
// the proposed mapping, fix the one unmapped required field, import with a progress bar, read the report,
// download the rejects; then the same file again through a saved profile changes nothing. Counts are checked
// against what the fixture wrote and, after the server stops, against the database through the CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { prepareDatabase, startApp, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loginPage, screenshot } from '../helpers/browser.ts';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { listRejects } from '../../src/lib/server/ingest/rejects.ts';
import { profilesDir } from '../../src/lib/server/ingest/profiles.ts';
import { makeFixture, UNMAPPED_UNIT_HEADER, type Fixture } from './fixture.ts';

const PROFILE = '界面测试方案';
const FILE_NAME = '十月投诉导出-GB18030.csv';

let dir: string;
let dbPath: string;
let app: RunningApp | undefined;
let browser: Browser;
let page: Page;
let fixture: Fixture;
const batchIds: number[] = [];

beforeAll(async () => {
	process.env.BODY_SIZE_LIMIT = 'Infinity'; // as `npm start` runs the server
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-ui-'));
	dbPath = prepareDatabase(dir, 1500);
	app = await startApp({ dbPath });
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
	fixture = makeFixture('UI');
});

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	fs.rmSync(path.join(profilesDir(), `${PROFILE}.json`), { force: true });
	fs.rmSync(dir, { recursive: true, force: true });
});

async function count(key: string): Promise<number> {
	const text = await page.locator(`[data-step="report"] [data-count="${key}"] .value`).textContent();
	return Number((text ?? '').replace(/[^\d]/g, ''));
}

async function dropFixture(): Promise<void> {
	await page.locator('input[type="file"]').setInputFiles({ name: FILE_NAME, mimeType: 'text/csv', buffer: fixture.bytes });
}

async function importAndWaitForReport(): Promise<void> {
	const start = page.getByRole('button', { name: '开始导入' });
	await expect.poll(() => start.isEnabled()).toBe(true);
	await start.click();
	await page.locator('[data-step="report"]').waitFor({ timeout: 60_000 });
}

describe('import page', () => {
	it('takes a GB18030 export from drop to report', async () => {
		await loginPage(page, app!, 'analyst');
		await page.goto(app!.url + '/import');
		await expect.poll(() => page.getByRole('heading', { name: '导入投诉数据' }).isVisible()).toBe(true);
		await screenshot(page, 'import-empty-1440');

		await dropFixture();
		const detected = page.getByTestId('detected-encoding');
		await detected.waitFor();
		expect(await detected.textContent()).toContain('检测到编码：GB18030（Excel 中文版导出）');

		// Preview: the first 20 data rows, decoded (no mojibake), with the quoted multi-line content intact.
		const preview = page.getByTestId('preview');
		await preview.waitFor();
		expect(await preview.locator('tbody tr').count()).toBe(20);
		expect(await preview.locator('thead').textContent()).toContain('投诉编号');
		expect(await preview.textContent()).toContain('县住房和城乡建设局');
		expect(await preview.textContent()).not.toContain('\uFFFD');

		// Proposed mapping: aliases found, the unit column not (its header is no alias) and flagged as missing.
		await expect.poll(() => page.getByRole('combobox', { name: '投诉编号' }).inputValue()).toBe('投诉编号');
		expect(await page.getByRole('combobox', { name: '受理时间' }).inputValue()).toBe('受理时间');
		expect(await page.locator('tr.missing[data-field="unit"]').count()).toBe(1);
		expect(await page.getByRole('status').filter({ hasText: '缺少必填字段' }).textContent()).toContain('被投诉单位');
		// without a unit column the page points at a constant (固定值), never at mapping some other column
		expect(await page.getByTestId('no-unit-hint').textContent()).toContain('固定值');
		expect(await page.getByRole('button', { name: '开始导入' }).isDisabled()).toBe(true);
		await screenshot(page, 'import-mapping-1440');

		await page.getByRole('combobox', { name: '被投诉单位' }).selectOption(UNMAPPED_UNIT_HEADER);
		expect(await page.locator('tr.missing').count()).toBe(0);
		expect(await page.getByTestId('no-unit-hint').count()).toBe(0);

		// Remember the mapping for next month's export.
		await page.getByLabel('方案名称').fill(PROFILE);
		await page.getByRole('button', { name: '保存为方案' }).click();
		await page.getByText(`已保存映射方案「${PROFILE}」`).waitFor();

		await importAndWaitForReport();
		const bar = page.getByRole('progressbar', { name: '导入进度' });
		expect(await bar.getAttribute('aria-valuenow')).toBe('100');

		expect(await count('total')).toBe(fixture.rows.length);
		expect(await count('imported')).toBe(fixture.imported);
		expect(await count('updated')).toBe(0);
		expect(await count('unchanged')).toBe(0);
		expect(await count('rejected')).toBe(fixture.rejected);
		expect(await count('warned')).toBe(fixture.warned);
		expect(await page.locator('[data-step="report"] [data-testid="report-encoding"]').textContent()).toContain('GB18030');
		batchIds.push(Number(await page.locator('[data-step="report"] [data-batch]').getAttribute('data-batch')));

		// Every rejected row is listed with its line, the field at fault and a reason.
		const rejectRows = page.locator('[data-step="report"] table.rejects tbody tr');
		expect(await rejectRows.count()).toBe(fixture.rejected);
		const lines = (await rejectRows.locator('td:first-child').allTextContents()).map(Number).sort((a, b) => a - b);
		expect(lines).toEqual(fixture.rows.filter((r) => r.expect === 'rejected').map((r) => r.line));
		for (const reason of await rejectRows.locator('td.reason').allTextContents()) expect(reason).toMatch(/[\u4e00-\u9fff]/);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('[data-step="report"]').getByRole('link', { name: '下载全部被拒绝的行（CSV）' }).click()
		]);
		const csvPath = path.join(dir, 'rejects.csv');
		await download.saveAs(csvPath);
		const parsed = Papa.parse<string[]>(fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
		expect(parsed.data.length - 1).toBe(fixture.rejected);
		expect(parsed.data.slice(1).map((r) => r.join(',')).join('\n')).toContain('UI-2025-X4');

		expect(await page.getByTestId('batches').textContent()).toContain(FILE_NAME);
		await screenshot(page, 'import-report-1440');
		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'import-report-390');
		await page.setViewportSize({ width: 1440, height: 900 });
	});

	it('imports the same file again through the saved profile without changing a case', async () => {
		await page.getByRole('button', { name: '继续导入其他文件' }).click();
		await dropFixture();
		await page.getByTestId('preview').waitFor();
		await page.getByLabel('映射方案').selectOption(PROFILE);
		await expect.poll(() => page.getByRole('combobox', { name: '被投诉单位' }).inputValue()).toBe(UNMAPPED_UNIT_HEADER);
		await importAndWaitForReport();
		expect(await count('imported')).toBe(0);
		expect(await count('unchanged')).toBe(fixture.imported);
		expect(await count('rejected')).toBe(fixture.rejected);
		batchIds.push(Number(await page.locator('[data-step="report"] [data-batch]').getAttribute('data-batch')));
	});

	it('refuses a file type it cannot import and keeps the reason on screen', async () => {
		await page.getByRole('button', { name: '继续导入其他文件' }).click();
		await page.locator('input[type="file"]').setInputFiles({ name: '通报.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') });
		const alert = page.getByRole('alert');
		await alert.waitFor();
		expect(await alert.textContent()).toContain('通报.docx');
		expect(await alert.textContent()).toContain('类型不受支持');
		// an Excel 97-2003 workbook: what to do instead
		await page.locator('input[type="file"]').setInputFiles({ name: '十月台账.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) });
		await expect.poll(() => alert.textContent()).toContain('另存为」.xlsx 或 CSV');
		expect(await alert.textContent()).toContain('十月台账.xls');
	});

	it('previews the head of a large export without reading all of it', async () => {
		const big = path.join(dir, '大文件.csv');
		const block = Buffer.from(fixture.text.split('\r\n').slice(1, 30).join('\r\n') + '\r\n', 'utf8');
		const fd = fs.openSync(big, 'w');
		fs.writeSync(fd, Buffer.from(fixture.text.split('\r\n')[0] + '\r\n', 'utf8'));
		for (let written = 0; written < 120 * 1024 * 1024; written += block.length) fs.writeSync(fd, block);
		fs.closeSync(fd);
		await page.getByRole('button', { name: '关闭' }).click();
		const started = Date.now();
		await page.locator('input[type="file"]').setInputFiles(big);
		await page.getByTestId('preview').waitFor();
		const elapsed = Date.now() - started;
		expect(await page.getByTestId('detected-encoding').textContent()).toContain('UTF-8');
		expect(await page.getByTestId('preview').locator('tbody tr').count()).toBe(20);
		// The main thread stayed free: a timer scheduled now runs promptly.
		const lag = await page.evaluate(() => new Promise<number>((r) => { const t0 = performance.now(); setTimeout(() => r(performance.now() - t0), 0); }));
		expect(lag).toBeLessThan(200);
		expect(elapsed).toBeLessThan(5000);
	});

	it('previews an Excel workbook through the server and imports it', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('工单');
		sheet.addRow(['工单编号', '来电时间', '承办单位', '诉求内容']);
		for (let i = 1; i <= 12; i++) sheet.addRow([`UIX-${i}`, new Date(Date.UTC(2025, 10, i, 10, 0)), '县市场监督管理局', `诉求${i}`]);
		const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
		await page.getByRole('button', { name: '更换文件' }).click();
		await page.locator('input[type="file"]').setInputFiles({
			name: '工单导出.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer
		});
		const preview = page.getByTestId('preview');
		await preview.waitFor();
		expect(await preview.locator('tbody tr').count()).toBe(12);
		expect(await preview.locator('tbody tr').first().textContent()).toContain('2025-11-01 10:00:00');
		expect(await page.getByText('Excel 文件自带编码').count()).toBe(1);
		await expect.poll(() => page.getByRole('combobox', { name: '被投诉单位' }).inputValue()).toBe('承办单位');
		await importAndWaitForReport();
		expect(await count('total')).toBe(12);
		expect(await count('imported')).toBe(12);
		expect(await count('rejected')).toBe(0);
		expect(await page.getByText('没有被拒绝的行').count()).toBe(1);
	});

	it('leaves out the title rows above a CSV table, in the preview and the import', async () => {
		// As Excel on Chinese Windows saves a ledger sheet with a merged title: GB18030, CR LF, empty cells.
		const lines = [
			'某县行政效能投诉中心投诉案件登记台账,,,',
			'导出时间：2025年11月30日,,,',
			'投诉编号,受理时间,被投诉单位,投诉内容',
			...Array.from({ length: 8 }, (_, i) => `UIT-${i + 1},2025-11-0${i + 1} 09:30,县教育局,诉求${i + 1}`)
		];
		await page.getByRole('button', { name: '继续导入其他文件' }).click();
		await page.locator('input[type="file"]').setInputFiles({
			name: '台账.csv',
			mimeType: 'text/csv',
			buffer: iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030')
		});
		const preview = page.getByTestId('preview');
		await preview.waitFor();
		await expect
			.poll(() => preview.locator('thead th').allInnerTexts())
			.toEqual(['#', '投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		expect(await preview.locator('tbody tr').count()).toBe(8);
		expect(await preview.locator('tbody tr').first().textContent()).toContain('UIT-1');
		expect(await page.getByTestId('title-rows').textContent()).toContain('上方 2 行');
		await expect.poll(() => page.getByRole('combobox', { name: '投诉编号' }).inputValue()).toBe('投诉编号');
		await importAndWaitForReport();
		expect(await count('total')).toBe(8);
		expect(await count('imported')).toBe(8);
		expect(await count('rejected')).toBe(0);
		await screenshot(page, 'import-titled-csv');
	});

	it('gives a file without a unit column a 固定值, marks a kept column 不含个人信息, and shows the batch scores', async () => {
		// A property company's own log: no unit column; 所属街道 holds no complainant data, 备用电话 does.
		const csv = ['投诉编号,受理时间,投诉内容,所属街道,备用电话', 'UIK-1,2025-11-03 09:00,电梯停运,城东街道,13912345670', 'UIK-2,2025-11-04 09:00,楼道灯坏,,'].join('\r\n') + '\r\n';
		await page.getByRole('button', { name: '继续导入其他文件' }).click();
		await page.locator('input[type="file"]').setInputFiles({ name: '物业台账.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await page.getByTestId('preview').waitFor();
		await page.getByRole('combobox', { name: '被投诉单位' }).selectOption({ label: '固定值…' });
		await page.getByRole('textbox', { name: '被投诉单位的固定值' }).fill('县住房和城乡建设局');
		const mark = page.getByRole('checkbox', { name: '「所属街道」不含个人信息' });
		expect(await mark.isChecked()).toBe(false);
		expect(await page.getByRole('checkbox', { name: '「备用电话」不含个人信息' }).isChecked()).toBe(false);
		await mark.check();
		await importAndWaitForReport();
		expect(await count('imported')).toBe(2);
		const report = page.locator('[data-step="report"]');
		expect(await report.locator('tr[data-kept="所属街道"]').getAttribute('data-public')).toBe('true');
		expect(await report.locator('tr[data-kept="备用电话"]').getAttribute('data-public')).toBe('false');
		// the history's newest batch: mapped optional field 投诉内容 filled in both cases (100), no warning (100)
		const newest = page.getByTestId('batches').locator('tbody tr').first();
		expect(await newest.locator('[data-score="completeness"]').textContent()).toBe('100.0');
		expect(await newest.locator('[data-score="consistency"]').textContent()).toBe('100.0');
		await screenshot(page, 'import-constant-public-column');
	});

	it("loads the demo's own GB18030 sample with every row accounted for", async () => {
		// `cli demo` (run by prepareDatabase) writes it; over 512 KB, so it also proves the body limit is lifted.
		const sample = path.join('data', 'demo', '示例导出-GB18030.csv');
		const bytes = fs.readFileSync(sample);
		const records = Papa.parse<string[]>(iconv.decode(bytes, 'gb18030'), { skipEmptyLines: 'greedy' }).data.length - 1;
		await page.getByRole('button', { name: '继续导入其他文件' }).click();
		await page.locator('input[type="file"]').setInputFiles({ name: '示例导出-GB18030.csv', mimeType: 'text/csv', buffer: bytes });
		expect(await page.getByTestId('detected-encoding').textContent()).toContain('GB18030');
		await page.getByTestId('preview').waitFor();
		await importAndWaitForReport();
		const [total, imported, updated, unchanged, rejected] = await Promise.all(
			['total', 'imported', 'updated', 'unchanged', 'rejected'].map((k) => count(k))
		);
		expect(total).toBe(records);
		expect(imported + updated + unchanged + rejected).toBe(total);
		expect(imported).toBeGreaterThan(0);
		expect(rejected).toBeGreaterThan(0); // the sample carries a few dirty rows on purpose
		expect(await page.locator('[data-step="report"] table.rejects tbody tr').count()).toBe(Math.min(rejected, 100));
	});

	it('left exactly those rows in the database', async () => {
		await app!.stop();
		app = undefined;
		const db = await getDb(dbPath);
		try {
			const [first, second] = batchIds;
			for (const batchId of [first, second]) {
				const rejects = await listRejects(db, batchId);
				expect(rejects.map((r) => r.line_no)).toEqual(fixture.rows.filter((r) => r.expect === 'rejected').map((r) => r.line));
			}
			const cases = await db.query<{ case_id: string; batch_id: number; warned: boolean }>(
				`SELECT case_id, batch_id::INTEGER AS batch_id, coalesce(len(quality_warnings), 0) > 0 AS warned
				FROM cases WHERE case_id LIKE 'UI-%' ORDER BY case_id`
			);
			expect(cases.map((c) => c.case_id)).toEqual([...fixture.caseIds].sort());
			// The second, identical import changed no case: every one still belongs to the first batch.
			expect(new Set(cases.map((c) => c.batch_id))).toEqual(new Set([first]));
			expect(cases.filter((c) => c.warned).length).toBe(fixture.warned);
			// The page's import re-evaluated the demo's rule pack, so compliance and dashboards see the new cases.
			const run = await db.queryOne<{ data_version: string }>(`SELECT data_version FROM compliance_runs WHERE pack = 'county-efficiency'`);
			const current = await db.queryOne<{ n: number; b: number }>('SELECT count(*)::INTEGER AS n, max(batch_id)::INTEGER AS b FROM cases');
			expect(run?.data_version).toBe(`${current?.n}@${current?.b}`);
			const evaluated = await db.queryOne<{ n: number }>(
				`SELECT count(DISTINCT case_id)::INTEGER AS n FROM compliance_results WHERE case_id LIKE 'UI-%' OR case_id LIKE 'UIX-%'`
			);
			expect(evaluated?.n).toBeGreaterThan(0);
			const audit = await db.query<{ action: string; target: string }>(
				`SELECT action, target FROM audit_log WHERE user_name = 'analyst' AND action IN ('import', 'export') ORDER BY audit_id`
			);
			expect(audit.filter((a) => a.action === 'import' && a.target === FILE_NAME)).toHaveLength(2);
			expect(audit.filter((a) => a.action === 'export' && a.target === `rejects:${first}`)).toHaveLength(1);
		} finally {
			await closeDb(dbPath);
		}
	});
});

// Bulletin files rendered once per content (reports/rendered.ts): the same month with the same data downloads the
// same bytes without rendering again; after new cases for the month arrive (a batch, as an import writes it), the
// PDF and the Word file are rendered anew and show the new total.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { refreshRollups } from '../../src/lib/server/metrics/index.ts';
import { bulletinData, renderBulletin } from '../../src/lib/server/reports/index.ts';
import { closeBrowser } from '../../src/lib/server/reports/pdf.ts';
import { bulletinRenders, clearRendered } from '../../src/lib/server/reports/rendered.ts';
import { A, MONTH, openBulletinDb, type FixtureDb, SMALL_SCHEME } from './fixture.ts';

const leader: SessionUser = { userId: 2, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
const opts = { month: MONTH, issuedOn: '2025-11-05', scheme: SMALL_SCHEME };

let fx: FixtureDb;
beforeAll(async () => {
	fx = await openBulletinDb();
	clearRendered();
});
afterAll(async () => {
	await closeBrowser();
	await fx?.close();
});

function pdfText(bytes: Buffer, name: string): string {
	const file = path.join(fx.dir, name);
	fs.writeFileSync(file, bytes);
	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Word's document text, tags stripped. */
function docxText(bytes: Buffer, name: string): string {
	const file = path.join(fx.dir, name);
	fs.writeFileSync(file, bytes);
	return execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
}

/** One more October case of 县甲局 in a new batch, with its deadline result, as an import leaves them. */
async function importOneMoreCase(): Promise<void> {
	await fx.db.run(`INSERT INTO import_batches (file_name, started_at, status) VALUES ('later', TIMESTAMP '2025-11-02 00:00:00', 'committed')`);
	await fx.db.run(
		/* sql */ `INSERT INTO cases BY NAME SELECT 'A9' AS case_id, TIMESTAMP '2025-10-21 09:00:00' AS received_at, $unit AS unit, '办事拖拉' AS category,
			'电话' AS channel, '转办' AS handling_mode, '一般' AS severity, 'k-A9' AS complainant_key, TIMESTAMP '2025-10-21 09:00:00' AS accepted_at,
			TIMESTAMP '2025-10-28 10:00:00' AS closed_at, TIMESTAMP '2025-10-28 10:00:00' AS replied_at, '反映办事拖延' AS content,
			'反映办事拖延' AS content_redacted, md5('A9') AS row_hash, 2 AS first_batch_id, 2 AS batch_id`,
		{ unit: A }
	);
	await fx.db.run(
		`INSERT INTO compliance_results BY NAME SELECT 'county-efficiency' AS pack, 'A9' AS case_id, 'accept-decision' AS rule_id, 'met' AS status,
			'fixture' AS explanation, TIMESTAMP '2025-11-02 00:00:00' AS as_of, TIMESTAMP '2025-11-02 00:00:00' AS computed_at`
	);
	await refreshRollups(fx.db);
}

describe('bulletin files rendered once per content', () => {
	it('give the same bytes for the same data without rendering again, and new bytes after an import changes the month', async () => {
		const before = await bulletinData(fx.db, leader, opts);
		expect(before.totals.cases).toBe(9);
		const renders0 = bulletinRenders();
		const pdf1 = await renderBulletin(before, 'pdf');
		const docx1 = await renderBulletin(before, 'docx');
		expect(bulletinRenders() - renders0).toBe(2);

		// The same month read again (a second download): same bytes, nothing rendered.
		const again = await bulletinData(fx.db, leader, opts);
		expect((await renderBulletin(again, 'pdf')).equals(pdf1)).toBe(true);
		expect((await renderBulletin(again, 'docx')).equals(docx1)).toBe(true);
		expect(bulletinRenders() - renders0).toBe(2);
		expect(pdfText(pdf1, 'before.pdf')).toContain('共受理行政效能投诉9件');
		expect(docxText(docx1, 'before.docx')).toContain('共受理行政效能投诉9件');

		await importOneMoreCase();
		const after = await bulletinData(fx.db, leader, opts);
		expect(after.totals.cases).toBe(10);
		const pdf2 = await renderBulletin(after, 'pdf');
		const docx2 = await renderBulletin(after, 'docx');
		expect(bulletinRenders() - renders0).toBe(4);
		expect(pdf2.equals(pdf1)).toBe(false);
		expect(docx2.equals(docx1)).toBe(false);
		expect(pdfText(pdf2, 'after.pdf')).toContain('共受理行政效能投诉10件');
		expect(docxText(docx2, 'after.docx')).toContain('共受理行政效能投诉10件');
	});

	it('share one render between downloads of the same bulletin asked for at once', async () => {
		clearRendered();
		const d = await bulletinData(fx.db, leader, opts);
		const renders0 = bulletinRenders();
		const [a, b] = await Promise.all([renderBulletin(d, 'pdf'), renderBulletin(d, 'pdf')]);
		expect(a.equals(b)).toBe(true);
		expect(bulletinRenders() - renders0).toBe(1);
	});
});

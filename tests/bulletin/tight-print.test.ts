// The PDF's choice between its two layouts (pdf.ts): measuring the layout first may spare a print, but never change
// which layout is kept. The reference is the rule itself, applied by printing both layouts separately: the tight one
// is kept only when it has fewer pages than the normal one (and the normal one has at least two).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { bulletinCharts, bulletinData, bulletinHtml, type BulletinData } from '../../src/lib/server/reports/index.ts';
import { TIGHT_PRINT } from '../../src/lib/server/reports/html.ts';
import { closeBrowser, htmlToPdf, htmlToPdfReport, pdfPageCount } from '../../src/lib/server/reports/pdf.ts';
import { MONTH, SMALL_SCHEME, openBulletinDb, type FixtureDb } from './fixture.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };

let fx: FixtureDb;
let data: BulletinData;

beforeAll(async () => {
	fx = await openBulletinDb();
	data = await bulletinData(fx.db, admin, { month: MONTH, issuedOn: '2025-11-05', scheme: SMALL_SCHEME });
});
afterAll(async () => {
	await closeBrowser();
	await fx?.close();
});

/** The bulletin with n typical cases: each adds a block, so the documents end at different places on their last page. */
function withTypical(n: number): string {
	const month = structuredClone(data);
	month.typical = Array.from({ length: n }, (_, i) => ({ ...data.typical[0], caseId: `T${i + 1}` }));
	return bulletinHtml(month, { charts: bulletinCharts(month), pageNumbers: true });
}

describe('the tighter print', () => {
	it('is kept exactly when printing both layouts would keep it, with fewer prints', async () => {
		expect(data.typical.length).toBeGreaterThan(0);
		const seen: { n: number; normal: number; tight: number; kept: boolean; prints: number; probes: number }[] = [];
		for (const n of [0, 1, 2, 3, 4, 5, 6, 7]) {
			const html = withTypical(n);
			const normal = pdfPageCount(await htmlToPdf(html));
			const tight = pdfPageCount(await htmlToPdf(html.replace('<html lang="zh-CN">', `<html lang="zh-CN" class="${TIGHT_PRINT}">`)));
			const keep = normal >= 2 && tight < normal;
			const report = await htmlToPdfReport(html, { tightClass: TIGHT_PRINT });
			seen.push({ n, normal, tight, kept: report.tight, prints: report.prints, probes: report.probes });
			expect(report.tight, JSON.stringify(seen)).toBe(keep);
			expect(pdfPageCount(report.pdf), JSON.stringify(seen)).toBe(keep ? tight : normal);
		}
		// Both outcomes occur among these documents, and no render prints more than once whole plus its probe.
		expect(seen.some((s) => s.kept), JSON.stringify(seen)).toBe(true);
		expect(seen.some((s) => !s.kept), JSON.stringify(seen)).toBe(true);
		// (with the scheme-ranked table 3 every one of these documents needed its probe page: no render here is spared
		// the second print; the probe is one page, not a second whole print)
		expect(seen.every((s) => s.prints <= 2), JSON.stringify(seen)).toBe(true);
	});
});

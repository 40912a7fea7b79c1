// What the bulletin says about its own figures: the filters and as-of moment it was built with, under its title
// (page article, DOCX), and table 4 counted in 件次 (evaluations) with the 件 (cases) they belong to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { bulletinArticle, bulletinData, bulletinDocx } from '../../src/lib/server/reports/index.ts';
import { A, B, MONTH, openBulletinDb, type FixtureDb, SMALL_SCHEME } from './fixture.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const OPTS = { month: MONTH, issuedOn: '2025-11-05', scheme: SMALL_SCHEME };
const BUILT_ALL = '统计范围：全县（全部单位）；受理时间：2025年10月1日至31日；办理时限依据：《县行政效能投诉处理暂行办法》；数据截至2025年10月31日24时。';

let fx: FixtureDb;
beforeAll(async () => {
	fx = await openBulletinDb();
});
afterAll(async () => {
	await fx?.close();
});

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('bulletin wording', () => {
	it('prints the scope, the period, the pack and the as-of moment right under the title', async () => {
		const all = bulletinArticle(await bulletinData(fx.db, admin, OPTS), []);
		expect(all).toMatch(new RegExp(`</h1>\\s*<p class="built-with">${BUILT_ALL}</p>`));
		const group = text(bulletinArticle(await bulletinData(fx.db, admin, { ...OPTS, scope: { group: '乡镇' } }), []));
		expect(group).toContain('统计范围：单位类别「乡镇」；受理时间：2025年10月1日至31日；');
		const units = text(bulletinArticle(await bulletinData(fx.db, admin, { ...OPTS, scope: { units: [A, B] } }), []));
		expect(units).toContain(`统计范围：单位：${A}、${B}；`);
	});

	it('puts the same line under the title of the Word document', async () => {
		const docx = await bulletinDocx(await bulletinData(fx.db, admin, OPTS), { charts: [] });
		const xml = strFromU8(unzipSync(docx)['word/document.xml']);
		const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]);
		const title = paragraphs.findIndex((p) => p.includes('<w:pStyle w:val="Title"/>'));
		expect(title).toBeGreaterThan(0);
		expect(text(paragraphs[title + 1])).toBe(BUILT_ALL);
	});

	it('counts table 4 in 件次, with the cases they belong to', async () => {
		// By hand: A1 transfer-reply breached, A2 transfer-reply open-overdue, B1 accept-decision breached: 3 steps of 3 cases.
		const all = text(bulletinArticle(await bulletinData(fx.db, admin, OPTS), []));
		expect(all).toContain('共3件次（涉及投诉3件），每行为一件投诉的一个超期环节。');
		// B1 also late on a second step: 4 rows (件次) of still 3 cases (件). A database of its own: results are cached.
		const other = await openBulletinDb();
		await other.db.run(
			`INSERT INTO compliance_results BY NAME SELECT 'county-efficiency' AS pack, 'B1' AS case_id, 'transfer-reply' AS rule_id, 'breached' AS status,
				TIMESTAMP '2025-10-27 23:59:59' AS due_at, 2 AS working_days_late, 'fixture' AS explanation, TIMESTAMP '2025-11-01' AS as_of, TIMESTAMP '2025-11-01' AS computed_at`
		);
		try {
			const shown = text(bulletinArticle(await bulletinData(other.db, admin, { ...OPTS, lateLimit: 2 }), []));
			expect(shown).toContain('共4件次（涉及投诉3件），按超出工作日数列出前2件次。');
			expect(shown).not.toMatch(/共\d+条/);
		} finally {
			await other.close();
		}
	});
});

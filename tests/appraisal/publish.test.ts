// Publishing a year's appraisal (issue 13): a numbered version frozen against later imports, a new version on
// republishing with what changed against the previous one (worked out by hand), who may publish, and the appraisal
// file's layout (title, scheme and version, signature lines) without complainant identity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { appraisal } from '../../src/lib/server/appraisal/appraisal.ts';
import { loadScheme } from '../../src/lib/server/appraisal/scheme.ts';
import { approve, propose } from '../../src/lib/server/appraisal/review.ts';
import { getVersion, listVersions, publishAppraisal } from '../../src/lib/server/appraisal/publish.ts';
import { exportAppraisal, publishScreen, versionsScreen, parseAppraisalQuery } from '../../src/lib/server/screens/appraisal.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { invalidateFacts } from '../../src/lib/server/metrics/facts.ts';
import { unitCases } from './cases.ts';
import { ADMIN, LEADER, insertCases, tempDb, unitUser, type CaseInput, type TempDb } from '../compliance/fixtures.ts';

const INSPECTOR: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const ANALYST: SessionUser = { userId: 5, name: 'analyst', displayName: null, role: 'analyst', units: [], pii: false };
const county = loadPack('county-efficiency');
let t: TempDb;

/** unitCases (every deadline met: score 70 + 30 × satisfaction) from a named complainant, whom no version may show. */
const namedCases = (...args: Parameters<typeof unitCases>): CaseInput[] =>
	unitCases(...args).map((c) => ({ ...c, complainant_name: '赵保密', complainant_phone: '13800001111' }));

beforeAll(async () => {
	t = await tempDb('publish');
	await t.db.run(`INSERT INTO units VALUES ('县农业局', '县直部门', 1), ('县审计局', '县直部门', 2), ('县统计局', '县直部门', 3), ('县林业局', '县直部门', 4)`);
	await insertCases(t.db, [
		// 农业 100 (one complaint substantiated, approved below), 审计 97, 统计 94
		...namedCases('县农业局', 10, 10, (i) => (i === 0 ? { outcome: '属实', person: '甲' } : {})),
		...namedCases('县审计局', 10, 9),
		...namedCases('县统计局', 10, 8)
	]);
	await evaluatePack(t.db, county);
	const ids = await propose(t.db, INSPECTOR, county, loadScheme(), 2025, { items: [{ case_id: '县农业局-2025-0', rule_id: 'substantiated' }], decision: 'finding', measure: '批评教育' });
	await approve(t.db, LEADER, ids, '县纪〔2026〕7号');
});
afterAll(async () => {
	await t.close();
});

const q = (extra: Record<string, string> = {}) => parseAppraisalQuery(new URLSearchParams({ year: '2025', pack: 'county-efficiency', by: 'unit', ...extra }));
const brief = (rows: { unit: string; rank: number | null; tier: string | null; score: number | null; confirmed: number }[]) =>
	rows.map((r) => [r.unit, r.rank, r.tier, r.score, r.confirmed]);

describe('publishing the appraisal', () => {
	it('only those who prepare or sign the list publish it, and never a preview', async () => {
		await expect(publishScreen(t.db, ANALYST, { year: 2025 }, null)).rejects.toThrow('无权');
		await expect(publishScreen(t.db, unitUser('县农业局'), { year: 2025 }, null)).rejects.toThrow('无权');
		const preview = await appraisal(t.db, ADMIN, { year: 2025, pack: county, includePending: true });
		await expect(publishAppraisal(t.db, ADMIN, preview)).rejects.toThrow('预评');
		expect(await listVersions(t.db, 2025, 'county-efficiency', 'unit')).toEqual([]);
	});

	it('freezes version 1: a later import changes the live list, not the published one', async () => {
		const { version, changes } = await publishScreen(t.db, INSPECTOR, { year: 2025, pack: 'county-efficiency', note: '初稿' }, '10.0.0.1');
		expect(version).toMatchObject({ version_no: 1, year: 2025, pack: 'county-efficiency', by: 'unit', scheme: 'county-default', published_by: 'inspector', note: '初稿', rows: 3 });
		expect(changes).toEqual([]);
		// three ranked of 县直部门: shares 1/6, 3/6, 5/6 → 好, 较好, 一般
		const v1 = [
			['县农业局', 1, '好', 100, 1],
			['县审计局', 2, '较好', 97, 0],
			['县统计局', 3, '一般', 94, 0]
		];
		expect(brief((await getVersion(t.db, ADMIN, 2025, 'county-efficiency', 'unit', 1))!.appraisal.rows)).toEqual(v1);

		// the re-import: 统计's ten cases now all 满意 (→ 100, a tie with 农业, 农 U+519C before 统 U+7EDF), and 林业 arrives
		// with 7/10 (→ 91)
		await t.db.run(`UPDATE cases SET satisfaction = '满意' WHERE unit = '县统计局'`);
		await insertCases(t.db, namedCases('县林业局', 10, 7));
		await evaluatePack(t.db, county);
		invalidateFacts(t.db); // the cases were written directly, not by an import, which would say so itself
		const live = await appraisal(t.db, ADMIN, { year: 2025, pack: county, evidence: false });
		// four ranked: shares 1/8, 3/8, 5/8, 7/8 → 好, 较好, 一般, 差
		expect(brief(live.rows)).toEqual([
			['县农业局', 1, '好', 100, 1],
			['县统计局', 2, '较好', 100, 0],
			['县审计局', 3, '一般', 97, 0],
			['县林业局', 4, '差', 91, 0]
		]);
		const frozen = (await getVersion(t.db, ADMIN, 2025, 'county-efficiency', 'unit', 1))!;
		expect(brief(frozen.appraisal.rows)).toEqual(v1);
		// its evidence is the one substantiated complaint, without the complainant
		expect(frozen.appraisal.evidence.map((e) => [e.case_id, e.outcome])).toEqual([['县农业局-2025-0', '属实']]);
		expect(JSON.stringify(frozen.appraisal)).not.toMatch(/赵保密|13800001111/);
	});

	it('republishing makes version 2 and says what changed against version 1', async () => {
		const { version, changes } = await publishScreen(t.db, LEADER, { year: 2025 }, null);
		expect(version).toMatchObject({ version_no: 2, published_by: 'leader', rows: 4 });
		// in the order of the new list: 统计 up (3 → 2, 一般 → 较好, 94 → 100), 审计 down (2 → 3, 较好 → 一般), 林业 new
		const expected = [
			{ unit: '县统计局', person: null, field: 'rank', before: 3, after: 2 },
			{ unit: '县统计局', person: null, field: 'tier', before: '一般', after: '较好' },
			{ unit: '县统计局', person: null, field: 'score', before: 94, after: 100 },
			{ unit: '县审计局', person: null, field: 'rank', before: 2, after: 3 },
			{ unit: '县审计局', person: null, field: 'tier', before: '较好', after: '一般' },
			{ unit: '县林业局', person: null, field: 'added', before: null, after: '差' }
		];
		expect(changes).toEqual(expected);
		const screen = await versionsScreen(t.db, LEADER, q());
		expect(screen.versions.map((v) => [v.version_no, v.published_by, v.rows])).toEqual([
			[2, 'leader', 4],
			[1, 'inspector', 3]
		]);
		expect(screen.shown?.changes).toEqual(expected);
		// version 1 read again still has no changes of its own (it is the first)
		expect((await versionsScreen(t.db, LEADER, q({ version: '1' }))).shown?.changes).toEqual([]);
		// a leader reads the published list without its case-level evidence; an inspector with it
		expect((await getVersion(t.db, LEADER, 2025, 'county-efficiency', 'unit', 2))!.appraisal.evidence).toEqual([]);
		expect((await getVersion(t.db, INSPECTOR, 2025, 'county-efficiency', 'unit', 2))!.appraisal.evidence.length).toBe(1);
		const log = await t.db.query<{ action: string; user_name: string; target: string }>(`SELECT action, user_name, target FROM audit_log WHERE action = 'appraisal_publish' ORDER BY audit_id`);
		expect(log.map((l) => `${l.user_name} ${l.target}`)).toEqual(['inspector 2025/county-efficiency/unit/v1', 'leader 2025/county-efficiency/unit/v2']);
	});

	it('exports a version as an appraisal file: title, scheme and version, the list as frozen, signature lines', async () => {
		const file = await exportAppraisal(t.db, INSPECTOR, q({ version: '1', format: 'xlsx' }), null);
		expect(file.filename).toBe('年度考核-2025-county-efficiency-单位-第1版.xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(file.body as unknown as ArrayBuffer);
		const ws = wb.getWorksheet('汇总')!;
		const text = (r: number) => (ws.getRow(r).values as unknown[]).filter((v) => v !== undefined && v !== '').map(String);
		// rows 1 and 2 are merged across the table (every cell reads the merged value)
		expect(String(ws.getCell(1, 1).value)).toBe(`2025年度${county.title}考核结果（单位）`);
		expect(ws.getCell(1, 2).isMerged).toBe(true);
		expect(String(ws.getCell(2, 1).value)).toMatch(/^考核方案：县行政效能投诉年度考核方案（默认）（county-default，第1版）　发布版本：第1版（inspector 发布于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}）$/);
		expect(text(3).slice(0, 4)).toEqual(['分组', '排名', '单位', '综合得分']);
		// the three rows of version 1, not the four of today
		expect([4, 5, 6].map((r) => text(r).slice(0, 4))).toEqual([
			['县直部门', '1', '县农业局', '100'],
			['县直部门', '2', '县审计局', '97'],
			['县直部门', '3', '县统计局', '94']
		]);
		expect(text(7)).toEqual([]);
		expect(text(8)).toEqual(['制表人：', '审核人：', '日期：    年  月  日']);
		expect(ws.rowCount).toBe(8);
		const all: string[] = [];
		wb.eachSheet((s) => s.eachRow((row) => row.eachCell((c) => all.push(String(c.value)))));
		expect(all.join('|')).not.toMatch(/赵保密|13800001111/);
		// the live list is a draft, saying so
		const draft = await exportAppraisal(t.db, INSPECTOR, q({ format: 'xlsx' }), null);
		const wb2 = new ExcelJS.Workbook();
		await wb2.xlsx.load(draft.body as unknown as ArrayBuffer);
		expect(String(wb2.getWorksheet('汇总')!.getRow(2).getCell(1).value)).toContain('未发布');
		await expect(exportAppraisal(t.db, INSPECTOR, q({ version: '9' }), null)).rejects.toThrow('第9版');
	});
});

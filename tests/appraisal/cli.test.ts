// cli.md `appraisal --include-pending` (预评) and `findings confirm|exempt`: on a hand-made database, what the
// JSON says before review, with pending flags counted, and after the admin records decisions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { insertCases } from '../compliance/fixtures.ts';
import { cliJson } from '../helpers/app.ts';

let dir: string;
let dbPath: string;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appraisal-cli-'));
	dbPath = path.join(dir, 'app.duckdb');
	const db = await getDb(dbPath);
	const met = (d: string) => ({ handling_mode: '直办', accepted_at: `${d} 10:00`, replied_at: '2025-03-10 10:00', closed_at: '2025-03-10 10:00' });
	await insertCases(db, [
		// 甲: three substantiated complaints (第十二条（三）年度考核不合格 once all three are confirmed)
		...[3, 4, 5].map((d, i) => ({ case_id: `S${i}`, received_at: `2025-03-0${d} 09:00`, unit: '县农业局', person: '甲', outcome: '属实', ...met(`2025-03-0${d}`) })),
		// 乙: one open past its direct-reply deadline (due 24 Nov 2025)
		{ case_id: 'O1', received_at: '2025-11-03 09:00', unit: '县农业局', person: '乙', handling_mode: '直办', accepted_at: '2025-11-03 10:00' }
	]);
	await evaluatePack(db, loadPack('county-efficiency'));
	await closeDb(dbPath);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => cliJson<Record<string, unknown>>(['appraisal', '--year', '2025', '--db', dbPath, ...args]);

describe('appraisal and findings on the command line', () => {
	it('counts approved findings; --include-pending previews the undecided flags and says how many', () => {
		const before = run('--pack', 'finance-bureau-conduct');
		expect(before).toMatchObject({ year: 2025, scheme: 'county-default', pack: 'finance-bureau-conduct', rows: 2, pending: 3, tiers: { 无: 2 } });
		const preview = run('--pack', 'finance-bureau-conduct', '--include-pending');
		// 甲: 3 substantiated → 年度考核不合格; 乙 has no substantiated complaint → 无
		expect(preview).toMatchObject({ pending: 3, include_pending: true, tiers: { 年度考核不合格: 1, 无: 1 } });
		// the county ladder over persons: 乙's open-overdue flag (1 件次) → 较好 in the preview only
		expect(run('--by', 'person', '--include-pending')).toMatchObject({ pending: 4, tiers: { 一般: 1, 较好: 1 } });
	});

	it('records decisions as approved findings; an exemption counts nothing', () => {
		expect(cliJson(['findings', 'confirm', '--case', 'S0', '--rule', 'substantiated', '--pack', 'finance-bureau-conduct', '--db', dbPath])).toMatchObject({
			case_id: 'S0',
			rule_id: 'substantiated',
			decision: 'confirm'
		});
		cliJson(['findings', 'confirm', '--case', 'S1', '--rule', 'substantiated', '--pack', 'finance-bureau-conduct', '--measure', '通报批评', '--db', dbPath]);
		cliJson(['findings', 'exempt', '--case', 'S2', '--rule', 'substantiated', '--pack', 'finance-bureau-conduct', '--reason', '主动及时纠正过错，未造成损害后果或不良影响', '--db', dbPath]);
		// two confirmed → 公开批评; nothing left pending
		expect(run('--pack', 'finance-bureau-conduct')).toMatchObject({ pending: 0, tiers: { 公开批评: 1, 无: 1 } });
		expect(() => cliJson(['findings', 'confirm', '--case', 'S0', '--rule', 'direct-reply', '--db', dbPath])).toThrow(/没有超期或属实/);
		expect(() => cliJson(['findings', 'exempt', '--case', 'O1', '--rule', 'direct-reply', '--reason', '随便', '--db', dbPath])).toThrow(/免责理由/);
	});

	it('--publish freezes the list as the next numbered version, audited as the admin; a preview is refused', async () => {
		const listed = run();
		const v1 = run('--publish', '--note', '县纪〔2026〕1号');
		expect(v1).toMatchObject({ year: 2025, pack: 'county-efficiency', include_pending: false, version: 1, rows: listed.rows, tiers: listed.tiers });
		expect(run('--publish')).toMatchObject({ version: 2, changes: 0 });
		// without --publish nothing is written and no version is named
		expect(run()).toMatchObject({ version: null });
		expect(() => run('--publish', '--include-pending')).toThrow(/预评结果（含未审核问题）不能发布/);
		const db = await getDb(dbPath);
		try {
			const versions = await db.query<{ version_no: number; published_by: string; note: string | null; n: number; evidence: number }>(
				`SELECT version_no::INTEGER AS version_no, published_by, note, json_array_length(content::JSON -> 'rows')::INTEGER AS n,
					json_array_length(content::JSON -> 'evidence')::INTEGER AS evidence
				 FROM appraisal_versions WHERE year = 2025 AND pack = 'county-efficiency' AND subject = 'unit' ORDER BY version_no`
			);
			// the evidence is frozen with the list: S0 and S1 (confirmed above) at least
			expect(versions.map((v) => [v.version_no, v.published_by, v.note, v.n])).toEqual([
				[1, 'cli', '县纪〔2026〕1号', listed.rows],
				[2, 'cli', null, listed.rows]
			]);
			expect(versions[0].evidence).toBeGreaterThan(0);
			const audit = await db.query<{ role: string; target: string }>(`SELECT role, target FROM audit_log WHERE action = 'appraisal_publish' ORDER BY logged_at, target`);
			expect(audit).toEqual([
				{ role: 'admin', target: '2025/county-efficiency/unit/v1' },
				{ role: 'admin', target: '2025/county-efficiency/unit/v2' }
			]);
		} finally {
			await closeDb(dbPath);
		}
	});
});

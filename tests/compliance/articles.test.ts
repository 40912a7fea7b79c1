// The packs read as their seed articles are written (issue 14). Every date below is worked out by hand from the
// official calendar (国务院办公厅 notices) and the article, never from the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePack, explainResults, loadPack, type ExplainedResult, type RulePack } from '../../src/lib/server/compliance/index.ts';
import { insertCases, tempDb, type TempDb, type CaseInput } from './fixtures.ts';

let t: TempDb;

async function evaluate(packName: string, asOf: string, cases: CaseInput[], pack: RulePack = loadPack(packName)) {
	await t.db.run('DELETE FROM cases');
	await t.db.run('DELETE FROM case_pauses');
	await insertCases(t.db, cases);
	await evaluatePack(t.db, pack, { asOf });
	const keys = cases.flatMap((c) => pack.rules.map((r) => ({ case_id: c.case_id, rule_id: r.id })));
	const rows = await explainResults(t.db, pack, keys, `${asOf} 23:59:59.999`);
	return (caseId: string, ruleId: string): ExplainedResult => {
		const r = rows.get(`${caseId}\u0000${ruleId}`);
		if (!r) throw new Error(`no result ${caseId}/${ruleId}`);
		return r;
	};
}

beforeAll(async () => {
	t = await tempDb('articles');
});
afterAll(async () => {
	await t.close();
});

describe('county-efficiency 第二十五条: the extension covers 办结并答复 only', () => {
	it('keeps the 20-working-day 书面报备 of an extended 交办件', async () => {
		// 交办 dispatched Fri 2025-09-26 (2025 National Day and Mid-Autumn 10月1日–8日 off, 9月28日 Sun and 10月11日 Sat worked).
		// assign-reply 15 wd: 28, 29, 30 | 10月9, 10, 11, 13–17, 20–23 → 10-23; the extension approved 10-10 is in time.
		// complex-extension 30 wd: … 24, 27–31 (→ 20 wd on 10-30), 11月3–7, 10–13 → 2025-11-13.
		// assign-report stays at 20 wd → 2025-10-30; filed 11-05 → late by 31日, 11月3, 4, 5 = 4 working days.
		const get = await evaluate('county-efficiency', '2025-12-31', [
			{ case_id: 'EXT-ASSIGN', received_at: '2025-09-25 10:00', accepted_at: '2025-09-25 11:00', handling_mode: '交办', dispatched_at: '2025-09-26 09:00',
				replied_at: '2025-11-05 10:00', filed_report_at: '2025-11-05 10:00', extension_approved: true, extension_approved_at: '2025-10-10 15:00' }
		]);
		expect(get('EXT-ASSIGN', 'assign-reply').status).toBe('not-applicable');
		expect(get('EXT-ASSIGN', 'complex-extension')).toMatchObject({ status: 'met', due_at: '2025-11-13T23:59:59.999+08:00' });
		expect(get('EXT-ASSIGN', 'assign-report')).toMatchObject({ status: 'breached', due_at: '2025-10-30T23:59:59.999+08:00', working_days_late: 4 });
	});
});

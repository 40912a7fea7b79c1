// The review of flags into findings (issue 13, steps 2–3), on a hand-made year: what counts before and after
// proposals and approvals, who may do what, the unit's notification and explanation without complainant
// identity, re-review when an evaluation leaves the judged statuses, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { appraisal } from '../../src/lib/server/appraisal/appraisal.ts';
import { loadScheme } from '../../src/lib/server/appraisal/scheme.ts';
import { allowedActions, approve, explain, notify, propose, revokeApproval, unitFindings, withdraw, yearFlags } from '../../src/lib/server/appraisal/review.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { ADMIN, LEADER, insertCases, tempDb, unitUser, type TempDb } from '../compliance/fixtures.ts';

const INSPECTOR: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const UNIT = unitUser('县农业局');
const county = loadPack('county-efficiency');
const finance = loadPack('finance-bureau-conduct');
const scheme = loadScheme();
let t: TempDb;

const done = (day: string) => ({ handling_mode: '直办', accepted_at: `${day} 10:00`, replied_at: `2025-03-10 10:00`, closed_at: `2025-03-10 10:00` });

beforeAll(async () => {
	t = await tempDb('review');
	await insertCases(t.db, [
		// 甲: four substantiated complaints, every deadline met
		...[3, 4, 5, 6].map((d, i) => ({ case_id: `S${i}`, received_at: `2025-03-0${d} 09:00`, unit: '县农业局', person: '甲', outcome: i % 2 ? '部分属实' : '属实', complainant_name: '王秘密', complainant_phone: '13912345678', ...done(`2025-03-0${d}`) })),
		// 乙: accepted on Mon 3 Nov 2025, never answered: direct-reply (15 wd) due Mon 24 Nov, open-overdue at the year's end
		{ case_id: 'O1', received_at: '2025-11-03 09:00', unit: '县农业局', person: '乙', handling_mode: '直办', accepted_at: '2025-11-03 10:00', complainant_name: '李秘密' },
		{ case_id: 'X1', received_at: '2025-03-03 09:00', unit: '县林业局', person: '丙', outcome: '属实', ...done('2025-03-03') }
	]);
	await evaluatePack(t.db, county);
});
afterAll(async () => {
	await t.close();
});

const personTier = async (p: string, includePending = false) =>
	(await appraisal(t.db, ADMIN, { year: 2025, pack: finance, evidence: false, includePending })).rows.find((r) => r.person === p);

describe('flags become findings only through review and approval', () => {
	it('counts nothing before review; the preview counts every flag', async () => {
		const flags = await yearFlags(t.db, INSPECTOR, county, 2025);
		// 4 substantiated of 甲, 1 of 丙, and O1 open-overdue on direct-reply
		expect(flags.map((f) => `${f.case_id}/${f.rule_id}/${f.kind}/${f.review_status}`)).toEqual([
			'O1/direct-reply/open-overdue/unreviewed',
			'S0/substantiated/substantiated/unreviewed',
			'S1/substantiated/substantiated/unreviewed',
			'S2/substantiated/substantiated/unreviewed',
			'S3/substantiated/substantiated/unreviewed',
			'X1/substantiated/substantiated/unreviewed'
		]);
		expect(await personTier('甲')).toMatchObject({ substantiated: 4, confirmed: 0, pending: 4, tier: '无' });
		expect(await personTier('甲', true)).toMatchObject({ tier: '待岗' });
	});

	it('only inspectors propose, only the approver approves; a finding counts once approved', async () => {
		await expect(propose(t.db, LEADER, finance, scheme, 2025, { items: [{ case_id: 'S0', rule_id: 'substantiated' }], decision: 'finding', measure: '批评教育' })).rejects.toThrow('无权');
		await expect(propose(t.db, UNIT, finance, scheme, 2025, { items: [{ case_id: 'S0', rule_id: 'substantiated' }], decision: 'finding', measure: '批评教育' })).rejects.toThrow('无权');
		await expect(propose(t.db, INSPECTOR, finance, scheme, 2025, { items: [{ case_id: 'S0', rule_id: 'substantiated' }], decision: 'finding', measure: '记大过' })).rejects.toThrow('不在考核方案');
		await expect(propose(t.db, INSPECTOR, finance, scheme, 2025, { items: [{ case_id: 'S0', rule_id: 'direct-reply' }], decision: 'finding', measure: '批评教育' })).rejects.toThrow('没有超期或属实');
		// bulk: two findings, one exemption (第八条), one 不予认定
		const [f0, f1] = await propose(t.db, INSPECTOR, finance, scheme, 2025, { items: [{ case_id: 'S0', rule_id: 'substantiated' }, { case_id: 'S1', rule_id: 'substantiated' }], decision: 'finding', measure: '批评教育' });
		const [e2] = await propose(t.db, INSPECTOR, finance, scheme, 2025, { items: [{ case_id: 'S2', rule_id: 'substantiated' }], decision: 'exempt', reason: scheme.exemptions[0].reason });
		const [r3] = await propose(t.db, INSPECTOR, finance, scheme, 2025, { items: [{ case_id: 'S3', rule_id: 'substantiated' }], decision: 'reject', reason: '导入数据把“不属实”误录为“属实”' });
		// proposals alone count nothing; the preview counts the two proposed findings only
		expect(await personTier('甲')).toMatchObject({ confirmed: 0, pending: 4, tier: '无' });
		expect(await personTier('甲', true)).toMatchObject({ counted: { substantiated: 2, findings: 2 }, tier: '公开批评' });
		await expect(approve(t.db, INSPECTOR, [f0], '县纪〔2026〕1号')).rejects.toThrow('无权');
		await expect(approve(t.db, LEADER, [f0], ' ')).rejects.toThrow('文号');
		await approve(t.db, LEADER, [f0, f1, e2, r3], '县纪〔2026〕1号');
		// two approved findings: 第十二条（二）公开批评; the exemption and the data error count nothing
		expect(await personTier('甲')).toMatchObject({ confirmed: 2, pending: 0, counted: { substantiated: 2 }, tier: '公开批评' });
		const s0 = (await yearFlags(t.db, INSPECTOR, finance, 2025, { case_id: 'S2' }))[0];
		expect(s0).toMatchObject({ decision: 'exempt', article: '第八条', review_status: 'approved', approved_by: 'leader', doc_no: '县纪〔2026〕1号' });
		// reversal: the approval taken back, then the proposal withdrawn; each is audited
		await revokeApproval(t.db, LEADER, f1);
		expect(await personTier('甲')).toMatchObject({ confirmed: 1, tier: '谈心教育' });
		await withdraw(t.db, INSPECTOR, f1);
		expect((await yearFlags(t.db, INSPECTOR, finance, 2025, { case_id: 'S1' }))[0].review_status).toBe('unreviewed');
		// an approval stands until the approver takes it back: the inspector can neither replace nor withdraw it
		await expect(propose(t.db, INSPECTOR, finance, scheme, 2025, { items: [{ case_id: 'S0', rule_id: 'substantiated' }], decision: 'exempt', reason: scheme.exemptions[0].reason })).rejects.toThrow('先撤销批准');
		await expect(withdraw(t.db, INSPECTOR, f0)).rejects.toThrow('先撤销批准');
		const s0flag = (await yearFlags(t.db, INSPECTOR, finance, 2025, { case_id: 'S0' }))[0];
		expect(allowedActions(s0flag, 'inspector')).toEqual([]);
		expect(allowedActions(s0flag, 'leader')).toEqual(['unapprove']);
		expect(allowedActions(s0flag, 'unit')).toEqual([]);
		const s1flag = (await yearFlags(t.db, INSPECTOR, finance, 2025, { case_id: 'S1' }))[0];
		expect(allowedActions(s1flag, 'inspector')).toEqual(['propose']);
		expect(allowedActions(s1flag, 'leader')).toEqual([]);
		const log = await t.db.query<{ action: string; user_name: string; target: string }>(
			`SELECT action, user_name, target FROM audit_log WHERE action LIKE 'finding_%' ORDER BY audit_id`
		);
		expect(log.map((l) => `${l.action} ${l.user_name}`)).toEqual([
			'finding_propose inspector',
			'finding_propose inspector',
			'finding_propose inspector',
			'finding_propose inspector',
			'finding_approve leader',
			'finding_approve leader',
			'finding_approve leader',
			'finding_approve leader',
			'finding_unapprove leader',
			'finding_withdraw inspector'
		]);
		expect(log[0].target).toBe('finance-bureau-conduct/substantiated/S0');
	});

	it('tells the unit, which sees its own findings without the complainant and answers once within 5 working days', async () => {
		const [id] = await propose(t.db, INSPECTOR, county, scheme, 2025, { items: [{ case_id: 'O1', rule_id: 'direct-reply' }], decision: 'finding', measure: '书面效能告诫' });
		const [other] = await propose(t.db, INSPECTOR, county, scheme, 2025, { items: [{ case_id: 'X1', rule_id: 'substantiated' }], decision: 'finding', measure: '批评教育' });
		// not told yet: the proposals are not shown; the finding approved in the step before (S0, never told) is —
		// an approved finding about the unit is never kept from it — under its rule's title, with nothing to answer
		const untold = await unitFindings(t.db, UNIT);
		expect(untold.map((f) => f.case_id)).toEqual(['S0']);
		expect(untold[0]).toMatchObject({ state: 'approved', doc_no: '县纪〔2026〕1号', rule_title: '投诉属实', notified_at: null, can_explain: false });
		// told on Friday 2026-01-30: 5 working days → Friday 2026-02-06
		await notify(t.db, INSPECTOR, scheme, [id, other], null, new Date('2026-01-30T02:00:00Z'));
		const seen = (await unitFindings(t.db, UNIT, { now: new Date('2026-02-02T02:00:00Z') })).filter((f) => f.case_id !== 'S0');
		expect(seen.map((f) => f.case_id)).toEqual(['O1']);
		// the rule by its title and article, never a bare rule id
		expect(seen[0]).toMatchObject({ measure: '书面效能告诫', explanation_due: '2026-02-06', person: '乙', rule_title: county.rules.find((r) => r.id === 'direct-reply')!.title, article: '第二十五条', can_explain: true });
		expect((await unitFindings(t.db, UNIT, { now: new Date('2026-02-09T02:00:00Z') })).find((f) => f.case_id === 'O1')!.can_explain).toBe(false);
		expect(JSON.stringify(seen)).not.toMatch(/秘密|139|complainant/);
		await expect(explain(t.db, unitUser('县林业局'), id, '不是我们的')).rejects.toThrow('找不到');
		await expect(explain(t.db, UNIT, id, '说明', null, new Date('2026-02-09T02:00:00Z'))).rejects.toThrow('期限已过');
		await explain(t.db, UNIT, id, '该件因系统故障未能及时答复，已于次日补办。', null, new Date('2026-02-05T02:00:00Z'));
		await expect(explain(t.db, UNIT, id, '再说一次', null, new Date('2026-02-05T03:00:00Z'))).rejects.toThrow('只能提交一次');
		// the inspector sees it in the queue before the approval
		const [q] = await yearFlags(t.db, INSPECTOR, county, 2025, { case_id: 'O1' });
		expect(q).toMatchObject({ review_status: 'proposed', explanation: '该件因系统故障未能及时答复，已于次日补办。' });
		await approve(t.db, LEADER, [id], '县纪〔2026〕2号');
	});

	it('keeps a decision when an open case closes late; sends it back when the evaluation is met', async () => {
		const status = async () => (await yearFlags(t.db, INSPECTOR, county, 2025, { case_id: 'O1' })).map((f) => `${f.kind}/${f.review_status}`);
		expect(await status()).toEqual(['open-overdue/approved']);
		// re-import: answered late (2 Dec, due 24 Nov) → breached, same due moment, the decision stands
		await t.db.run(`UPDATE cases SET replied_at = TIMESTAMP '2025-12-02 10:00' WHERE case_id = 'O1'`);
		await evaluatePack(t.db, county);
		expect(await status()).toEqual(['breached/approved']);
		// re-import: the reply was in fact on 20 Nov (on time) → met: the decision goes back for re-review, counts nothing
		await t.db.run(`UPDATE cases SET replied_at = TIMESTAMP '2025-11-20 10:00' WHERE case_id = 'O1'`);
		await evaluatePack(t.db, county);
		expect(await status()).toEqual(['null/rereview']);
		const b = (await appraisal(t.db, ADMIN, { year: 2025, pack: county, by: 'person', evidence: false })).rows.find((r) => r.person === '乙');
		expect(b).toMatchObject({ confirmed: 0, pending: 0 });
	});
});

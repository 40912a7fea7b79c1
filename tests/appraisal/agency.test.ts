// Agency rules (影响行政职能部门工作效能行为责任追究办法): consequences follow from the measures of approved findings.
// An open case past its deadline is a finding once confirmed (before, the agency appraisal ignored it and said
// 可参评优秀 whatever the review said); 书面效能告诫 or 通报批评 → not 优秀 (第六条); minor measures carry none
// (第五条); two findings make the next one heavier (第七条), said in the reason, not a tier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { appraisal } from '../../src/lib/server/appraisal/appraisal.ts';
import { loadScheme } from '../../src/lib/server/appraisal/scheme.ts';
import { approve, propose } from '../../src/lib/server/appraisal/review.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { ADMIN, LEADER, insertCases, tempDb, type TempDb } from '../compliance/fixtures.ts';

const INSPECTOR: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const agency = loadPack('agency-accountability');
const scheme = loadScheme();
let t: TempDb;

beforeAll(async () => {
	t = await tempDb('agency');
	await insertCases(t.db, [
		// 乙: accepted Mon 3 Nov 2025, never decided: decision (30 wd) due 15 Dec 2025, open past it at the year's end
		{ case_id: 'O1', received_at: '2025-11-03 09:00', unit: '县农业局', person: '乙', accepted_at: '2025-11-03 10:00' },
		// 丙: two open cases the same way
		{ case_id: 'O2', received_at: '2025-11-03 09:00', unit: '县农业局', person: '丙', accepted_at: '2025-11-03 10:00' },
		{ case_id: 'O3', received_at: '2025-11-04 09:00', unit: '县农业局', person: '丙', accepted_at: '2025-11-04 10:00' }
	]);
	await evaluatePack(t.db, agency);
});
afterAll(async () => {
	await t.close();
});

const person = async (p: string, includePending = false) =>
	(await appraisal(t.db, ADMIN, { year: 2025, pack: agency, by: 'person', evidence: false, includePending })).rows.find((r) => r.person === p)!;

describe('agency consequences from approved findings', () => {
	it('an open case past its deadline counts once confirmed, with the consequence of its measure', async () => {
		expect(await person('乙')).toMatchObject({ open_overdue: 1, confirmed: 0, pending: 1, tier: '可参评优秀' });
		// preview: the scheme proposes 书面效能告诫 for a case still open past its deadline
		expect(await person('乙', true)).toMatchObject({ tier: '不得评为优秀', tier_article: '第六条' });
		const [id] = await propose(t.db, INSPECTOR, agency, scheme, 2025, { items: [{ case_id: 'O1', rule_id: 'decision' }], decision: 'finding', measure: '书面效能告诫' });
		await approve(t.db, LEADER, [id], '院纪〔2026〕1号');
		const b = await person('乙');
		expect(b).toMatchObject({ confirmed: 1, tier: '不得评为优秀' });
		expect(b.tier_reason).toContain('书面效能告诫');
	});

	it('minor measures carry no consequence; a second finding makes the next one heavier', async () => {
		const ids = await propose(t.db, INSPECTOR, agency, scheme, 2025, {
			items: [{ case_id: 'O2', rule_id: 'decision' }, { case_id: 'O3', rule_id: 'decision' }],
			decision: 'finding',
			measure: '批评教育'
		});
		await approve(t.db, LEADER, ids, '院纪〔2026〕2号');
		const c = await person('丙');
		expect(c).toMatchObject({ confirmed: 2, tier: '可参评优秀' });
		expect(c.tier_reason).toContain('从重处理（第七条（一））');
		expect((await person('乙')).tier_reason).not.toContain('从重');
	});
});

// Evaluation as of a moment is true to that moment (a step done later is not done, a case received later does
// not exist, a pause ending later is still running); reading another as-of never rewrites the stored results
// that the dashboards read; one lock serialises every writer. Expected values are counted by hand on the
// March 2025 calendar (no holidays: working days are Monday to Friday).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	evaluatePack,
	explainResults,
	loadPack,
	summaryAsOf,
	type ExplainedResult
} from '../../src/lib/server/compliance/index.ts';
import { complianceList, complianceView, parseComplianceQuery } from '../../src/lib/server/screens/compliance.ts';
import { overview } from '../../src/lib/server/metrics/overview.ts';
import { runMetrics } from '../../src/lib/server/metrics/query.ts';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { LEADER, insertCases, tempDb, unitUser, type TempDb } from './fixtures.ts';

const INSPECTOR: SessionUser = { userId: 4, name: 'insp', displayName: null, role: 'inspector', units: [], pii: false };
const pack = loadPack('county-efficiency');
const transfer = (id: string, extra: Record<string, string> = {}, received = '2025-03-03') => ({
	case_id: id,
	received_at: `${received} 09:00`,
	accepted_at: `${received} 09:30`,
	handling_mode: '转办',
	dispatched_at: `${received} 10:00`,
	...extra
});

let t: TempDb;
beforeAll(async () => {
	t = await tempDb('asof');
	// transfer-reply: 10 working days after Mon 2025-03-03 → due Mon 2025-03-17 (4–7, 10–14, 17).
	await insertCases(t.db, [
		transfer('OPEN'), // never answered
		transfer('LATE-REPLY', { replied_at: '2025-03-31 10:00' }), // answered after 20 March
		transfer('ONTIME', { replied_at: '2025-03-14 10:00' }), // answered after 13 March, on time
		transfer('PAUSED'), // a pause 10–28 March
		transfer('RECEIVED-LATER', {}, '2025-03-25') // received after 20 March
	]);
	await t.db.run(`INSERT INTO case_pauses (case_id, start_at, end_at, reason) VALUES ('PAUSED', '2025-03-10 09:00', '2025-03-28 09:00', '补充材料')`);
	await evaluatePack(t.db, pack); // the stored results, as of now (2025 is long past)
});
afterAll(async () => {
	await t.close();
});

async function asOf(ts: string): Promise<Map<string, ExplainedResult>> {
	const ids = ['OPEN', 'LATE-REPLY', 'ONTIME', 'PAUSED', 'RECEIVED-LATER'];
	const all = await explainResults(t.db, pack, ids.map((case_id) => ({ case_id, rule_id: 'transfer-reply' })), ts);
	return new Map([...all].map(([k, v]) => [k.split('\u0000')[0], v]));
}

describe('evaluation as of a moment', () => {
	it('does not count a step done after the as-of moment: open, late to the as-of date', async () => {
		const r = await asOf('2025-03-20 23:59:59.999');
		const late = r.get('LATE-REPLY')!;
		expect(late.status).toBe('open-overdue');
		expect(late.done_at).toBeNull();
		expect(late.working_days_late).toBe(3); // 18, 19, 20 March
		expect(late.explanation).toContain('截至2025年3月20日仍未答复，已超期3个工作日');
		// answered on 14 March, on time; as of 13 March still within its limit
		const early = (await asOf('2025-03-13 23:59:59.999')).get('ONTIME')!;
		expect(early.status).toBe('open-within');
		expect(early.working_days_late).toBe(0);
	});

	it('does not evaluate a case received after the as-of moment', async () => {
		const r = await asOf('2025-03-20 23:59:59.999');
		expect(r.has('RECEIVED-LATER')).toBe(false);
		expect(r.has('OPEN')).toBe(true);
		expect((await summaryAsOf(t.db, pack, '2025-03-20')).cases).toBe(4);
	});

	it('counts a pause that ends after the as-of moment as running until then', async () => {
		// paused 11–14 and 17–20 March: 8 working days, so 18 working days after 3 March → Thu 2025-03-27
		const p = (await asOf('2025-03-20 23:59:59.999')).get('PAUSED')!;
		expect(p.due_at).toBe('2025-03-27T23:59:59.999+08:00');
		expect(p.status).toBe('open-within');
	});

	it('gives the metrics layer the counts as of a period end', async () => {
		// as of 20 March: ONTIME met; OPEN and LATE-REPLY open past 17 March; PAUSED within its paused limit;
		// RECEIVED-LATER outside the period. Today LATE-REPLY is breached instead.
		const spec = { measures: ['met', 'breached', 'overdue_open', 'on_time_rate'], filters: { ...emptyFilters(), from: '2025-03-01', to: '2025-03-20' } };
		const [march] = await runMetrics(t.db, spec, LEADER);
		expect(march).toEqual({ met: 1, breached: 0, overdue_open: 2, on_time_rate: 1 / 3 });
		const [now] = await runMetrics(t.db, { ...spec, filters: { ...spec.filters, to: '2099-12-31' } }, LEADER);
		expect(now).toMatchObject({ met: 1, breached: 1 });
	});
});

describe('reading another as-of', () => {
	const stored = () => t.db.query(`SELECT pack, case_id, rule_id, status, working_days_late, as_of, computed_at FROM compliance_results ORDER BY ALL`);
	const overdueOpen = async () => (await overview(t.db, LEADER, { ...emptyFilters(), from: '2025-01-01', to: '2025-12-31' }, { charts: false })).kpis.overdue_open;

	it('leaves the stored results and everyone else’s overdue-open count unchanged', async () => {
		// independent count: unanswered now, past 17 March (OPEN, PAUSED) and past 8 April (RECEIVED-LATER)
		const independent = await t.db.queryOne<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM cases WHERE replied_at IS NULL AND closed_at IS NULL AND dispatched_at < TIMESTAMP '2025-06-01'`
		);
		expect(independent?.n).toBe(3);
		const before = await stored();
		expect(before.filter((r) => r.status === 'open-overdue')).toHaveLength(3);
		expect(await overdueOpen()).toBe(3);

		const q = parseComplianceQuery(new URLSearchParams({ as_of: '2025-03-20' }));
		const [view, list, unitList] = await Promise.all([
			complianceView(t.db, INSPECTOR, q),
			complianceList(t.db, INSPECTOR, q),
			complianceList(t.db, unitUser('县人社局'), parseComplianceQuery(new URLSearchParams({ as_of: '2025-03-20', status: 'open-within' })))
		]);
		expect(await stored()).toEqual(before);
		expect(await overdueOpen()).toBe(3);
		// the answer says which as-of it used, and is true to it
		expect(view.as_of).toBe('2025-03-20T23:59:59.999+08:00');
		expect(view.as_of_explicit).toBe(true);
		expect([view.totals.evaluated, view.totals.met, view.totals.breached, view.totals.open_overdue, view.totals.open_within]).toEqual([4, 1, 0, 2, 1]);
		expect(list.as_of).toBe('2025-03-20 23:59:59.999');
		expect(list.rows.map((r) => r.case_id).sort()).toEqual(['LATE-REPLY', 'OPEN']);
		expect(unitList.rows.map((r) => r.case_id)).toEqual(['PAUSED']);
		// and the screen without an as-of reads the stored results again
		const now = await complianceView(t.db, INSPECTOR, parseComplianceQuery(new URLSearchParams()));
		expect(now.totals.open_overdue).toBe(3);
		expect(now.as_of_explicit).toBe(false);
	});
});

describe('concurrent writers', () => {
	it('three evaluations at once all succeed and leave the results of one', async () => {
		const c = await tempDb('asof-lock');
		try {
			await c.db.run(
				`INSERT INTO cases (case_id, unit, received_at, accepted_at, handling_mode, dispatched_at, replied_at, row_hash, first_batch_id, batch_id)
				 SELECT 'L' || i, '县人社局', TIMESTAMP '2025-03-03 09:00' + to_days(i % 200), TIMESTAMP '2025-03-03 09:30' + to_days(i % 200),
					'转办', TIMESTAMP '2025-03-03 10:00' + to_days(i % 200),
					CASE WHEN i % 3 = 0 THEN NULL ELSE TIMESTAMP '2025-03-03 10:00' + to_days(i % 200 + i % 25) END, 'h', 1, 1
				 FROM range(3000) r(i)`
			);
			const results = () => c.db.query(`SELECT case_id, rule_id, status, working_days_late FROM compliance_results ORDER BY ALL`);
			const settled = await Promise.allSettled([evaluatePack(c.db, pack), evaluatePack(c.db, pack), evaluatePack(c.db, pack)]);
			expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
			const concurrent = await results();
			await evaluatePack(c.db, pack);
			const single = await results();
			expect(single.length).toBe(3000);
			expect(concurrent).toEqual(single);
		} finally {
			await c.close();
		}
	});
});

describe('the flagged list', () => {
	it('answers a page past the end with the last page, and the first page with the flags counted by hand', async () => {
		// by hand, as of now: OPEN, PAUSED and RECEIVED-LATER were never answered and their due days (17 March, after
		// the pause in April, 8 April 2025) are long past (open-overdue); LATE-REPLY answered on 31 March (breached);
		// ONTIME is met
		const first = await complianceList(t.db, INSPECTOR, parseComplianceQuery(new URLSearchParams({ status: 'flagged', rule: 'transfer-reply' })));
		const past = await complianceList(t.db, INSPECTOR, parseComplianceQuery(new URLSearchParams({ status: 'flagged', rule: 'transfer-reply', page: '3' })));
		expect(first.pages).toBe(1);
		expect(past.page).toBe(1);
		expect(past.total).toBe(first.total);
		expect(past.rows.map((r) => r.case_id)).toEqual(first.rows.map((r) => r.case_id));
		expect(first.rows.length).toBe(first.total);
		expect(first.rows.map((r) => r.case_id).sort()).toEqual(['LATE-REPLY', 'OPEN', 'PAUSED', 'RECEIVED-LATER']);
	});
});

// The compliance screen's counts come from the metrics layer's rollup (issue 12): as of now they are the stored
// results; for a period that ended before today they are the results as of its end. Expected values are worked out
// by hand for the small file below, and for another pack by an independent query over the stored results.
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { complianceSummary } from '../../src/lib/server/metrics/compliance.ts';
import { ADMIN, unitUser } from './fixtures.ts';
import { tempDb, type TempDb } from '../ingest/helpers.ts';

// transfer-reply (转办 → 10 working days from dispatch): Y1 replied in 4 days (met); Y2 never replied (open and
// overdue since 17 September); Y3 replied on 30 October, after its due moment of 17 September (breached now, but
// still open on 30 September, and already overdue then). Y4 (another unit, October) replied in time. Y5, received on
// 30 September but dispatched only after the National Day holiday (9 October), replied in time: met now, and its
// clock had not started on 30 September, so September as of its end does not count it at all.
const FILE = [
	'投诉编号,受理时间,被投诉单位,办理方式,受理决定时间,转办时间,办结时间,答复时间',
	'Y1,2025-09-01 09:00,县教育局,转办,2025-09-01 09:30,2025-09-01 10:00,2025-09-05 10:00,2025-09-05 10:00',
	'Y2,2025-09-02 09:00,县教育局,转办,2025-09-02 09:30,2025-09-02 10:00,,',
	'Y3,2025-09-03 09:00,县教育局,转办,2025-09-03 09:30,2025-09-03 10:00,2025-10-30 10:00,2025-10-30 10:00',
	'Y4,2025-10-09 09:00,县民政局,转办,2025-10-09 09:30,2025-10-09 10:00,2025-10-13 10:00,2025-10-13 10:00',
	'Y5,2025-09-30 09:00,县教育局,转办,2025-09-30 09:30,2025-10-09 10:00,2025-10-10 10:00,2025-10-10 10:00'
].join('\n');

let t: TempDb | undefined;
afterEach(() => {
	t?.close();
	t = undefined;
});

const rule = (s: Awaited<ReturnType<typeof complianceSummary>>, id: string) => s.by_rule.find((r) => r.rule_id === id);

describe('compliance summary from the metrics layer', () => {
	it('reads the stored results now, and a past period as of its end, in the unit scope', async () => {
		t = await tempDb('summary-');
		await importFile(t.db, t.file('y.csv', FILE));
		await evaluatePack(t.db, loadPack('county-efficiency'));

		const now = await complianceSummary(t.db, ADMIN, 'county-efficiency');
		expect(rule(now, 'transfer-reply')).toMatchObject({ evaluated: 5, met: 3, breached: 1, open_overdue: 1, open_within: 0 });
		expect(now.by_unit.map((u) => [u.unit, u.breached])).toEqual([
			['县教育局', 1],
			['县民政局', 0]
		]);

		// September as of 30 September 23:59:59.999: Y3 was not replied yet and its due moment had passed
		const sep = await complianceSummary(t.db, ADMIN, 'county-efficiency', { from: '2025-09-01', to: '2025-09-30' });
		expect(sep.as_of.slice(0, 10)).toBe('2025-09-30');
		expect(rule(sep, 'transfer-reply')).toMatchObject({ evaluated: 3, met: 1, breached: 0, open_overdue: 2 });
		expect(sep.by_month.map((m) => m.month)).toEqual(['2025-09']);
		expect(sep.by_unit.map((u) => u.unit)).toEqual(['县教育局']);

		// a unit user reads its own unit only
		const own = await complianceSummary(t.db, unitUser('县民政局'), 'county-efficiency');
		expect(own.by_unit.map((u) => u.unit)).toEqual(['县民政局']);
		expect(rule(own, 'transfer-reply')).toMatchObject({ evaluated: 1, met: 1, breached: 0, open_overdue: 0 });
		const none = await complianceSummary(t.db, unitUser('县民政局'), 'county-efficiency', { from: '2025-09-01', to: '2025-09-30' });
		expect(none.totals.evaluated).toBe(0);
	});

	it('reads another pack as of a period end as an independent query over its stored results does', async () => {
		t = await tempDb('summary-pack-');
		await importFile(t.db, t.file('y.csv', FILE));
		const pack = loadPack('agency-accountability');
		await evaluatePack(t.db, pack);
		const T = '2025-09-30 23:59:59.999';
		const expected = await t.db.query<{ rule_id: string; evaluated: number; met: number; breached: number; open_overdue: number; open_within: number }>(
			`WITH r AS (
				SELECT cr.rule_id,
					CASE WHEN cr.status = 'no-data' THEN 'no-data'
						WHEN cr.done_at IS NOT NULL AND cr.done_at <= $t::TIMESTAMP THEN cr.status
						WHEN cr.done_at IS NULL AND cr.status IN ('met', 'breached') THEN cr.status
						WHEN cr.due_at IS NULL THEN cr.status
						WHEN cr.due_at < $t::TIMESTAMP THEN 'open-overdue' ELSE 'open-within' END AS s
				FROM compliance_results cr JOIN cases c USING (case_id)
				WHERE cr.pack = $pack AND c.received_at < DATE '2025-10-01'
					AND (cr.status = 'no-data' OR cr.clock_start IS NULL OR cr.clock_start <= $t::TIMESTAMP))
			SELECT rule_id, count(*)::INTEGER AS evaluated, count_if(s = 'met')::INTEGER AS met, count_if(s = 'breached')::INTEGER AS breached,
				count_if(s = 'open-overdue')::INTEGER AS open_overdue, count_if(s = 'open-within')::INTEGER AS open_within
			FROM r GROUP BY rule_id ORDER BY rule_id`,
			{ t: T, pack: pack.name }
		);
		expect(expected.length, 'the pack judges these cases').toBeGreaterThan(0);
		const sep = await complianceSummary(t.db, ADMIN, pack, { from: '2025-09-01', to: '2025-09-30' });
		const got = sep.by_rule
			.map((r) => ({ rule_id: r.rule_id, evaluated: r.evaluated, met: r.met, breached: r.breached, open_overdue: r.open_overdue, open_within: r.open_within }))
			.sort((a, b) => a.rule_id.localeCompare(b.rule_id));
		expect(got).toEqual(expected);
	});
});

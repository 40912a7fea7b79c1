// Hand-computed deadlines on the official calendars (国务院办公厅 notices for 2024, 2025, 2026): Spring
// Festival and National Day, make-up weekend days, holiday start days, 23:59:59 vs 00:00:00, date-only
// timestamps, extensions (approved, unapproved, approved late), pauses, open cases around --as-of, every pack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { evaluatePack, explainResults, loadPack, type ExplainedResult, type RulePack } from '../../src/lib/server/compliance/index.ts';
import { insertCases, tempDb, type TempDb } from './fixtures.ts';

let t: TempDb;

async function evaluate(packName: string, asOf: string, pack: RulePack = loadPack(packName)) {
	const summary = await evaluatePack(t.db, pack, { asOf });
	const ids = (await t.db.query<{ case_id: string }>('SELECT case_id FROM cases')).map((r) => r.case_id);
	const keys = ids.flatMap((case_id) => pack.rules.map((r) => ({ case_id, rule_id: r.id })));
	const rows = await explainResults(t.db, pack, keys, `${asOf} 23:59:59.999`);
	const get = (caseId: string, ruleId: string): ExplainedResult => {
		const r = rows.get(`${caseId}\u0000${ruleId}`);
		if (!r) throw new Error(`no result ${caseId}/${ruleId}`);
		return r;
	};
	return { summary, get };
}

beforeAll(async () => {
	t = await tempDb('engine');
});
afterAll(async () => {
	await t.close();
});

describe('county-efficiency on the official calendar', () => {
	beforeAll(async () => {
		await t.db.run('DELETE FROM cases');
		await insertCases(t.db, [
			// 2024 Spring Festival: 2月10日–17日 off, 2月18日 (Sunday) worked; 2月9日 was a working day.
			// 10 wd after Tue 2024-02-06: 7,8,9 | 18(Sun),19,20,21,22,23,26 → due 2024-02-26.
			{ case_id: 'SF24-ON-TIME', received_at: '2024-02-06 08:00', accepted_at: '2024-02-06 08:30', handling_mode: '转办', dispatched_at: '2024-02-06 09:00', replied_at: '2024-02-26 23:59:59' },
			{ case_id: 'SF24-MIDNIGHT', received_at: '2024-02-06 08:00', accepted_at: '2024-02-06 08:30', handling_mode: '转办', dispatched_at: '2024-02-06 09:00', replied_at: '2024-02-27 00:00:00' },
			// 2024 National Day: 10月1日–7日 off, 9月29日 (Sun) and 10月12日 (Sat) worked.
			// 15 wd after Fri 2024-09-27: 29(Sun),30 | 8,9,10,11,12(Sat),14,15,16,17,18,21,22,23 → due 2024-10-23; report 20 wd → 10-30.
			{ case_id: 'ND24-OPEN', received_at: '2024-09-26 10:00', accepted_at: '2024-09-26 11:00', handling_mode: '交办', dispatched_at: '2024-09-27 09:00' },
			// The example of the issue: 2025 National Day and Mid-Autumn 10月1日–8日, 9月28日 and 10月11日 worked.
			{ case_id: 'ND25-LATE', received_at: '2025-09-25 10:00', accepted_at: '2025-09-25 11:00', handling_mode: '转办', dispatched_at: '2025-09-26 09:00', replied_at: '2025-10-17 10:00' },
			// Start day is a holiday (2025-01-29, Spring Festival): 15 wd after it: 2月5,6,7,8(Sat),10..14,17..21,24 → due 2025-02-24.
			{ case_id: 'SF25-HOLIDAY-START', received_at: '2025-01-29 10:00', accepted_at: '2025-01-29 10:30', handling_mode: '直办', replied_at: '2025-02-24 10:00' },
			// 2026 Spring Festival 2月15日–23日 off, 2月14日 (Sat) worked. accept-decision 5 wd after Thu 2026-02-12:
			// 13, 14(Sat), 24, 25, 26 → due 2026-02-26.
			{ case_id: 'SF26-ACCEPT', received_at: '2026-02-12 09:00', accepted_at: '2026-02-26 16:00', handling_mode: '牵头办理', replied_at: '2026-03-10 10:00' },
			// Date-only timestamps: dispatched 2025-03-03, 10 wd → 2025-03-17; a reply dated 2025-03-17 is on time.
			{ case_id: 'DATE-ONLY', received_at: '2025-03-03', accepted_at: '2025-03-03', handling_mode: '转办', dispatched_at: '2025-03-03', replied_at: '2025-03-17' },
			// Extensions on the 2025 example: the original due is 2025-10-16; 30 wd → 2025-11-13.
			{ case_id: 'EXT-APPROVED', received_at: '2025-09-25 10:00', accepted_at: '2025-09-25 11:00', handling_mode: '转办', dispatched_at: '2025-09-26 09:00', replied_at: '2025-10-30 10:00', extension_approved: true, extension_requested_at: '2025-10-09 09:00', extension_approved_at: '2025-10-10 15:00', extension_approved_by: '县投诉中心', extension_days: 20 },
			{ case_id: 'EXT-LATE', received_at: '2025-09-25 10:00', accepted_at: '2025-09-25 11:00', handling_mode: '转办', dispatched_at: '2025-09-26 09:00', replied_at: '2025-10-30 10:00', extension_approved: true, extension_approved_at: '2025-10-20 15:00' },
			{ case_id: 'EXT-REFUSED', received_at: '2025-09-25 10:00', accepted_at: '2025-09-25 11:00', handling_mode: '转办', dispatched_at: '2025-09-26 09:00', replied_at: '2025-10-30 10:00', extension_approved: false, extension_requested_at: '2025-10-09 09:00' },
			// A pause of 3 working days (10月10日, 11日 (Sat, worked), 13日) moves the due day to 2025-10-21.
			{ case_id: 'PAUSED', received_at: '2025-09-25 10:00', accepted_at: '2025-09-25 11:00', handling_mode: '转办', dispatched_at: '2025-09-26 09:00', replied_at: '2025-10-20 10:00' },
			// A year without a notice (2028): its statutory holidays (劳动节 5月1日 Mon, 2日 Tue), no 调休 known; provisional near them.
			{ case_id: 'PROVISIONAL', received_at: '2028-04-26 09:00', accepted_at: '2028-04-26 09:30', handling_mode: '转办', dispatched_at: '2028-04-26 10:00', replied_at: '2028-05-10 10:00' },
			// Across the new year: 10 wd after Fri 2024-12-20: 23..27, 30, 31 | 1月2, 3, 6 (元旦 1月1日 off) → due 2025-01-06.
			{ case_id: 'NY25-LATE', received_at: '2024-12-20 09:00', accepted_at: '2024-12-20 09:30', handling_mode: '转办', dispatched_at: '2024-12-20 10:00', replied_at: '2025-01-10 10:00' },
			// No dispatch time: the clock cannot start.
			{ case_id: 'NO-START', received_at: '2025-03-03 09:00', accepted_at: '2025-03-03 09:30', handling_mode: '转办' }
		]);
		await t.db.run(`INSERT INTO case_pauses (case_id, start_at, end_at, reason) VALUES ('PAUSED', '2025-10-09 09:00', '2025-10-13 09:00', '等待投诉人补充材料')`);
	});

	it('counts working days across the 2024 Spring Festival, to the millisecond of the due day', async () => {
		const { get } = await evaluate('county-efficiency', '2024-12-31');
		const onTime = get('SF24-ON-TIME', 'transfer-reply');
		expect(onTime.due_at).toBe('2024-02-26 23:59:59.999+08:00'.replace(' ', 'T'));
		expect(onTime.status).toBe('met');
		const late = get('SF24-MIDNIGHT', 'transfer-reply');
		expect(late.status).toBe('breached');
		expect(late.working_days_late).toBe(1);
		expect(late.explanation).toBe(
			'转办件应自2024年2月6日起10个工作日内（至2024年2月26日）办结答复，实际于2024年2月27日答复，超期1个工作日（春节假期2月10日至17日不计，2月18日调休上班计入，依据第二十五条）。'
		);
		// accepted on the day of receipt: decided on the spot, so the 5-day review limit does not apply
		expect(get('SF24-ON-TIME', 'accept-decision').status).toBe('not-applicable');
		expect(get('SF24-ON-TIME', 'accept-decision').explanation).toContain('当场');
		expect(get('SF24-ON-TIME', 'assign-reply').explanation).toBe('不适用：本规则只适用于办理方式为“交办”的投诉（依据第二十五条）。');
	});

	it('treats open cases before and after the due day around --as-of (2024 National Day)', async () => {
		const before = await evaluate('county-efficiency', '2024-10-23');
		expect(before.get('ND24-OPEN', 'assign-reply')).toMatchObject({ status: 'open-within', due_at: '2024-10-23T23:59:59.999+08:00', working_days_late: 0 });
		expect(before.get('ND24-OPEN', 'assign-report')).toMatchObject({ status: 'open-within', due_at: '2024-10-30T23:59:59.999+08:00' });
		const after = await evaluate('county-efficiency', '2024-10-25');
		const r = after.get('ND24-OPEN', 'assign-reply');
		expect(r).toMatchObject({ status: 'open-overdue', working_days_late: 2 });
		expect(r.explanation).toBe(
			'交办件应自2024年9月27日起15个工作日内（至2024年10月23日）办结答复，截至2024年10月25日仍未答复，已超期2个工作日（国庆假期10月1日至7日不计，9月29日、10月12日调休上班计入，依据第二十五条）。'
		);
	});

	it('reproduces the example sentence of the 2025 National Day', async () => {
		const { get, summary } = await evaluate('county-efficiency', '2025-12-31');
		expect(get('ND25-LATE', 'transfer-reply').explanation).toBe(
			'转办件应自2025年9月26日起10个工作日内（至2025年10月16日）办结答复，实际于2025年10月17日答复，超期1个工作日（国庆中秋假期10月1日至8日不计，9月28日、10月11日调休上班计入，依据第二十五条）。'
		);
		// Every count by hand (the summary derives not_applicable by subtraction, so a sum of its counts proves nothing).
		// As of 2025-12-31 only the 12 cases received by then exist: SF26-ACCEPT (2026) and PROVISIONAL (2028) are
		// not evaluated. 12 cases × 7 rules. met: SF24-ON-TIME, SF25-HOLIDAY-START, DATE-ONLY, PAUSED (one reply rule
		// each), EXT-APPROVED (complex-extension) = 5; breached: SF24-MIDNIGHT, ND25-LATE, EXT-LATE, EXT-REFUSED,
		// NY25-LATE = 5; open-overdue: ND24-OPEN's assign-reply and assign-report = 2; the rest does not apply: 84 − 12 = 72.
		expect(summary).toMatchObject({ cases: 12, evaluations: 84, met: 5, breached: 5, open_overdue: 2, open_within: 0, not_applicable: 72 });
		// As of a moment after every case, SF26-ACCEPT (accept-decision and led-by-supervision) and PROVISIONAL (one
		// reply rule) are met as well: 14 × 7 = 98, met 8, and 98 − 15 = 83 do not apply.
		const later = await evaluate('county-efficiency', '2028-12-31');
		expect(later.summary).toMatchObject({ cases: 14, evaluations: 98, met: 8, breached: 5, open_overdue: 2, open_within: 0, not_applicable: 83 });
	});

	it('names the year of every date when the window reaches into the next year', async () => {
		const { get } = await evaluate('county-efficiency', '2025-12-31');
		const r = get('NY25-LATE', 'transfer-reply');
		expect(r).toMatchObject({ status: 'breached', due_at: '2025-01-06T23:59:59.999+08:00', working_days_late: 4 });
		expect(r.explanation).toBe(
			'转办件应自2024年12月20日起10个工作日内（至2025年1月6日）办结答复，实际于2025年1月10日答复，超期4个工作日（元旦假期2025年1月1日不计，依据第二十五条）。'
		);
	});

	it('starts the count on the first working day after a holiday start date (2025 Spring Festival)', async () => {
		const { get } = await evaluate('county-efficiency', '2025-12-31');
		expect(get('SF25-HOLIDAY-START', 'direct-reply')).toMatchObject({ status: 'met', due_at: '2025-02-24T23:59:59.999+08:00' });
	});

	it('counts the 2026 Spring Festival make-up Saturday', async () => {
		const { get } = await evaluate('county-efficiency', '2026-12-31');
		const r = get('SF26-ACCEPT', 'accept-decision');
		expect(r).toMatchObject({ status: 'met', due_at: '2026-02-26T23:59:59.999+08:00' });
		expect(r.explanation).toContain('春节假期2月15日至23日不计，2月14日调休上班计入');
		// led by the supervision organ: 20 wd after Thu 2026-02-26: 27, 28 (Sat, worked), 3月2..6, 9..13, 16..20, 23..25 → 2026-03-25
		expect(get('SF26-ACCEPT', 'led-by-supervision')).toMatchObject({ status: 'met', due_at: '2026-03-25T23:59:59.999+08:00' });
	});

	it('reads date-only timestamps as whole days', async () => {
		const { get } = await evaluate('county-efficiency', '2025-12-31');
		expect(get('DATE-ONLY', 'transfer-reply')).toMatchObject({ status: 'met', due_at: '2025-03-17T23:59:59.999+08:00' });
	});

	it('applies an approved extension, and ignores a late or refused one', async () => {
		const { get } = await evaluate('county-efficiency', '2025-12-31');
		expect(get('EXT-APPROVED', 'transfer-reply').status).toBe('not-applicable');
		expect(get('EXT-APPROVED', 'transfer-reply').explanation).toContain('complex-extension');
		const ext = get('EXT-APPROVED', 'complex-extension');
		expect(ext).toMatchObject({ status: 'met', due_at: '2025-11-13T23:59:59.999+08:00' });
		expect(ext.explanation).toMatch(/^转办件经批准延期，应自2025年9月26日起30个工作日内（至2025年11月13日）办结答复/);
		for (const id of ['EXT-LATE', 'EXT-REFUSED']) {
			// 10 working days late: 10月17日, 20–24日, 27–30日
			expect(get(id, 'transfer-reply')).toMatchObject({ status: 'breached', working_days_late: 10, due_at: '2025-10-16T23:59:59.999+08:00' });
			expect(get(id, 'complex-extension').status).toBe('not-applicable');
		}
		expect(get('EXT-LATE', 'transfer-reply').explanation).toContain('延期于2025年10月20日批准，晚于原期限，不予计入');
		expect(get('EXT-LATE', 'complex-extension').explanation).toContain('晚于原期限');
		expect(get('EXT-REFUSED', 'complex-extension').explanation).toBe('不适用：未经批准延期，按原时限评价（依据第二十五条）。');
	});

	it('extends the clock by paused working days', async () => {
		const { get } = await evaluate('county-efficiency', '2025-12-31');
		const r = get('PAUSED', 'transfer-reply');
		expect(r).toMatchObject({ status: 'met', due_at: '2025-10-21T23:59:59.999+08:00' });
		expect(r.explanation).toContain('中止计时3个工作日');
	});

	it('marks results in an unannounced year as provisional', async () => {
		const { get, summary } = await evaluate('county-efficiency', '2028-12-31');
		const r = get('PROVISIONAL', 'transfer-reply');
		// 2028-04-26 is a Wednesday; 10 wd: 27, 28 | 5月3, 4, 5, 8, 9, 10, 11, 12 (5月1日, 2日 劳动节) → 2028-05-12
		expect(r).toMatchObject({ status: 'met', provisional: true, due_at: '2028-05-12T23:59:59.999+08:00' });
		expect(r.explanation).toContain('放假安排尚未公布');
		expect(r.explanation).toContain('劳动节假期5月1日至2日不计');
		expect(summary.provisional).toBeGreaterThan(0);
		expect(get('ND25-LATE', 'transfer-reply').provisional).toBe(false);
	});

	it('says why a rule does not apply when the clock cannot start', async () => {
		const { get } = await evaluate('county-efficiency', '2025-12-31');
		expect(get('NO-START', 'transfer-reply')).toMatchObject({ status: 'not-applicable', due_at: null });
		expect(get('NO-START', 'transfer-reply').explanation).toBe('不适用：起算时间为空，无法起算（依据第二十五条）。');
	});

	it('stores applicable results only, replacing the previous run of the pack', async () => {
		const pack = loadPack('county-efficiency');
		const a = await evaluatePack(t.db, pack, { asOf: '2025-12-31' });
		const b = await evaluatePack(t.db, pack, { asOf: '2025-12-31' });
		expect(b).toMatchObject({ met: a.met, breached: a.breached });
		const stored = await t.db.queryOne<{ n: number; na: number }>(
			`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE status = 'not-applicable')::INTEGER AS na FROM compliance_results WHERE pack = 'county-efficiency'`
		);
		expect(stored?.n).toBe(a.met + a.breached + a.open_overdue + a.open_within);
		expect(stored?.na).toBe(0);
		const run = await t.db.queryOne<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM compliance_runs WHERE pack = 'county-efficiency'`);
		expect(run?.n).toBe(1);
	});
});

describe('the other packs', () => {
	beforeAll(async () => {
		await t.db.run('DELETE FROM cases');
		await t.db.run('DELETE FROM case_pauses');
	});

	it('agency-accountability: 30 + 15 working days with a timely approval', async () => {
		await insertCases(t.db, [
			// accept-decision 5 wd after Thu 2025-09-25: 26, 28(Sun), 29, 30, 10月9日 → due 2025-10-09
			{ case_id: 'AG-1', received_at: '2025-09-25 10:00', accepted_at: '2025-09-26 10:00', closed_at: '2025-12-04 17:00', extension_approved: true, extension_approved_at: '2025-11-01 10:00' },
			{ case_id: 'AG-2', received_at: '2025-09-25 10:00', accepted_at: '2025-10-10 10:00', closed_at: '2025-11-14 10:00' }
		]);
		const { get } = await evaluate('agency-accountability', '2025-12-31');
		expect(get('AG-1', 'accept-decision')).toMatchObject({ status: 'met', due_at: '2025-10-09T23:59:59.999+08:00' });
		expect(get('AG-2', 'accept-decision')).toMatchObject({ status: 'breached', working_days_late: 1 });
		expect(get('AG-1', 'decision').status).toBe('not-applicable');
		// 45 wd after 2025-09-26 → 2025-12-04
		expect(get('AG-1', 'decision-extended')).toMatchObject({ status: 'met', due_at: '2025-12-04T23:59:59.999+08:00' });
		// 30 wd after Fri 2025-10-10: 11 (Sat, worked), 13..17, 20..24, 27..31, 11月3..7, 10..14, 17..20 → 2025-11-20
		expect(get('AG-2', 'decision')).toMatchObject({ status: 'met', due_at: '2025-11-20T23:59:59.999+08:00' });
		expect(get('AG-2', 'decision-extended').status).toBe('not-applicable');
	});

	it('rural-bank: online forwarding across the 2025 Spring Festival make-up Sunday', async () => {
		await insertCases(t.db, [
			// 2 wd after Fri 2025-01-24: 26 (Sun, worked), 27 → due 2025-01-27
			{ case_id: 'RB-1', received_at: '2025-01-24 16:00', channel: '网上', category: '服务态度', dispatched_at: '2025-01-27 09:00', replied_at: '2025-02-06 10:00' },
			{ case_id: 'RB-2', received_at: '2025-01-24 16:00', channel: '电话', category: '违规操作', replied_at: '2025-02-10 10:00' }
		]);
		const { get } = await evaluate('rural-bank', '2025-12-31');
		expect(get('RB-1', 'online-forward')).toMatchObject({ status: 'met', due_at: '2025-01-27T23:59:59.999+08:00' });
		// general 3 wd: 26, 27, 2月5日 → due 2025-02-05; replied 02-06 → 1 wd late
		expect(get('RB-1', 'general-reply')).toMatchObject({ status: 'breached', working_days_late: 1, due_at: '2025-02-05T23:59:59.999+08:00' });
		// complex 10 wd: 26, 27, 2月5, 6, 7, 8(Sat), 10, 11, 12, 13 → due 2025-02-13
		expect(get('RB-2', 'complex-reply')).toMatchObject({ status: 'met', due_at: '2025-02-13T23:59:59.999+08:00' });
		expect(get('RB-2', 'online-forward').status).toBe('not-applicable');
	});

	it('property-service: exact hours, and a month before escalation', async () => {
		await insertCases(t.db, [
			{ case_id: 'PS-1', received_at: '2025-10-01 10:00', severity: '轻微', first_response_at: '2025-10-02 10:00:00', closed_at: '2025-10-03 09:00', callback_at: '2025-10-04 09:00:01' },
			// 5.4.2: 12 hours from the dispatch (the 处置表 reaching the manager) to the settlement (closing)
			{ case_id: 'PS-2', received_at: '2025-10-01 09:00', severity: '重大', dispatched_at: '2025-10-01 10:00', first_response_at: '2025-10-01 11:00', closed_at: '2025-10-01 22:00:01' },
			{ case_id: 'PS-3', received_at: '2025-01-31 10:00', severity: '一般', closed_at: '2025-03-01 08:00' }
		]);
		const { get } = await evaluate('property-service', '2025-12-31');
		expect(get('PS-1', 'minor-feedback')).toMatchObject({ status: 'met', due_at: '2025-10-02T10:00:00+08:00' });
		expect(get('PS-1', 'minor-callback')).toMatchObject({ status: 'breached' });
		expect(get('PS-1', 'minor-callback').explanation).toContain('超期1秒（依据6.0）');
		expect(get('PS-2', 'major-resolve')).toMatchObject({ status: 'breached', due_at: '2025-10-01T22:00:00+08:00' });
		// one month after 2025-01-31 is 2025-02-28: reclassified as major at 2025-03-01 00:00, settled within 12 hours
		expect(get('PS-3', 'escalated-resolve')).toMatchObject({ status: 'met', clock_start: '2025-03-01T00:00:00+08:00', due_at: '2025-03-01T12:00:00+08:00' });
		expect(get('PS-3', 'minor-feedback').status).toBe('not-applicable');
	});

	it('telecom-users: 15 working days across the 2026 Mid-Autumn and National Day holidays', async () => {
		// after Fri 2026-09-18: 20(Sun),21..24 | 28,29,30 | 10月8,9,10(Sat),12,13,14,15 → due 2026-10-15
		await insertCases(t.db, [{ case_id: 'TE-1', received_at: '2026-09-18 10:00', replied_at: '2026-10-16 09:00' }]);
		const { get } = await evaluate('telecom-users', '2026-12-31');
		const r = get('TE-1', 'operator-reply');
		expect(r).toMatchObject({ status: 'breached', working_days_late: 1, due_at: '2026-10-15T23:59:59.999+08:00' });
		expect(r.explanation).toContain('中秋假期9月25日至27日不计，国庆假期10月1日至7日不计，9月20日、10月10日调休上班计入');
	});

	it('tender-complaints: 30 calendar days, up to 3 months with approval, reply to named complainants', async () => {
		await insertCases(t.db, [
			{ case_id: 'TD-1', received_at: '2025-01-10 10:00', accepted_at: '2025-01-13 09:00', closed_at: '2025-02-10 09:00', complainant_name: '张三', complainant_phone: '13800000000', procedure: 'general', replied_at: '2025-02-17 09:00' },
			{ case_id: 'TD-2', received_at: '2025-01-10 10:00', accepted_at: '2025-01-16 09:00', closed_at: '2025-04-10 09:00', extension_approved: true, extension_approved_at: '2025-02-01 10:00' }
		]);
		const { get } = await evaluate('tender-complaints', '2025-12-31');
		// 3 wd after Fri 2025-01-10: 13, 14, 15
		expect(get('TD-1', 'assign-handler')).toMatchObject({ status: 'met', due_at: '2025-01-15T23:59:59.999+08:00' });
		expect(get('TD-2', 'assign-handler')).toMatchObject({ status: 'breached', working_days_late: 1 });
		// 30 calendar days → 2025-02-09 (a Sunday, no roll-forward)
		expect(get('TD-1', 'investigate')).toMatchObject({ status: 'breached', due_at: '2025-02-09T23:59:59.999+08:00' });
		expect(get('TD-2', 'investigate')).toMatchObject({ status: 'met', due_at: '2025-04-10T23:59:59.999+08:00' });
		expect(get('TD-2', 'investigate').explanation).toContain('经批准延期');
		// reply 5 wd after closure 2025-02-10: 11..14, 17
		expect(get('TD-1', 'reply-after-close')).toMatchObject({ status: 'met', due_at: '2025-02-17T23:59:59.999+08:00' });
		expect(get('TD-2', 'reply-after-close').status).toBe('not-applicable');
	});

	it('source-due: the deadline given in the data, date-only meaning the whole day', async () => {
		await insertCases(t.db, [
			{ case_id: 'SD-1', received_at: '2013-05-01 09:00', due_at: '2013-05-10 00:00:00', closed_at: '2013-05-10 18:00' },
			{ case_id: 'SD-2', received_at: '2013-05-01 09:00', due_at: '2013-05-10 12:00:00', closed_at: '2013-05-10 13:00' },
			{ case_id: 'SD-3', received_at: '2013-05-01 09:00', closed_at: '2013-05-10 13:00' }
		]);
		const { get } = await evaluate('source-due', '2013-12-31');
		expect(get('SD-1', 'due-by-source')).toMatchObject({ status: 'met', due_at: '2013-05-10T23:59:59.999+08:00' });
		expect(get('SD-2', 'due-by-source')).toMatchObject({ status: 'breached' });
		expect(get('SD-2', 'due-by-source').explanation).toBe('该件应在来源系统给定的办理时限（2013年5月10日12:00）前办结，实际于2013年5月10日13:00办结，超期1小时（依据《来源系统给定办理时限》）。');
		expect(get('SD-3', 'due-by-source').explanation).toBe('不适用：数据未给出办理时限（依据《来源系统给定办理时限》）。');
	});

	it('cfpb: not applicable without a company response date', async () => {
		await insertCases(t.db, [
			{ case_id: 'CF-1', received_at: '2019-09-24', dispatched_at: '2019-09-24', source_verdict: 'Yes' },
			{ case_id: 'CF-2', received_at: '2019-09-24', dispatched_at: '2019-09-24', replied_at: '2019-10-09' }
		]);
		const { get } = await evaluate('cfpb', '2019-12-31');
		expect(get('CF-1', 'company-response').status).toBe('not-applicable');
		expect(get('CF-1', 'company-response').explanation).toContain('导出文件没有企业回应日期');
		expect(get('CF-2', 'company-response')).toMatchObject({ status: 'met', due_at: '2019-10-09T23:59:59.999+08:00' });
	});

	it('a custom pack by path: calendar days rolled forward to the next working day', async () => {
		const file = path.join(t.dir, 'seven-days.yaml');
		fs.writeFileSync(
			file,
			`name: seven-days
title: 七日内答复
version: "1"
source: { seed: 002_e19275c8840195d0.txt, document: 测试 }
rules:
  - id: reply-7d
    title: 七日内答复
    citation: { seed: 002_e19275c8840195d0.txt, document: 测试, article: 第一条 }
    clock: { start: received_at, stop: replied_at }
    limit: { value: 7, unit: calendar_days, roll_forward: true }
    wording: { subject: 投诉, action: 答复, done: 答复 }
`
		);
		await insertCases(t.db, [{ case_id: 'CU-1', received_at: '2025-09-26 10:00', replied_at: '2025-10-09 10:00' }]);
		const pack = loadPack(file);
		const { get } = await evaluate('seven-days', '2025-12-31', pack);
		// 2025-10-03 is a holiday → the next working day is 2025-10-09
		const r = get('CU-1', 'reply-7d');
		expect(r).toMatchObject({ status: 'met', due_at: '2025-10-09T23:59:59.999+08:00' });
		expect(r.explanation).toContain('期满日2025年10月3日为非工作日，顺延至2025年10月9日');
	});
});

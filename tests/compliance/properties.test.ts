// Properties of the SQL evaluation checked against a plain reference walk over the calendar files:
// a due day is always a working day (and the N-th one after the start date), and moving the stop one
// working day later never turns a breach into a met deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { readCalendarDir } from '../../src/lib/server/calendar/index.ts';
import { buildCalendarDays, dayNumber, dayString, type CalendarDay } from '../../src/lib/server/calendar/days.ts';
import { insertCases, tempDb, type TempDb } from './fixtures.ts';

let t: TempDb;
let days: Map<string, CalendarDay>;
const pack = loadPack('county-efficiency');
const FIRST = dayNumber('2004-01-01');
const LAST = dayNumber('2026-11-30');

/** The N-th working day after a date, by walking the calendar day by day. */
function referenceDue(start: string, n: number): string {
	let d = dayNumber(start);
	let left = n;
	while (left > 0) {
		d++;
		if (days.get(dayString(d))!.is_workday) left--;
	}
	return dayString(d);
}

function nextWorkday(date: string): string {
	let d = dayNumber(date) + 1;
	while (!days.get(dayString(d))!.is_workday) d++;
	return dayString(d);
}

const caseArb = fc.record({
	start: fc.integer({ min: FIRST, max: LAST }),
	minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
	replyAfter: fc.integer({ min: 0, max: 40 }),
	mode: fc.constantFrom('转办', '交办', '直办', '牵头办理')
});

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;

beforeAll(async () => {
	t = await tempDb('props');
	days = new Map(buildCalendarDays(readCalendarDir().map((f) => f.year), 2000, 2030).map((d) => [d.day, d]));
});
afterAll(async () => {
	await t.close();
});

describe('deadline properties', () => {
	it('a due day is always a working day, the N-th after the start date', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(caseArb, { minLength: 10, maxLength: 40 }), async (cases) => {
				await t.db.run('DELETE FROM cases');
				await insertCases(
					t.db,
					cases.map((c, i) => {
						const start = `${dayString(c.start)} ${hhmm(c.minute)}`;
						return {
							case_id: `P${i}`,
							received_at: start,
							accepted_at: `${dayString(c.start + 1)} 09:00:00`,
							dispatched_at: start,
							handling_mode: c.mode,
							replied_at: `${dayString(c.start + c.replyAfter)} ${hhmm(c.minute)}`
						};
					})
				);
				await evaluatePack(t.db, pack, { asOf: '2026-12-31' });
				const rows = await t.db.query<{ case_id: string; rule_id: string; start: string; due: string; is_workday: boolean; ms: string }>(
					`SELECT cr.case_id, cr.rule_id, strftime(cr.clock_start, '%Y-%m-%d') AS start, strftime(cr.due_at, '%Y-%m-%d') AS due,
						d.is_workday, strftime(cr.due_at, '%H:%M:%S.%g') AS ms
					 FROM compliance_results cr JOIN calendar_days d ON d.day = cr.due_at::DATE WHERE cr.pack = 'county-efficiency'`
				);
				expect(rows.length).toBeGreaterThan(0);
				for (const r of rows) {
					expect(r.is_workday, `${r.case_id} ${r.rule_id} due ${r.due}`).toBe(true);
					expect(r.ms).toBe('23:59:59.999');
					const rule = pack.rules.find((x) => x.id === r.rule_id)!;
					const limit = rule.extension?.of ? null : rule.limit!.value;
					if (limit) expect(r.due, `${r.case_id} ${r.rule_id}`).toBe(referenceDue(r.start, limit));
				}
			}),
			{ numRuns: 6 }
		);
	});

	it('moving the stop one working day later never turns breached into met', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(caseArb, { minLength: 10, maxLength: 40 }), async (cases) => {
				await t.db.run('DELETE FROM cases');
				const rows = cases.flatMap((c, i) => {
					const start = `${dayString(c.start)} ${hhmm(c.minute)}`;
					const reply = dayString(c.start + c.replyAfter);
					const base = { received_at: start, accepted_at: start, dispatched_at: start, handling_mode: c.mode };
					return [
						{ ...base, case_id: `A${i}`, replied_at: `${reply} ${hhmm(c.minute)}` },
						{ ...base, case_id: `B${i}`, replied_at: `${nextWorkday(reply)} ${hhmm(c.minute)}` }
					];
				});
				await insertCases(t.db, rows);
				await evaluatePack(t.db, pack, { asOf: '2026-12-31' });
				const pairs = await t.db.query<{ a: string; b: string; la: number; lb: number }>(
					`SELECT a.status AS a, b.status AS b, a.working_days_late::INTEGER AS la, b.working_days_late::INTEGER AS lb
					 FROM compliance_results a JOIN compliance_results b ON b.case_id = 'B' || substr(a.case_id, 2) AND b.rule_id = a.rule_id
					 WHERE a.case_id LIKE 'A%' AND a.pack = 'county-efficiency' AND b.pack = 'county-efficiency'`
				);
				expect(pairs.length).toBeGreaterThan(0);
				for (const p of pairs) {
					// B's stop may fall after the as-of moment: then it is still open there, overdue, and never met
					if (p.a === 'breached') expect(['breached', 'open-overdue']).toContain(p.b);
					expect(p.lb).toBeGreaterThanOrEqual(p.la);
				}
			}),
			{ numRuns: 6 }
		);
	});
});

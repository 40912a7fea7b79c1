// Run in a child process with a given TZ by timezone.test.ts: evaluates a few cases around holidays and
// midnight and prints the results, the calendar summary and the process's own UTC offset as JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../src/lib/server/db/index.ts';
import { evaluatePack, explainResults, loadPack } from '../../src/lib/server/compliance/index.ts';
import { calendarYear } from '../../src/lib/server/calendar/index.ts';
import { insertCases } from './fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2-tz-'));
const dbPath = path.join(dir, 'tz.duckdb');
const db = await getDb(dbPath);
await insertCases(db, [
	{ case_id: 'TZ-1', received_at: '2025-09-25 23:30', accepted_at: '2025-09-26 00:10', handling_mode: '转办', dispatched_at: '2025-09-26 00:00:00', replied_at: '2025-10-16 23:59:59' },
	{ case_id: 'TZ-2', received_at: '2024-02-06 00:00', accepted_at: '2024-02-07 00:00', handling_mode: '交办', dispatched_at: '2024-02-07 23:59:59', replied_at: '2024-02-28 00:00:00' },
	{ case_id: 'TZ-3', received_at: '2026-02-12', accepted_at: '2026-02-26', handling_mode: '直办' }
]);
const pack = loadPack('county-efficiency');
const summary = await evaluatePack(db, pack, { asOf: '2026-03-01' });
const keys = ['TZ-1', 'TZ-2', 'TZ-3'].flatMap((case_id) => pack.rules.map((r) => ({ case_id, rule_id: r.id })));
const results = Object.fromEntries(await explainResults(db, pack, keys, '2026-03-01 23:59:59.999'));
const out = {
	offset: new Date('2025-10-01T12:00:00Z').getTimezoneOffset(),
	summary: { ...summary, seconds: 0 },
	results,
	calendar: [await calendarYear(db, 2024), await calendarYear(db, 2025), await calendarYear(db, 2026)]
};
await closeDb(dbPath);
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(out) + '\n');

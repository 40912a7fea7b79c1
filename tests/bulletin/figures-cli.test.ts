// `npm run cli -- figures` (cli.md): the shared figures of October 2025 on the hand-made bulletin fixture, counted
// by hand below; its comparison periods and as_of; a unit user's scope; and that it never changes the database file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliJson, TEST_PASSWORD } from '../helpers/app.ts';
import { closeDb } from '../../src/lib/server/db/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/index.ts';
import { A, openBulletinDb } from './fixture.ts';

let dir: string;
let dbPath: string;

beforeAll(async () => {
	const fx = await openBulletinDb();
	dir = fx.dir;
	dbPath = fx.dbPath;
	// One evaluation the export lacks data for (B2's reply): counted in no_data, left out of the on-time rate.
	await fx.db.run(
		`INSERT INTO compliance_results BY NAME SELECT * REPLACE ('transfer-reply' AS rule_id, 'no-data' AS status)
		 FROM compliance_results WHERE case_id = 'B2' AND rule_id = 'accept-decision'`
	);
	await refreshRollups(fx.db);
	await closeDb(dbPath);
	cli(['user', 'add', '--name', 'jiaju', '--role', 'unit', '--unit', A, '--password-stdin', '--db', dbPath], { input: TEST_PASSWORD + '\n' });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha = () => crypto.createHash('sha256').update(fs.readFileSync(dbPath)).digest('hex');
const KEYS = ['from', 'to', 'as_of', 'cases', 'on_time_rate', 'overdue_open', 'no_data', 'satisfaction_rate', 'repeat_rate'];

describe('cli figures', () => {
	it('prints the figures of October 2025, of all September and of October 2024, counted by hand', () => {
		const f = cliJson<Record<string, unknown>>(['figures', '--from', '2025-10-01', '--to', '2025-10-31', '--db', dbPath]);
		expect(Object.keys(f).sort()).toEqual([...KEYS, 'previous', 'last_year'].sort());
		// October: 9 cases; evaluations 8 met, 2 breached (A1 reply, B1 accept), 1 open-overdue (A2 reply), 1 no-data;
		// A2 is open past its deadline; rated A1 满意, A3 基本满意, B2 不满意, C1 满意; repeats A4 (after A3), B3 (after P5).
		expect(f).toMatchObject({ from: '2025-10-01', to: '2025-10-31', as_of: '2025-10-31T23:59:59.999+08:00', cases: 9, overdue_open: 1, no_data: 1 });
		expect(f.on_time_rate).toBeCloseTo(8 / 11, 12);
		expect(f.satisfaction_rate).toBeCloseTo(3 / 4, 12);
		expect(f.repeat_rate).toBeCloseTo(2 / 9, 12);
		const prev = f.previous as Record<string, unknown>;
		expect(Object.keys(prev).sort()).toEqual([...KEYS].sort());
		// September, all 30 days: 6 cases, 6 met and 1 breached, P1 and P2 满意, no repeat
		expect(prev).toMatchObject({ from: '2025-09-01', to: '2025-09-30', as_of: '2025-09-30T23:59:59.999+08:00', cases: 6, overdue_open: 0, no_data: 0, satisfaction_rate: 1, repeat_rate: 0 });
		expect(prev.on_time_rate).toBeCloseTo(6 / 7, 12);
		// October 2024: 9 closed cases without deadline results or ratings
		expect(f.last_year).toEqual({
			from: '2024-10-01',
			to: '2024-10-31',
			as_of: '2024-10-31T23:59:59.999+08:00',
			cases: 9,
			on_time_rate: null,
			overdue_open: 0,
			no_data: 0,
			satisfaction_rate: null,
			repeat_rate: 0
		});
	});

	it('with --unit adds group, rank and ranked units (below the minimum of cases: rank null)', () => {
		const f = cliJson<Record<string, unknown>>(['figures', '--from', '2025-10-01', '--to', '2025-10-31', '--unit', A, '--db', dbPath]);
		expect(f).toMatchObject({ cases: 4, group: '县直部门', rank: null, ranked_units: 0 });
	});

	it('--as-user applies that user’s unit scope and refuses another unit', () => {
		const f = cliJson<Record<string, unknown>>(['figures', '--from', '2025-10-01', '--to', '2025-10-31', '--as-user', 'jiaju', '--db', dbPath]);
		// 县甲局 in October: A1–A4; evaluations met A1a A2a A3a A4a, breached A1r, open-overdue A2r
		expect(f.cases).toBe(4);
		expect(f.on_time_rate).toBeCloseTo(4 / 6, 12);
		expect(() => cli(['figures', '--from', '2025-10-01', '--to', '2025-10-31', '--as-user', 'jiaju', '--unit', '县乙局', '--db', dbPath])).toThrow();
	});

	it('bulletin --json carries the same figures for that month', () => {
		const b = cliJson<Record<string, unknown>>(['bulletin', '--month', '2025-10', '--db', dbPath]);
		const f = cliJson<Record<string, unknown>>(['figures', '--from', '2025-10-01', '--to', '2025-10-31', '--db', dbPath]);
		expect(b.figures).toEqual(f);
	});

	it('never writes the database file, not even when its derived tables are stale', async () => {
		const before = sha();
		cliJson(['figures', '--from', '2025-09-15', '--to', '2025-10-20', '--unit', A, '--db', dbPath]);
		expect(sha()).toBe(before);
		// Stale facts: the figures rebuild them in memory and the file stays as it was.
		const { getDb } = await import('../../src/lib/server/db/index.ts');
		const db = await getDb(dbPath);
		await db.run("UPDATE case_facts_meta SET version = 'stale'");
		await closeDb(dbPath);
		const stale = sha();
		const f = cliJson<Record<string, unknown>>(['figures', '--from', '2025-10-01', '--to', '2025-10-31', '--db', dbPath]);
		expect(f.cases).toBe(9);
		expect(f.no_data).toBe(1);
		expect(sha()).toBe(stale);
	});
});

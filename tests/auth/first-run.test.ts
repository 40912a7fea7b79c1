// scripts/first-run.ts on a database with cases but no users: one user per role, passwords printed once to
// stderr and working; a second run prints nothing and changes nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/app.ts';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { attemptLogin } from '../../src/lib/server/auth/login.ts';

let dir: string;
let dbPath: string;

/** Runs the script; returns its stdout and stderr (it must succeed). */
function firstRun(env: Record<string, string> = {}): { stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/first-run.ts'], {
		env: { ...process.env, DB_PATH: dbPath, ...env },
		encoding: 'utf8'
	});
	expect(result.status, result.stderr).toBe(0);
	return { stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-first-run-'));
	dbPath = path.join(dir, 'first.duckdb');
	cli(['demo', '--rows', '800', '--seed', '3', '--db', dbPath]);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('first run', () => {
	it('creates one user per role with printed passwords that work, ADMIN_PASSWORD for admin, and prints only once', async () => {
		const { stderr } = firstRun({ ADMIN_PASSWORD: 'From-Env-Pass-1' });
		expect(stderr).toContain('密码仅显示这一次');
		expect(stderr).not.toContain('From-Env-Pass-1');
		const printed = new Map<string, string>();
		for (const m of stderr.matchAll(/^(analyst|inspector2?|leader|unit\d)\s.*\s([A-Za-z0-9]{16})\s*$/gm)) printed.set(m[1], m[2]);
		expect([...printed.keys()].sort()).toEqual(['analyst', 'inspector', 'inspector2', 'leader', 'unit1', 'unit2']);

		const db = await getDb(dbPath);
		try {
			const users = await db.query<{ name: string; role: string; pii: boolean; units: string[] | null }>(
				'SELECT name, role, pii, units FROM users ORDER BY name'
			);
			expect(users.map((u) => u.role).sort()).toEqual(['admin', 'analyst', 'inspector', 'inspector', 'leader', 'unit', 'unit']);
			expect(users.find((u) => u.name === 'inspector')?.pii).toBe(true);
			expect(users.find((u) => u.name === 'inspector2')?.pii).toBe(false);
			const unitNames = users.filter((u) => u.role === 'unit').map((u) => u.units?.[0]);
			expect(new Set(unitNames).size).toBe(2);
			for (const unit of unitNames) {
				const n = await db.queryOne<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM cases WHERE unit = $1', [unit!]);
				expect(n!.n, `unit ${unit} must be a real unit of the demo`).toBeGreaterThan(0);
			}
			for (const [name, password] of printed) expect((await attemptLogin(db, { name, password })).ok, name).toBe(true);
			expect((await attemptLogin(db, { name: 'admin', password: 'From-Env-Pass-1' })).ok).toBe(true);
		} finally {
			await closeDb(dbPath);
		}

		const again = firstRun();
		expect(again.stdout).toBe('');
		expect(again.stderr).not.toContain('密码');
	}, 120_000);
});

// Issue 17, log-in lock-out: failures are throttled per client address and name together; an attacker from
// elsewhere cannot lock a user out, and nobody can lock out the administrator; unknown names are answered the
// same way and with the same argon2 work as known ones; a failed log-in never stores a name that is not a user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every argon2 verification the log-in runs, with the parameters of the hash it checked against: the work an
// unknown name costs must be the work a known one costs (the brief keeps timings out of unit tests).
const verified = vi.hoisted(() => [] as string[]);
vi.mock('@node-rs/argon2', async (original) => {
	const real = await original<typeof import('@node-rs/argon2')>();
	return {
		...real,
		verify: (hashed: string, password: string) => {
			verified.push(hashed.split('$').slice(1, 4).join('$'));
			return real.verify(hashed, password);
		}
	};
});
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { attemptLogin } from '../../src/lib/server/auth/login.ts';
import { createOrUpdateUser } from '../../src/lib/server/auth/users.ts';

let dir: string;
let dbPath: string;
let db: Database;
const PASSWORD = 'correct-horse-1';
const T0 = new Date('2025-03-03T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'login-throttle-'));
	dbPath = path.join(dir, 'auth.duckdb');
	db = await getDb(dbPath);
	for (const [name, role] of [
		['boss', 'admin'],
		['ana', 'analyst'],
		['lee', 'leader'],
		['ivy', 'inspector'],
		['timer', 'analyst']
	] as const) {
		await createOrUpdateUser(db, { name, role, password: PASSWORD });
	}
});

afterAll(async () => {
	await closeDb(dbPath);
	fs.rmSync(dir, { recursive: true, force: true });
});

const wrong = (name: string, ip: string, minute = 0) => attemptLogin(db, { name, password: 'wrong-password-9', ip, now: at(minute) });

describe('log-in throttling', () => {
	it('blocks one address guessing one name, but not the user logging in from elsewhere', async () => {
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await wrong('ana', '203.0.113.7', i));
		expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'locked']);
		expect(await attemptLogin(db, { name: 'ana', password: PASSWORD, ip: '203.0.113.7', now: at(6) })).toMatchObject({ ok: false, reason: 'locked' });
		expect((await attemptLogin(db, { name: 'ana', password: PASSWORD, ip: '198.51.100.2', now: at(6) })).ok).toBe(true);
		expect((await attemptLogin(db, { name: 'ana', password: PASSWORD, ip: '203.0.113.7', now: at(4 + 16) })).ok).toBe(true);
	});

	it('never locks the administrator out, however many addresses fail', async () => {
		for (let i = 0; i < 60; i++) await wrong('boss', `10.1.${Math.floor(i / 200)}.${i % 200}`, 30);
		expect((await attemptLogin(db, { name: 'boss', password: PASSWORD, ip: '192.0.2.1', now: at(31) })).ok).toBe(true);
		// ...while the addresses that guessed it are throttled like any other: one address, five tries.
		for (let i = 0; i < 4; i++) await wrong('boss', '10.9.9.9', 32);
		expect(await wrong('boss', '10.9.9.9', 32)).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('blocks a name guessed from many addresses (not the administrator)', async () => {
		let last;
		for (let i = 0; i < 50; i++) last = await wrong('lee', `10.2.0.${i}`, 40);
		expect(last).toMatchObject({ ok: false, reason: 'locked' });
		expect(await attemptLogin(db, { name: 'lee', password: PASSWORD, ip: '192.0.2.99', now: at(41) })).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('blocks one address spraying many names, known or not', async () => {
		const results = [];
		for (let i = 0; i < 20; i++) results.push(await wrong(`sprayed_${i}`, '203.0.113.99', 60));
		expect(results.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await attemptLogin(db, { name: 'ivy', password: PASSWORD, ip: '203.0.113.99', now: at(61) })).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('answers an unknown name exactly like a known one, lock included', async () => {
		const known = [];
		const unknown = [];
		for (let i = 0; i < 5; i++) {
			known.push(await wrong('ivy', '198.51.100.50', 70 + i));
			unknown.push(await wrong('nobody_here', '198.51.100.50', 70 + i));
		}
		expect(unknown).toEqual(known);
		expect(known.at(-1)).toMatchObject({ ok: false, reason: 'locked', minutesLeft: 15 });
	});

	it('does the same argon2 work for an unknown name as for a wrong password', async () => {
		verified.length = 0;
		await wrong('timer', '172.16.0.1', 200);
		await wrong('no_such_timer', '172.16.0.2', 201);
		// one verification each, against hashes of the same algorithm, version and cost (m, t, p)
		expect(verified).toHaveLength(2);
		expect(verified[0]).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
		expect(verified[1]).toBe(verified[0]);
	});

	it('never stores what was typed as the name when it is not a user', async () => {
		const typed = 'MyS3cret-Password!';
		await wrong(typed, '198.51.100.77', 300);
		const rows = await db.query<{ n: number }>(
			`SELECT CAST(count(*) AS INTEGER) AS n FROM audit_log WHERE contains(coalesce(target, ''), $1) OR contains(coalesce(CAST(detail AS VARCHAR), ''), $1)`,
			[typed]
		);
		expect(rows[0].n).toBe(0);
		const failed = await db.query<{ target: string | null; ip: string }>(`SELECT target, ip FROM audit_log WHERE action = 'login_failed' AND ip = '198.51.100.77'`);
		expect(failed).toEqual([{ target: null, ip: '198.51.100.77' }]);
	});
});

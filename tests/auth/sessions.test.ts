// Users, sessions, lock-out, view-as and the audit log at module level, on a temporary database and a
// controllable clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { attemptLogin, LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from '../../src/lib/server/auth/login.ts';
import { createSession, hashToken, resolveSession, sessionConfig, setViewAs, deleteSession } from '../../src/lib/server/auth/sessions.ts';
import { addUser, createOrUpdateUser, resetPassword, setDisabled, updateUser } from '../../src/lib/server/auth/users.ts';
import { audit, auditCsv, listAudit } from '../../src/lib/server/auth/audit.ts';
import { isUserInputError } from '../../src/lib/server/errors.ts';

let dir: string;
let dbPath: string;
let db: Database;
const PASSWORD = 'correct-horse-1';
const T0 = new Date('2025-03-03T02:00:00Z'); // 10:00 in Shanghai
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-sessions-'));
	dbPath = path.join(dir, 'auth.duckdb');
	db = await getDb(dbPath);
	await db.run(`INSERT INTO units (name, unit_group, sort_order) VALUES ('县住房和城乡建设局', '局', 1), ('城关镇', '乡镇', 2)`);
	await db.run(`INSERT INTO unit_aliases VALUES ('县住建局', '县住房和城乡建设局')`);
	for (const [name, role, extra] of [
		['boss', 'admin', {}],
		['ana', 'analyst', {}],
		['zjj', 'unit', { units: ['县住建局'] }],
		['locky', 'leader', {}]
	] as const) {
		await createOrUpdateUser(db, { name, role, password: PASSWORD, units: 'units' in extra ? [...extra.units] : undefined });
	}
});

afterAll(async () => {
	await closeDb(dbPath);
	fs.rmSync(dir, { recursive: true, force: true });
});

async function expectInputError(p: Promise<unknown>, code: string) {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(isUserInputError(e), `expected UserInputError ${code}, got ${String(e)}`).toBe(true);
	expect((e as { code: string }).code).toBe(code);
}

describe('users', () => {
	it('stores an argon2 hash, never the password, and resolves unit aliases', async () => {
		const row = await db.queryOne<{ password_hash: string; units: string[] }>(`SELECT password_hash, units FROM users WHERE name = 'zjj'`);
		expect(row!.password_hash).toMatch(/^\$argon2id\$/);
		expect(row!.password_hash).not.toContain(PASSWORD);
		expect(row!.units).toEqual(['县住房和城乡建设局']);
	});

	it('rejects bad input with Chinese messages', async () => {
		await expectInputError(createOrUpdateUser(db, { name: 'u', role: 'unit', password: PASSWORD }), 'unit_required');
		await expectInputError(createOrUpdateUser(db, { name: 'u', role: 'unit', units: ['不存在局'], password: PASSWORD }), 'unknown_unit');
		await expectInputError(createOrUpdateUser(db, { name: 'u', role: 'root', password: PASSWORD }), 'bad_role');
		await expectInputError(createOrUpdateUser(db, { name: 'u', role: 'analyst', password: 'short' }), 'password_too_short');
		await expectInputError(createOrUpdateUser(db, { name: "x' OR 1=1 --", role: 'analyst', password: PASSWORD }), 'bad_user_name');
		const boss = (await resolveSession(db, (await attemptLogin(db, { name: 'boss', password: PASSWORD }) as { token: string }).token))!.user;
		await expectInputError(addUser(db, { user: boss }, { name: 'ana', role: 'analyst', password: PASSWORD }), 'user_exists');
	});

	it('grants PII only to inspectors and keeps units only for unit users', async () => {
		const { user } = await createOrUpdateUser(db, { name: 'lead2', role: 'leader', pii: true, units: ['城关镇'], password: PASSWORD });
		expect(user.pii).toBe(false);
		expect(user.units).toEqual([]);
		const insp = await createOrUpdateUser(db, { name: 'insp', role: 'inspector', pii: true, password: PASSWORD });
		expect(insp.user.pii).toBe(true);
	});

	it('protects the last admin and the acting admin', async () => {
		const boss = (await resolveSession(db, (await attemptLogin(db, { name: 'boss', password: PASSWORD }) as { token: string }).token))!.user;
		await expectInputError(setDisabled(db, { user: boss }, boss.userId, true), 'self_change');
		await expectInputError(updateUser(db, { user: boss }, boss.userId, { role: 'analyst' }), 'self_change');
		const other = await addUser(db, { user: boss }, { name: 'boss2', role: 'admin', password: PASSWORD });
		await updateUser(db, { user: boss }, other.userId, { role: 'analyst' });
		await expectInputError(updateUser(db, { user: { ...other, role: 'admin' } }, boss.userId, { role: 'leader' }), 'last_admin');
	});
});

describe('sessions', () => {
	it('keeps only the SHA-256 of the token', async () => {
		const r = await attemptLogin(db, { name: 'ana', password: PASSWORD, now: T0 });
		expect(r.ok).toBe(true);
		const token = (r as { token: string }).token;
		expect(Buffer.from(token, 'base64url')).toHaveLength(32);
		const rows = await db.query<{ session_hash: string }>('SELECT session_hash FROM sessions');
		expect(rows.map((x) => x.session_hash)).toContain(hashToken(token));
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('expires after the idle time, slides with activity, and ends at the absolute limit', async () => {
		const config = { idleMs: 30 * 60_000, absoluteMs: 120 * 60_000 };
		const user = await db.queryOne<{ user_id: number }>(`SELECT user_id FROM users WHERE name = 'ana'`);
		const idle = await createSession(db, user!.user_id, { now: T0, config });
		expect(await resolveSession(db, idle, { now: at(29), config })).not.toBeNull();
		expect(await resolveSession(db, idle, { now: at(29 + 31), config })).toBeNull();
		// and the expired row is gone for good
		expect(await resolveSession(db, idle, { now: at(30), config })).toBeNull();

		const active = await createSession(db, user!.user_id, { now: T0, config });
		for (let m = 20; m < 120; m += 20) expect(await resolveSession(db, active, { now: at(m), config }), `minute ${m}`).not.toBeNull();
		expect(await resolveSession(db, active, { now: at(121), config })).toBeNull();
	});

	it('reads the TTL from the environment', () => {
		expect(sessionConfig({ SESSION_TTL_MINUTES: '0.05' }).idleMs).toBe(3000);
		expect(sessionConfig({}).idleMs).toBe(8 * 3600_000);
		expect(sessionConfig({ SESSION_TTL_MINUTES: 'abc' }).idleMs).toBe(8 * 3600_000);
	});

	it('ends on log-out, on disable and on password reset', async () => {
		const boss = (await resolveSession(db, (await attemptLogin(db, { name: 'boss', password: PASSWORD }) as { token: string }).token))!.user;
		const t1 = (await attemptLogin(db, { name: 'zjj', password: PASSWORD }) as { token: string }).token;
		await deleteSession(db, t1);
		expect(await resolveSession(db, t1)).toBeNull();
		const t2 = (await attemptLogin(db, { name: 'zjj', password: PASSWORD }) as { token: string }).token;
		const zjj = (await resolveSession(db, t2))!.user;
		await resetPassword(db, { user: boss }, zjj.userId, 'another-pass-2');
		expect(await resolveSession(db, t2)).toBeNull();
		const t3 = (await attemptLogin(db, { name: 'zjj', password: 'another-pass-2' }) as { token: string }).token;
		await setDisabled(db, { user: boss }, zjj.userId, true);
		expect(await resolveSession(db, t3)).toBeNull();
		expect((await attemptLogin(db, { name: 'zjj', password: 'another-pass-2' })).ok).toBe(false);
		await setDisabled(db, { user: boss }, zjj.userId, false);
		expect((await attemptLogin(db, { name: 'zjj', password: 'another-pass-2' })).ok).toBe(true);
	});
});

describe('lock-out', () => {
	it(`locks after ${LOCKOUT_THRESHOLD} failures for ${LOCKOUT_MINUTES} minutes, even against the right password`, async () => {
		const results = [];
		for (let i = 0; i < LOCKOUT_THRESHOLD; i++) results.push(await attemptLogin(db, { name: 'locky', password: 'wrong-password', now: at(i) }));
		expect(results.slice(0, -1).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
		expect(results.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await attemptLogin(db, { name: 'locky', password: PASSWORD, now: at(10) })).toMatchObject({ ok: false, reason: 'locked' });
		expect((await attemptLogin(db, { name: 'locky', password: PASSWORD, now: at(4 + LOCKOUT_MINUTES + 1) })).ok).toBe(true);
		const log = await listAudit(db, { action: 'login_locked' });
		expect(log.rows.some((r) => r.target === 'locky')).toBe(true);
	});

	it('answers an unknown user exactly like a wrong password', async () => {
		const unknown = await attemptLogin(db, { name: 'nobody', password: 'whatever-1' });
		const wrong = await attemptLogin(db, { name: 'ana', password: 'whatever-1' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual(unknown);
	});
});

describe('view as and the audit log', () => {
	it('makes the session act as the viewed user while the admin stays the real user and the actor in the log', async () => {
		const token = (await attemptLogin(db, { name: 'boss', password: PASSWORD }) as { token: string }).token;
		const zjj = await db.queryOne<{ user_id: number }>(`SELECT user_id FROM users WHERE name = 'zjj'`);
		await setViewAs(db, token, zjj!.user_id);
		const s = (await resolveSession(db, token))!;
		expect(s.user).toMatchObject({ name: 'zjj', role: 'unit', units: ['县住房和城乡建设局'], viewAsBy: { name: 'boss' } });
		expect(s.realUser).toMatchObject({ name: 'boss', role: 'admin' });
		await audit(db, { user: s.user, action: 'pii_view', target: 'C-1', ip: '10.0.0.1' });
		const entry = (await listAudit(db, { action: 'pii_view' })).rows[0];
		expect(entry).toMatchObject({ user_name: 'boss', role: 'admin', as_user: 'zjj', target: 'C-1', ip: '10.0.0.1' });
		await setViewAs(db, token, null);
		expect((await resolveSession(db, token))!.realUser).toBeNull();
	});

	it('ignores a view-as on a session whose user is not an admin', async () => {
		const token = (await attemptLogin(db, { name: 'ana', password: PASSWORD }) as { token: string }).token;
		const boss = await db.queryOne<{ user_id: number }>(`SELECT user_id FROM users WHERE name = 'boss'`);
		await setViewAs(db, token, boss!.user_id);
		const s = (await resolveSession(db, token))!;
		expect(s.user.name).toBe('ana');
		expect(s.realUser).toBeNull();
	});

	it('logs log-ins, failures and user changes, filters them, and exports CSV safe from formula injection', async () => {
		const all = await listAudit(db, {}, 1, 1000);
		const actions = new Set(all.rows.map((r) => r.action));
		for (const a of ['login', 'login_failed', 'login_locked', 'user_change']) expect(actions).toContain(a);
		const page2 = await listAudit(db, {}, 2, 5);
		expect(page2.rows).toHaveLength(5);
		expect(page2.rows[0].audit_id).toBe(all.rows[5].audit_id);
		expect((await listAudit(db, { user: 'boss', action: 'login' })).rows.every((r) => r.user_name === 'boss' && r.action === 'login')).toBe(true);
		expect((await listAudit(db, { from: '2099-01-01' })).total).toBe(0);
		await audit(db, { user: null, action: 'login_failed', target: '=HYPERLINK("http://x")', ip: null });
		const { csv } = await auditCsv(db, { action: 'login_failed' });
		expect(csv.startsWith('\ufeffaudit_id,logged_at')).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
	});
});

describe('concurrency', () => {
	it('lets one user log in many times at once (no write conflict on the user row)', async () => {
		const results = await Promise.all(Array.from({ length: 8 }, () => attemptLogin(db, { name: 'ana', password: PASSWORD })));
		expect(results.every((r) => r.ok)).toBe(true);
	});

	it('counts parallel failures and locks exactly once', async () => {
		await createOrUpdateUser(db, { name: 'para', role: 'analyst', password: PASSWORD });
		const results = await Promise.all(Array.from({ length: 6 }, () => attemptLogin(db, { name: 'para', password: 'wrong-password' })));
		expect(results.some((r) => !r.ok && r.reason === 'locked')).toBe(true);
		expect((await attemptLogin(db, { name: 'para', password: PASSWORD })).ok).toBe(false);
	});
});

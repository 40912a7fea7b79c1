// Log-in with throttling (throttle.ts): failures are counted per client address and name, per address and,
// except for administrators, per name; a block lasts 15 minutes. Unknown user, disabled user and wrong password
// all answer the same "invalid", blocks answer the same 423 for every name, and every attempt verifies one
// argon2 hash (the user's or a dummy one), so neither the answer nor its timing tells which names exist.
import type { Database } from '../db/index.ts';
import { shanghaiNow } from '../time.ts';
import { audit } from './audit.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';
import { createSession, type SessionConfig } from './sessions.ts';
import { LoginThrottle, PAIR_LIMIT, WINDOW_MINUTES } from './throttle.ts';
import type { SessionUser } from './types.ts';
import { getUserByName, toSessionUser } from './users.ts';

/** Failures from one address for one name before that pair is blocked. */
export const LOCKOUT_THRESHOLD = PAIR_LIMIT;
export const LOCKOUT_MINUTES = WINDOW_MINUTES;

export type LoginResult =
	| { ok: true; token: string; user: SessionUser }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; lockedUntil: string; minutesLeft: number };

export interface LoginRequest {
	name: string;
	password: string;
	ip?: string | null;
	userAgent?: string | null;
	now?: Date;
	config?: SessionConfig;
}

/** One throttle per database (the server has one; tests open several). */
const throttles = new WeakMap<Database, LoginThrottle>();

function throttleFor(db: Database): LoginThrottle {
	let t = throttles.get(db);
	if (!t) throttles.set(db, (t = new LoginThrottle()));
	return t;
}

export async function attemptLogin(db: Database, req: LoginRequest): Promise<LoginResult> {
	const now = req.now ?? new Date();
	const name = req.name.trim();
	const row = name ? await getUserByName(db, name) : undefined;
	// What was typed as the name is kept only when it is a user's name: a password typed there must not be stored.
	const target = row ? row.name : null;
	const key = { address: req.ip, name, isAdmin: row?.role === 'admin' };
	const throttle = throttleFor(db);
	// The same hash work on every path (blocked, unknown, disabled, wrong, right), before anything is decided.
	const ok = row ? await verifyPassword(row.password_hash, req.password) : await verifyAgainstDummy(req.password);

	const blocked = throttle.blockedUntil(key, now.getTime());
	if (blocked !== null) {
		await audit(db, { user: null, action: 'login_locked', target, detail: { until: lockedUntil(blocked) }, ip: req.ip, now });
		return locked(blocked, now);
	}
	if (row && ok && !row.disabled) {
		throttle.succeed(key);
		const user = toSessionUser(row);
		// Accounts locked by the earlier per-account lock-out are released by a successful log-in.
		if (Number(row.failed_logins) !== 0 || row.locked_until) {
			await retryOnConflict(() => db.run('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE user_id = $1', [user.userId]));
		}
		const token = await createSession(db, user.userId, { ip: req.ip, userAgent: req.userAgent, now, config: req.config });
		await audit(db, { user, action: 'login', target: user.name, ip: req.ip, now });
		return { ok: true, token, user };
	}
	const reason = !row ? 'unknown_user' : row.disabled ? 'disabled' : 'wrong_password';
	const until = throttle.fail(key, now.getTime());
	await audit(db, { user: null, action: 'login_failed', target, detail: { reason }, ip: req.ip, now });
	if (until !== null) {
		await audit(db, { user: null, action: 'login_locked', target, detail: { until: lockedUntil(until) }, ip: req.ip, now });
		return locked(until, now);
	}
	return { ok: false, reason: 'invalid' };
}

/** DuckDB refuses a second concurrent write to the same row ("Conflict on update"); the retry then sees the new row. */
async function retryOnConflict(write: () => Promise<void>, attempts = 8): Promise<void> {
	for (let i = 1; ; i++) {
		try {
			return await write();
		} catch (e) {
			if (i >= attempts || !/conflict/i.test(String(e))) throw e;
			await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
		}
	}
}

/** Shanghai wall-clock 'YYYY-MM-DD HH:MM:SS' of a time in ms. */
function lockedUntil(untilMs: number): string {
	return shanghaiNow(new Date(untilMs)).slice(0, 19);
}

function locked(untilMs: number, now: Date): LoginResult {
	return { ok: false, reason: 'locked', lockedUntil: lockedUntil(untilMs), minutesLeft: Math.max(1, Math.ceil((untilMs - now.getTime()) / 60_000)) };
}

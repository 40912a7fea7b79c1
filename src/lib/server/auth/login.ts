// Log-in with lock-out: 5 failed attempts lock the account for 15 minutes. Unknown user, disabled user and
// wrong password all answer the same "invalid", so a caller cannot probe which names exist.
import type { Database } from '../db/index.ts';
import { shanghaiNow } from '../time.ts';
import { audit } from './audit.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';
import { createSession, type SessionConfig } from './sessions.ts';
import type { SessionUser } from './types.ts';
import { getUserByName, toSessionUser } from './users.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

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

export async function attemptLogin(db: Database, req: LoginRequest): Promise<LoginResult> {
	const now = req.now ?? new Date();
	const name = req.name.trim();
	const row = name ? await getUserByName(db, name) : undefined;
	const failed = async (reason: string) => {
		await audit(db, { user: null, action: 'login_failed', target: name.slice(0, 100), detail: { reason }, ip: req.ip, now });
		return { ok: false, reason: 'invalid' } as const;
	};
	if (!row) {
		await verifyAgainstDummy(req.password);
		return failed('unknown_user');
	}
	const user = toSessionUser(row);
	if (row.locked_until && row.locked_until > shanghaiNow(now)) {
		await audit(db, { user: null, action: 'login_locked', target: user.name, detail: { locked_until: row.locked_until }, ip: req.ip, now });
		return locked(row.locked_until, now);
	}
	const ok = await verifyPassword(row.password_hash, req.password);
	if (row.disabled) return failed('disabled');
	if (!ok) {
		// Counted in SQL (RETURNING the new count), so parallel failures are all counted and one of them locks.
		let failures = 0;
		await retryOnConflict(async () => {
			const r = await db.queryOne<{ n: number }>(
				'UPDATE users SET failed_logins = failed_logins + 1 WHERE user_id = $1 RETURNING CAST(failed_logins AS INTEGER) AS n',
				[user.userId]
			);
			failures = Number(r?.n ?? 0);
		});
		if (failures >= LOCKOUT_THRESHOLD) {
			const until = shanghaiNow(new Date(now.getTime() + LOCKOUT_MINUTES * 60_000)).slice(0, 19);
			await retryOnConflict(() =>
				db.run('UPDATE users SET failed_logins = 0, locked_until = $until::TIMESTAMP WHERE user_id = $id', { until, id: user.userId })
			);
			await audit(db, { user: null, action: 'login_failed', target: user.name, detail: { reason: 'wrong_password', failures }, ip: req.ip, now });
			await audit(db, { user: null, action: 'login_locked', target: user.name, detail: { locked_until: until, failures }, ip: req.ip, now });
			return locked(until, now);
		}
		return failed('wrong_password');
	}
	// Only write when there is something to reset: parallel log-ins of one user would otherwise race on the row.
	if (Number(row.failed_logins) !== 0 || row.locked_until) {
		await retryOnConflict(() => db.run('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE user_id = $1', [user.userId]));
	}
	const token = await createSession(db, user.userId, { ip: req.ip, userAgent: req.userAgent, now, config: req.config });
	await audit(db, { user, action: 'login', target: user.name, ip: req.ip, now });
	return { ok: true, token, user };
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

function locked(until: string, now: Date): LoginResult {
	// `until` is Shanghai wall-clock 'YYYY-MM-DD HH:MM:SS'; compare against now on the same clock.
	const untilMs = Date.parse(until.replace(' ', 'T') + '+08:00');
	return { ok: false, reason: 'locked', lockedUntil: until, minutesLeft: Math.max(1, Math.ceil((untilMs - now.getTime()) / 60_000)) };
}

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
		await audit(db, { user, action: 'login_locked', target: user.name, detail: { locked_until: row.locked_until }, ip: req.ip, now });
		return locked(row.locked_until, now);
	}
	const ok = await verifyPassword(row.password_hash, req.password);
	if (row.disabled) return failed('disabled');
	if (!ok) {
		const failures = Number(row.failed_logins) + 1;
		if (failures >= LOCKOUT_THRESHOLD) {
			const until = shanghaiNow(new Date(now.getTime() + LOCKOUT_MINUTES * 60_000)).slice(0, 19);
			await db.run('UPDATE users SET failed_logins = 0, locked_until = $until::TIMESTAMP WHERE user_id = $id', { until, id: user.userId });
			await audit(db, { user: null, action: 'login_failed', target: user.name, detail: { reason: 'wrong_password', failures }, ip: req.ip, now });
			await audit(db, { user, action: 'login_locked', target: user.name, detail: { locked_until: until, failures }, ip: req.ip, now });
			return locked(until, now);
		}
		await db.run('UPDATE users SET failed_logins = $n WHERE user_id = $id', { n: failures, id: user.userId });
		return failed('wrong_password');
	}
	await db.run('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE user_id = $1', [user.userId]);
	const token = await createSession(db, user.userId, { ip: req.ip, userAgent: req.userAgent, now, config: req.config });
	await audit(db, { user, action: 'login', target: user.name, ip: req.ip, now });
	return { ok: true, token, user };
}

function locked(until: string, now: Date): LoginResult {
	// `until` is Shanghai wall-clock 'YYYY-MM-DD HH:MM:SS'; compare against now on the same clock.
	const untilMs = Date.parse(until.replace(' ', 'T') + '+08:00');
	return { ok: false, reason: 'locked', lockedUntil: until, minutesLeft: Math.max(1, Math.ceil((untilMs - now.getTime()) / 60_000)) };
}

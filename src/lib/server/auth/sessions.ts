// Sessions: a random 32-byte token lives only in the user's HTTP-only cookie; the database keeps its SHA-256.
// Idle expiry (SESSION_TTL_MINUTES, default 8 h) and absolute expiry (SESSION_ABSOLUTE_MINUTES, default 24 h).
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/index.ts';
import { shanghaiNow } from '../time.ts';
import type { SessionUser } from './types.ts';
import { toSessionUser, type UserRow } from './user-row.ts';

export const SESSION_COOKIE = 'sid';

export interface SessionConfig {
	idleMs: number;
	absoluteMs: number;
}

function minutes(value: string | undefined, fallback: number): number {
	const n = value === undefined || value === '' ? NaN : Number(value);
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Read on every call so tests can shorten the TTL through the environment. */
export function sessionConfig(env: NodeJS.ProcessEnv = process.env): SessionConfig {
	const idle = minutes(env.SESSION_TTL_MINUTES, 8 * 60);
	const absolute = Math.max(idle, minutes(env.SESSION_ABSOLUTE_MINUTES, 24 * 60));
	return { idleMs: idle * 60_000, absoluteMs: absolute * 60_000 };
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export interface SessionOptions {
	ip?: string | null;
	userAgent?: string | null;
	now?: Date;
	config?: SessionConfig;
}

/** Creates a session and returns the cookie token (the only place the clear token ever exists). */
export async function createSession(db: Database, userId: number, opts: SessionOptions = {}): Promise<string> {
	const now = opts.now ?? new Date();
	const config = opts.config ?? sessionConfig();
	const token = randomBytes(32).toString('base64url');
	// Housekeeping: expired sessions are useless, drop them whenever someone logs in. Parallel log-ins may race on
	// the same rows (DuckDB write conflict); the loser simply leaves the cleaning to the winner.
	await db
		.run('DELETE FROM sessions WHERE expires_at <= $now::TIMESTAMP OR last_seen_at < $idle::TIMESTAMP', {
			now: shanghaiNow(now),
			idle: shanghaiNow(new Date(now.getTime() - config.idleMs))
		})
		.catch(() => undefined);
	await db.run(
		`INSERT INTO sessions (session_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent)
		 VALUES ($hash, $user_id, $now::TIMESTAMP, $expires::TIMESTAMP, $now::TIMESTAMP, $ip, $ua)`,
		{
			hash: hashToken(token),
			user_id: userId,
			now: shanghaiNow(now),
			expires: shanghaiNow(new Date(now.getTime() + config.absoluteMs)),
			ip: opts.ip ?? null,
			ua: opts.userAgent?.slice(0, 300) ?? null
		}
	);
	return token;
}

export interface ResolvedSession {
	/** The user the request acts as (the viewed user while an admin is "viewing as"). */
	user: SessionUser;
	/** The admin behind a "view as"; null otherwise. */
	realUser: SessionUser | null;
}

type SessionJoinRow = Pick<UserRow, 'name' | 'display_name' | 'role' | 'units' | 'pii' | 'disabled'> & {
	user_id: number;
	view_as_user_id: number | null;
	expired: boolean;
	needs_touch: boolean;
	v_user_id: number | null;
	v_name: string | null;
	v_display_name: string | null;
	v_role: string | null;
	v_units: string[] | null;
	v_pii: boolean | null;
	v_disabled: boolean | null;
};

/** The session's user, or null when the token is unknown, expired or its user disabled (then the row is deleted). */
export async function resolveSession(
	db: Database,
	token: string | undefined,
	opts: { now?: Date; config?: SessionConfig } = {}
): Promise<ResolvedSession | null> {
	if (!token || token.length > 100) return null;
	const now = opts.now ?? new Date();
	const config = opts.config ?? sessionConfig();
	const hash = hashToken(token);
	const row = await db.queryOne<SessionJoinRow>(
		`SELECT CAST(s.user_id AS INTEGER) AS user_id, CAST(s.view_as_user_id AS INTEGER) AS view_as_user_id,
		        (s.expires_at <= $now::TIMESTAMP OR s.last_seen_at < $idle::TIMESTAMP) AS expired,
		        s.last_seen_at < $touch::TIMESTAMP AS needs_touch,
		        u.name, u.display_name, u.role, u.units, u.pii, u.disabled,
		        CAST(v.user_id AS INTEGER) AS v_user_id, v.name AS v_name, v.display_name AS v_display_name, v.role AS v_role,
		        v.units AS v_units, v.pii AS v_pii, v.disabled AS v_disabled
		 FROM sessions s JOIN users u ON u.user_id = s.user_id LEFT JOIN users v ON v.user_id = s.view_as_user_id
		 WHERE s.session_hash = $hash`,
		{
			hash,
			now: shanghaiNow(now),
			idle: shanghaiNow(new Date(now.getTime() - config.idleMs)),
			// Refresh last_seen at most every minute (or every tenth of a short test TTL): one write, not one per request.
			touch: shanghaiNow(new Date(now.getTime() - Math.min(60_000, config.idleMs / 10)))
		}
	);
	if (!row) return null;
	if (row.expired || row.disabled) {
		await db.run('DELETE FROM sessions WHERE session_hash = $1', [hash]).catch(() => undefined);
		return null;
	}
	if (row.needs_touch) {
		// Two parallel requests may race on this row; losing the race is harmless (the other one touched it).
		await db.run('UPDATE sessions SET last_seen_at = $now::TIMESTAMP WHERE session_hash = $hash', { now: shanghaiNow(now), hash }).catch(() => undefined);
	}
	const real = toSessionUser(row);
	if (row.view_as_user_id != null) {
		if (real.role === 'admin' && row.v_user_id != null && !row.v_disabled && row.v_role) {
			const viewed = toSessionUser({
				user_id: row.v_user_id,
				name: row.v_name!,
				display_name: row.v_display_name,
				role: row.v_role,
				units: row.v_units,
				pii: Boolean(row.v_pii)
			});
			return { user: { ...viewed, viewAsBy: { userId: real.userId, name: real.name } }, realUser: real };
		}
		// The admin lost the role or the viewed user is gone: fall back to the real user.
		await setViewAs(db, token, null);
	}
	return { user: real, realUser: null };
}

export async function setViewAs(db: Database, token: string, userId: number | null): Promise<void> {
	await db.run('UPDATE sessions SET view_as_user_id = $user_id WHERE session_hash = $hash', { user_id: userId, hash: hashToken(token) });
}

export async function deleteSession(db: Database, token: string): Promise<void> {
	await db.run('DELETE FROM sessions WHERE session_hash = $1', [hashToken(token)]);
}

export async function deleteUserSessions(db: Database, userId: number): Promise<void> {
	await db.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

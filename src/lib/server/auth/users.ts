// User accounts: create or update (CLI and first run), the admin page's edits, and the SessionUser view of a row.
// Every change made through the app is written to the audit log by the caller-facing functions here.
import { listValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import { UserInputError } from '../errors.ts';
import { shanghaiNow } from '../time.ts';
import { USERS } from '../../i18n/zh/auth.ts';
import { audit } from './audit.ts';
import { hashPassword } from './password.ts';
import { deleteUserSessions } from './sessions.ts';
import { ROLES, type Role, type SessionUser } from './types.ts';
import { toSessionUser, type UserRow } from './user-row.ts';

export { toSessionUser, type UserRow } from './user-row.ts';

/** The user as shown on the admin page (never the hash). */
export type UserSummary = Omit<UserRow, 'password_hash'>;

const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function checkName(name: string): string {
	const n = name.trim();
	if (!NAME.test(n)) throw new UserInputError('bad_user_name', USERS.errors.name, { field: 'name' });
	return n;
}

export function checkRole(role: string): Role {
	if (!isRole(role)) throw new UserInputError('bad_role', USERS.errors.role, { field: 'role' });
	return role;
}

/** The units users can be assigned to: the units table, else the units that occur in cases. */
export async function listUnits(db: Database): Promise<string[]> {
	const named = await db.query<{ name: string }>('SELECT name FROM units ORDER BY sort_order NULLS LAST, name');
	if (named.length) return named.map((r) => r.name);
	const seen = await db.query<{ unit: string }>('SELECT DISTINCT unit FROM cases ORDER BY unit');
	return seen.map((r) => r.unit);
}

/**
 * Canonical unit names for a unit user (aliases such as 县住建局 resolve to the full name). Rejects names the
 * database does not know, so a typo cannot silently leave a unit user seeing nothing. A database that knows
 * no units at all (before any import) accepts the names as given.
 */
export async function resolveUnits(db: Database, names: string[]): Promise<string[]> {
	const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
	if (!wanted.length) return [];
	const rows = await db.query<{ wanted: string; unit: string | null }>(
		`SELECT w.wanted, coalesce(u.name, a.unit, c.unit) AS unit
		 FROM (SELECT unnest($names::VARCHAR[]) AS wanted) w
		 LEFT JOIN units u ON u.name = w.wanted
		 LEFT JOIN unit_aliases a ON a.alias = w.wanted
		 LEFT JOIN (SELECT DISTINCT unit FROM cases) c ON c.unit = w.wanted`,
		{ names: listValue(wanted) }
	);
	const known = await db.queryOne<{ n: number }>(
		'SELECT CAST((SELECT count(*) FROM units) + (SELECT count(*) FROM (SELECT 1 FROM cases LIMIT 1)) AS INTEGER) AS n'
	);
	if (!Number(known?.n)) return wanted;
	const unknown = rows.filter((r) => r.unit == null).map((r) => r.wanted);
	if (unknown.length) throw new UserInputError('unknown_unit', USERS.errors.unknownUnit(unknown), { field: 'units' });
	return [...new Set(rows.map((r) => r.unit as string))];
}

async function normalise(db: Database, input: { role: string; units?: string[]; pii?: boolean }) {
	const role = checkRole(input.role);
	const units = role === 'unit' ? await resolveUnits(db, input.units ?? []) : [];
	if (role === 'unit' && !units.length) throw new UserInputError('unit_required', USERS.errors.unitRequired, { field: 'units' });
	return { role, units, pii: role === 'inspector' && Boolean(input.pii) };
}

const SUMMARY_COLUMNS = `CAST(user_id AS INTEGER) AS user_id, name, display_name, role, units, pii, CAST(failed_logins AS INTEGER) AS failed_logins,
	strftime(locked_until, '%Y-%m-%d %H:%M:%S') AS locked_until, disabled,
	strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at, strftime(updated_at, '%Y-%m-%d %H:%M:%S') AS updated_at`;

export async function getUserByName(db: Database, name: string): Promise<UserRow | undefined> {
	return db.queryOne<UserRow>(`SELECT ${SUMMARY_COLUMNS}, password_hash FROM users WHERE name = $1`, [name]);
}

export async function getUserById(db: Database, userId: number): Promise<UserSummary | undefined> {
	return db.queryOne<UserSummary>(`SELECT ${SUMMARY_COLUMNS} FROM users WHERE user_id = $1`, [userId]);
}

export async function listUsers(db: Database): Promise<UserSummary[]> {
	return db.query<UserSummary>(
		`SELECT ${SUMMARY_COLUMNS} FROM users
		 ORDER BY disabled, list_position(['admin','analyst','inspector','leader','unit'], role), name`
	);
}

export async function countUsers(db: Database): Promise<number> {
	return Number((await db.queryOne<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM users'))?.n ?? 0);
}

export interface UserInput {
	name: string;
	role: string;
	units?: string[];
	pii?: boolean;
	password: string;
	displayName?: string | null;
}

/**
 * Creates the user, or updates role, units, PII grant and password of an existing one (the CLI's `user add`).
 * An update also re-enables the account and clears a lock-out, so an operator can always recover an admin.
 * Audited as user_change; without an actor (CLI, first run) the entry says so.
 */
export async function createOrUpdateUser(
	db: Database,
	input: UserInput,
	actor: Actor | null = null
): Promise<{ user: SessionUser; created: boolean }> {
	const name = checkName(input.name);
	const { role, units, pii } = await normalise(db, input);
	const passwordHash = await hashPassword(input.password, name);
	const now = shanghaiNow();
	const existing = await db.queryOne<{ user_id: number }>('SELECT user_id FROM users WHERE name = $1', [name]);
	const params = { name, role, units: JSON.stringify(units), pii, hash: passwordHash, now, display_name: input.displayName ?? null };
	if (existing) {
		await db.run(
			`UPDATE users SET role = $role, units = CAST($units::JSON AS VARCHAR[]), pii = $pii, password_hash = $hash, failed_logins = 0,
			   locked_until = NULL, disabled = false, display_name = coalesce($display_name, display_name), updated_at = $now::TIMESTAMP
			 WHERE name = $name`,
			params
		);
		await deleteUserSessions(db, Number(existing.user_id));
	} else {
		await db.run(
			`INSERT INTO users (name, display_name, role, units, pii, password_hash, created_at, updated_at)
			 VALUES ($name, $display_name, $role, CAST($units::JSON AS VARCHAR[]), $pii, $hash, $now::TIMESTAMP, $now::TIMESTAMP)`,
			params
		);
	}
	const row = await db.queryOne<UserRow>(`SELECT ${SUMMARY_COLUMNS}, password_hash FROM users WHERE name = $1`, [name]);
	await audit(db, {
		user: actor?.user ?? null,
		action: 'user_change',
		target: name,
		detail: { change: existing ? 'update' : 'create', role, units, pii, via: actor ? 'app' : 'cli' },
		ip: actor?.ip ?? null
	});
	return { user: toSessionUser(row!), created: !existing };
}

/** Who made a change from the app, and from where (for the audit log). */
export interface Actor {
	user: SessionUser;
	ip?: string | null;
}

async function activeAdmins(db: Database, exceptUserId?: number): Promise<number> {
	const row = await db.queryOne<{ n: number }>(
		`SELECT CAST(count(*) AS INTEGER) AS n FROM users WHERE role = 'admin' AND NOT disabled AND user_id <> $1`,
		[exceptUserId ?? -1]
	);
	return Number(row?.n ?? 0);
}

/** The admin page's "add user": fails if the name is taken (the page never overwrites by accident). */
export async function addUser(db: Database, actor: Actor, input: UserInput): Promise<SessionUser> {
	const name = checkName(input.name);
	if (await getUserByName(db, name)) throw new UserInputError('user_exists', USERS.errors.exists(name), { field: 'name' });
	const { user } = await createOrUpdateUser(db, { ...input, name }, actor);
	return user;
}

/** Role, units, PII grant and display name; the user's open sessions see the change on their next request. */
export async function updateUser(
	db: Database,
	actor: Actor,
	userId: number,
	input: { role: string; units?: string[]; pii?: boolean; displayName?: string | null }
): Promise<SessionUser> {
	const before = await getUserById(db, userId);
	if (!before) throw new UserInputError('user_not_found', USERS.errors.notFound);
	const { role, units, pii } = await normalise(db, input);
	if (before.role === 'admin' && role !== 'admin') {
		if (userId === realActorId(actor)) throw new UserInputError('self_change', USERS.errors.self, { field: 'role' });
		if (!before.disabled && (await activeAdmins(db, userId)) === 0) throw new UserInputError('last_admin', USERS.errors.lastAdmin, { field: 'role' });
	}
	const displayName = input.displayName?.trim() || null;
	await db.run(
		`UPDATE users SET role = $role, units = CAST($units::JSON AS VARCHAR[]), pii = $pii, display_name = $display_name, updated_at = $now::TIMESTAMP
		 WHERE user_id = $id`,
		{ role, units: JSON.stringify(units), pii, display_name: displayName, now: shanghaiNow(), id: userId }
	);
	await audit(db, {
		user: actor.user,
		action: 'user_change',
		target: before.name,
		detail: {
			change: 'update',
			before: { role: before.role, units: before.units ?? [], pii: before.pii, display_name: before.display_name },
			after: { role, units, pii, display_name: displayName }
		},
		ip: actor.ip
	});
	return toSessionUser({ user_id: userId, name: before.name, display_name: displayName, role, units, pii });
}

function realActorId(actor: Actor): number {
	return actor.user.viewAsBy?.userId ?? actor.user.userId;
}

/** Sets a new password, clears any lock-out and ends the user's sessions. */
export async function resetPassword(db: Database, actor: Actor, userId: number, password: string): Promise<void> {
	const before = await getUserById(db, userId);
	if (!before) throw new UserInputError('user_not_found', USERS.errors.notFound);
	const passwordHash = await hashPassword(password, before.name);
	await db.run(
		`UPDATE users SET password_hash = $hash, failed_logins = 0, locked_until = NULL, updated_at = $now::TIMESTAMP WHERE user_id = $id`,
		{ hash: passwordHash, now: shanghaiNow(), id: userId }
	);
	await deleteUserSessions(db, userId);
	await audit(db, { user: actor.user, action: 'user_change', target: before.name, detail: { change: 'reset_password' }, ip: actor.ip });
}

/** Disables (ending every session at once) or re-enables an account; the last active admin cannot be disabled. */
export async function setDisabled(db: Database, actor: Actor, userId: number, disabled: boolean): Promise<void> {
	const before = await getUserById(db, userId);
	if (!before) throw new UserInputError('user_not_found', USERS.errors.notFound);
	if (disabled && userId === realActorId(actor)) throw new UserInputError('self_change', USERS.errors.self);
	if (disabled && before.role === 'admin' && (await activeAdmins(db, userId)) === 0) throw new UserInputError('last_admin', USERS.errors.lastAdmin);
	await db.run(
		`UPDATE users SET disabled = $disabled, failed_logins = 0, locked_until = NULL, updated_at = $now::TIMESTAMP WHERE user_id = $id`,
		{ disabled, now: shanghaiNow(), id: userId }
	);
	if (disabled) await deleteUserSessions(db, userId);
	await audit(db, { user: actor.user, action: 'user_change', target: before.name, detail: { change: disabled ? 'disable' : 'enable' }, ip: actor.ip });
}

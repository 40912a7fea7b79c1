// The append-only audit log: who did what, to what, when and from where (product.md §6).
// The app only ever INSERTs and SELECTs here; there is deliberately no update or delete function.
import type { Database } from '../db/index.ts';
import { shanghaiNow } from '../time.ts';
import type { SessionUser } from './types.ts';
import { AUDIT } from '../../i18n/zh/auth.ts';
import { csvCell } from '../spreadsheet.ts';
import { currentRequest } from '../http/request-context.ts';

export interface AuditEntry {
	/** The acting user (locals.user). With "view as", the real admin is recorded and the viewed user in as_user. */
	user: SessionUser | null;
	/** login, login_failed, login_locked, logout, user_change, view_as, import, export, pii_view, bulletin_download … */
	action: string;
	/** What was acted on: a user name, a file, a case id, a month … */
	target?: string | null;
	/** Anything else worth keeping (filters, row counts, changed fields); stored as JSON. */
	detail?: unknown;
	/** The client address; inside a request, defaults to the one hooks.server.ts resolved (trusted proxies only). */
	ip?: string | null;
	/** For tests and imports that replay time; defaults to now. */
	now?: Date;
}

export async function audit(db: Database, entry: AuditEntry): Promise<void> {
	const { user } = entry;
	const actor = user?.viewAsBy ? { name: user.viewAsBy.name, role: 'admin', asUser: user.name } : { name: user?.name ?? null, role: user?.role ?? null, asUser: null };
	await db.run(
		`INSERT INTO audit_log (logged_at, user_name, role, as_user, action, target, detail, ip)
		 VALUES ($logged_at::TIMESTAMP, $user_name, $role, $as_user, $action, $target, $detail::JSON, $ip)`,
		{
			logged_at: shanghaiNow(entry.now),
			user_name: actor.name,
			role: actor.role,
			as_user: actor.asUser,
			action: entry.action,
			target: entry.target ?? null,
			detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
			ip: entry.ip ?? currentRequest()?.ip ?? null
		}
	);
}

/**
 * One response showed the complainant's identity (name, phone, ID number, unredacted free text, columns kept
 * from the export) of `records` cases: who saw it, by which route (method and path), how many records and from
 * which address, one row per request (issue 17). Nothing is written when no record's identity was shown.
 */
export async function auditPiiView(db: Database, user: SessionUser, records: number, detail: Record<string, unknown> = {}): Promise<void> {
	await piiViewAuditor(db, user, detail)(records);
}

/**
 * The same for a response whose record count is known only once it has been sent (a streamed export): takes the
 * request's route and address now, while the request context is certain, and writes the row when called.
 */
export function piiViewAuditor(db: Database, user: SessionUser, detail: Record<string, unknown> = {}): (records: number) => Promise<void> {
	const request = currentRequest();
	return async (records) => {
		if (records <= 0) return;
		await audit(db, { user, action: 'pii_view', target: request?.route ?? null, detail: { records, ...detail }, ip: request?.ip ?? null });
	};
}

export interface AuditFilter {
	user?: string;
	action?: string;
	/** Shanghai calendar dates, inclusive. */
	from?: string;
	to?: string;
}

export type AuditRow = {
	audit_id: number;
	logged_at: string;
	user_name: string | null;
	role: string | null;
	as_user: string | null;
	action: string;
	target: string | null;
	detail: string | null;
	ip: string | null;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter from a query string; malformed dates are dropped and reported, never passed to SQL. */
export function auditFilterFrom(params: URLSearchParams): { filter: AuditFilter; error: string | null } {
	const filter: AuditFilter = {};
	let error: string | null = null;
	const user = params.get('user')?.trim();
	const action = params.get('action')?.trim();
	if (user) filter.user = user.slice(0, 100);
	if (action) filter.action = action.slice(0, 100);
	for (const key of ['from', 'to'] as const) {
		const v = params.get(key)?.trim();
		if (!v) continue;
		if (DATE.test(v) && !Number.isNaN(Date.parse(v))) filter[key] = v;
		else error = AUDIT.badDate;
	}
	return { filter, error };
}

/** WHERE clause from fixed fragments; every value is a bound parameter. */
function where(filter: AuditFilter): { sql: string; params: Record<string, string> } {
	const parts: string[] = [];
	const params: Record<string, string> = {};
	if (filter.user) {
		parts.push('(user_name = $user OR as_user = $user)');
		params.user = filter.user;
	}
	if (filter.action) {
		parts.push('action = $action');
		params.action = filter.action;
	}
	if (filter.from) {
		parts.push('logged_at >= $from::DATE');
		params.from = filter.from;
	}
	if (filter.to) {
		parts.push('logged_at < $to::DATE + INTERVAL 1 DAY');
		params.to = filter.to;
	}
	return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', params };
}

const COLUMNS = `CAST(audit_id AS INTEGER) AS audit_id, strftime(logged_at, '%Y-%m-%d %H:%M:%S') AS logged_at,
	user_name, role, as_user, action, target, CAST(detail AS VARCHAR) AS detail, ip`;

export async function listAudit(
	db: Database,
	filter: AuditFilter,
	page = 1,
	pageSize = 50
): Promise<{ rows: AuditRow[]; total: number; page: number; pages: number }> {
	const w = where(filter);
	const total = Number((await db.queryOne<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM audit_log ${w.sql}`, w.params))?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const current = Math.min(Math.max(1, Math.floor(page)), pages);
	const rows = await db.query<AuditRow>(
		`SELECT ${COLUMNS} FROM audit_log ${w.sql} ORDER BY audit_id DESC LIMIT $limit OFFSET $offset`,
		{ ...w.params, limit: pageSize, offset: (current - 1) * pageSize }
	);
	return { rows, total, page: current, pages };
}

/** The distinct actions and user names in the log, for the filter drop-downs. */
export async function auditFacets(db: Database): Promise<{ actions: string[]; users: string[] }> {
	const actions = await db.query<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action');
	const users = await db.query<{ u: string }>(
		'SELECT DISTINCT u FROM (SELECT user_name AS u FROM audit_log UNION SELECT as_user FROM audit_log) WHERE u IS NOT NULL ORDER BY u'
	);
	return { actions: actions.map((r) => r.action), users: users.map((r) => r.u) };
}

export { csvCell };

export const AUDIT_CSV_HEADER = ['audit_id', 'logged_at', 'user_name', 'role', 'as_user', 'action', 'target', 'detail', 'ip'] as const;

/** The filtered log as UTF-8 CSV with BOM (Excel on Chinese Windows reads it correctly), newest first. */
export async function auditCsv(db: Database, filter: AuditFilter, limit = 1_000_000): Promise<{ csv: string; rows: number }> {
	const w = where(filter);
	const rows = await db.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log ${w.sql} ORDER BY audit_id DESC LIMIT $limit`, { ...w.params, limit });
	const lines = [AUDIT_CSV_HEADER.join(',')];
	for (const r of rows) lines.push(AUDIT_CSV_HEADER.map((c) => csvCell(r[c])).join(','));
	return { csv: '\ufeff' + lines.join('\r\n') + '\r\n', rows: rows.length };
}

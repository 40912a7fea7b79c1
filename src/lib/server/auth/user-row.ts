// A users row and the SessionUser it becomes: read by the account functions (users.ts) and by the session
// lookup (sessions.ts), which must not import each other both ways.
import type { Role, SessionUser } from './types.ts';

export type UserRow = {
	user_id: number;
	name: string;
	display_name: string | null;
	role: string;
	units: string[] | null;
	pii: boolean;
	password_hash: string;
	failed_logins: number;
	locked_until: string | null;
	disabled: boolean;
	created_at: string;
	updated_at: string;
};

export function toSessionUser(row: Pick<UserRow, 'user_id' | 'name' | 'display_name' | 'role' | 'units' | 'pii'>): SessionUser {
	const role = row.role as Role;
	return {
		userId: Number(row.user_id),
		name: row.name,
		displayName: row.display_name,
		role,
		units: role === 'unit' ? (row.units ?? []) : [],
		pii: role === 'inspector' && Boolean(row.pii)
	};
}

// The signed-in user as the server and the pages see it: role, allowed units and PII grant. Shared by
// both sides (the user menu, the Chinese role names), so it lives in the model, not in server-only code.
export type Role = 'admin' | 'analyst' | 'inspector' | 'leader' | 'unit';

export const ROLES: readonly Role[] = ['admin', 'analyst', 'inspector', 'leader', 'unit'];

export interface SessionUser {
	userId: number;
	name: string;
	displayName: string | null;
	role: Role;
	/** For role 'unit': the units this user may see. Empty for other roles (they see all units). */
	units: string[];
	/** Inspector with the PII grant (admin and analyst always see PII; leader and unit never). */
	pii: boolean;
	/** Set while an admin is "viewing as" this user: the real admin, whom the audit log records as the actor. */
	viewAsBy?: { userId: number; name: string };
}

/** A user an admin can "view as" (UserMenu's choices). */
export interface ViewAsOption {
	userId: number;
	name: string;
	displayName: string | null;
	role: Role;
	units: string[];
}

// Every page gets the acting user, the real admin behind a "view as", the menu entries the user may open, and
// (for admins only) the users they can view as.
import type { LayoutServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { navFor } from '$lib/server/auth/policy.ts';
import { listUsers } from '$lib/server/auth/users.ts';
import type { Role, ViewAsOption } from '$lib/server/auth/types.ts';

export const load: LayoutServerLoad = async ({ locals }) => {
	const { user, realUser } = locals;
	const admin = realUser ?? user;
	let viewAsOptions: ViewAsOption[] = [];
	if (admin?.role === 'admin') {
		viewAsOptions = (await listUsers(await getDb()))
			.filter((u) => !u.disabled && u.user_id !== admin.userId)
			.map((u) => ({ userId: u.user_id, name: u.name, displayName: u.display_name, role: u.role as Role, units: u.units ?? [] }));
	}
	return { user, realUser, nav: navFor(user), viewAsOptions };
};

// User administration: list, add, edit role/units/PII grant, reset password, disable/enable. Admin only (policy).
// Every change is audited inside the users module.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { addUser, listUnits, listUsers, resetPassword, setDisabled, updateUser, type Actor } from '$lib/server/auth/users.ts';
import { USERS } from '$lib/i18n/zh/auth.ts';

export const load: PageServerLoad = async () => {
	const db = await getDb();
	const [users, units] = await Promise.all([listUsers(db), listUnits(db)]);
	return {
		users: users.map((u) => ({ ...u, units: u.units ?? [] })),
		units
	};
};

function actor(event: RequestEvent): Actor {
	return { user: event.locals.user!, ip: event.locals.clientAddress };
}

function units(data: FormData): string[] {
	return data
		.getAll('units')
		.flatMap((v) => String(v).split(/[,，]/))
		.map((s) => s.trim())
		.filter(Boolean);
}

function userId(data: FormData): number {
	const id = Number(data.get('userId'));
	return Number.isInteger(id) && id > 0 ? id : -1;
}

/** Runs one change; bad input comes back to the form as a Chinese message, never as a 500. */
async function attempt(action: string, id: number | null, fn: () => Promise<string>) {
	try {
		return { action, userId: id, ok: true as const, message: await fn() };
	} catch (e) {
		if (isUserInputError(e)) return fail(400, { action, userId: id, ok: false as const, message: e.message, field: e.location.field ?? null });
		throw e;
	}
}

export const actions: Actions = {
	create: async (event) => {
		const data = await event.request.formData();
		const db = await getDb();
		return attempt('create', null, async () => {
			const user = await addUser(db, actor(event), {
				name: String(data.get('name') ?? ''),
				displayName: String(data.get('displayName') ?? '').trim() || null,
				role: String(data.get('role') ?? ''),
				units: units(data),
				pii: data.get('pii') === 'on',
				password: String(data.get('password') ?? '')
			});
			return USERS.created(user.name);
		});
	},
	update: async (event) => {
		const data = await event.request.formData();
		const id = userId(data);
		const db = await getDb();
		return attempt('update', id, async () => {
			await updateUser(db, actor(event), id, {
				role: String(data.get('role') ?? ''),
				units: units(data),
				pii: data.get('pii') === 'on',
				displayName: String(data.get('displayName') ?? '')
			});
			return USERS.saved;
		});
	},
	password: async (event) => {
		const data = await event.request.formData();
		const id = userId(data);
		const db = await getDb();
		return attempt('password', id, async () => {
			await resetPassword(db, actor(event), id, String(data.get('password') ?? ''));
			return USERS.passwordReset(String(data.get('name') ?? ''));
		});
	},
	disable: async (event) => {
		const data = await event.request.formData();
		const id = userId(data);
		const db = await getDb();
		return attempt('disable', id, async () => {
			await setDisabled(db, actor(event), id, true);
			return USERS.disabledDone(String(data.get('name') ?? ''));
		});
	},
	enable: async (event) => {
		const data = await event.request.formData();
		const id = userId(data);
		const db = await getDb();
		return attempt('enable', id, async () => {
			await setDisabled(db, actor(event), id, false);
			return USERS.enabledDone(String(data.get('name') ?? ''));
		});
	}
};

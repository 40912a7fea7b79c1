// POST: an admin starts or ends "view as" another user. JSON {"userId": n | null} or a form (user=<id> | leave).
// The policy lets any logged-in user reach this route; the REAL user (behind a current view-as) must be an admin.
import { json, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { setViewAs, SESSION_COOKIE } from '$lib/server/auth/sessions.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getUserById } from '$lib/server/auth/users.ts';
import { VIEW_AS } from '$lib/i18n/zh/auth.ts';
import { ForbiddenError, UserInputError, errorResponse } from '$lib/server/errors.ts';

async function readTarget(request: Request): Promise<{ form: boolean; userId: number | null | undefined }> {
	const type = request.headers.get('content-type') ?? '';
	if (type.startsWith('application/json')) {
		const body = (await request.json().catch(() => null)) as { userId?: unknown } | null;
		const id = body?.userId;
		return { form: false, userId: id === null ? null : typeof id === 'number' && Number.isInteger(id) ? id : undefined };
	}
	const data = await request.formData().catch(() => null);
	if (!data) return { form: true, userId: undefined };
	if (data.has('leave')) return { form: true, userId: null };
	const id = Number(data.get('user'));
	return { form: true, userId: Number.isInteger(id) && id > 0 ? id : undefined };
}

export const POST: RequestHandler = async (event) => {
	const admin = event.locals.realUser ?? event.locals.user;
	const token = event.cookies.get(SESSION_COOKIE);
	if (!admin || admin.role !== 'admin' || !token) return errorResponse(new ForbiddenError(VIEW_AS.onlyAdmin));
	const { form, userId } = await readTarget(event.request);
	const db = await getDb();
	const ip = event.locals.clientAddress;
	if (userId === undefined) return errorResponse(new UserInputError('bad_request', VIEW_AS.unknownUser));
	if (userId === null || userId === admin.userId) {
		const was = event.locals.realUser ? event.locals.user?.name : null;
		await setViewAs(db, token, null);
		if (was) await audit(db, { user: admin, action: 'view_as', target: was, detail: { ended: true }, ip });
		if (form) redirect(303, '/');
		return json({ user: null });
	}
	const target = await getUserById(db, userId);
	if (!target || target.disabled) return errorResponse(new UserInputError('not_found', VIEW_AS.unknownUser));
	await setViewAs(db, token, userId);
	await audit(db, { user: admin, action: 'view_as', target: target.name, detail: { started: true, role: target.role, units: target.units ?? [] }, ip });
	if (form) redirect(303, '/');
	return json({ user: { name: target.name, role: target.role } });
};

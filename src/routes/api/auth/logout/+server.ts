// POST: ends the session (row deleted, cookie cleared). A browser form gets a redirect to /login, scripts get JSON.
import { json, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/sessions.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { clearSessionCookie } from '$lib/server/auth/cookie.ts';

export const POST: RequestHandler = async (event) => {
	const db = await getDb();
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) await deleteSession(db, token);
	const user = event.locals.realUser ?? event.locals.user;
	await audit(db, { user, action: 'logout', target: user?.name ?? null, ip: event.locals.clientAddress });
	clearSessionCookie(event.cookies, event.url);
	const type = event.request.headers.get('content-type') ?? '';
	if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) redirect(303, '/login');
	return json({ ok: true });
};

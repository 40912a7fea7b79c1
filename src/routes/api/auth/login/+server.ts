// POST {"name","password"} → 200 and the session cookie; 401 on wrong credentials; 423 while locked (cli.md).
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { attemptLogin } from '$lib/server/auth/login.ts';
import { setSessionCookie } from '$lib/server/auth/cookie.ts';
import { LOGIN } from '$lib/i18n/zh/auth.ts';

const Body = z.object({ name: z.string().max(200), password: z.string().max(1000) });

export const POST: RequestHandler = async (event) => {
	const parsed = Body.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) return json({ code: 'bad_request', message: LOGIN.badRequest }, { status: 400 });
	const db = await getDb();
	const result = await attemptLogin(db, {
		name: parsed.data.name,
		password: parsed.data.password,
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent')
	});
	if (result.ok) {
		setSessionCookie(event.cookies, event.url, result.token);
		const { name, displayName, role, units, pii } = result.user;
		return json({ user: { name, displayName, role, units, pii } });
	}
	if (result.reason === 'locked') {
		return json(
			{ code: 'locked', message: LOGIN.locked(result.minutesLeft), locked_until: result.lockedUntil },
			{ status: 423, headers: { 'retry-after': String(result.minutesLeft * 60) } }
		);
	}
	return json({ code: 'invalid_credentials', message: LOGIN.invalid }, { status: 401 });
};

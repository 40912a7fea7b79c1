// POST {"name","password"} → 200 and the session cookie; 401 on wrong credentials; 423 while locked (cli.md).
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { attemptLogin } from '$lib/server/auth/login.ts';
import { setSessionCookie } from '$lib/server/auth/cookie.ts';
import { LOGIN } from '$lib/i18n/zh/auth.ts';
import { UserInputError, errorResponse } from '$lib/server/errors.ts';

const Body = z.object({ name: z.string().max(200), password: z.string().max(1000) });

export const POST: RequestHandler = async (event) => {
	const parsed = Body.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) return errorResponse(new UserInputError('bad_request', LOGIN.badRequest));
	const db = await getDb();
	const result = await attemptLogin(db, {
		name: parsed.data.name,
		password: parsed.data.password,
		ip: event.locals.clientAddress,
		userAgent: event.request.headers.get('user-agent')
	});
	if (result.ok) {
		setSessionCookie(event.cookies, event.url, result.token);
		const { name, displayName, role, units, pii } = result.user;
		return json({ user: { name, displayName, role, units, pii } });
	}
	// Locked: 423 with Retry-After and locked_until beside the message (cli.md), so it keeps its own answer.
	if (result.reason === 'locked') {
		return json(
			{ code: 'locked', message: LOGIN.locked(result.minutesLeft), locked_until: result.lockedUntil },
			{ status: 423, headers: { 'retry-after': String(result.minutesLeft * 60) } }
		);
	}
	return errorResponse(new UserInputError('invalid_credentials', LOGIN.invalid));
};

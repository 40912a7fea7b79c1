// The log-in form (works without JavaScript). Success redirects back to the page the user asked for.
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { attemptLogin } from '$lib/server/auth/login.ts';
import { safeRedirectTarget, setSessionCookie } from '$lib/server/auth/cookie.ts';
import { LOGIN } from '$lib/i18n/zh/auth.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const name = String(data.get('name') ?? '').slice(0, 200);
		const password = String(data.get('password') ?? '').slice(0, 1000);
		const redirectTo = safeRedirectTarget(String(data.get('redirectTo') ?? event.url.searchParams.get('redirectTo') ?? '/'));
		if (!name.trim() || !password) return fail(400, { name, message: LOGIN.missing });
		const result = await attemptLogin(await getDb(), {
			name,
			password,
			ip: event.locals.clientAddress,
			userAgent: event.request.headers.get('user-agent')
		});
		if (result.ok) {
			setSessionCookie(event.cookies, event.url, result.token);
			redirect(303, redirectTo);
		}
		if (result.reason === 'locked') return fail(423, { name, message: LOGIN.locked(result.minutesLeft) });
		return fail(401, { name, message: LOGIN.invalid });
	}
};

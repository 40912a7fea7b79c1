// The session cookie's attributes in one place: HTTP-only, SameSite=Lax, Secure whenever the site is served over https.
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions.ts';

export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	// No Max-Age: the cookie ends with the browser; the server enforces idle and absolute expiry itself.
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

/** Only same-site paths may be redirected to after log-in (no open redirect to another host). */
export function safeRedirectTarget(target: string | null | undefined): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\') || target.startsWith('/login')) return '/';
	return target;
}

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

const REDIRECT_BASE = 'http://redirect.invalid';

/**
 * Only same-origin paths may be redirected to after log-in (no open redirect to another host). The target is
 * parsed as a browser would parse the Location header (which drops tabs and line breaks and reads `\` as `/`),
 * and what is returned is the parsed path, never the raw text: `/\t/evil.example`, `/\\evil.example`,
 * `//evil.example`, `/.//evil.example` and `https://evil.example` all become '/'.
 */
export function safeRedirectTarget(target: string | null | undefined): string {
	if (!target || target.length > 2000 || !target.startsWith('/')) return '/';
	// Control characters, whitespace and backslashes have no place in our own paths; browsers reinterpret them.
	if (/[\u0000-\u0020\u007f-\u00a0\\\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(target)) return '/';
	let url: URL;
	try {
		url = new URL(target, REDIRECT_BASE + '/login');
	} catch {
		return '/';
	}
	if (url.origin !== REDIRECT_BASE) return '/';
	const path = url.pathname + url.search + url.hash;
	// A path that starts with two slashes would be read as another host ('/.//evil' normalises to '//evil').
	if (!path.startsWith('/') || path.startsWith('//') || url.pathname === '/login' || url.pathname.startsWith('/login/')) return '/';
	if (new URL(path, REDIRECT_BASE + '/any/page').origin !== REDIRECT_BASE) return '/';
	return path;
}

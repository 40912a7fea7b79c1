// The one enforcement point: every page, form action and API request passes through handle(), which resolves
// the session, rejects cross-site and oversized requests, applies the route policy (default deny) and adds
// the security headers. Handlers below never decide access to a route themselves.
import { error, redirect, type Handle, type HandleServerError, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { closeDb, getDb } from '$lib/server/db/index.ts';
import { runShutdown } from '$lib/server/lifecycle.ts';
import { ensureFacts } from '$lib/server/metrics/index.ts';
import { warmDefaultViews } from '$lib/server/warm.ts';
import { resolveSession, SESSION_COOKIE } from '$lib/server/auth/sessions.ts';
import { authorize, maxBodyBytes, streamsBody } from '$lib/server/auth/policy.ts';
import { dropUnread, readCapped, withBufferedBody } from '$lib/server/http/body-limit.ts';
import { resolveClientAddress, trustedProxies } from '$lib/server/http/client-address.ts';
import { runInRequest } from '$lib/server/http/request-context.ts';
import { formatBytes } from '$lib/i18n/zh/import.ts';
import { SESSION } from '$lib/i18n/zh/auth.ts';

// adapter-node emits this once the HTTP server has closed after SIGTERM/SIGINT: checkpoint and close DuckDB, then
// leave, so no stray timer can keep a stopped server (and its database file lock) alive. Registered once even
// when vite dev reloads this module.
const shutdownFlag = Symbol.for('complaints.shutdownHook');
const g = globalThis as { [shutdownFlag]?: boolean };
if (!g[shutdownFlag]) {
	g[shutdownFlag] = true;
	(process as NodeJS.EventEmitter).once('sveltekit:shutdown', () => {
		// What was started on demand (the bulletin's warm Chromium) first, then the database.
		runShutdown()
			.then(() => closeDb())
			.catch((e) => console.error('关闭数据库失败', e))
			.finally(() => process.exit(0));
	});
}

/**
 * Before the server listens (adapter-node awaits this): load every route's code, open the database and bring the
 * dashboards' derived tables up to date, so the first request after a start never waits for them (47 s at 10,000,000
 * cases when they were stale: another build of the code, or a new day); then compute the default view of every page
 * the menu offers and the last complete month's bulletin once (warm.ts), so the first page is served as fast as any
 * later one. A failure here is logged and left to the first request, as before. WARM_START=0 skips the warming.
 */
export const init: ServerInit = async () => {
	const started = Date.now();
	const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
	try {
		await preloadRoutes();
		console.error(`页面代码已载入（${seconds()} 秒）`);
	} catch (e) {
		console.error('启动时载入页面代码失败，将在首次请求时重试', e);
	}
	try {
		const db = await getDb();
		await ensureFacts(db);
		console.error(`派生表已就绪（${seconds()} 秒）`);
		if (process.env.WARM_START !== '0') {
			const pages = await warmDefaultViews(db);
			const each = Object.entries(pages).map(([page, s]) => `${page} ${s.toFixed(1)}`).join('，');
			console.error(`各页默认视图已预热（${seconds()} 秒：${each}）`);
		}
	} catch (e) {
		console.error('启动时更新派生表或预热失败，将在首次请求时重试', e);
	}
};

/**
 * Every route's server code and server-rendered component. SvelteKit imports a route's modules on its first request;
 * the first page after a start waited for that (about 2 s for the first page and 2.3 s more for 月度通报, whose
 * modules bring ECharts, docx and the PDF renderer, measured on the 60,000-case demo): importing them all before the
 * server listens makes that cost part of the start. The same module instances SvelteKit later uses (one build).
 */
const ROUTE_MODULES = import.meta.glob([
	'./routes/**/+layout.server.ts',
	'./routes/**/+layout.svelte',
	'./routes/**/+page.server.ts',
	'./routes/**/+page.svelte',
	'./routes/**/+server.ts'
]);

async function preloadRoutes(): Promise<void> {
	await Promise.all(Object.values(ROUTE_MODULES).map((load) => load()));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
};

/** Our own small responses (403 page, JSON errors) are not rendered by SvelteKit, so they carry their own CSP. */
const STATIC_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function isApi(event: RequestEvent): boolean {
	return event.url.pathname === '/api' || event.url.pathname.startsWith('/api/');
}

/** Marks denials made here (as opposed to a handler's own 4xx), for clients and the role × route test. */
const DENIED_BY = 'x-denied-by';

function deny(event: RequestEvent, status: 401 | 403 | 413, code: string, message: string): Response {
	const wantsJson = isApi(event) || event.isDataRequest || (event.request.headers.get('accept') ?? '').includes('application/json');
	if (wantsJson) {
		return new Response(JSON.stringify({ code, message }), {
			status,
			headers: { 'content-type': 'application/json; charset=utf-8', [DENIED_BY]: 'policy', 'content-security-policy': STATIC_CSP }
		});
	}
	return new Response(deniedPage(message), {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8', [DENIED_BY]: 'policy', 'content-security-policy': STATIC_CSP }
	});
}

/** 413, and the connection is closed after it: the unread rest of the body is dropped, not read or buffered. */
function tooLarge(event: RequestEvent, limit: number): Response {
	const res = withSecurityHeaders(deny(event, 413, 'too_large', SESSION.tooLarge(formatBytes(limit))), event.url);
	res.headers.set('connection', 'close');
	return res;
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function deniedPage(message: string): string {
	return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${SESSION.forbiddenTitle}</title><style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2937}
h1{font-size:1.4rem}a,button{color:#1d4ed8;font:inherit}form{display:inline}button{background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}</style></head>
<body><h1>${SESSION.forbiddenTitle}</h1><p>${escapeHtml(message)}</p>
<p><a href="/">${SESSION.backHome}</a> · <form method="POST" action="/api/auth/logout"><button>${SESSION.logout}</button></form></p></body></html>`;
}

function loginUrl(event: RequestEvent): string {
	const back = event.url.pathname + event.url.search;
	return back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`;
}

/** The socket's peer (adapter-node's getClientAddress with ADDRESS_HEADER unset), or what a trusted proxy saw. */
function clientAddress(event: RequestEvent): string | null {
	let socket: string | null;
	try {
		socket = event.getClientAddress();
	} catch {
		socket = null;
	}
	return resolveClientAddress(socket, event.request.headers.get('x-forwarded-for'), trustedProxies());
}

export const handle: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	const method = request.method.toUpperCase();
	event.locals.clientAddress = clientAddress(event);

	// CSRF: SvelteKit already rejects cross-site form posts (in production builds); JSON and every other body
	// type get the same origin check here, in dev as well.
	if (!SAFE_METHODS.has(method)) {
		const origin = request.headers.get('origin');
		if ((origin !== null && origin !== url.origin) || request.headers.get('sec-fetch-site') === 'cross-site') {
			return closingUnread(event, method, withSecurityHeaders(deny(event, 403, 'cross_site', SESSION.crossSite), url));
		}
		// Bodies are limited by what the route needs, before any session or database work: by the declared
		// length, then by counting what actually arrives (chunked bodies declare nothing).
		const length = Number(request.headers.get('content-length') ?? 0);
		const limit = maxBodyBytes(event.route.id);
		if (length > limit) return tooLarge(event, limit);
		if (!streamsBody(event.route.id) && request.body) {
			const body = await readCapped(request.body, limit);
			if (!body.ok) return tooLarge(event, limit);
			event.request = withBufferedBody(request, body.bytes);
		}
	}

	const db = await getDb();
	const token = event.cookies.get(SESSION_COOKIE);
	const session = token ? await resolveSession(db, token) : null;
	if (token && !session) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	event.locals.user = session?.user ?? null;
	event.locals.realUser = session?.realUser ?? null;

	// No route matched: let SvelteKit answer 404 (nothing to protect, nothing runs).
	if (event.route.id !== null) {
		const decision = authorize(event.route.id, method, event.locals.user);
		if (!decision.allowed) return closingUnread(event, method, refuse(event, decision.status));
	}

	// Server functions below write the audit log with this request's route and client address.
	const context = { route: `${method} ${url.pathname}`, ip: event.locals.clientAddress };
	const response = await runInRequest(context, () => resolve(event));
	return withSecurityHeaders(response, url, event.locals.user !== null);
};

/**
 * A refused upload's body has not been read (uploads stream to disk in their handler, which never ran): drop it
 * after the answer, closing the connection, instead of letting Node read the whole body to keep it alive.
 */
function closingUnread(event: RequestEvent, method: string, response: Response): Response {
	if (!SAFE_METHODS.has(method) && streamsBody(event.route.id)) void dropUnread(event.request.body);
	return response;
}

function refuse(event: RequestEvent, status: 401 | 403): Response {
	const { request, url } = event;
	if (status === 401 && !isApi(event)) {
		// Data requests and enhanced form actions need SvelteKit's own redirect encoding.
		if (event.isDataRequest || request.headers.get('x-sveltekit-action') === 'true') redirect(303, loginUrl(event));
		return withSecurityHeaders(new Response(null, { status: 303, headers: { location: loginUrl(event), [DENIED_BY]: 'policy' } }), url);
	}
	if (status === 403 && event.isDataRequest) error(403, { code: 'forbidden', message: SESSION.forbidden });
	const message = status === 401 ? SESSION.unauthenticated : SESSION.forbidden;
	return withSecurityHeaders(deny(event, status, status === 401 ? 'unauthenticated' : 'forbidden', message), url);
}

function withSecurityHeaders(response: Response, url: URL, personal = false): Response {
	let res = response;
	try {
		res.headers.set('x-content-type-options', 'nosniff');
	} catch {
		// Immutable headers (a proxied fetch response): copy once.
		res = new Response(response.body, response);
	}
	for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!res.headers.has(k)) res.headers.set(k, v);
	if (url.protocol === 'https:') res.headers.set('strict-transport-security', 'max-age=31536000');
	// Pages and data of a logged-in user must not outlive the session in any cache (back button after log-out).
	if (personal && !res.headers.has('cache-control')) res.headers.set('cache-control', 'private, no-store');
	return res;
}

/** Unexpected errors: log the details with an id, show the user a Chinese message with that id, never a stack. */
export const handleError: HandleServerError = ({ error: e, event, status }) => {
	if (status === 404) return { code: 'not_found', message: '页面不存在' };
	if (status === 405) return { code: 'method_not_allowed', message: '不支持该请求方法' };
	if (status < 500) return { code: 'bad_request', message: '请求有误' };
	const id = randomUUID().slice(0, 8);
	console.error(`[错误 ${id}] ${event.request.method} ${event.url.pathname}`, e);
	return { code: 'internal', message: SESSION.internal(id) };
};

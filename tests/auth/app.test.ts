// The built app on a demo database: every discovered route × anonymous and every test role must be allowed
// or denied exactly as src/lib/server/auth/policy.ts says; complainant phone and ID numbers never reach a unit
// or leader user; cross-site posts are refused; lock-out and session expiry hold over HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, login, prepareDatabase, startApp, TEST_PASSWORD, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { authorize } from '../../src/lib/server/auth/policy.ts';
import type { Role, SessionUser } from '../../src/lib/server/auth/types.ts';
import { discoverRoutes, urlFor, type DiscoveredRoute } from './routes.ts';
import { launchBrowser, loginPage, screenshot } from '../helpers/browser.ts';

type Who = 'anonymous' | keyof typeof TEST_USERS;
const WHO: Who[] = ['anonymous', ...(Object.keys(TEST_USERS) as (keyof typeof TEST_USERS)[])];
const LOCK_USER = 'lock_me';

let dir: string;
let dbPath: string;
let app: RunningApp;
let appRunning = false;
const cookies = new Map<Who, string>();
let paramValues: Record<string, string>;
let phones: Set<string>;
let idNumbers: Set<string>;
let complainantKeys: Set<string>;
const routes: DiscoveredRoute[] = discoverRoutes();

function userOf(who: Who): SessionUser | null {
	if (who === 'anonymous') return null;
	const u = TEST_USERS[who];
	return { userId: 0, name: u.name, displayName: null, role: u.role as Role, units: 'unit' in u ? [u.unit] : [], pii: 'pii' in u && u.pii };
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-app-'));
	dbPath = prepareDatabase(dir, 3000);
	cli(['user', 'add', '--name', LOCK_USER, '--role', 'analyst', '--password-stdin', '--db', dbPath], { input: TEST_PASSWORD + '\n' });
	// Real values for route parameters and the complainants' identities, read before the server takes the file.
	const db = await getDb(dbPath);
	const unit = TEST_USERS.unit.unit;
	const unitCase = await db.queryOne<{ case_id: string }>(
		`SELECT case_id FROM cases WHERE unit = $1 AND complainant_phone IS NOT NULL ORDER BY received_at DESC LIMIT 1`,
		[unit]
	);
	const span = await db.queryOne<{ last: string }>(`SELECT strftime(max(received_at), '%Y-%m-%d') AS last FROM cases`);
	const batch = await db.queryOne<{ id: number }>(`SELECT CAST(max(batch_id) AS INTEGER) AS id FROM import_batches`);
	const last = new Date((span?.last ?? '2025-06-15') + 'T00:00:00Z');
	const prevMonth = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
	paramValues = {
		unit,
		id: unitCase?.case_id ?? '1',
		case_id: unitCase?.case_id ?? '1',
		month: prevMonth,
		year: prevMonth.slice(0, 4),
		batch: String(batch?.id ?? 1),
		batch_id: String(batch?.id ?? 1),
		batchId: String(batch?.id ?? 1)
	};
	const ident = await db.query<{ phone: string | null; id_no: string | null; key: string | null }>(
		`SELECT DISTINCT complainant_phone AS phone, complainant_id_no AS id_no, complainant_key AS key FROM cases`
	);
	phones = new Set(ident.map((r) => r.phone?.replace(/\D/g, '')).filter((p): p is string => !!p && p.length >= 7));
	idNumbers = new Set(ident.map((r) => r.id_no?.toUpperCase()).filter((p): p is string => !!p && p.length >= 15));
	complainantKeys = new Set(ident.map((r) => r.key).filter((k): k is string => !!k && k.length >= 16));
	await closeDb(dbPath);
	expect(phones.size, 'the demo must have complainants with phone numbers').toBeGreaterThan(50);

	app = await startApp({ dbPath });
	appRunning = true;
	for (const who of WHO) if (who !== 'anonymous') cookies.set(who, await login(app, TEST_USERS[who].name));
}, 600_000);

afterAll(async () => {
	if (appRunning) await app.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function request(who: Who, method: string, url: string, kind: DiscoveredRoute['kind']): Promise<Response> {
	const headers: Record<string, string> = {};
	// Log-out gets a session of its own, so it cannot spoil the later requests of the shared one.
	const own = method !== 'GET' && url === '/api/auth/logout';
	const cookie = who === 'anonymous' ? undefined : own ? await login(app, TEST_USERS[who].name) : cookies.get(who);
	if (cookie) headers.cookie = cookie;
	let body: string | undefined;
	if (method !== 'GET') {
		headers.origin = app.url;
		if (kind === 'page') {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = '';
		} else {
			headers['content-type'] = 'application/json';
			body = '{}';
		}
	}
	if (kind === 'page' && method === 'GET') headers.accept = 'text/html';
	return fetch(app.url + url, { method, headers, body, redirect: 'manual' });
}

/** Is the route id in the built app's manifest? (Routes added to src after the build would 404 for everyone.) */
let builtManifest: string | undefined;
async function routeInBuild(routeId: string): Promise<boolean> {
	// adapter-node bundles the manifest as build/server/chunks/manifest.js-<hash>.js
	const dir = 'build/server/chunks';
	builtManifest ??= fs
		.readdirSync(dir)
		.filter((f) => f.startsWith('manifest') && f.endsWith('.js'))
		.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
		.join('\n');
	return builtManifest.includes(JSON.stringify(routeId));
}

/** Runs fn over items with a few requests in flight at once. */
async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: size }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}

describe('role × route matrix', () => {
	it('allows and denies every discovered route exactly as the policy table says', async () => {
		const cases = routes.flatMap((r) => r.methods.flatMap((method) => WHO.map((who) => ({ r, method, who }))));
		expect(cases.length).toBeGreaterThan(WHO.length * 8);
		const mismatches: string[] = [];
		await pool(cases, 4, async ({ r, method, who }) => {
			const url = urlFor(r.id, paramValues);
			const res = await request(who, method, url, r.kind);
			await res.arrayBuffer();
			const denied = res.headers.get('x-denied-by') === 'policy';
			const expected = authorize(r.id, method, userOf(who));
			const label = `${who} ${method} ${url} (${r.id}) → ${res.status}`;
			if (res.status === 404 && !denied && res.headers.get('content-type')?.includes('text/html') && !(await routeInBuild(r.id))) {
				mismatches.push(`${label}: route is in src/routes but not in build/ (rebuild with npx vite build)`);
			} else if (expected.allowed) {
				if (denied) mismatches.push(`${label}: denied, policy allows`);
				else if (res.status >= 500) mismatches.push(`${label}: server error`);
			} else if (!denied) {
				mismatches.push(`${label}: served, policy denies`);
			} else if (who === 'anonymous') {
				const ok = r.kind === 'page' && !url.startsWith('/api/') ? res.status === 303 && res.headers.get('location')?.startsWith('/login') : res.status === 401;
				if (!ok) mismatches.push(`${label}: anonymous should be sent to log-in (page) or get 401 (API)`);
			} else if (res.status !== 403) mismatches.push(`${label}: wrong role should get 403`);
		});
		expect(mismatches, mismatches.join('\n')).toEqual([]);
	}, 300_000);

	it('denies page data requests (__data.json) as it denies the page', async () => {
		const leaderPages = routes.filter((r) => r.kind === 'page' && !authorize(r.id, 'GET', userOf('leader')).allowed);
		expect(leaderPages.length).toBeGreaterThan(0);
		for (const r of leaderPages) {
			const url = urlFor(r.id, paramValues).replace(/\/?$/, '/__data.json');
			const res = await fetch(app.url + url, { headers: { cookie: cookies.get('leader')! } });
			expect(res.status, url).toBe(403);
		}
	});
});

describe('complainant identity', () => {
	function leaks(body: string, who: Who): string[] {
		const found: string[] = [];
		for (const m of body.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g)) if (phones.has(m[0].replace(/\D/g, ''))) found.push(m[0]);
		for (const m of body.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)) if (idNumbers.has(m[0].toUpperCase())) found.push(m[0]);
		if (who === 'unit') for (const m of body.matchAll(/[0-9a-fA-F]{16,}/g)) if (complainantKeys.has(m[0])) found.push(`key ${m[0]}`);
		return found;
	}

	it('never sends a demo complainant’s phone or ID number (nor, to units, the complainant key) to unit or leader users', async () => {
		const gets = routes.filter((r) => r.methods.includes('GET'));
		const checked: string[] = [];
		const found: string[] = [];
		for (const who of ['unit', 'leader'] as const) {
			for (const r of gets) {
				const url = urlFor(r.id, paramValues);
				const urls = r.kind === 'page' ? [url, url.replace(/\/?$/, '/__data.json')] : [url];
				for (const u of urls) {
					const res = await fetch(app.url + u, { headers: { cookie: cookies.get(who)! }, redirect: 'manual' });
					const body = await res.text();
					checked.push(`${who} ${u}`);
					for (const leak of leaks(body, who)) found.push(`${who} ${u}: ${leak}`);
				}
			}
		}
		expect(checked.length).toBeGreaterThan(10);
		expect(found, found.slice(0, 20).join('\n')).toEqual([]);
	}, 300_000);

	it('the scan does find identities where they are allowed (admin, case export)', async () => {
		expect(routes.some((r) => r.id === '/api/cases.csv')).toBe(true);
		const res = await fetch(app.url + '/api/cases.csv', { headers: { cookie: cookies.get('admin')! } });
		expect(res.status).toBe(200);
		expect(leaks(await res.text(), 'admin').length).toBeGreaterThan(0);
	});
});

describe('the review API (/api/findings)', () => {
	const call = (who: Who, method: string, url: string, body?: unknown) =>
		fetch(app.url + url, {
			method,
			headers: { cookie: cookies.get(who) ?? '', origin: app.url, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual'
		});

	it('checks the role of every step on the server: inspectors propose, the leader approves, the unit reads and answers', async () => {
		const year = Number(paramValues.year);
		const unit = TEST_USERS.unit.unit;
		const queue = await call('inspector', 'GET', `/api/findings?year=${year}&unit=${encodeURIComponent(unit)}&status=unreviewed`);
		expect(queue.status).toBe(200);
		const q = (await queue.json()) as { total: number; flags: { case_id: string; rule_id: string; kind: string | null; actions: string[] }[] };
		const flag = q.flags.find((f) => f.kind !== null)!;
		expect(flag, 'the unit has an unreviewed flag').toBeDefined();
		expect(flag.actions).toEqual(['propose']);
		const leaderView = (await (await call('leader', 'GET', `/api/findings?year=${year}&unit=${encodeURIComponent(unit)}&status=unreviewed`)).json()) as typeof q;
		expect(leaderView.flags[0].actions).toEqual([]);
		// wrong input: 400 naming the field; a bad JSON body: 400
		expect((await call('inspector', 'GET', '/api/findings?year=abc')).status).toBe(400);
		expect((await call('inspector', 'POST', '/api/findings', { action: 'propose', year, items: [] })).status).toBe(400);
		const notJson = await fetch(app.url + '/api/findings', { method: 'POST', headers: { cookie: cookies.get('inspector')!, origin: app.url, 'content-type': 'application/json' }, body: '{' });
		expect(notJson.status).toBe(400);
		// the policy lets the leader in; the service refuses the leader a proposal (403), and the inspector an approval
		const item = { case_id: flag.case_id, rule_id: flag.rule_id };
		const proposal = { action: 'propose', year, items: [item], decision: 'finding', measure: '批评教育' };
		expect((await call('leader', 'POST', '/api/findings', proposal)).status).toBe(403);
		expect((await call('unit', 'POST', '/api/findings', proposal)).status).toBe(403);
		const proposed = await call('inspector', 'POST', '/api/findings', proposal);
		expect(proposed.status).toBe(200);
		const { finding_ids } = (await proposed.json()) as { finding_ids: number[] };
		expect(finding_ids).toHaveLength(1);
		expect((await call('inspector', 'POST', '/api/findings', { action: 'approve', ids: finding_ids, doc_no: '县纪〔2026〕7号' })).status).toBe(403);
		expect((await call('leader', 'POST', '/api/findings', { action: 'approve', ids: finding_ids, doc_no: '县纪〔2026〕7号' })).status).toBe(200);
		// the unit: its own findings (approved, though never told of), without the complainant; not the queue
		expect((await call('unit', 'GET', '/api/findings')).status).toBe(403);
		expect((await call('inspector', 'GET', '/api/findings/unit')).status).toBe(403);
		const mine = await call('unit', 'GET', '/api/findings/unit');
		expect(mine.status).toBe(200);
		const text = await mine.text();
		const found = (JSON.parse(text) as { findings: { case_id: string; rule_id: string; state: string; can_explain: boolean }[] }).findings.find((f) => f.case_id === item.case_id && f.rule_id === item.rule_id);
		expect(found).toMatchObject({ state: 'approved', can_explain: false });
		expect(text).not.toMatch(/complainant|(?<!\d)1[3-9]\d{9}(?!\d)/);
		// never told: no explanation accepted
		expect((await call('unit', 'POST', '/api/findings/unit', { finding_id: finding_ids[0], explanation: '说明' })).status).toBe(400);
		// the approval taken back by the leader, then the proposal withdrawn by the inspector
		expect((await call('inspector', 'POST', '/api/findings', { action: 'withdraw', ids: finding_ids })).status).toBe(400);
		expect((await call('leader', 'POST', '/api/findings', { action: 'unapprove', ids: finding_ids })).status).toBe(200);
		expect((await call('inspector', 'POST', '/api/findings', { action: 'withdraw', ids: finding_ids })).status).toBe(200);
	}, 120_000);
});

describe('hardening', () => {
	const foreign = 'http://evil.example';

	it('refuses a JSON log-in posted from another origin', async () => {
		const res = await fetch(app.url + '/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: foreign },
			body: JSON.stringify({ name: TEST_USERS.admin.name, password: TEST_PASSWORD })
		});
		expect(res.status).toBe(403);
		expect(res.headers.getSetCookie()).toEqual([]);
	});

	it('refuses cross-site form and multipart posts and keeps the session', async () => {
		const cookie = await login(app, TEST_USERS.analyst.name);
		const form = await fetch(app.url + '/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: foreign },
			body: `name=${TEST_USERS.admin.name}&password=${encodeURIComponent(TEST_PASSWORD)}`,
			redirect: 'manual'
		});
		expect(form.status).toBe(403);
		const multipart = new FormData();
		multipart.set('leave', '1');
		const logout = await fetch(app.url + '/api/auth/logout', { method: 'POST', headers: { cookie, origin: foreign }, body: multipart, redirect: 'manual' });
		expect(logout.status).toBe(403);
		const fetchMeta = await fetch(app.url + '/api/auth/logout', {
			method: 'POST',
			headers: { cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
			body: '{}'
		});
		expect(fetchMeta.status).toBe(403);
		// The session survived all three; a same-origin log-out then ends it.
		expect((await fetch(app.url + '/', { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
		const ok = await fetch(app.url + '/api/auth/logout', { method: 'POST', headers: { cookie, origin: app.url, 'content-type': 'application/json' }, body: '{}' });
		expect(ok.status).toBe(200);
		expect((await fetch(app.url + '/', { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
	});

	it('sets the session cookie HTTP-only and SameSite, and security headers with a strict CSP', async () => {
		const res = await fetch(app.url + '/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url },
			body: JSON.stringify({ name: TEST_USERS.leader.name, password: TEST_PASSWORD })
		});
		const setCookie = res.headers.getSetCookie().join('\n');
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=(Lax|Strict)/i);
		const page = await fetch(app.url + '/login');
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		expect(page.headers.get('referrer-policy')).toBeTruthy();
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src [^;]*'self'/);
		expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
	});

	it('refuses oversized bodies outside the upload routes', async () => {
		const res = await fetch(app.url + '/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url },
			// past the log-in's 64 KiB cap, small enough to sit in the socket buffers whole (tests/security covers 96 MB)
			body: JSON.stringify({ name: 'x', password: 'y'.repeat(200 * 1024) })
		});
		expect(res.status).toBe(413);
	});

	it('locks an account after 5 failed log-ins (423), even for the right password', async () => {
		const attempt = (password: string) =>
			fetch(app.url + '/api/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: app.url },
				body: JSON.stringify({ name: LOCK_USER, password })
			});
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await attempt('wrong-password')).status);
		expect(statuses).toEqual([401, 401, 401, 401, 423]);
		const right = await attempt(TEST_PASSWORD);
		expect(right.status).toBe(423);
		expect((await right.json()).message).toMatch(/锁定/);
		// Unknown user and wrong password: one status, one message.
		const u = await fetch(app.url + '/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url },
			body: JSON.stringify({ name: 'no_such_user', password: 'wrong-password' })
		});
		const w = await fetch(app.url + '/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url },
			body: JSON.stringify({ name: TEST_USERS.analyst.name, password: 'wrong-password' })
		});
		expect([u.status, w.status]).toEqual([401, 401]);
		expect(await u.json()).toEqual(await w.json());
	});

	it('answers errors in Chinese without a stack trace', async () => {
		const res = await fetch(app.url + '/no-such-page', { headers: { cookie: cookies.get('admin')!, accept: 'application/json' } });
		expect(res.status).toBe(404);
		const body = await res.text();
		expect(body).toContain('页面不存在');
		expect(body).not.toMatch(/\n\s+at /);
	});
});

describe('in the browser', () => {
	it('logs in (back to the page asked for), views as a unit user with a banner, leaves, and logs out', async () => {
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			// A wrong password keeps the user on the log-in page with a Chinese message.
			await page.goto(app.url + '/login');
			await page.getByLabel('用户名').fill(TEST_USERS.admin.name);
			await page.getByLabel('密码').fill('not-the-password');
			await page.getByRole('button', { name: '登录' }).click();
			await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');

			// Asking for an admin page while logged out leads through the log-in page and back to it.
			await page.goto(app.url + '/admin/users');
			await page.waitForURL((u) => u.pathname === '/login');
			expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/admin/users');
			await page.getByLabel('用户名').fill(TEST_USERS.admin.name);
			await page.getByLabel('密码').fill(TEST_PASSWORD);
			await page.getByRole('button', { name: '登录' }).click();
			await page.waitForURL((u) => u.pathname === '/admin/users');
			await expect.poll(() => page.getByRole('cell', { name: TEST_USERS.unit.name, exact: true }).count()).toBe(1);
			await screenshot(page, 'auth-admin-users');

			// View as the unit user: banner, unit-only menu, admin pages closed.
			const choose = page.getByLabel('以他人身份查看');
			const option = await choose.locator('option', { hasText: TEST_USERS.unit.name }).first().getAttribute('value');
			await choose.selectOption(option!);
			await page.getByRole('button', { name: '切换' }).click();
			await page.waitForURL((u) => u.pathname === '/');
			const banner = page.getByRole('status').filter({ hasText: '您正在以' });
			await expect.poll(() => banner.textContent()).toContain(TEST_USERS.unit.name);
			await screenshot(page, 'auth-view-as-unit');
			const denied = await page.goto(app.url + '/admin/users');
			expect(denied?.status()).toBe(403);
			await page.goto(app.url + '/');
			await page.getByRole('button', { name: '退出查看' }).click();
			await page.waitForURL((u) => u.pathname === '/');
			await expect.poll(() => banner.count()).toBe(0);
			expect((await page.goto(app.url + '/admin/audit?action=view_as'))?.status()).toBe(200);
			await expect.poll(() => page.getByRole('cell', { name: TEST_USERS.unit.name, exact: true }).count()).toBeGreaterThanOrEqual(2);

			// Log out: back to the log-in page, and the old session no longer opens anything.
			await page.getByRole('button', { name: '退出登录' }).click();
			await page.waitForURL((u) => u.pathname === '/login');
			await page.goto(app.url + '/admin/users');
			await page.waitForURL((u) => u.pathname === '/login');

			// The shared helper works for every role.
			await loginPage(page, app, TEST_USERS.unit.name);
			expect(new URL(page.url()).pathname).toBe('/');
		} finally {
			await browser.close();
		}
	}, 120_000);
});

describe('session expiry', () => {
	it('ends an idle session after SESSION_TTL_MINUTES', async () => {
		await app.stop();
		appRunning = false;
		process.env.SESSION_TTL_MINUTES = '0.05'; // 3 s
		try {
			app = await startApp({ dbPath });
			appRunning = true;
		} finally {
			delete process.env.SESSION_TTL_MINUTES;
		}
		const cookie = await login(app, TEST_USERS.analyst.name);
		const fresh = await fetch(app.url + '/', { headers: { cookie }, redirect: 'manual' });
		expect(fresh.status).toBe(200);
		await new Promise((r) => setTimeout(r, 3500));
		const stale = await fetch(app.url + '/', { headers: { cookie }, redirect: 'manual' });
		expect(stale.status).toBe(303);
		expect(stale.headers.get('location')).toBe('/login');
		const api = await fetch(app.url + '/api/auth/logout', { method: 'POST', headers: { cookie, origin: app.url } });
		expect(api.status).toBe(401);
	}, 120_000);
});

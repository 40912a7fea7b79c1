// Issue 17 (low): every response that shows a complainant's identity writes one audit row per request, for every
// role that may see it (admins and analysts too): the user, the route, how many records were shown and the client
// address, which is the socket's peer unless that peer is a configured trusted proxy. Roles without the PII grant
// leave no such row (they never see it). The admin reads the rows through the audit log's own download.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, login, prepareDatabase, startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';

let app: RunningApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
	// 127.0.0.1 is "the proxy": requests from it carry the client's address in X-Forwarded-For. Requests from
	// 127.0.0.2 (another loopback address) are direct clients whose header must be ignored.
	// one case with a pause whose reason names the complainant's phone (the compliance case page shows it)
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-audit-'));
	const dbPath = prepareDatabase(dir, 300);
	const file = path.join(dir, 'paused.csv');
	fs.writeFileSync(
		file,
		'投诉编号,受理时间,被投诉单位,办理方式,受理决定时间,暂停开始时间,暂停结束时间,暂停原因\n' +
			`${PAUSED},2025-09-01 09:00,县教育局,直接办理,2025-09-01 09:30,2025-09-02 09:00,2025-09-05 09:00,等待投诉人（13812345678）补充材料\n`
	);
	cli(['import', file, '--db', dbPath]);
	app = await startApp({ dbPath, env: { TRUSTED_PROXIES: '127.0.0.1' } });
	for (const u of Object.values(TEST_USERS)) cookies[u.name] = await login(app, u.name);
}, 600_000);

afterAll(async () => {
	await app?.stop();
});

/** GET over node:http, so the request can leave from a chosen local address. */
function get(path: string, cookie: string, opts: { from?: string; forwardedFor?: string } = {}): Promise<{ status: number; body: string }> {
	const { hostname, port } = new URL(app.url);
	return new Promise((resolve, reject) => {
		const headers: Record<string, string> = { cookie };
		if (opts.forwardedFor) headers['x-forwarded-for'] = opts.forwardedFor;
		const req = http.get({ host: hostname, port: Number(port), path, headers, localAddress: opts.from ?? '127.0.0.2', agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

interface AuditRow {
	audit_id: number;
	user_name: string;
	as_user: string;
	action: string;
	target: string;
	detail: { records: number; view?: string; case_id?: string; file?: string; search?: boolean } | null;
	ip: string;
}

/** The pii_view rows newer than `after`, as the admin downloads them (oldest first). */
async function piiRows(after: number): Promise<AuditRow[]> {
	const res = await get('/api/admin/audit.csv?action=pii_view', cookies.admin);
	expect(res.status).toBe(200);
	const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
	const header = parseCsvLine(lines[0]);
	return lines
		.slice(1)
		.map((l) => Object.fromEntries(parseCsvLine(l).map((v, i) => [header[i], v])))
		.map((r) => ({ ...r, audit_id: Number(r.audit_id), detail: r.detail ? JSON.parse(r.detail) : null }) as AuditRow)
		.filter((r) => r.audit_id > after)
		.reverse();
}

function parseCsvLine(line: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
			else if (c === '"') quoted = false;
			else cur += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') out.push(cur), (cur = '');
		else cur += c;
	}
	out.push(cur);
	return out;
}

async function lastId(): Promise<number> {
	const res = await get('/api/admin/audit.csv', cookies.admin);
	const second = res.body.replace(/^\uFEFF/, '').split('\r\n')[1] ?? '';
	return Number(second.split(',')[0] || 0);
}

const PAUSED = 'PII-PAUSE-1';
const LIST = '/api/cases?from=2000-01-01&to=2100-12-31&size=20';

describe('PII views are audited per request', () => {
	it('a case list (and a search) writes one row with the user, route, records shown and the socket address', async () => {
		const mark = await lastId();
		const res = await get(LIST, cookies.analyst, { forwardedFor: '203.0.113.66' });
		expect(res.status).toBe(200);
		const list = JSON.parse(res.body) as { rows: { case_id: string; complainant_name?: string }[] };
		expect(list.rows.length).toBe(20);
		expect(list.rows.some((r) => r.complainant_name)).toBe(true);
		const first = list.rows[0].case_id;
		const search = await get(`${LIST}&q=${encodeURIComponent(first)}`, cookies.admin);
		const found = (JSON.parse(search.body) as { rows: unknown[] }).rows.length;
		expect(found).toBeGreaterThan(0);

		const rows = await piiRows(mark);
		expect(rows.map((r) => [r.user_name, r.target, r.detail?.records, r.ip])).toEqual([
			// from 127.0.0.2, not a trusted proxy: its X-Forwarded-For is ignored
			['analyst', 'GET /api/cases', 20, '127.0.0.2'],
			['admin', 'GET /api/cases', found, '127.0.0.2']
		]);
		expect(rows[1].detail?.search).toBe(true);
	});

	it('the case page writes a row for every role that sees the identity, with the address a trusted proxy saw', async () => {
		const list = JSON.parse((await get(LIST, cookies.unit_zjj)).body) as { rows: { case_id: string }[] };
		const id = list.rows[0].case_id;
		const mark = await lastId();
		for (const name of ['admin', 'analyst', 'inspector_pii']) {
			const res = await get(`/cases/${encodeURIComponent(id)}`, cookies[name], { from: '127.0.0.1', forwardedFor: '198.51.100.1, 203.0.113.7' });
			expect(res.status, name).toBe(200);
		}
		const rows = await piiRows(mark);
		expect(rows.map((r) => [r.user_name, r.target, r.detail?.records, r.detail?.case_id, r.ip])).toEqual(
			['admin', 'analyst', 'inspector_pii'].map((n) => [n, `GET /cases/${id}`, 1, id, '203.0.113.7'])
		);
	});

	it('an export writes a row counting the records it sent', async () => {
		const mark = await lastId();
		const csv = await get('/api/cases.csv?from=2000-01-01&to=2100-12-31', cookies.inspector_pii);
		expect(csv.status).toBe(200);
		expect(csv.body.split('\r\n')[0]).toContain('complainant_phone');
		const sent = csv.body.trim().split('\r\n').length - 1; // every record is one line: no field holds a line break here
		expect(sent).toBeGreaterThan(100);
		const rows = await piiRows(mark);
		expect(rows.map((r) => [r.user_name, r.target, r.detail?.records, r.detail?.file, r.ip])).toEqual([
			['inspector_pii', 'GET /api/cases.csv', sent, 'cases.csv', '127.0.0.2']
		]);
	});

	it('the repeat chains, which show the texts unredacted to the grant, write a row counting their cases', async () => {
		const mark = await lastId();
		const res = await fetch(`${app.url}/api/metrics/repeats/chains?from=2000-01-01&to=2100-12-31`, { headers: { cookie: cookies.analyst } });
		expect(res.status).toBe(200);
		const shown = tableFromIPC(new Uint8Array(await res.arrayBuffer())).numRows;
		expect(shown).toBeGreaterThan(0);
		const rows = await piiRows(mark);
		expect(rows.map((r) => [r.user_name, r.target, r.detail?.records, r.detail?.view])).toEqual([
			['analyst', 'GET /api/metrics/repeats/chains', shown, 'repeat_chains']
		]);
	});

	it('the compliance case view, which shows pause reasons unredacted to the grant, writes a row; without the grant it shows the redacted reason', async () => {
		const mark = await lastId();
		const api = `/api/compliance/cases/${PAUSED}`;
		const plain = JSON.parse((await get(api, cookies.inspector)).body) as { pauses: { reason: string | null }[] };
		expect(plain.pauses).toHaveLength(1);
		expect(plain.pauses[0].reason).not.toContain('13812345678');
		expect(await piiRows(mark)).toEqual([]);
		const clear = JSON.parse((await get(api, cookies.analyst)).body) as { pauses: { reason: string | null }[] };
		expect(clear.pauses[0].reason).toContain('13812345678');
		expect((await get(`/compliance/case/${PAUSED}`, cookies.inspector_pii)).status).toBe(200);
		const rows = await piiRows(mark);
		expect(rows.map((r) => [r.user_name, r.target, r.detail?.records, r.detail?.view, r.detail?.case_id])).toEqual([
			['analyst', `GET ${api}`, 1, 'compliance_case', PAUSED],
			['inspector_pii', `GET /compliance/case/${PAUSED}`, 1, 'compliance_case', PAUSED]
		]);
	});

	it('roles without the grant see no identity and leave no PII row', async () => {
		const mark = await lastId();
		for (const name of ['inspector', 'unit_zjj']) {
			const res = await get(LIST, cookies[name]);
			expect(res.status).toBe(200);
			expect(res.body).not.toContain('complainant_name');
			const csv = await get('/api/cases.csv?from=2000-01-01&to=2100-12-31', cookies[name]);
			expect(csv.status).toBe(200);
		}
		expect(await piiRows(mark)).toEqual([]);
	});
});

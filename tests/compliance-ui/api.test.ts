// The compliance, appraisal and calendar APIs on the built app with demo data: unit scope and no complainant
// fields, role refusals, parameter checks, the audited appraisal export, and a calendar upload that
// validates, loads and recomputes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { login, startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';

let app: RunningApp;
const cookies: Record<string, string> = {};
const UNIT = TEST_USERS.unit.unit;

beforeAll(async () => {
	app = await startApp({ rows: 3000 });
	for (const u of ['admin', 'inspector', 'leader', 'unit'] as const) cookies[u] = await login(app, TEST_USERS[u].name);
}, 300_000);

afterAll(async () => {
	await app?.stop();
});

async function get(who: keyof typeof cookies, path: string): Promise<Response> {
	return fetch(app.url + path, { headers: { cookie: cookies[who] } });
}
async function getJson<T = Record<string, unknown>>(who: keyof typeof cookies, path: string): Promise<{ status: number; body: T }> {
	const res = await get(who, path);
	return { status: res.status, body: (await res.json()) as T };
}

interface ResultsBody {
	total: number;
	page: number;
	pages: number;
	rows: Record<string, unknown>[];
}

const COMPLAINANT = /complainant/i;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

describe('compliance API', () => {
	it('gives a unit user only its own units rows, and never complainant fields', async () => {
		for (const status of ['flagged', 'met', 'open-within']) {
			const { status: code, body } = await getJson<ResultsBody>('unit', `/api/compliance/results?status=${status}`);
			expect(code).toBe(200);
			for (const row of body.rows) {
				expect(row.unit).toBe(UNIT);
				expect(Object.keys(row).some((k) => COMPLAINANT.test(k))).toBe(false);
			}
			expect(JSON.stringify(body)).not.toMatch(MOBILE);
			// the same number an inspector sees for that unit
			const all = await getJson<ResultsBody>('inspector', `/api/compliance/results?status=${status}&unit=${encodeURIComponent(UNIT)}`);
			expect(body.total).toBe(all.body.total);
			if (status === 'met') expect(body.total).toBeGreaterThan(0);
		}
		// asking for another unit gives nothing rather than that unit's rows
		const other = await getJson<ResultsBody>('unit', `/api/compliance/results?status=met&unit=${encodeURIComponent('县公安局')}`);
		expect(other.body.total).toBe(0);
		const inspectorOther = await getJson<ResultsBody>('inspector', `/api/compliance/results?status=met&unit=${encodeURIComponent('县公安局')}`);
		expect(inspectorOther.body.total).toBeGreaterThan(0);
	});

	it('scopes the summary to the unit and keeps the rates consistent with the counts', async () => {
		const { body } = await getJson<{ by_unit: { unit: string }[]; totals: Record<string, number>; units: string[] }>('unit', '/api/compliance/summary');
		expect(body.by_unit.map((u) => u.unit)).toEqual([UNIT]);
		expect(body.units).toEqual([UNIT]);
		const t = body.totals;
		expect(t.breach_rate).toBeCloseTo(t.breached / (t.met + t.breached), 3);
		const inspector = await getJson<{ by_unit: { unit: string; breached: number }[] }>('inspector', '/api/compliance/summary');
		expect(inspector.body.by_unit.length).toBeGreaterThan(5);
		expect(inspector.body.by_unit.find((u) => u.unit === UNIT)!.breached).toBe(t.breached);
	});

	it('the flagged list holds breached and open-overdue rows with explanations, latest lateness first', async () => {
		const { body } = await getJson<ResultsBody>('inspector', '/api/compliance/results');
		expect(body.total).toBeGreaterThan(0);
		const statuses = new Set(body.rows.map((r) => r.status));
		for (const s of statuses) expect(['breached', 'open-overdue']).toContain(s);
		const late = body.rows.map((r) => Number(r.working_days_late ?? 0));
		expect(late).toEqual([...late].sort((a, b) => b - a));
		for (const r of body.rows) expect(String(r.explanation)).toMatch(/超期/);
		const breached = await getJson<ResultsBody>('inspector', '/api/compliance/results?status=breached');
		const overdue = await getJson<ResultsBody>('inspector', '/api/compliance/results?status=open-overdue');
		expect(breached.body.total + overdue.body.total).toBe(body.total);
	});

	it('a case timeline answers for the own unit and 404 outside it; leaders get 403', async () => {
		const own = await getJson<ResultsBody>('unit', '/api/compliance/results?status=met');
		const ownCase = String(own.body.rows[0].case_id);
		const ok = await getJson<{ clocks: unknown[]; calendar: { kind: string }[] }>('unit', `/api/compliance/cases/${ownCase}`);
		expect(ok.status).toBe(200);
		expect(ok.body.clocks.length).toBeGreaterThan(0);
		expect(ok.body.calendar.length).toBeGreaterThan(0);
		expect(JSON.stringify(ok.body)).not.toMatch(COMPLAINANT);
		const other = await getJson<ResultsBody>('inspector', `/api/compliance/results?status=met&unit=${encodeURIComponent('县公安局')}`);
		const denied = await get('unit', `/api/compliance/cases/${other.body.rows[0].case_id}`);
		expect(denied.status).toBe(404);
		expect((await get('leader', '/api/compliance/results')).status).toBe(403);
		expect((await get('leader', '/api/compliance/summary')).status).toBe(403);
	});

	it('refuses bad parameters with a Chinese message, and never reads a pack from a path', async () => {
		for (const qs of ['pack=../../etc/passwd', 'pack=data%2Fpacks%2Fcounty-efficiency.yaml', 'month=2025-13', 'as_of=2025-02-30', 'status=x', 'page=0']) {
			const { status, body } = await getJson<{ message: string }>('inspector', `/api/compliance/results?${qs}`);
			expect(status, qs).toBe(400);
			expect(body.message).toMatch(/[\u4e00-\u9fff]/);
		}
		expect((await get('inspector', '/api/compliance/results?pack=no-such-pack')).status).toBe(404);
	});
});

describe('appraisal API', () => {
	const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;

	it('ranks units with tiers; evidence has cases, rules, due moments and no complainant identity', async () => {
		const { body } = await getJson<{ rows: { unit: string; tier: string | null; rank: number | null; breaches: number; substantiated: number }[] }>('inspector', `/api/appraisal?year=${year}`);
		expect(body.rows.length).toBeGreaterThan(5);
		// a ranked unit has the scheme's tier; a unit below the minimum of cases is 未参与排名, without a tier
		expect(body.rows.every((r) => (r.rank === null ? r.tier === null : typeof r.tier === 'string' && r.tier.length > 0))).toBe(true);
		expect(body.rows.filter((r) => r.rank !== null).length).toBeGreaterThan(5);
		const first = body.rows[0];
		const ev = await getJson<{ total: number; rows: Record<string, unknown>[] }>(
			'inspector',
			`/api/appraisal/evidence?year=${year}&unit=${encodeURIComponent(first.unit)}`
		);
		expect(ev.status).toBe(200);
		expect(ev.body.total).toBeGreaterThan(0);
		const withRule = ev.body.rows.filter((r) => r.rule_id);
		for (const r of withRule) {
			expect(r.due_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			expect(['breached', 'open-overdue']).toContain(r.status);
		}
		expect(withRule.filter((r) => r.status === 'breached').length).toBe(first.breaches);
		expect(JSON.stringify(ev.body)).not.toMatch(COMPLAINANT);
		expect(JSON.stringify(ev.body)).not.toMatch(MOBILE);
	});

	it('leaders see the ranked list but not the evidence; unit users see neither', async () => {
		expect((await get('leader', `/api/appraisal?year=${year}`)).status).toBe(200);
		expect((await get('leader', `/api/appraisal/evidence?year=${year}&unit=${encodeURIComponent(UNIT)}`)).status).toBe(403);
		expect((await get('unit', `/api/appraisal?year=${year}`)).status).toBe(403);
	});

	it('exports XLSX and CSV with the evidence, and writes each download to the audit log', async () => {
		const res = await get('inspector', `/api/appraisal/export?year=${year}&pack=county-efficiency&by=unit&format=xlsx`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/attachment/);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '证据', '说明']);
		expect(wb.getWorksheet('证据')!.rowCount).toBeGreaterThan(1);
		const csv = await get('inspector', `/api/appraisal/export?year=${year}&format=csv`);
		expect(csv.status).toBe(200);
		const text = await csv.text();
		expect(text.split('\n').length).toBeGreaterThan(2);
		expect((await get('inspector', `/api/appraisal/export?year=${year}&format=pdf`)).status).toBe(400);
		const log = await (await get('admin', '/api/admin/audit.csv?action=export')).text();
		expect(log).toMatch(new RegExp(`年度考核-${year}-county-efficiency-单位\\.xlsx`));
		expect(log).toMatch(new RegExp(`年度考核-${year}-county-efficiency-单位\\.csv`));
	});
});

describe('calendar admin API', () => {
	const post = (who: keyof typeof cookies, body: string) =>
		fetch(app.url + '/api/admin/calendar', { method: 'POST', headers: { cookie: cookies[who], 'content-type': 'application/json', origin: app.url }, body });

	it('rejects an invalid notice naming the field, loads a valid one and recomputes', async () => {
		const before = await getJson<{ years: { year: number; official: boolean }[] }>('admin', '/api/admin/calendar');
		const next = Math.max(...before.body.years.map((y) => y.year));
		expect(before.body.years.find((y) => y.year === next)!.official).toBe(false);

		// a make-up workday on a Wednesday is not a weekend day
		const wednesday = [1, 2, 3, 4, 5, 6, 7].map((d) => `${next}-01-0${d}`).find((d) => new Date(d + 'T00:00:00Z').getUTCDay() === 3)!;
		const bad = await post(
			'admin',
			JSON.stringify({ year: next, source: '测试通知', holidays: [{ date: `${next}-01-01`, name: '元旦' }], makeup_workdays: [{ date: wednesday, name: '元旦' }] })
		);
		expect(bad.status).toBe(400);
		const badBody = (await bad.json()) as { message: string; field: string };
		expect(badBody.message).toMatch(/不是周末/);
		expect(badBody.field).toMatch(/makeup_workdays/);
		expect((await post('admin', '{not json')).status).toBe(400);
		expect((await post('inspector', JSON.stringify({ year: next }))).status).toBe(403);

		const good = await post(
			'admin',
			JSON.stringify({ year: next, official: true, source: `国务院办公厅关于${next}年部分节假日安排的通知（测试）`, holidays: [{ date: `${next}-01-01`, name: '元旦' }] })
		);
		expect(good.status).toBe(200);
		const done = (await good.json()) as { year: number; recomputed: string[] };
		expect(done.year).toBe(next);
		expect(done.recomputed).toContain('county-efficiency');
		const after = await getJson<{ years: { year: number; official: boolean; source: string; origin: string }[] }>('admin', '/api/admin/calendar');
		const row = after.body.years.find((y) => y.year === next)!;
		expect(row).toMatchObject({ official: true, origin: 'import' });
		expect(row.source).toMatch(/测试/);
		const log = await (await get('admin', '/api/admin/audit.csv?action=calendar_import')).text();
		expect(log).toContain(String(next));
	});
});

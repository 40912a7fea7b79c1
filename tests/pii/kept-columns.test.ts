// Issue 15 (every column is kept) with issue 17's rule: a column of the export that maps to no field is stored
// with the case and treated as complainant data — shown on the case page, found by the case search and written
// to the exports only for roles with the PII grant; the batch report lists what was kept, with filled and empty
// counts, the empty and invalid cells of each mapped field, and the warnings by kind (downloadable as CSV).
// A kept column the analyst marked 不含个人信息 (here 所属街道, by --public-column) is read by every role that sees
// the case, a unit user included, on the case page, in the search and in both exports; the unmarked ones still not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, login, prepareDatabase, startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';

const UNIT = TEST_USERS.unit.unit;
const PHONE = '13912345670';
const ADDRESS = '幸福小区9栋';
const STREET = '城东街道';
// Five rows: one rejected (no receipt time), one closed before it was received (a quality warning), the kept
// columns 备用电话 and 小区地址 filled in 2 and 3 of the 4 imported rows, 办结时间 empty in 2 of them; 所属街道
// (marked 不含个人信息) filled in 2.
const CSV = [
	'投诉编号,受理时间,被投诉单位,投诉类别,投诉内容,办结时间,备用电话,小区地址,所属街道',
	`KEEP-1,2026-11-02 09:00:00,${UNIT},物业管理,楼道灯坏了,2026-11-03 10:00:00,${PHONE},${ADDRESS},${STREET}`,
	`KEEP-2,2026-11-04 09:00:00,${UNIT},物业管理,电梯停运,2026-11-01 10:00:00,,${ADDRESS},`,
	`KEEP-3,2026-11-05 09:00:00,${UNIT},物业管理,噪音扰民,,13700000001,,城西街道`,
	`KEEP-4,2026-11-06 09:00:00,${UNIT},物业管理,垃圾未清运,,,另一小区,`,
	`KEEP-5,,${UNIT},物业管理,没有受理时间,,,,`
].join('\n');

let app: RunningApp;
let batchId = 0;
const cookies: Record<string, string> = {};

beforeAll(async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-columns-'));
	const dbPath = prepareDatabase(dir, 200);
	const file = path.join(dir, '保留列.csv');
	fs.writeFileSync(file, CSV);
	const report = cliJson<{ batch_id: number; rows_imported: number; rows_rejected: number }>(['import', file, '--public-column', '所属街道', '--db', dbPath]);
	expect(report.rows_imported).toBe(4);
	expect(report.rows_rejected).toBe(1);
	batchId = report.batch_id;
	app = await startApp({ dbPath });
	for (const u of Object.values(TEST_USERS)) cookies[u.name] = await login(app, u.name);
}, 600_000);

afterAll(async () => {
	await app?.stop();
});

async function text(url: string, who: string): Promise<{ status: number; body: string }> {
	const res = await fetch(app.url + url, { headers: { cookie: cookies[who] } });
	return { status: res.status, body: await res.text() };
}

const WITH_GRANT = ['admin', 'analyst', 'inspector_pii'];
const WITHOUT = ['inspector', 'unit_zjj'];
const RANGE = 'from=2026-11-01&to=2026-11-30';

describe('columns kept from the export', () => {
	it('are shown on the case page only with the PII grant', async () => {
		for (const who of WITH_GRANT) {
			const page = await text('/cases/KEEP-1', who);
			expect(page.status, who).toBe(200);
			expect(page.body, who).toContain('备用电话（附加列）');
			expect(page.body, who).toContain(PHONE);
			expect(page.body, who).toContain(ADDRESS);
			expect(page.body, who).toContain('所属街道（附加列）');
			expect(page.body, who).toContain(STREET);
		}
		for (const who of WITHOUT) {
			const page = await text('/cases/KEEP-1', who);
			expect(page.status, who).toBe(200);
			expect(page.body, who).not.toContain(PHONE);
			expect(page.body, who).not.toContain(ADDRESS);
			expect(page.body, who).not.toContain('备用电话');
			expect(page.body, who).not.toContain('小区地址');
			// the column marked 不含个人信息 is theirs too
			expect(page.body, who).toContain('所属街道（附加列）');
			expect(page.body, who).toContain(STREET);
		}
	});

	it('are searched in the case explorer only with the PII grant', async () => {
		for (const [q, ids] of [
			[PHONE.slice(3, 9), ['KEEP-1']],
			['幸福小区', ['KEEP-1', 'KEEP-2']]
		] as const) {
			for (const who of WITH_GRANT) {
				const res = JSON.parse((await text(`/api/cases?${RANGE}&q=${encodeURIComponent(q)}`, who)).body) as { rows: { case_id: string }[] };
				expect(res.rows.map((r) => r.case_id).sort(), `${who} ${q}`).toEqual(ids);
			}
			for (const who of WITHOUT) {
				const res = JSON.parse((await text(`/api/cases?${RANGE}&q=${encodeURIComponent(q)}`, who)).body) as { rows: unknown[] };
				expect(res.rows, `${who} ${q}`).toEqual([]);
			}
		}
		// the column marked 不含个人信息: every role finds it (q= is the filters' q, compiled once for every screen)
		for (const who of [...WITH_GRANT, ...WITHOUT]) {
			for (const [q, ids] of [
				['街道', ['KEEP-1', 'KEEP-3']],
				[STREET, ['KEEP-1']]
			] as const) {
				const res = JSON.parse((await text(`/api/cases?${RANGE}&q=${encodeURIComponent(q)}`, who)).body) as { rows: { case_id: string }[] };
				expect(res.rows.map((r) => r.case_id).sort(), `${who} ${q}`).toEqual(ids);
			}
		}
	});

	it('are written to the CSV export, one column each, only with the PII grant', async () => {
		for (const who of WITH_GRANT) {
			const csv = await text(`/api/cases.csv?${RANGE}`, who);
			const [header, ...lines] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
			const cols = header.split(',');
			expect(cols.slice(-3), who).toEqual(['extra:备用电话', 'extra:小区地址', 'extra:所属街道']);
			const byId = Object.fromEntries(lines.map((l) => l.split(',')).map((c) => [c[cols.indexOf('case_id')], c.slice(-3)]));
			expect(byId['KEEP-1'], who).toEqual([PHONE, ADDRESS, STREET]);
			expect(byId['KEEP-4'], who).toEqual(['', '另一小区', '']);
		}
		for (const who of WITHOUT) {
			const csv = await text(`/api/cases.csv?${RANGE}`, who);
			expect(csv.status, who).toBe(200);
			expect(csv.body, who).not.toContain('extra:备用电话');
			expect(csv.body, who).not.toContain('extra:小区地址');
			expect(csv.body, who).not.toContain(PHONE);
			expect(csv.body, who).not.toContain(ADDRESS);
			const [header, ...lines] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
			const cols = header.split(',');
			expect(cols.at(-1), who).toBe('extra:所属街道');
			const byId = Object.fromEntries(lines.map((l) => l.split(',')).map((c) => [c[cols.indexOf('case_id')], c.at(-1)]));
			expect(byId['KEEP-1'], who).toBe(STREET);
			expect(byId['KEEP-3'], who).toBe('城西街道');
		}
	});

	it('are written to the XLSX export, one column each, the unmarked ones only with the PII grant', async () => {
		const sheetOf = async (who: string) => {
			const res = await fetch(`${app.url}/api/cases.xlsx?${RANGE}`, { headers: { cookie: cookies[who] } });
			expect(res.status, who).toBe(200);
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
			const ws = wb.worksheets[0];
			const rows: string[][] = [];
			ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
			return rows;
		};
		for (const who of WITH_GRANT) {
			const [header, ...rows] = await sheetOf(who);
			expect(header.slice(-3), who).toEqual(['备用电话（附加列）', '小区地址（附加列）', '所属街道（附加列）']);
			const keep1 = rows.find((r) => r.includes('KEEP-1'))!;
			expect(keep1.slice(-3), who).toEqual([PHONE, ADDRESS, STREET]);
		}
		for (const who of WITHOUT) {
			const [header, ...rows] = await sheetOf(who);
			expect(header.at(-1), who).toBe('所属街道（附加列）');
			expect(header.join('|'), who).not.toContain('备用电话');
			expect(header.join('|'), who).not.toContain('小区地址');
			const all = rows.flat().join('|');
			expect(all, who).not.toContain(PHONE);
			expect(all, who).not.toContain(ADDRESS);
			expect(rows.find((r) => r.includes('KEEP-1'))?.at(-1), who).toBe(STREET);
		}
	});
});

describe("a batch's data quality", () => {
	it('lists the kept columns, empty and invalid cells per mapped field, and the warnings by kind', async () => {
		const detail = JSON.parse((await text(`/api/import/batches/${batchId}`, 'analyst')).body) as {
			quality: {
				cases: number;
				warnings: { warning: string; cases: number }[];
				fields: { field: string; header: string; empty: number; invalid: number }[];
				kept: { header: string; filled: number; empty: number }[];
			};
		};
		const q = detail.quality;
		expect(q.cases).toBe(4);
		expect(q.kept).toEqual([
			{ header: '备用电话', filled: 2, empty: 2, public: false },
			{ header: '小区地址', filled: 3, empty: 1, public: false },
			{ header: '所属街道', filled: 2, empty: 2, public: true }
		]);
		const field = (f: string) => q.fields.find((x) => x.field === f);
		expect(field('closed_at')).toMatchObject({ header: '办结时间', empty: 2 });
		expect(field('received_at')).toMatchObject({ header: '受理时间', empty: 0, invalid: 1 });
		expect(q.warnings).toEqual([{ warning: '办结时间早于受理时间', cases: 1 }]);
	});

	it('shows its completeness and consistency scores in the import history (API and page)', async () => {
		// mapped optional fields 投诉类别, 投诉内容, 办结时间 over the 4 cases: 12 cells, 10 filled (two 办结时间 empty);
		// one of the 4 cases has a warning
		const list = JSON.parse((await text('/api/import/batches', 'analyst')).body) as { batch_id: number; completeness: number; consistency: number }[];
		const b = list.find((x) => x.batch_id === batchId)!;
		expect(b.completeness).toBeCloseTo((100 * 10) / 12, 9);
		expect(b.consistency).toBe(75);
		const page = (await text('/import', 'analyst')).body;
		expect(page).toContain('完整性');
		expect(page).toContain('一致性');
		expect(page).toMatch(/data-score="completeness"[^>]*>83\.3</);
		expect(page).toMatch(/data-score="consistency"[^>]*>75\.0</);
	});

	it('downloads its warnings with their cases and lines as CSV, for importers only', async () => {
		const csv = await text(`/api/import/batches/${batchId}/quality.csv`, 'analyst');
		expect(csv.status).toBe(200);
		expect(csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['行号,投诉编号,数据质量提示', '3,KEEP-2,办结时间早于受理时间']);
		for (const who of ['inspector', 'leader', 'unit_zjj']) expect((await text(`/api/import/batches/${batchId}/quality.csv`, who)).status, who).toBe(403);
	});
});

// The upload and import API as a script or the page calls it: who may upload, what is refused and why
// (in Chinese), and a full upload → job → report → rejects CSV round trip with exact row accounting.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { login, startApp, type RunningApp } from '../helpers/app.ts';
import { profilesDir } from '../../src/lib/server/ingest/profiles.ts';
import { FIXTURE_HEADERS, makeFixture, UNMAPPED_UNIT_HEADER } from './fixture.ts';

let app: RunningApp;
let analyst: string;

beforeAll(async () => {
	// As `npm start` does: uploads are limited by the import API (1 GiB), not by adapter-node's 512 KB default.
	process.env.BODY_SIZE_LIMIT = 'Infinity';
	app = await startApp({ rows: 1500 });
	analyst = await login(app, 'analyst');
});

afterAll(async () => {
	await app?.stop();
});

function upload(name: string, body: string | Uint8Array, cookie = analyst): Promise<Response> {
	return fetch(`${app.url}/api/import/uploads?name=${encodeURIComponent(name)}`, {
		method: 'POST',
		headers: { cookie, origin: app.url, 'content-type': 'application/octet-stream' },
		body: body as BodyInit
	});
}

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
	const res = await fetch(app.url + path, {
		...init,
		headers: { cookie: analyst, origin: app.url, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers }
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

interface Job {
	id: string;
	status: string;
	phase: string;
	fraction: number;
	report: Record<string, number | string> | null;
	error: { message: string; file?: string; line?: number; column?: string } | null;
}

async function importThroughApi(name: string, bytes: Uint8Array, map?: Record<string, string>): Promise<Job> {
	const up = await upload(name, bytes);
	expect(up.status).toBe(201);
	const { uploadId } = (await up.json()) as { uploadId: string };
	const started = await api<Job>('/api/import/jobs', { method: 'POST', body: JSON.stringify({ uploadId, map }) });
	expect(started.status).toBe(202);
	const fractions: number[] = [];
	for (;;) {
		const { body: job } = await api<Job>(`/api/import/jobs/${started.body.id}`);
		fractions.push(job.fraction);
		if (job.status === 'done' || job.status === 'failed') {
			// Progress only ever moves forward.
			expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
			return job;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe('upload endpoint refuses', () => {
	it('anonymous callers with 401', async () => {
		const res = await upload('a.csv', 'x', '');
		expect(res.status).toBe(401);
		expect(((await res.json()) as { message: string }).message).toMatch(/登录/);
	});

	it('roles that do not import with 403', async () => {
		const leader = await login(app, 'leader');
		const res = await upload('a.csv', '投诉编号\n1\n', leader);
		expect(res.status).toBe(403);
	});

	it('a file type it cannot read with 400 and a Chinese message naming the file', async () => {
		const res = await upload('报表.pdf', '%PDF-1.7 ...');
		expect(res.status).toBe(400);
		const body = (await res.json()) as { message: string; file: string };
		expect(body.message).toContain('报表.pdf');
		expect(body.message).toMatch(/类型不受支持/);
	});

	it('a .csv whose content is binary (a renamed workbook) with 400', async () => {
		const res = await upload('导出.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 0, 0, 0]));
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(/不是文本文件/);
	});

	it('a .xlsx that is not a workbook with 400', async () => {
		const res = await upload('导出.xlsx', '投诉编号,受理时间\n');
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(/不是 Excel 工作簿/);
	});

	it('an empty file with 400', async () => {
		const res = await fetch(`${app.url}/api/import/uploads?name=empty.csv`, {
			method: 'POST',
			headers: { cookie: analyst, origin: app.url, 'content-type': 'application/octet-stream' }
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(/空/);
	});

	it('a body declared over 1 GiB with 413 before reading it', async () => {
		const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = http.request(`${app.url}/api/import/uploads?name=big.csv`, {
				method: 'POST',
				headers: {
					cookie: analyst,
					origin: app.url,
					'content-type': 'application/octet-stream',
					'content-length': String(1024 ** 3 + 1)
				}
			});
			req.on('response', (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => {
					resolve({ status: res.statusCode ?? 0, body: text });
					req.destroy();
				});
			});
			req.on('error', reject);
			req.write('投诉编号,受理时间\n');
		});
		expect(status).toBe(413);
		expect((JSON.parse(body) as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
	});
});

describe('upload, import and report', () => {
	it('imports a GB18030 export with exact row accounting and serves all rejects as CSV', async () => {
		const fixture = makeFixture('API');
		const proposal = await api<{ mapping: Record<string, string>; missingRequired: string[] }>('/api/import/mapping', {
			method: 'POST',
			body: JSON.stringify({ headers: FIXTURE_HEADERS })
		});
		expect(proposal.status).toBe(200);
		expect(proposal.body.mapping.case_id).toBe('投诉编号');
		expect(proposal.body.missingRequired).toContain('unit');
		// with the preview's first rows: the header row below a title row, as the import finds it
		const titled = await api<{ headers: string[]; headerRow: number; mapping: Record<string, string> }>('/api/import/mapping', {
			method: 'POST',
			body: JSON.stringify({ headers: ['某县投诉台账'], rows: [['某县投诉台账', '', ''], FIXTURE_HEADERS, FIXTURE_HEADERS.map(() => 'x')] })
		});
		expect(titled.status).toBe(200);
		expect(titled.body).toMatchObject({ headerRow: 1, headers: FIXTURE_HEADERS });
		expect(titled.body.mapping.case_id).toBe('投诉编号');
		const grouped = await api<{ headers: string[]; headerRow: number; headerRows: number }>('/api/import/mapping', {
			method: 'POST',
			body: JSON.stringify({ headers: ['x'], rows: [['投诉编号', '受理时间', '办理情况', ''], ['', '', '办结时间', '满意度'], ['A1', '2025-10-08', '2025-10-20', '满意']] })
		});
		expect(grouped.body).toMatchObject({ headerRow: 0, headerRows: 2, headers: ['投诉编号', '受理时间', '办结时间', '满意度'] });

		const job = await importThroughApi('投诉导出-API.csv', fixture.bytes, { ...proposal.body.mapping, unit: UNMAPPED_UNIT_HEADER });
		expect(job.error).toBeNull();
		expect(job.status).toBe('done');
		expect(job.fraction).toBe(1);
		const report = job.report!;
		expect(report.file).toBe('投诉导出-API.csv');
		expect(report.encoding).toMatch(/gb18030/i);
		expect(report.rows_total).toBe(fixture.rows.length);
		expect(report.rows_imported).toBe(fixture.imported);
		expect(report.rows_rejected).toBe(fixture.rejected);
		expect(report.rows_updated).toBe(0);
		expect(report.rows_unchanged).toBe(0);

		const detail = await api<{ batch: Record<string, number>; rejects: { line_no: number; field: string }[]; rejectsTotal: number }>(
			`/api/import/batches/${report.batch_id}`
		);
		expect(detail.body.rejectsTotal).toBe(fixture.rejected);
		expect(detail.body.batch.rows_warned).toBe(fixture.warned);
		const expectedLines = fixture.rows.filter((r) => r.expect === 'rejected').map((r) => r.line);
		expect(detail.body.rejects.map((r) => r.line_no).sort((a, b) => a - b)).toEqual(expectedLines);

		const csv = await fetch(`${app.url}/api/import/batches/${report.batch_id}/rejects.csv`, { headers: { cookie: analyst } });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		const parsed = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
		expect(parsed.data.length - 1).toBe(fixture.rejected);

		// The same file again changes nothing.
		const again = await importThroughApi('投诉导出-API.csv', fixture.bytes, { ...proposal.body.mapping, unit: UNMAPPED_UNIT_HEADER });
		expect(again.report!.rows_imported).toBe(0);
		expect(again.report!.rows_unchanged).toBe(fixture.imported);
		expect(again.report!.rows_rejected).toBe(fixture.rejected);

		const batches = await api<{ batch_id: number; file_name: string }[]>('/api/import/batches');
		expect(batches.body.filter((b) => b.file_name === '投诉导出-API.csv')).toHaveLength(2);
	});

	it('saves the mapping as a named profile that the next proposal uses', async () => {
		const name = '接口测试方案';
		try {
			const saved = await api<{ name: string; description: string | null }[]>('/api/import/profiles', {
				method: 'POST',
				body: JSON.stringify({ name, mapping: { case_id: '投诉编号', received_at: '受理时间', unit: UNMAPPED_UNIT_HEADER } })
			});
			expect(saved.status, JSON.stringify(saved.body)).toBe(200);
			expect(saved.body.find((p) => p.name === name)?.description).toMatch(/analyst/);
			const proposal = await api<{ mapping: Record<string, string>; missingRequired: string[] }>('/api/import/mapping', {
				method: 'POST',
				body: JSON.stringify({ headers: FIXTURE_HEADERS, profile: name })
			});
			expect(proposal.body.mapping.unit).toBe(UNMAPPED_UNIT_HEADER);
			expect(proposal.body.missingRequired).toEqual([]);
			const bad = await api<{ message: string }>('/api/import/profiles', {
				method: 'POST',
				body: JSON.stringify({ name: '../etc/passwd', mapping: { case_id: '投诉编号' } })
			});
			expect(bad.status).toBe(400);
			expect(bad.body.message).toMatch(/方案名称/);
		} finally {
			fs.rmSync(path.join(profilesDir(), `${name}.json`), { force: true });
		}
	});

	it('marks kept columns 不含个人信息 in the mapping step: saved in the profile, proposed again, sent with the import', async () => {
		const name = '附加列公开方案';
		const headers = ['投诉编号', '受理时间', '被投诉单位', '所属街道', '备用电话'];
		try {
			const saved = await api<unknown>('/api/import/profiles', {
				method: 'POST',
				body: JSON.stringify({ name, mapping: { case_id: '投诉编号', received_at: '受理时间', unit: '被投诉单位' }, publicColumns: ['所属街道'] })
			});
			expect(saved.status, JSON.stringify(saved.body)).toBe(200);
			const proposal = await api<{ unmapped: string[]; publicColumns?: string[] }>('/api/import/mapping', {
				method: 'POST',
				body: JSON.stringify({ headers, profile: name })
			});
			expect(proposal.body.unmapped).toEqual(['所属街道', '备用电话']);
			expect(proposal.body.publicColumns).toEqual(['所属街道']);
		} finally {
			fs.rmSync(path.join(profilesDir(), `${name}.json`), { force: true });
		}
		const csv = `${headers.join(',')}\nAPI-PUB-1,2026-11-02 09:00:00,县住房和城乡建设局,城东街道,13912345670\n`;
		const up = await upload('附加列.csv', new TextEncoder().encode(csv));
		expect(up.status).toBe(201);
		const { uploadId } = (await up.json()) as { uploadId: string };
		const started = await api<Job>('/api/import/jobs', { method: 'POST', body: JSON.stringify({ uploadId, publicColumns: ['所属街道'] }) });
		expect(started.status).toBe(202);
		let job: Job;
		for (;;) {
			job = (await api<Job>(`/api/import/jobs/${started.body.id}`)).body;
			if (job.status === 'done' || job.status === 'failed') break;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(job.status, JSON.stringify(job.error)).toBe('done');
		const detail = await api<{ quality: { kept: { header: string; public: boolean }[] } }>(`/api/import/batches/${job.report!.batch_id}`);
		expect(detail.body.quality.kept.map((k) => [k.header, k.public])).toEqual([
			['备用电话', false],
			['所属街道', true]
		]);
	});

	it('keeps a failed import on screen with the file and the missing column', async () => {
		const fixture = makeFixture('FAIL');
		const job = await importThroughApi('缺列.csv', fixture.bytes);
		expect(job.status).toBe('failed');
		expect(job.error?.file).toBe('缺列.csv');
		expect(job.error?.message).toMatch(/[\u4e00-\u9fff]/);
		expect(job.error?.message).not.toContain('complaints-upload-');
	});

	it('previews and imports an XLSX export read on the server', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('导出');
		sheet.addRow(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		for (let i = 1; i <= 25; i++) sheet.addRow([`XL-${i}`, new Date(Date.UTC(2025, 9, i, 9, 30)), '县住房和城乡建设局', `内容${i}`]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const up = await upload('导出.xlsx', bytes);
		expect(up.status).toBe(201);
		const { uploadId, kind } = (await up.json()) as { uploadId: string; kind: string };
		expect(kind).toBe('xlsx');
		const preview = await api<{ headers: string[]; rows: string[][] }>(`/api/import/uploads/${uploadId}/preview`);
		expect(preview.status).toBe(200);
		expect(preview.body.headers).toEqual(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		expect(preview.body.rows).toHaveLength(20);
		expect(preview.body.rows[0]).toEqual(['XL-1', '2025-10-01 09:30:00', '县住房和城乡建设局', '内容1']);

		const started = await api<Job>('/api/import/jobs', { method: 'POST', body: JSON.stringify({ uploadId }) });
		expect(started.status).toBe(202);
		let job: Job;
		do {
			await new Promise((r) => setTimeout(r, 100));
			job = (await api<Job>(`/api/import/jobs/${started.body.id}`)).body;
		} while (job.status !== 'done' && job.status !== 'failed');
		expect(job.error).toBeNull();
		expect(job.report!.rows_total).toBe(25);
		expect(job.report!.rows_imported).toBe(25);
	});
});

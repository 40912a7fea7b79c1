// Issue 17, concurrent import: a bounded loopback load test. While a re-import of a few thousand rows runs
// through the import API, ~20 concurrent readers hit the compliance summary, the metrics query and the overview
// page; every one of their answers must be a success (the review saw 57 × HTTP 500 "Conflict on tuple deletion!").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';

let app: RunningApp;
let analyst: string;
let unit: string;

beforeAll(async () => {
	app = await startApp({ rows: 3000 });
	analyst = await login(app, 'analyst');
	unit = await login(app, TEST_USERS.unit.name);
}, 600_000);

afterAll(async () => {
	await app?.stop();
});

const SPEC = encodeURIComponent(JSON.stringify({ measures: ['cases'], dimensions: ['unit'], filters: { from: '2000-01-01' } }));
const READS = ['/api/compliance/summary', `/api/metrics/query?spec=${SPEC}`, '/'];
const READERS = 20;

interface Job {
	id: string;
	status: string;
	report: Record<string, number | string> | null;
	error: unknown;
}

describe('readers during an import', () => {
	it('get no errors while a few thousand rows are re-imported', async () => {
		// The export of every case, re-imported: thousands of rows that all touch existing cases.
		const csv = await fetch(`${app.url}/api/cases.csv?from=2000-01-01`, { headers: { cookie: analyst } });
		expect(csv.status).toBe(200);
		const bytes = new Uint8Array(await csv.arrayBuffer());
		const lines = new TextDecoder().decode(bytes).split('\n').filter((l) => l.trim()).length - 1;
		expect(lines).toBeGreaterThan(2000);

		const failures: string[] = [];
		let reads = 0;
		let importing = true;
		const reader = async (n: number) => {
			const cookie = n % 4 === 0 ? unit : analyst;
			for (let i = n; importing; i++) {
				const path = READS[i % READS.length];
				try {
					const res = await fetch(app.url + path, { headers: { cookie } });
					await res.arrayBuffer();
					reads++;
					if (res.status !== 200) failures.push(`${res.status} ${path}`);
				} catch (e) {
					failures.push(`${path}: ${String(e)}`);
				}
			}
		};
		const readers = Array.from({ length: READERS }, (_, n) => reader(n));

		const started = Date.now();
		const up = await fetch(`${app.url}/api/import/uploads?name=reimport.csv`, {
			method: 'POST',
			headers: { cookie: analyst, origin: app.url, 'content-type': 'application/octet-stream' },
			body: bytes
		});
		expect(up.status).toBe(201);
		const { uploadId } = (await up.json()) as { uploadId: string };
		const start = await fetch(`${app.url}/api/import/jobs`, {
			method: 'POST',
			headers: { cookie: analyst, origin: app.url, 'content-type': 'application/json' },
			body: JSON.stringify({ uploadId })
		});
		expect(start.status).toBe(202);
		const { id } = (await start.json()) as Job;
		let job: Job;
		for (;;) {
			job = (await (await fetch(`${app.url}/api/import/jobs/${id}`, { headers: { cookie: analyst } })).json()) as Job;
			if (job.status === 'done' || job.status === 'failed') break;
			if (Date.now() - started > 240_000) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		// Keep reading a moment after the import too (the refresh that follows it).
		await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - started))));
		importing = false;
		await Promise.all(readers);

		expect(job.status, JSON.stringify(job.error)).toBe('done');
		expect(Number(job.report?.rows_total)).toBeGreaterThan(2000);
		expect(reads).toBeGreaterThan(READERS * 2);
		expect(failures, `${failures.length} of ${reads} reads failed; first: ${failures.slice(0, 5).join(' | ')}\n${app.log().slice(-2000)}`).toEqual([]);
	});
});

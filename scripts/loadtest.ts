// Loopback load test of the dashboards (issue 4): 50 concurrent users for 30 s against the built app over a
// database of N demo-like cases, mixing the overview page, metrics API queries and case-list pages with varied
// filters. Prints one JSON line: requests, errors (non-2xx, socket errors, timeouts), P95 and P99 in ms.
//   npx vite build && npx tsx scripts/loadtest.ts [--rows 1000000] [--connections 50] [--duration 30]
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, getDb } from '../src/lib/server/db/index.ts';
import { refreshRollups } from '../src/lib/server/metrics/index.ts';
import { writeFilters } from '../src/lib/model/filters.ts';
import { generateCases, variedFilters } from './bench/queries.ts';
import { freePort } from './free-port.ts';

const { values } = parseArgs({
	options: { rows: { type: 'string', default: '1000000' }, connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '30' } }
});
const rows = Number(values.rows);
const PASSWORD = 'Load-Test-Passw0rd!';


function p(samples: number[], q: number): number {
	const s = [...samples].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : 0;
}

async function main() {
	if (!fs.existsSync('build/index.js')) throw new Error('build/index.js 不存在：请先运行 npx vite build');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-load-'));
	const dbPath = path.join(dir, 'load.duckdb');
	try {
		const db = await getDb(dbPath);
		await generateCases(db, rows);
		await refreshRollups(db);
		await closeDb(dbPath);
		execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'user', 'add', '--name', 'load', '--role', 'admin', '--password-stdin', '--db', dbPath], {
			input: PASSWORD + '\n',
			stdio: ['pipe', 'ignore', 'inherit']
		});
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const child = spawn(process.execPath, ['build/index.js'], {
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_PATH: dbPath, ORIGIN: url },
			stdio: ['ignore', 'ignore', 'inherit']
		});
		try {
			for (let i = 0; ; i++) {
				try {
					if ((await fetch(url + '/login')).status < 500) break;
				} catch {
					/* not up yet */
				}
				if (i > 300) throw new Error('server did not start');
				await new Promise((r) => setTimeout(r, 200));
			}
			const login = await fetch(url + '/api/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: url },
				body: JSON.stringify({ name: 'load', password: PASSWORD })
			});
			const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
			const paths: string[] = [];
			for (let i = 0; i < 60; i++) {
				const f = variedFilters(i);
				const qs = writeFilters(f).toString();
				const spec = (s: object) => `/api/metrics/query?spec=${encodeURIComponent(JSON.stringify({ ...s, filters: f }))}`;
				paths.push(
					`/?${qs}`,
					spec({ measures: ['cases', 'closed', 'on_time_rate', 'satisfaction_rate'], dimensions: ['month'] }),
					spec({ measures: ['cases', 'score', 'median_work_days'], dimensions: ['unit'] }),
					spec({ measures: ['cases'], dimensions: ['category'] }),
					`/api/cases?${qs}&page=${1 + (i % 5)}`
				);
			}
			// Unloaded latency of each kind of request first (median of 10), to see what the load adds.
			const kinds = ['page /', 'metrics by month', 'metrics by unit', 'metrics by category', 'api/cases'];
			const unloaded: Record<string, number> = {};
			for (let k = 0; k < kinds.length; k++) {
				const times: number[] = [];
				for (let i = 0; i < 10; i++) {
					const t = performance.now();
					const res = await fetch(url + paths[(i + 20) * kinds.length + k], { headers: { cookie } });
					await res.arrayBuffer();
					times.push(performance.now() - t);
				}
				unloaded[kinds[k]] = Math.round(p(times, 0.5));
			}
			const latencies: number[] = [];
			const result = await new Promise<autocannon.Result>((resolve, reject) => {
				const inst = autocannon(
					{
						url,
						connections: Number(values.connections),
						duration: Number(values.duration),
						timeout: 10,
						headers: { cookie },
						requests: paths.map((p) => ({ method: 'GET' as const, path: p }))
					},
					(err, res) => (err ? reject(err) : resolve(res))
				);
				inst.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
			});
			const out = {
				rows,
				connections: Number(values.connections),
				seconds: Number(values.duration),
				requests: result.requests.total,
				errors: result.errors + result.non2xx, // autocannon counts timeouts among errors
				non2xx: result.non2xx,
				timeouts: result.timeouts,
				p50_ms: Math.round(p(latencies, 0.5)),
				p95_ms: Math.round(p(latencies, 0.95)),
				p99_ms: Math.round(p(latencies, 0.99)),
				rps: Math.round(result.requests.average),
				unloaded_median_ms: unloaded
			};
			console.log(JSON.stringify(out));
			if (out.errors > 0) process.exitCode = 1;
		} finally {
			child.kill('SIGTERM');
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 2;
});

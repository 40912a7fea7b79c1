// Starts the built app (build/index.js) on a fresh temporary database with a small demo data set and
// one user per role with known passwords, on a free port. Browser and HTTP tests share it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/free-port.ts';

export const TEST_PASSWORD = 'Test-Passw0rd!';

export const TEST_USERS = {
	admin: { name: 'admin', role: 'admin' },
	analyst: { name: 'analyst', role: 'analyst' },
	inspector: { name: 'inspector', role: 'inspector' },
	inspectorPii: { name: 'inspector_pii', role: 'inspector', pii: true },
	leader: { name: 'leader', role: 'leader' },
	unit: { name: 'unit_zjj', role: 'unit', unit: '县住房和城乡建设局' }
} as const;

export interface RunningApp {
	url: string;
	dbPath: string;
	dir: string;
	/** The server process (to watch its memory). */
	pid: number;
	/** What the server printed so far (for a failing test's message). */
	log(): string;
	stop(): Promise<void>;
}


export function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): string {
	return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
		input: opts.input,
		env: { ...process.env, ...opts.env },
		encoding: 'utf8',
		stdio: ['pipe', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024
	});
}

/** The last stdout line of a `--json` CLI call, parsed. */
export function cliJson<T = Record<string, unknown>>(args: string[], opts: { input?: string } = {}): T {
	const out = cli([...args, '--json'], opts).trim().split('\n');
	return JSON.parse(out[out.length - 1]) as T;
}

/** Creates a demo database with the test users; returns its path. */
export function prepareDatabase(dir: string, rows = 4000): string {
	const dbPath = path.join(dir, 'app.duckdb');
	cli(['demo', '--rows', String(rows), '--seed', '7', '--db', dbPath]);
	for (const u of Object.values(TEST_USERS)) {
		const args = ['user', 'add', '--name', u.name, '--role', u.role, '--password-stdin', '--db', dbPath];
		if ('unit' in u) args.push('--unit', u.unit);
		if ('pii' in u && u.pii) args.push('--pii');
		cli(args, { input: TEST_PASSWORD + '\n' });
	}
	return dbPath;
}

export async function startApp(opts: { rows?: number; dbPath?: string; env?: Record<string, string> } = {}): Promise<RunningApp> {
	if (!fs.existsSync('build/index.js')) throw new Error('build/index.js missing: the global setup builds it');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-app-'));
	const dbPath = opts.dbPath ?? prepareDatabase(dir, opts.rows);
	const port = await freePort();
	const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DB_PATH: dbPath,
			ORIGIN: `http://127.0.0.1:${port}`,
			// as npm start does: uploads stream to disk and the import API enforces its own limit
			BODY_SIZE_LIMIT: '1G',
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const url = `http://127.0.0.1:${port}`;
	// warm start (src/lib/server/warm.ts) computes every menu page's default view before listening: generous on a busy CI
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`app exited early:\n${log}`);
		try {
			const res = await fetch(url + '/login');
			if (res.status < 500) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`app did not start within 180 s:\n${log}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		url,
		dbPath,
		dir,
		pid: child.pid ?? 0,
		log: () => log,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Logs in over the JSON API and returns the Cookie header value to send with fetch. */
export async function login(app: RunningApp, name: string, password = TEST_PASSWORD): Promise<string> {
	const res = await fetch(app.url + '/api/auth/login', {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url },
		body: JSON.stringify({ name, password })
	});
	if (res.status !== 200) throw new Error(`login ${name} failed: ${res.status} ${await res.text()}`);
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	return cookies.join('; ');
}

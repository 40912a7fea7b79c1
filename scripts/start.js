// `npm start`: build the app if the build is missing or older than the sources, create the embedded
// database with demo data and one user per role on first run, then serve on PORT (default 3000).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
	}
	return newest;
}

const marker = path.join(root, 'build', 'index.js');
const stale =
	!fs.existsSync(marker) ||
	newestMtime(path.join(root, 'src')) > fs.statSync(marker).mtimeMs ||
	fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(marker).mtimeMs;
if (stale) {
	console.error('正在构建应用（首次启动或源码有更新）…');
	execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
}

// First run: demo data and one user per role (passwords printed once, never stored in clear).
execFileSync('npx', ['tsx', 'scripts/first-run.ts'], { stdio: 'inherit' });

const port = process.env.PORT ?? '3000';
console.error(`服务已启动：http://localhost:${port}`);
const server = spawn(process.execPath, ['build/index.js'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PORT: port,
		// adapter-node assumes https when ORIGIN is unset, which would make every same-site POST (log-in
		// included) fail the CSRF origin check on plain http://localhost. Behind a proxy, set ORIGIN.
		ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
		// Uploads stream to disk and the import API checks type and size itself (IMPORT_MAX_BYTES, default 1 GiB);
		// every other body is capped by its route in hooks.server.ts. This is only the adapter's outer bound.
		BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? process.env.IMPORT_MAX_BYTES ?? '1G'
	}
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

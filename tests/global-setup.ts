// Builds the app once per test run when browser tests will need it (they serve build/ on a temp database).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
	}
	return newest;
}

export function buildIsStale(root = process.cwd()): boolean {
	const marker = path.join(root, 'build', 'index.js');
	if (!fs.existsSync(marker)) return true;
	const built = fs.statSync(marker).mtimeMs;
	return newestMtime(path.join(root, 'src')) > built || fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > built;
}

export default function setup(): void {
	if (process.env.SKIP_BUILD === '1') return;
	if (buildIsStale()) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
}

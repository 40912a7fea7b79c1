// Bulletin files already rendered, by what they were rendered from: a PDF by the exact HTML Chromium printed, a Word
// file by the bulletin data it was built from. Either key changes whenever the month's data does (an import, a
// compliance run, a setting the figures use: the HTML and the data carry every number), so a repeat download of the
// same bulletin is served from memory and a download after new data renders afresh. Renders of the same key under
// way are shared, not repeated. Bounded by count and bytes; the most recently used are kept.
import { createHash } from 'node:crypto';

const MAX_ENTRIES = 24;
const MAX_BYTES = 96 * 1024 * 1024;

const done = new Map<string, Buffer>();
const running = new Map<string, Promise<Buffer>>();
let bytes = 0;
let renders = 0;

/** The cache key of a rendering: its kind and a hash of everything it is rendered from. */
export function renderKey(kind: string, source: string): string {
	return createHash('sha256').update(kind).update('\n').update(source).digest('hex');
}

/** How many renders the cache has let through (a cached answer is not counted): for tests and the benchmark. */
export function bulletinRenders(): number {
	return renders;
}

/** Forgets every rendered file (tests; the next download renders again). */
export function clearRendered(): void {
	done.clear();
	bytes = 0;
}

/** The file stored under key, else render() once (concurrent callers of the same key wait for that one render). */
export async function rendered(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
	const hit = done.get(key);
	if (hit) {
		done.delete(key);
		done.set(key, hit);
		return hit;
	}
	const under = running.get(key);
	if (under) return under;
	const run = (async () => {
		renders++;
		const out = await render();
		if (out.length <= MAX_BYTES) {
			done.set(key, out);
			bytes += out.length;
			for (const [k, b] of done) {
				if (done.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
				done.delete(k);
				bytes -= b.length;
			}
		}
		return out;
	})();
	running.set(key, run);
	try {
		return await run;
	} finally {
		running.delete(key);
	}
}

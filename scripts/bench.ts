// `npm run bench [-- --rows N] [--only import,compliance,queries,browser]`: runs the benchmark sections on one N-row
// data set (default 1,000,000, or env BENCH_ROWS) and prints ONE JSON line with every section's numbers.
// Browser section only: `--db <file>` serves an existing database (the demo's, say) instead of generating one (it
// gains the bench's inspector user and is kept), `--pages /,/units` measures only those pages, `--server <index.js>`
// runs another build (a copy of an earlier build/, to compare before and after in alternating runs).
// Each section is scripts/bench/<name>.ts exporting run({dir, rows, csvPath}) → numbers; progress goes to stderr.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The sections, in order. A section whose file is absent is skipped. */
const SECTIONS = ['import', 'compliance', 'queries', 'browser'];

export interface BrowserOptions {
	db?: string;
	pages?: string[];
	server?: string;
}
type Section = { run(ctx: { dir: string; rows: number; csvPath: string; browser: BrowserOptions }): Promise<Record<string, unknown>> };

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { rows: { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean' }, db: { type: 'string' }, pages: { type: 'string' }, server: { type: 'string' } } });
	const rows = Number((values.rows ?? process.env.BENCH_ROWS ?? '1000000').replaceAll('_', ''));
	if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer: ${values.rows}`);
	const only = values.only ? new Set(values.only.split(',')) : null;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-bench-'));
	const csvPath = path.join(dir, `complaints-${rows}.csv`);
	const browser: BrowserOptions = {
		db: values.db ? path.resolve(values.db) : undefined,
		pages: values.pages ? values.pages.split(',').filter(Boolean) : undefined,
		server: values.server ? path.resolve(values.server) : undefined
	};
	const result: Record<string, unknown> = { rows };
	try {
		for (const name of SECTIONS) {
			if (only && !only.has(name)) continue;
			const file = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), 'bench', `${name}.ts`);
			if (!fs.existsSync(file)) continue;
			process.stderr.write(`bench: ${name} …\n`);
			const section = (await import(file)) as Section;
			const numbers = await section.run({ dir, rows, csvPath, browser });
			// Earlier sections keep their keys (rows is the data set size of all of them).
			for (const [k, v] of Object.entries(numbers)) if (!(k in result)) result[k] = v;
		}
	} finally {
		if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
	}
	process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
	process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(2);
});

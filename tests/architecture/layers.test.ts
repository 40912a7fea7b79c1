// The layout follows the data flow: no cycle between server modules or between files, lower layers never
// import higher ones (a lower layer tells its caller that a recomputation is due), and nothing the browser
// may load imports from src/lib/server. Parsed from the import statements of src/, tests excluded.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, serverModule, sourceFiles, specifiers } from './imports.ts';

const root = path.resolve(__dirname, '../..');
const edges = importGraph(root);

/** Lower layers and the higher ones they must never import (issue 12, style.md "a lower layer never calls back up"). */
const LOWER = ['src/lib/model/', 'src/lib/i18n/', 'src/lib/server/db/', 'src/lib/server/calendar/', 'src/lib/server/ingest/'];
const HIGHER = ['src/lib/server/compliance/', 'src/lib/server/metrics/', 'src/lib/server/reports/', 'src/lib/server/appraisal/', 'src/lib/server/screens/'];
/** Code the browser may load, or that describes data both sides share: never server-only code. */
const SHARED = ['src/lib/model/', 'src/lib/i18n/', 'src/lib/client/', 'src/lib/components/'];

const under = (file: string, dirs: string[]) => dirs.some((d) => file.startsWith(d));
const show = (list: { from: string; to: string }[]) => list.map((e) => `${e.from} -> ${e.to}`);

describe('import graph reader', () => {
	it('finds static, type-only, re-export, side-effect and dynamic imports, not commented ones', () => {
		const source = [
			"import a from './a.ts';",
			"import type { B } from '$lib/b';",
			'import {\n\tc,\n\ttype D\n} from "../c.ts";',
			"export { e } from './e.ts';",
			"export * from './f.ts';",
			"import './g.css';",
			"const h = await import('../h.ts');",
			"// import z from './z.ts';",
			"/* import y from './y.ts'; */",
			"const s = 'import x from \"./not-code\"';"
		].join('\n');
		expect(specifiers(source)).toEqual(['./a.ts', '$lib/b', '../c.ts', './e.ts', './f.ts', './g.css', '../h.ts']);
	});

	it('reads the real tree: the routes import the server and the server modules import each other', () => {
		expect(edges.some((e) => e.from.startsWith('src/routes/') && e.to.startsWith('src/lib/server/'))).toBe(true);
		expect(edges.some((e) => e.from.startsWith('src/lib/server/metrics/') && e.to.startsWith('src/lib/server/db/'))).toBe(true);
	});

	it('finds a cycle and only a cycle', () => {
		expect(cycles([['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']])).toEqual([['a', 'b', 'c']]);
		expect(cycles([['a', 'b'], ['b', 'c']])).toEqual([]);
	});
});

describe('layers', () => {
	it('has no cycle between server modules (a directory under src/lib/server or a top-level file)', () => {
		const moduleEdges: [string, string][] = [];
		for (const e of edges) {
			const a = serverModule(e.from);
			const b = serverModule(e.to);
			if (a && b && a !== b) moduleEdges.push([a, b]);
		}
		expect(cycles(moduleEdges)).toEqual([]);
	});

	it('has no cycle between files anywhere in src', () => {
		expect(cycles(edges.map((e) => [e.from, e.to]))).toEqual([]);
	});

	it('lower layers (db, model, i18n, calendar, ingest) never import compliance, metrics, reports or appraisal', () => {
		expect(show(edges.filter((e) => under(e.from, LOWER) && under(e.to, HIGHER)))).toEqual([]);
	});

	it('model, i18n, client and components never import from src/lib/server', () => {
		expect(show(edges.filter((e) => under(e.from, SHARED) && e.to.startsWith('src/lib/server/')))).toEqual([]);
	});

	it('the server never imports browser code from src/lib/client (the shared query model is src/lib/model)', () => {
		expect(show(edges.filter((e) => e.from.startsWith('src/lib/server/') && e.to.startsWith('src/lib/client/')))).toEqual([]);
	});

	it('no server logic lives in the routes as service modules', () => {
		const routeFiles = sourceFiles(path.join(root, 'src/routes')).map((f) => path.relative(root, f).split(path.sep).join('/'));
		expect(routeFiles.filter((f) => /\/service\.ts$/.test(f))).toEqual([]);
	});
});

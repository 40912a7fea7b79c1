// Reads the import graph of src/ from the source text: `import … from '…'`, `export … from '…'`, bare
// `import '…'` and `import('…')` with a literal path, resolving $lib and relative paths to files.
import fs from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
	from: string;
	to: string;
	specifier: string;
}

const SOURCE = /\.(ts|js|svelte)$/;
const STATIC = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w\s{},*$]*?\s*from\s*)?['"]([^'"\n]+)['"]/g;
const DYNAMIC = /\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"\n]+)['"]\s*\)/g;

/** Every source file under dir, tests excluded (a test may reach into any layer). */
export function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (SOURCE.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(p);
		}
	};
	walk(dir);
	return out.sort();
}

/** The specifiers a file imports, comments removed first so a commented-out import does not count. */
export function specifiers(source: string): string[] {
	const text = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
	const found: string[] = [];
	for (const m of text.matchAll(STATIC)) found.push(m[1]);
	for (const m of text.matchAll(DYNAMIC)) found.push(m[1]);
	return found;
}

function resolveFile(candidate: string): string | null {
	const tries = [candidate, `${candidate}.ts`, `${candidate}.js`, `${candidate}.svelte`, path.join(candidate, 'index.ts'), path.join(candidate, 'index.js')];
	for (const t of tries) if (fs.existsSync(t) && fs.statSync(t).isFile()) return t;
	return null;
}

/** The file a specifier points to inside the project, or null for a package or a SvelteKit virtual module. */
export function resolveSpecifier(fromFile: string, specifier: string, root: string): string | null {
	if (specifier.startsWith('$lib/') || specifier === '$lib') {
		return resolveFile(path.join(root, 'src/lib', specifier.slice('$lib'.length)));
	}
	if (specifier.startsWith('.')) return resolveFile(path.resolve(path.dirname(fromFile), specifier));
	return null;
}

/** Import edges between project files, as paths relative to root with forward slashes. */
export function importGraph(root: string): ImportEdge[] {
	const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
	const edges: ImportEdge[] = [];
	for (const file of sourceFiles(path.join(root, 'src'))) {
		for (const specifier of specifiers(fs.readFileSync(file, 'utf8'))) {
			const target = resolveSpecifier(file, specifier, root);
			if (target) edges.push({ from: rel(file), to: rel(target), specifier });
		}
	}
	return edges;
}

/** The module a server file belongs to: its directory under src/lib/server, or the top-level file itself. */
export function serverModule(file: string): string | null {
	const m = /^src\/lib\/server\/([^/]+?)(\/|\.(?:ts|js)$)/.exec(file);
	return m ? `server/${m[1]}` : null;
}

/** Strongly connected components with more than one node (or a self-loop): each one is a cycle. */
export function cycles(edges: [string, string][]): string[][] {
	const next = new Map<string, string[]>();
	for (const [a, b] of edges) {
		if (!next.has(a)) next.set(a, []);
		if (!next.has(b)) next.set(b, []);
		next.get(a)!.push(b);
	}
	let index = 0;
	const indices = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const connect = (v: string) => {
		indices.set(v, index);
		low.set(v, index);
		index++;
		stack.push(v);
		onStack.add(v);
		for (const w of next.get(v)!) {
			if (!indices.has(w)) {
				connect(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
		}
		if (low.get(v) === indices.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1 || next.get(v)!.includes(v)) found.push(component.sort());
		}
	};
	for (const v of [...next.keys()].sort()) if (!indices.has(v)) connect(v);
	return found;
}

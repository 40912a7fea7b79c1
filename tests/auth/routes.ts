// Discovers every page and API route from src/routes, as SvelteKit would: a folder with +page.svelte is a page
// (plus POST when its +page.server.ts has form actions), a folder with +server.ts is an endpoint with the
// methods it exports. The role × route tests walk this list so a new route cannot be forgotten.
import fs from 'node:fs';
import path from 'node:path';

export interface DiscoveredRoute {
	/** SvelteKit route id, e.g. '/cases/[id]' or '/(app)/units/[unit]'. */
	id: string;
	kind: 'page' | 'endpoint';
	methods: string[];
	dir: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

function exportedMethods(source: string): string[] {
	const found = new Set<string>();
	const direct = /export\s+(?:const|let|async\s+function|function)\s+([A-Za-z]+)\b/g;
	for (const m of source.matchAll(direct)) if (METHODS.includes(m[1])) found.add(m[1]);
	for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
		for (const part of m[1].split(',')) {
			const name = part.trim().split(/\s+as\s+/).pop()!.trim();
			if (METHODS.includes(name)) found.add(name);
		}
	}
	if (found.has('fallback')) {
		found.delete('fallback');
		for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) found.add(m);
	}
	found.delete('HEAD');
	found.delete('OPTIONS');
	return [...found].sort();
}

export function discoverRoutes(root = path.resolve('src/routes')): DiscoveredRoute[] {
	const routes: DiscoveredRoute[] = [];
	const walk = (dir: string) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true });
		const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
		const rel = path.relative(root, dir).split(path.sep).join('/');
		const id = '/' + rel;
		const routeId = id === '/' ? '/' : id.replace(/\/$/, '');
		if (['+page.svelte', '+page.ts', '+page.server.ts', '+page.js', '+page.server.js'].some((f) => names.has(f))) {
			const methods = ['GET'];
			const serverFile = ['+page.server.ts', '+page.server.js'].find((f) => names.has(f));
			if (serverFile && /export\s+const\s+actions\b/.test(fs.readFileSync(path.join(dir, serverFile), 'utf8'))) methods.push('POST');
			routes.push({ id: routeId, kind: 'page', methods, dir });
		}
		const endpoint = ['+server.ts', '+server.js'].find((f) => names.has(f));
		if (endpoint) routes.push({ id: routeId, kind: 'endpoint', methods: exportedMethods(fs.readFileSync(path.join(dir, endpoint), 'utf8')), dir });
		for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
	};
	walk(root);
	return routes.sort((a, b) => a.id.localeCompare(b.id) || a.kind.localeCompare(b.kind));
}

/** A concrete URL for a route id: groups dropped, each [param] filled from values (fallback '1'). */
export function urlFor(routeId: string, values: Record<string, string>): string {
	const segments = routeId
		.split('/')
		.filter((s) => s && !/^\(.+\)$/.test(s))
		.map((s) =>
			s.replace(/\[\[?(?:\.\.\.)?([^\]=]+)(?:=[^\]]+)?\]\]?/g, (_m, name: string) => encodeURIComponent(values[name] ?? '1'))
		)
		.filter(Boolean);
	return '/' + segments.join('/');
}

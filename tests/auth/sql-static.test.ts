// Static guard: no SQL text in src/lib/server or src/routes is built by interpolating request input
// (url, params, request, form data, cookies, the request event) into a template literal. Values belong in
// bound parameters; only fixed identifiers chosen in code may be interpolated.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SQL_WORD = /\b(SELECT|INSERT|UPDATE|DELETE)\b/i;
const REQUEST_INPUT = /\b(url|params|request|form|formData|searchParams|cookies|event|body)\b|\.get\(/;

/** Template literals of a source file with the expressions interpolated into them (nested templates included). */
export function templateLiterals(source: string): { text: string; expressions: string[]; line: number }[] {
	const out: { text: string; expressions: string[]; line: number }[] = [];
	const lineAt = (i: number) => source.slice(0, i).split('\n').length;
	// Scan one template starting after its opening backtick; returns the index after the closing backtick.
	const scanTemplate = (start: number): number => {
		let i = start;
		let text = '';
		const expressions: string[] = [];
		while (i < source.length) {
			const c = source[i];
			if (c === '\\') {
				text += source.slice(i, i + 2);
				i += 2;
			} else if (c === '`') {
				out.push({ text, expressions, line: lineAt(start) });
				return i + 1;
			} else if (c === '$' && source[i + 1] === '{') {
				const exprStart = i + 2;
				i = scanCode(exprStart, '}');
				expressions.push(source.slice(exprStart, i - 1));
				text += '${…}';
			} else {
				text += c;
				i++;
			}
		}
		return i;
	};
	// Scan code until the matching close brace (or end), descending into strings, comments and templates.
	const scanCode = (start: number, close: string | null): number => {
		let i = start;
		let depth = 0;
		while (i < source.length) {
			const c = source[i];
			if (c === '`') i = scanTemplate(i + 1);
			else if (c === "'" || c === '"') {
				i++;
				while (i < source.length && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
				i++;
			} else if (c === '/' && source[i + 1] === '/') {
				while (i < source.length && source[i] !== '\n') i++;
			} else if (c === '/' && source[i + 1] === '*') {
				const end = source.indexOf('*/', i + 2);
				i = end < 0 ? source.length : end + 2;
			} else if (c === '{') {
				depth++;
				i++;
			} else if (c === '}') {
				if (depth === 0 && close === '}') return i + 1;
				depth--;
				i++;
			} else i++;
		}
		return i;
	};
	scanCode(0, null);
	return out;
}

export function sqlFromRequestInput(source: string): { line: number; expression: string }[] {
	return templateLiterals(source)
		.filter((t) => SQL_WORD.test(t.text))
		.flatMap((t) => t.expressions.filter((e) => REQUEST_INPUT.test(e)).map((expression) => ({ line: t.line, expression })));
}

function sourceFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return sourceFiles(p);
		return /\.(ts|js|svelte)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
	});
}

describe('SQL built from request input', () => {
	it('recognises the pattern it guards against (so the guard can fail)', () => {
		const bad = "const rows = await db.query(`SELECT * FROM cases WHERE unit = '${url.searchParams.get('unit')}'`);";
		expect(sqlFromRequestInput(bad)).toHaveLength(1);
		const nested = 'db.query(`SELECT * FROM t ${cond ? `WHERE id = ${params.id}` : ""}`)';
		expect(sqlFromRequestInput(nested)).toHaveLength(1);
		const good = "const rows = await db.query(`SELECT * FROM cases WHERE ${scope.sql} AND unit = $unit`, { unit: url.searchParams.get('unit') });";
		expect(sqlFromRequestInput(good)).toEqual([]);
		const notSql = 'const msg = `Selected ${params.count} rows`;';
		expect(sqlFromRequestInput(notSql)).toEqual([]);
	});

	it('finds none in src/lib/server and src/routes', () => {
		const files = [...sourceFiles('src/lib/server'), ...sourceFiles('src/routes')];
		expect(files.length).toBeGreaterThan(10);
		const hits = files.flatMap((f) => sqlFromRequestInput(fs.readFileSync(f, 'utf8')).map((h) => `${f}:${h.line} \${${h.expression}}`));
		expect(hits, `SQL built from request input — bind these values as parameters instead:\n${hits.join('\n')}`).toEqual([]);
	});

	it('never updates or deletes audit entries anywhere in the app', () => {
		const files = [...sourceFiles('src'), ...sourceFiles('scripts')];
		const hits = files.filter((f) => /\b(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|TRUNCATE\s+audit_log|DROP\s+TABLE\s+audit_log)\b/i.test(fs.readFileSync(f, 'utf8')));
		expect(hits).toEqual([]);
	});
});

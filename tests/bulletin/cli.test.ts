// `npm run cli -- bulletin`: the --json contract of cli.md ({month, out, cases}), the three output formats, and
// bad input (exit 1 with a Chinese message).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliJson } from '../helpers/app.ts';
import { openBulletinDb } from './fixture.ts';

let dir: string;
let dbPath: string;
let cleanup: () => void;

beforeAll(async () => {
	const fx = await openBulletinDb();
	dir = fx.dir;
	dbPath = fx.dbPath;
	// Close the database (the CLI opens the file in its own process) but keep the directory until the end.
	const { closeDb } = await import('../../src/lib/server/db/index.ts');
	await closeDb(dbPath);
	cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
});
afterAll(() => cleanup?.());

function fails(args: string[]): { status: number; stdout: string; stderr: string } {
	try {
		cli(args);
	} catch (e) {
		const err = e as { status: number; stdout: string; stderr: string };
		return { status: err.status, stdout: err.stdout, stderr: err.stderr };
	}
	throw new Error('expected the command to fail');
}

describe('cli bulletin', () => {
	it('writes a DOCX and an HTML file and reports {month, out, cases}', () => {
		const docx = path.join(dir, 'out', '通报.docx');
		expect(cliJson(['bulletin', '--month', '2025-10', '--db', dbPath, '--out', docx])).toMatchObject({ month: '2025-10', out: docx, cases: 9 });
		expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
		const html = path.join(dir, 'b.html');
		// Without --json: the human summary on stdout.
		expect(cli(['bulletin', '--month', '2025-10', '--db', dbPath, '--out', html, '--group', '乡镇']).trim()).toBe(`2025年10月通报：受理投诉 2 件，已写入 ${html}`);
		expect(fs.readFileSync(html, 'utf8')).toContain('2025年10月，各乡镇共受理行政效能投诉2件');
		expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	});

	it('writes no file without --out: {out: null}', () => {
		expect(cliJson(['bulletin', '--month', '2025-09', '--db', dbPath])).toMatchObject({ month: '2025-09', out: null, cases: 6 });
	});

	it('refuses a bad month or output file with exit status 1', () => {
		const month = fails(['bulletin', '--month', '2025-13', '--db', dbPath, '--json']);
		expect(month.status).toBe(1);
		expect(month.stderr).toContain('月份「2025-13」格式有误');
		expect(JSON.parse(month.stdout.trim().split('\n').pop()!).error.code).toBe('bad_month');
		const out = fails(['bulletin', '--month', '2025-10', '--db', dbPath, '--out', path.join(dir, 'b.txt')]);
		expect(out.status).toBe(1);
		expect(out.stderr).toContain('.pdf、.docx 或 .html');
	});
});

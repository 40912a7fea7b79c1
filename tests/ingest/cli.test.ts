// The command-line contract of import, rejects and export (docs/cli.md): --json last line, exit codes, messages.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT } from './helpers.ts';

let dir: string;
let dbPath: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-'));
	dbPath = path.join(dir, 'cli.duckdb');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { status: number; stdout: string; stderr: string } {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args, '--db', dbPath], { cwd: ROOT, encoding: 'utf8' });
	return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const lastJson = (s: string) => JSON.parse(s.trim().split('\n').at(-1)!);

describe('cli import / rejects / export', () => {
	it('import --json prints exactly the batch report; rejects and export follow', async () => {
		const file = path.join(dir, '导出.csv');
		fs.writeFileSync(file, '工单编号,来电时间,承办单位,来电号码,备注\nB1,2025-10-08 10:00,县教育局,13800000000,=cmd\nB2,坏日期,县教育局,,\n');
		const r = cli(['import', file, '--json']);
		expect(r.status).toBe(0);
		const report = lastJson(r.stdout);
		expect(Object.keys(report)).toEqual(['batch_id', 'file', 'encoding', 'rows_total', 'rows_imported', 'rows_updated', 'rows_unchanged', 'rows_rejected', 'seconds', 'unsupported_rules']);
		expect(report).toMatchObject({ file: '导出.csv', encoding: 'utf-8', rows_total: 2, rows_imported: 1, rows_rejected: 1 });

		const out = path.join(dir, 'rejects.csv');
		const rj = cli(['rejects', String(report.batch_id), '--out', out, '--json']);
		expect(rj.status).toBe(0);
		expect(lastJson(rj.stdout)).toEqual({ batch_id: report.batch_id, rows: 1, out });
		// 字段 stays the canonical name scripts read (cli.md); 字段名称 beside it says it in Chinese
		const rejects = fs.readFileSync(out, 'utf8');
		expect(rejects.split('\r\n')[0]).toBe('\uFEFF行号,字段,字段名称,列,原因,原始内容');
		expect(rejects).toContain('3,received_at,受理时间,来电时间,「受理时间」不是可识别的日期时间');
		expect(lastJson(cli(['rejects', String(report.batch_id), '--json']).stdout)).toEqual({ batch_id: report.batch_id, rows: 1 });

		const csv = path.join(dir, 'cases.csv');
		const ex = cli(['export', '--out', csv, '--from', '2025-10-01', '--to', '2025-10-31', '--json']);
		expect(ex.status).toBe(0);
		expect(lastJson(ex.stdout)).toEqual({ rows: 1, out: csv });
		const text = fs.readFileSync(csv, 'utf8');
		expect(text.startsWith('\uFEFFcase_id,received_at,channel,complainant_name,complainant_phone,')).toBe(true);
		expect(text).toContain('B1,2025-10-08 10:00:00,');
		expect(text).toContain('13800000000');

		const parquet = path.join(dir, 'cases.parquet');
		expect(lastJson(cli(['export', '--out', parquet, '--unit', '县教育局', '--json']).stdout)).toEqual({ rows: 1, out: parquet });
		const inst = await DuckDBInstance.create(':memory:');
		const conn = await inst.connect();
		const rows = (await conn.runAndReadAll('SELECT case_id, unit FROM read_parquet($p)', { p: parquet })).getRowObjects();
		expect(rows).toEqual([{ case_id: 'B1', unit: '县教育局' }]);
		conn.closeSync();
		inst.closeSync();
		expect(lastJson(cli(['export', '--out', path.join(dir, 'none.csv'), '--from', '2030-01-01', '--json']).stdout)).toMatchObject({ rows: 0 });

		// an export re-imports as unchanged: canonical headers are recognised
		const again = lastJson(cli(['import', csv, '--json']).stdout);
		expect(again).toMatchObject({ rows_total: 1, rows_unchanged: 1 });
	}, 120_000);

	it('--set gives a field one value, --date-format goes first, a bad field name lists the valid ones (issue 15)', () => {
		const fixtures = path.join(ROOT, 'tests/ingest/fixtures/real-exports');
		const board = cli(['import', path.join(fixtures, 'wenzheng-board.csv'), '--set', 'unit=县住建局', '--json']);
		expect(board.status).toBe(0);
		expect(lastJson(board.stdout)).toMatchObject({ rows_total: 2, rows_imported: 2, rows_rejected: 0 });
		const dates = cli(['import', path.join(fixtures, 'short-dates.csv'), '--map', 'received_at=登记', '--map', 'unit=单位', '--date-format', '%d-%m-%y', '--json']);
		expect(dates.status).toBe(0);
		expect(lastJson(dates.stdout)).toMatchObject({ rows_total: 2, rows_imported: 2, rows_rejected: 0 });
		const bad = cli(['import', path.join(fixtures, 'short-dates.csv'), '--set', 'units=县住建局']);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('可用的字段名：case_id, received_at, channel');
		expect(bad.stderr).toContain('procedure');
	}, 120_000);

	it('bad input exits 1 naming the file, line and column', () => {
		const file = path.join(dir, 'no-unit.csv');
		fs.writeFileSync(file, '投诉编号,受理时间\nA,2025-10-08\n');
		const r = cli(['import', file]);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('文件 no-unit.csv 第 1 行');
		expect(r.stderr).toContain('被投诉单位');
		const mapped = cli(['import', file, '--map', 'unit=部门', '--json']);
		expect(mapped.status).toBe(1);
		expect(lastJson(mapped.stdout).error).toMatchObject({ code: 'map_header_missing', column: '部门' });
		expect(cli(['import', path.join(dir, 'missing.csv')]).status).toBe(1);
		expect(cli(['import', file, '--encoding', 'latin1']).status).toBe(1);
		expect(cli(['import', file, '--map', 'nonsense=x']).status).toBe(1);
		expect(cli(['rejects', '999']).status).toBe(1);
		expect(cli(['export', '--out', path.join(dir, 'x.txt')]).status).toBe(1);
	}, 120_000);

	it('import --profile and --map on the command line', () => {
		const file = path.join(dir, 'foreign.csv');
		fs.writeFileSync(file, 'Ticket,Opened,Dept\nF1,10/8/2025,县教育局\n');
		const r = cli(['import', file, '--map', 'case_id=Ticket', '--map', 'received_at=Opened', '--map', 'unit=Dept', '--json']);
		expect(r.status).toBe(0);
		expect(lastJson(r.stdout)).toMatchObject({ rows_imported: 1, rows_rejected: 0 });
	}, 60_000);
});

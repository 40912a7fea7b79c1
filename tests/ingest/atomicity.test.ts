// A batch is one transaction: an injected failure after any phase, or the process killed mid-import, leaves
// the database exactly as before, and the same file can then simply be imported again.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db/index.ts';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { writeDemoCsv } from '../../src/lib/server/demo/index.ts';
import type { ImportPhase } from '../../src/lib/server/ingest/types.ts';
import { ROOT, snapshot, tempDb, type TempDb } from './helpers.ts';

let t: TempDb;
beforeAll(async () => {
	t = await tempDb('ingest-atomic-');
});
afterAll(() => t.close());

const V1 = '投诉编号,受理时间,被投诉单位,联系电话,办结时间\nA1,2025-10-01,县教育局,13800000001,\nA2,2025-10-02,县教育局,13800000002,\n';
const V2 =
	'投诉编号,受理时间,被投诉单位,联系电话,办结时间,中止开始时间\nA1,2025-10-01,县教育局,13800000001,2025-09-30,2025-10-03\nA3,2025-10-03,县教育局,13800000003,,\nA4,坏,县教育局,,,\nA3,2025-10-03,县教育局,13800000003,,\n';

describe('atomicity', () => {
	it('an injected failure after any phase leaves the database unchanged', async () => {
		await importFile(t.db, t.file('v1.csv', V1));
		const before = await snapshot(t.db);
		const v2 = t.file('v2.csv', V2);
		for (const phase of ['decode', 'parse', 'validate', 'merge', 'compliance', 'done'] as ImportPhase[]) {
			const afterMerge = phase === 'compliance' ? async () => undefined : undefined;
			await expect(importFile(t.db, v2, { failAfterPhase: phase, afterMerge })).rejects.toThrow(`injected failure after phase ${phase}`);
			expect(await snapshot(t.db)).toEqual(before);
		}
		// and the batch then simply runs
		const ok = await importFile(t.db, v2);
		expect(ok).toMatchObject({ rows_total: 4, rows_imported: 1, rows_updated: 1, rows_rejected: 2 });
		expect((await snapshot(t.db)).history).toBe(1);
	});

	it('a failure inside afterMerge rolls the whole batch back', async () => {
		const before = await snapshot(t.db);
		await expect(
			importFile(t.db, t.file('v3.csv', V1.replace('A2', 'A9')), {
				afterMerge: async () => {
					throw new Error('compliance failed');
				}
			})
		).rejects.toThrow('compliance failed');
		expect(await snapshot(t.db)).toEqual(before);
	});

	it('a process killed with SIGKILL mid-import leaves the database as before', async () => {
		const dir = t.dir;
		const dbPath = path.join(dir, 'killed.duckdb');
		const big = path.join(dir, 'big.csv');
		await writeDemoCsv(big, { rows: 120_000, seed: 3, encoding: 'utf-8' });
		let db = await Database.open(dbPath);
		await importFile(db, t.file('seed.csv', V1));
		const before = await snapshot(db);
		db.close();

		const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/ingest/kill-child.ts'), dbPath, big], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let killedIn = '';
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (d) => {
				out += String(d);
				// the merge writes the cases: kill right in the middle of the transaction
				if (!killedIn && out.includes('phase merge')) {
					killedIn = 'merge';
					child.kill('SIGKILL');
				}
			});
			child.on('exit', () => resolve());
			child.on('error', reject);
		});
		expect(out).not.toContain('finished');
		expect(killedIn).toBe('merge');

		db = await Database.open(dbPath);
		try {
			expect(await snapshot(db)).toEqual(before);
			// and the file imports cleanly afterwards
			const r = await importFile(db, big);
			expect(r.rows_total).toBe(120_000);
			expect(r.rows_imported + r.rows_rejected).toBe(120_000);
		} finally {
			db.close();
			for (const f of fs.readdirSync(dir)) if (f.startsWith('killed') || f === 'big.csv') fs.rmSync(path.join(dir, f), { force: true });
		}
	}, 180_000);
});

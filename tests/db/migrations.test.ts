// Migrations that rebuild a table (004, 005: the storage of the cases table) must carry every stored case over
// unchanged: a database left at an earlier version is upgraded by Database.open and compared with what it held.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { Database } from '../../src/lib/server/db/index.ts';
import { migrations } from '../../src/lib/server/db/migrations/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database file with the migrations up to `version` applied, as an earlier release left it. */
async function databaseAt(version: number, file: string): Promise<void> {
	const instance = await DuckDBInstance.create(file);
	const conn = await instance.connect();
	await conn.run(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
		applied_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP + INTERVAL 8 HOUR))`);
	for (const m of migrations.filter((x) => x.version <= version)) {
		await conn.run(m.sql);
		await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
	}
	await conn.run(`INSERT INTO cases (case_id, received_at, channel, unit, category, handling_mode, closed_at, content,
			quality_warnings, extra, row_hash, first_batch_id, batch_id, source_line)
		SELECT 'M' || lpad(i::VARCHAR, 5, '0'), TIMESTAMP '2025-03-01 08:00:00' + to_minutes(i),
			['电话', '网上', '来信'][i % 3 + 1], ['县住房和城乡建设局', '城关镇人民政府'][i % 2 + 1], '乱收费', '转办',
			CASE WHEN i % 4 = 0 THEN NULL ELSE TIMESTAMP '2025-03-05 17:00:00' + to_minutes(i) END, '内容' || i,
			CASE WHEN i = 7 THEN ['办结时间早于受理时间'] END, CASE WHEN i = 9 THEN '{"备注":"x"}'::JSON END,
			md5(i::VARCHAR), 1, 1, i + 1
		FROM range(1, 301) t(i)`);
	conn.closeSync();
	instance.closeSync();
}

async function casesOf(db: Database): Promise<{ columns: string; digest: string; n: number }> {
	const cols = await db.query<{ name: string }>(
		`SELECT column_name || ' ' || data_type AS name FROM duckdb_columns() WHERE table_name = 'cases' ORDER BY column_index`
	);
	const row = await db.queryOne<{ digest: string; n: number }>(
		// the redacted copies (007) are derived: filled by the migration, while the reference's cases bypass the import
		`SELECT md5(string_agg(CAST(c AS VARCHAR), '|' ORDER BY case_id)) AS digest, count(*)::INTEGER AS n
		 FROM (SELECT * EXCLUDE (content_redacted, typical_summary_redacted) FROM cases) c`
	);
	return { columns: cols.map((c) => c.name).join(', '), digest: String(row?.digest), n: Number(row?.n) };
}

describe('migrations', () => {
	it('upgrades a database of every earlier version without changing a stored case', async () => {
		// the reference: the same cases written into a database at the latest version
		const latest = path.join(dir, 'latest.duckdb');
		await databaseAt(migrations[migrations.length - 1].version, latest);
		const ref = await Database.open(latest);
		const expected = await casesOf(ref);
		ref.close();
		expect(expected.n).toBe(300);

		for (const from of [1, 2, 3, 4, 5]) {
			const file = path.join(dir, `v${from}.duckdb`);
			await databaseAt(from, file);
			const db = await Database.open(file);
			try {
				const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
				expect(versions.map((v) => Number(v.version))).toEqual(migrations.map((m) => m.version));
				expect(await casesOf(db)).toEqual(expected);
			} finally {
				db.close();
			}
		}
	});

	it('stores the grouping columns of cases uncompressed (005)', async () => {
		const file = path.join(dir, 'storage.duckdb');
		await databaseAt(4, file);
		const db = await Database.open(file);
		try {
			await db.run('CHECKPOINT');
			const rows = await db.query<{ column_name: string; compression: string }>(
				`SELECT DISTINCT column_name, compression FROM pragma_storage_info('cases')
				 WHERE column_name IN ('channel', 'unit', 'category') AND segment_type = 'VARCHAR'`
			);
			expect(rows.length).toBeGreaterThan(0);
			for (const r of rows) expect([r.column_name, r.compression]).toEqual([r.column_name, 'Uncompressed']);
		} finally {
			db.close();
		}
	});

	it('records the fields old batches carried from their stored mapping, every field where unknown (006)', async () => {
		const file = path.join(dir, 'carried.duckdb');
		await databaseAt(5, file);
		// batch 1: a stored mapping without 受理决定时间; batch 2: no stored mapping; cases of batch 3 have no batch row
		const instance = await DuckDBInstance.create(file);
		const conn = await instance.connect();
		await conn.run(`INSERT INTO import_batches (batch_id, file_name, mapping, started_at, status) VALUES
			(1, 'a.csv', '{"case_id":"投诉编号","received_at":"受理时间","unit":"被投诉单位","closed_at":"办结时间"}'::JSON, TIMESTAMP '2025-03-01 00:00:00', 'committed'),
			(2, 'b.csv', NULL, TIMESTAMP '2025-03-02 00:00:00', 'committed')`);
		await conn.run(`UPDATE cases SET first_batch_id = 2, batch_id = 2 WHERE case_id = 'M00002'`);
		await conn.run(`UPDATE cases SET batch_id = 3 WHERE case_id = 'M00003'`);
		conn.closeSync();
		instance.closeSync();
		const db = await Database.open(file);
		try {
			const batches = await db.query<{ batch_id: number; carried: string[] | null }>('SELECT batch_id, carried FROM import_batches ORDER BY batch_id');
			expect(batches.map((b) => [Number(b.batch_id), b.carried])).toEqual([
				[1, ['case_id', 'received_at', 'unit', 'closed_at']],
				[2, null]
			]);
			const masks = await db.query<{ case_id: string; m: string | null }>(
				`SELECT case_id, carried_mask::VARCHAR AS m FROM cases WHERE case_id IN ('M00001', 'M00002', 'M00003') ORDER BY case_id`
			);
			// case_id bit 0, received_at bit 1, unit bit 6, closed_at bit 14: 1 + 2 + 64 + 16384
			expect(masks.map((r) => [r.case_id, r.m])).toEqual([
				['M00001', '16451'],
				['M00002', null],
				['M00003', null]
			]);
		} finally {
			db.close();
		}
	});
});

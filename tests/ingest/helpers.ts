// Shared plumbing of the ingest tests: a fresh database file per test, files written to a temp folder,
// and a snapshot of everything an import may touch (to prove a failed batch changed nothing).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/lib/server/db/index.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHARED_DATA = path.resolve(ROOT, '../shared/data');

export interface TempDb {
	db: Database;
	dir: string;
	file(name: string, content: string | Buffer): string;
	close(): void;
}

export async function tempDb(prefix = 'ingest-test-'): Promise<TempDb> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const db = await Database.open(path.join(dir, 'test.duckdb'));
	return {
		db,
		dir,
		file(name, content) {
			const p = path.join(dir, name);
			fs.writeFileSync(p, content);
			return p;
		},
		close() {
			db.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface Snapshot {
	cases: number;
	batches: number;
	history: number;
	rejects: number;
	warnings: number;
	pauses: number;
	settings: number;
	digest: string;
}

/** Counts of every table an import writes plus a digest of the cases' content. */
export async function snapshot(db: Database): Promise<Snapshot> {
	const row = await db.queryOne<Record<string, unknown>>(`SELECT
		(SELECT count(*) FROM cases)::INTEGER AS cases,
		(SELECT count(*) FROM import_batches)::INTEGER AS batches,
		(SELECT count(*) FROM case_history)::INTEGER AS history,
		(SELECT count(*) FROM import_rejects)::INTEGER AS rejects,
		(SELECT count(*) FROM import_warnings)::INTEGER AS warnings,
		(SELECT count(*) FROM case_pauses)::INTEGER AS pauses,
		(SELECT count(*) FROM settings)::INTEGER AS settings,
		(SELECT coalesce(md5(string_agg(case_id || '|' || row_hash || '|' || batch_id, ',' ORDER BY case_id)), '') FROM cases) AS digest`);
	return row as unknown as Snapshot;
}

type Accounting = { batch_id: number; rows_total: number; rows_imported: number; rows_updated: number; rows_unchanged: number; rows_rejected: number };

/**
 * rows_total = imported + updated + unchanged + rejected (cli.md), checked against what the batch left in the
 * database rather than against the report alone (the importer refuses to commit a report that does not add up,
 * so a report could never be seen unbalanced): the cases the batch created, the versions it superseded, the
 * rejects it stored, the batch row itself, and, when the test knows it, the number of records in the file.
 * Call it right after the import. Returns the discrepancies (empty when balanced).
 */
export async function balanced(db: Database, r: Accounting, records?: number): Promise<string[]> {
	const got = await db.queryOne<Record<string, number | string>>(
		`SELECT
			(SELECT count(*) FROM cases WHERE first_batch_id = $b)::INTEGER AS created,
			(SELECT count(*) FROM case_history WHERE superseded_by_batch = $b)::INTEGER AS superseded,
			(SELECT count(*) FROM import_rejects WHERE batch_id = $b)::INTEGER AS rejects,
			(SELECT rows_total FROM import_batches WHERE batch_id = $b)::INTEGER AS total,
			(SELECT rows_imported FROM import_batches WHERE batch_id = $b)::INTEGER AS imported,
			(SELECT rows_updated FROM import_batches WHERE batch_id = $b)::INTEGER AS updated,
			(SELECT rows_unchanged FROM import_batches WHERE batch_id = $b)::INTEGER AS unchanged,
			(SELECT rows_rejected FROM import_batches WHERE batch_id = $b)::INTEGER AS rejected,
			(SELECT status FROM import_batches WHERE batch_id = $b) AS status`,
		{ b: r.batch_id }
	);
	const out: string[] = [];
	const check = (what: string, actual: unknown, expected: unknown) => {
		if (actual !== expected) out.push(`${what}: ${String(actual)} ≠ ${String(expected)}`);
	};
	check('batch status', got?.status, 'committed');
	check('rows_imported vs cases created by the batch', r.rows_imported, got?.created);
	check('rows_updated vs versions the batch superseded', r.rows_updated, got?.superseded);
	check('rows_rejected vs rejects stored', r.rows_rejected, got?.rejects);
	check('stored rows_total', got?.total, r.rows_total);
	check('stored rows_imported', got?.imported, r.rows_imported);
	check('stored rows_updated', got?.updated, r.rows_updated);
	check('stored rows_unchanged', got?.unchanged, r.rows_unchanged);
	check('stored rows_rejected', got?.rejected, r.rows_rejected);
	if (records !== undefined) check('rows_total vs records in the file', r.rows_total, records);
	check('imported + updated + unchanged + rejected', r.rows_imported + r.rows_updated + r.rows_unchanged + r.rows_rejected, records ?? r.rows_total);
	return out;
}

export const HEADER = '投诉编号,受理时间,被投诉单位,投诉渠道,联系电话,办结时间,投诉内容';

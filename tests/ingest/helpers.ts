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

/** rows_total = imported + updated + unchanged + rejected (cli.md). */
export function balanced(r: { rows_total: number; rows_imported: number; rows_updated: number; rows_unchanged: number; rows_rejected: number }): boolean {
	return r.rows_total === r.rows_imported + r.rows_updated + r.rows_unchanged + r.rows_rejected;
}

export const HEADER = '投诉编号,受理时间,被投诉单位,投诉渠道,联系电话,办结时间,投诉内容';

// Shared helpers of the compliance tests: a temporary database and direct case inserts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Database } from '../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';

export const ADMIN: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
export const LEADER: SessionUser = { userId: 2, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
export const unitUser = (unit: string): SessionUser => ({ userId: 3, name: 'u', displayName: null, role: 'unit', units: [unit], pii: false });

export interface TempDb {
	db: Database;
	dir: string;
	close(): Promise<void>;
}

export async function tempDb(label: string): Promise<TempDb> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `h2-${label}-`));
	const dbPath = path.join(dir, 'test.duckdb');
	const db = await getDb(dbPath);
	return {
		db,
		dir,
		async close() {
			await closeDb(dbPath);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

export type CaseInput = { case_id: string; received_at: string; unit?: string } & Record<string, string | number | boolean | null | undefined>;

/** Inserts cases with only the columns given (all values bound). */
export async function insertCases(db: Database, cases: CaseInput[]): Promise<void> {
	for (const c of cases) {
		const row: Record<string, string | number | boolean | null> = { unit: '县人社局', row_hash: 'h', first_batch_id: 1, batch_id: 1 };
		for (const [k, v] of Object.entries(c)) if (v !== undefined) row[k] = v;
		const cols = Object.keys(row);
		if (cols.some((k) => !/^[a-z_]+$/.test(k))) throw new Error('bad column');
		await db.run(
			`INSERT INTO cases (${cols.join(', ')}) VALUES (${cols.map((k) => `$${k}`).join(', ')})`,
			row
		);
	}
}

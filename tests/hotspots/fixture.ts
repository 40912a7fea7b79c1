// A tiny database of hand-written complaints for the hot-spot tests: cases inserted directly (no import), the
// metrics facts built, so the hot-spot queries run on the real tables. The redacted copy of the text is written as the
// importer writes it (pii/redact.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Database } from '../../src/lib/server/db/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/index.ts';
import { redactSql } from '../../src/lib/server/pii/redact.ts';

export interface MiniCase {
	id: string;
	at: string; // 'YYYY-MM-DD HH:MM:SS'
	unit: string;
	category?: string;
	channel?: string;
	text: string;
	name?: string;
	key?: string;
}

export async function openMiniDb(cases: MiniCase[]): Promise<{ db: Database; close(): Promise<void> }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspots-'));
	const dbPath = path.join(dir, 'h.duckdb');
	const db = await getDb(dbPath);
	const units = [...new Set(cases.map((c) => c.unit))];
	for (const [i, u] of units.entries()) await db.run('INSERT INTO units VALUES ($1, $2, $3)', [u, u.endsWith('镇') ? '乡镇' : '县直部门', i + 1]);
	await db.run(`INSERT INTO import_batches (file_name, started_at, status) VALUES ('mini', TIMESTAMP '2026-01-01 00:00:00', 'committed')`);
	for (const c of cases) {
		await db.run(
			`INSERT INTO cases (case_id, received_at, unit, category, channel, content, content_redacted, complainant_name, complainant_key, row_hash, first_batch_id, batch_id)
			 VALUES ($1, $2::TIMESTAMP, $3, $4, $5, $6, ${redactSql('$6::VARCHAR', '$7::VARCHAR')}, $7, $8, md5($1), 1, 1)`,
			[c.id, c.at, c.unit, c.category ?? '办事拖拉', c.channel ?? '电话', c.text, c.name ?? null, c.key ?? `k-${c.id}`]
		);
	}
	await refreshRollups(db);
	return {
		db,
		async close() {
			await closeDb(dbPath);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

// A tiny database of hand-written complaints for the hot-spot tests: cases inserted directly (no import), the
// metrics facts built, so the hot-spot queries run on the real tables. The redacted copy of the text is written as the
// importer writes it (pii/redact.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Database } from '../../src/lib/server/db/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/index.ts';
import { redactSql } from '../../src/lib/server/pii/redact.ts';
import { listValue } from '@duckdb/node-api';

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
	// one statement for all cases (a corpus of thousands, for the document-frequency ceiling, loads in a moment)
	const col = (f: (c: MiniCase) => string | null) => listValue(cases.map(f));
	if (cases.length)
		await db.run(
			`INSERT INTO cases (case_id, received_at, unit, category, channel, content, content_redacted, complainant_name, complainant_key, row_hash, first_batch_id, batch_id)
			 SELECT m_id, m_at::TIMESTAMP, m_unit, m_category, m_channel, m_text, ${redactSql('m_text', 'm_name')}, m_name, m_key, md5(m_id), 1, 1
			 FROM (SELECT unnest($id::VARCHAR[]) AS m_id, unnest($at::VARCHAR[]) AS m_at, unnest($unit::VARCHAR[]) AS m_unit, unnest($category::VARCHAR[]) AS m_category,
				unnest($channel::VARCHAR[]) AS m_channel, unnest($text::VARCHAR[]) AS m_text, unnest($name::VARCHAR[]) AS m_name, unnest($key::VARCHAR[]) AS m_key)`,
			{
				id: col((c) => c.id),
				at: col((c) => c.at),
				unit: col((c) => c.unit),
				category: col((c) => c.category ?? '办事拖拉'),
				channel: col((c) => c.channel ?? '电话'),
				text: col((c) => c.text),
				name: col((c) => c.name ?? null),
				key: col((c) => c.key ?? `k-${c.id}`)
			}
		);
	await refreshRollups(db);
	return {
		db,
		async close() {
			await closeDb(dbPath);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

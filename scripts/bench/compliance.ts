// Compliance benchmark: all rules of the default pack over `rows` cases generated in SQL (DuckDB range())
// into a temporary database, timed end to end through evaluatePack (the SQL evaluation and the stored results).
import fs from 'node:fs';
import path from 'node:path';
import { getDb, closeDb } from '../../src/lib/server/db/index.ts';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { syncCalendar } from '../../src/lib/server/calendar/index.ts';

/** Realistic county-efficiency cases: four handling modes, holidays crossed, some open, late and extended. */
export const GENERATE_CASES_SQL = /* sql */ `
INSERT INTO cases (case_id, received_at, unit, person, category, handling_mode, outcome, accepted_at, dispatched_at,
	replied_at, filed_report_at, closed_at, extension_approved, extension_approved_at, row_hash, first_batch_id, batch_id)
SELECT 'B' || lpad(i::VARCHAR, 8, '0'), r, '单位' || (i % 60), '人员' || (i % 3000), ['工作作风', '办事效率', '服务态度'][(i % 3) + 1],
	mode, ['属实', '部分属实', '不属实', '不属实'][(i % 4) + 1],
	r + to_seconds((i % 7) * 86400 + 3600), r + to_seconds((i % 9) * 86400 + 7200),
	CASE WHEN i % 17 = 0 THEN NULL ELSE r + to_seconds((i % 23) * 86400 + 36000) END,
	CASE WHEN mode = '交办' AND i % 5 <> 0 THEN r + to_seconds((i % 31) * 86400) END,
	CASE WHEN i % 17 = 0 THEN NULL ELSE r + to_seconds((i % 23) * 86400 + 40000) END,
	i % 29 = 0, CASE WHEN i % 29 = 0 THEN r + to_seconds((i % 20) * 86400) END,
	'bench', 1, 1
FROM (SELECT i, TIMESTAMP '2023-01-02 08:30:00' + to_seconds((i * 7919) % (3 * 365 * 86400)) AS r,
	['直办', '转办', '交办', '牵头办理'][(i % 4) + 1] AS mode FROM range($rows) t(i))`;

export async function run(ctx: { dir: string; rows: number; dbPath?: string }): Promise<{ compliance_s: number }> {
	fs.mkdirSync(ctx.dir, { recursive: true });
	const dbPath = ctx.dbPath ?? path.join(ctx.dir, 'compliance-bench.duckdb');
	const fresh = !ctx.dbPath;
	if (fresh) for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
	const db = await getDb(dbPath);
	try {
		if (fresh) {
			await db.run(GENERATE_CASES_SQL, { rows: ctx.rows });
			await db.run('CHECKPOINT');
		}
		await syncCalendar(db);
		const pack = loadPack('county-efficiency');
		const summary = await evaluatePack(db, pack, { asOf: '2025-12-31' });
		process.stderr.write(`compliance: ${summary.cases} cases, ${summary.evaluations} evaluations in ${summary.seconds}s\n`);
		return { compliance_s: summary.seconds };
	} finally {
		await closeDb(dbPath);
		if (fresh) for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
	}
}

// Standalone: npx tsx scripts/bench/compliance.ts [rows]
if (import.meta.url === `file://${process.argv[1]}`) {
	const rows = Number(process.argv[2] ?? 1_000_000);
	run({ dir: path.join(process.cwd(), 'bench-data'), rows }).then((r) => process.stdout.write(JSON.stringify(r) + '\n'));
}

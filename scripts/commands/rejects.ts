// `rejects <batch_id> [--out file.csv] [--db] [--json]`: the rejected rows of a batch with line, field, column,
// reason and raw text (cli.md). --out writes them as CSV (UTF-8 with BOM); --json prints {batch_id, rows}.
import fs from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { batchExists, listRejects, rejectsCsv } from '../../src/lib/server/ingest/index.ts';
import { ingestText } from '../../src/lib/i18n/zh/ingest.ts';
import { openDb, parse, type CommandContext } from './context.ts';

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values, positionals } = parse(ctx, { out: { type: 'string' } });
	const raw = positionals[0];
	if (!raw || !/^\d+$/.test(raw)) throw new UserInputError('bad_arguments', ingestText.badBatchId(String(raw ?? '')));
	const batchId = Number(raw);
	const db = await openDb(values.db);
	if (!(await batchExists(db, batchId))) throw new UserInputError('batch_not_found', ingestText.batchNotFound(raw));
	const rows = await listRejects(db, batchId);
	if (values.out) {
		const out = path.resolve(values.out);
		fs.mkdirSync(path.dirname(out), { recursive: true });
		const tmp = `${out}.${process.pid}.tmp`;
		fs.writeFileSync(tmp, await rejectsCsv(db, batchId));
		fs.renameSync(tmp, out);
		return { batch_id: batchId, rows: rows.length, out };
	}
	if (!ctx.json) {
		for (const r of rows) {
			process.stderr.write(`第 ${r.line_no ?? '?'} 行${r.column_name ? ` 列「${r.column_name}」` : ''}：${r.reason}\n`);
		}
	}
	return { batch_id: batchId, rows: rows.length };
}

export function describe(result: Record<string, unknown>): string {
	return ingestText.rejectsSummary(Number(result.batch_id), Number(result.rows), result.out as string | undefined);
}

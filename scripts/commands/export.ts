// `export --out <file.csv|file.parquet> [--unit <name>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--db] [--json]`:
// the canonical, normalised cases with product.md §4 field names as headers (cli.md). The command line acts
// as admin, so complainant columns are included. --json prints {rows, out}.
import { UserInputError } from '../../src/lib/server/errors.ts';
import { exportCases } from '../../src/lib/server/ingest/index.ts';
import { ingestText } from '../../src/lib/i18n/zh/ingest.ts';
import { openDb, parse, type CommandContext } from './context.ts';

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values } = parse(ctx, { out: { type: 'string' }, unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } }, false);
	if (!values.out) throw new UserInputError('bad_arguments', ingestText.exportOutNeeded, { field: 'out' });
	const db = await openDb(values.db);
	const result = await exportCases(db, { out: values.out, unit: values.unit, from: values.from, to: values.to });
	return { rows: result.rows, out: result.out };
}

export function describe(result: Record<string, unknown>): string {
	return ingestText.exportSummary(Number(result.rows), String(result.out));
}

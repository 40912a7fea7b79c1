// `demo [--rows N] [--seed S] [--today YYYY-MM-DD] [--db path] [--json]`: creates the realistic demo data set
// (three years of a county's complaints ending today), loads it through the importer, and writes the dirty
// GB18030 sample export under data/demo/ (cli.md). --json prints {rows, db, …}.
import { UserInputError } from '../../src/lib/server/errors.ts';
import { runDemo, DEFAULT_DEMO_ROWS, DEFAULT_DEMO_SEED } from '../../src/lib/server/demo/index.ts';
import { DEMO } from '../../src/lib/i18n/zh/demo.ts';
import { openDb, parse, progressBar, type CommandContext } from './context.ts';

function positiveInteger(value: string | undefined, fallback: number, error: (v: string) => string, field: string, min: number): number {
	if (value === undefined) return fallback;
	const n = Number(value.replaceAll('_', ''));
	if (!Number.isSafeInteger(n) || n < min) throw new UserInputError('bad_arguments', error(value), { field });
	return n;
}

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values } = parse(ctx, { rows: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } }, false);
	const rows = positiveInteger(values.rows, DEFAULT_DEMO_ROWS, DEMO.errors.badRows, 'rows', 1);
	const seed = positiveInteger(values.seed, DEFAULT_DEMO_SEED, DEMO.errors.badSeed, 'seed', 0);
	if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
		throw new UserInputError('bad_arguments', DEMO.errors.badToday(values.today), { field: 'today' });
	const db = await openDb(values.db);
	const generateBar = progressBar(DEMO.progress.generate);
	const importBar = progressBar(DEMO.progress.import);
	const result = await runDemo(db, {
		rows,
		seed,
		today: values.today,
		onGenerate: generateBar,
		onImport: (p) => importBar(Math.round(p.fraction * 1000), 1000)
	});
	if (result.batch.rows_rejected > 0) process.stderr.write(DEMO.errors.rejected(result.batch.rows_rejected, result.batch.batch_id) + '\n');
	return {
		rows: result.rows,
		db: result.db,
		batch_id: result.batch.batch_id,
		rows_rejected: result.batch.rows_rejected,
		sample: result.sample.path,
		compliance_evaluated: result.complianceEvaluated,
		seconds: Number(result.seconds.toFixed(2))
	};
}

export function describe(result: Record<string, unknown>): string {
	return DEMO.summary({
		rows: Number(result.rows),
		db: String(result.db),
		sample: String(result.sample),
		seconds: Number(result.seconds),
		complianceEvaluated: Boolean(result.compliance_evaluated)
	});
}

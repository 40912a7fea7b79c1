// `import <file> [--profile <name or path>] [--map field=Header ...] [--set field=value ...] [--date-format FMT ...]
// [--public-column <header> ...] [--encoding auto|utf-8|gb18030] [--db] [--json]`:
// loads a CSV/TSV/XLSX export as one batch (cli.md). --json prints exactly the batch report.
import path from 'node:path';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { batchCarried, CANONICAL_FIELDS, importFile, parseFieldArgs, parseMapArgs, type BatchReport, type EncodingChoice } from '../../src/lib/server/ingest/index.ts';
import { loadPack, unsupportedRules } from '../../src/lib/server/compliance/index.ts';
import { DEFAULT_PACK } from '../../src/lib/server/metrics/catalog.ts';
import { refreshAfterImport } from '../../src/lib/server/refresh.ts';
import { ingestText } from '../../src/lib/i18n/zh/ingest.ts';
import { openDb, parse, progressBar, type CommandContext } from './context.ts';

const ENCODINGS: EncodingChoice[] = ['auto', 'utf-8', 'gb18030'];

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values, positionals } = parse(ctx, {
		profile: { type: 'string' },
		map: { type: 'string', multiple: true },
		set: { type: 'string', multiple: true },
		'date-format': { type: 'string', multiple: true },
		'public-column': { type: 'string', multiple: true },
		encoding: { type: 'string' }
	});
	const file = positionals[0];
	if (!file || positionals.length > 1) throw new UserInputError('bad_arguments', ingestText.importFileNeeded);
	const encoding = (values.encoding ?? 'auto') as EncodingChoice;
	if (!ENCODINGS.includes(encoding)) throw new UserInputError('bad_arguments', ingestText.badEncoding(String(values.encoding)), { field: 'encoding' });
	const { map, unknown } = parseMapArgs(values.map ?? []);
	if (unknown.length) throw new UserInputError('bad_arguments', ingestText.mapUnknownField(unknown, CANONICAL_FIELDS), { field: 'map' }, { fields: CANONICAL_FIELDS });
	const set = parseFieldArgs(values.set ?? []);
	if (set.unknown.length) throw new UserInputError('bad_arguments', ingestText.setUnknownField(set.unknown, CANONICAL_FIELDS), { field: 'set' }, { fields: CANONICAL_FIELDS });

	const db = await openDb(values.db);
	const bar = progressBar('导入');
	const started = Date.now();
	const report: BatchReport = await importFile(db, path.resolve(file), {
		profile: values.profile,
		map,
		constants: set.values,
		dateFormats: values['date-format'],
		publicColumns: values['public-column'],
		encoding,
		displayName: path.basename(file),
		importedBy: 'cli',
		onProgress: (p) => bar(Math.round(p.fraction * 900), 1000)
	});
	// Deadline results follow the data, as after an upload in the browser (dashboards rebuild on their own).
	if (report.rows_imported + report.rows_updated > 0) await refreshAfterImport(db, report.batch_id);
	bar(1000, 1000);
	// The rules of the default pack this file cannot support (a field they need is in no column of it).
	const carried = await batchCarried(db, report.batch_id);
	const unsupported = carried ? unsupportedRules(loadPack(DEFAULT_PACK), carried) : [];
	// The fields of cli.md, in its order, then the unsupported rules.
	return {
		batch_id: report.batch_id,
		file: report.file,
		encoding: report.encoding,
		rows_total: report.rows_total,
		rows_imported: report.rows_imported,
		rows_updated: report.rows_updated,
		rows_unchanged: report.rows_unchanged,
		rows_rejected: report.rows_rejected,
		// end to end: the import and the recomputation of deadline results that follows it
		seconds: Math.round((Date.now() - started) / 10) / 100,
		unsupported_rules: unsupported
	};
}

export function describe(result: Record<string, unknown>): string {
	return ingestText.importSummary(result as unknown as BatchReport);
}

// Export of the canonical, normalised cases (cli `export`): product.md §4 field names as headers, CSV as UTF-8
// with BOM and formula-injection escaping, or Parquet; written by DuckDB COPY to a temporary name, then renamed.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../db/index.ts';
import { UserInputError } from '../errors.ts';
import { CASE_FIELDS } from './validate.ts';
import { FIELD_KIND } from './normalize.ts';
import type { CanonicalField } from './types.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';

export interface ExportOptions {
	out: string;
	/** Canonical unit name (or one of its aliases). */
	unit?: string;
	/** Received on or after this Shanghai date, YYYY-MM-DD. */
	from?: string;
	/** Received on or before this Shanghai date, YYYY-MM-DD. */
	to?: string;
	/** Columns to write (default: every canonical case field). Callers without PII rights pass fewer. */
	columns?: CanonicalField[];
}

export interface ExportResult {
	rows: number;
	out: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function selectList(columns: CanonicalField[], csv: boolean): string {
	return columns
		.map((f) => {
			const kind = FIELD_KIND[f];
			if (!csv) return f;
			if (kind === 'timestamp') return `strftime(${f}, '%Y-%m-%d %H:%M:%S') AS ${f}`;
			if (kind === 'bool' || kind === 'int') return `CAST(${f} AS VARCHAR) AS ${f}`;
			// text: a leading = + - @ tab or CR would run as a formula in a spreadsheet
			return `CASE WHEN regexp_matches(${f}, '^[=+\\-@\\t\\r]') THEN '''' || ${f} ELSE ${f} END AS ${f}`;
		})
		.join(', ');
}

export async function exportCases(db: Database, opts: ExportOptions): Promise<ExportResult> {
	const out = path.resolve(opts.out);
	const ext = path.extname(out).toLowerCase();
	if (ext !== '.csv' && ext !== '.parquet') throw new UserInputError('export_ext', ingestText.exportBadExt(opts.out), { file: opts.out });
	if (opts.from !== undefined && !DATE.test(opts.from)) throw new UserInputError('bad_date', ingestText.badDate('--from', opts.from));
	if (opts.to !== undefined && !DATE.test(opts.to)) throw new UserInputError('bad_date', ingestText.badDate('--to', opts.to));
	const columns = (opts.columns ?? CASE_FIELDS).filter((c) => (CASE_FIELDS as readonly string[]).includes(c));

	const where: string[] = [];
	const params: Record<string, string> = {};
	if (opts.unit !== undefined) {
		where.push(`(unit = $unit OR unit = (SELECT unit FROM unit_aliases WHERE alias = $unit))`);
		params.unit = opts.unit.trim();
	}
	if (opts.from !== undefined) {
		where.push('received_at >= CAST($from AS DATE)');
		params.from = opts.from;
	}
	if (opts.to !== undefined) {
		where.push('received_at < CAST($to AS DATE) + INTERVAL 1 DAY');
		params.to = opts.to;
	}
	const csv = ext === '.csv';
	const query = `SELECT ${selectList(columns, csv)} FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY received_at, case_id`;

	fs.mkdirSync(path.dirname(out), { recursive: true });
	const tmp = `${out}.${process.pid}.tmp`;
	const body = `${tmp}.body`;
	try {
		const rows = await db.withConnection(async (conn) => {
			const format = csv ? `(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')` : '(FORMAT parquet)';
			const res = await conn.runAndReadAll(`COPY (${query}) TO $file ${format}`, { ...params, file: csv ? body : tmp });
			const first = res.getRows()[0];
			return first ? Number(first[0]) : 0;
		});
		if (csv) {
			// DuckDB writes no BOM; Excel on Chinese Windows needs it to read UTF-8.
			const dest = fs.createWriteStream(tmp);
			dest.write('\uFEFF');
			await pipeline(fs.createReadStream(body), dest);
			fs.rmSync(body, { force: true });
		}
		fs.renameSync(tmp, out);
		return { rows, out };
	} catch (e) {
		fs.rmSync(tmp, { force: true });
		fs.rmSync(body, { force: true });
		throw e;
	}
}

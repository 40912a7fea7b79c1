// Report step: the batches and their rejected rows, as the CLI lists them and the page downloads them.
import type { Database } from '../db/index.ts';
import { REJECT_HEADERS } from '../../i18n/zh/ingest.ts';
import { FIELD_LABELS } from '../../i18n/zh/fields.ts';
import type { CanonicalField } from '../../model/import.ts';
import { csvCell } from '../spreadsheet.ts';

export interface RejectRow {
	line_no: number | null;
	field: string | null;
	column_name: string | null;
	reason: string;
	raw: string | null;
}

export interface BatchRow {
	batch_id: number;
	file_name: string;
	encoding: string | null;
	delimiter: string | null;
	profile: string | null;
	started_at: string;
	finished_at: string | null;
	status: string;
	rows_total: number;
	rows_imported: number;
	rows_updated: number;
	rows_unchanged: number;
	rows_rejected: number;
	rows_warned: number;
	imported_by: string | null;
	seconds: number | null;
	/** the canonical fields the file carried (mapped columns); null for a batch imported before that was recorded */
	carried: string[] | null;
	/** data-quality scores 0–100 (quality.ts batchScores); null when not computed (no case written, or before migration 010) */
	completeness: number | null;
	consistency: number | null;
}

/** Every committed batch, newest first. */
export async function listBatches(db: Database): Promise<BatchRow[]> {
	const rows = await db.query(
		`SELECT batch_id, file_name, encoding, delimiter, profile,
			strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
			status, rows_total::DOUBLE AS rows_total, rows_imported::DOUBLE AS rows_imported, rows_updated::DOUBLE AS rows_updated,
			rows_unchanged::DOUBLE AS rows_unchanged, rows_rejected::DOUBLE AS rows_rejected, rows_warned::DOUBLE AS rows_warned,
			imported_by, seconds, carried, completeness, consistency
		FROM import_batches ORDER BY batch_id DESC`
	);
	return rows.map((r) => ({
		...(r as unknown as BatchRow),
		batch_id: Number(r.batch_id),
		rows_total: Number(r.rows_total),
		rows_imported: Number(r.rows_imported),
		rows_updated: Number(r.rows_updated),
		rows_unchanged: Number(r.rows_unchanged),
		rows_rejected: Number(r.rows_rejected),
		rows_warned: Number(r.rows_warned),
		seconds: r.seconds === null ? null : Number(r.seconds),
		carried: Array.isArray(r.carried) ? r.carried.map(String) : null,
		completeness: r.completeness === null || r.completeness === undefined ? null : Number(r.completeness),
		consistency: r.consistency === null || r.consistency === undefined ? null : Number(r.consistency)
	}));
}

/** The canonical fields batch b's file carried; null when unknown (imported before migration 006) or no such batch. */
export async function batchCarried(db: Database, batchId: number): Promise<string[] | null> {
	const row = await db.queryOne<{ carried: unknown }>('SELECT carried FROM import_batches WHERE batch_id = $b', { b: batchId });
	return Array.isArray(row?.carried) ? row.carried.map(String) : null;
}

export async function batchExists(db: Database, batchId: number): Promise<boolean> {
	const row = await db.queryOne('SELECT 1 AS x FROM import_batches WHERE batch_id = $b', { b: batchId });
	return row !== undefined;
}

/** The rejected rows of a batch in file order (limit for screens; the download takes all). */
export async function listRejects(db: Database, batchId: number, limit?: number): Promise<RejectRow[]> {
	const rows = await db.query(
		`SELECT line_no::DOUBLE AS line_no, field, column_name, reason, raw FROM import_rejects
		WHERE batch_id = $b ORDER BY line_no NULLS LAST, reason ${limit !== undefined ? 'LIMIT $limit' : ''}`,
		limit !== undefined ? { b: batchId, limit } : { b: batchId }
	);
	return rows.map((r) => ({
		line_no: r.line_no === null ? null : Number(r.line_no),
		field: (r.field as string | null) ?? null,
		column_name: (r.column_name as string | null) ?? null,
		reason: String(r.reason),
		raw: (r.raw as string | null) ?? null
	}));
}

export { escapeFormula, csvCell } from '../spreadsheet.ts';

/**
 * The rejects of a batch as CSV: UTF-8 with BOM (Excel opens it in Chinese), header 行号,字段,字段名称,列,原因,原始内容.
 * 字段 is the canonical field (received_at), which the command line's `rejects` hands to scripts (cli.md); 字段名称
 * beside it is the same field in Chinese (受理时间) for the analyst who opens the file.
 */
export async function rejectsCsv(db: Database, batchId: number): Promise<string> {
	const rows = await listRejects(db, batchId);
	const header = [REJECT_HEADERS.line, REJECT_HEADERS.field, REJECT_HEADERS.fieldLabel, REJECT_HEADERS.column, REJECT_HEADERS.reason, REJECT_HEADERS.raw];
	const lines = [header.join(',')];
	const label = (f: string | null) => (f ? (FIELD_LABELS[f as CanonicalField] ?? f) : null);
	for (const r of rows) lines.push([r.line_no, r.field, label(r.field), r.column_name, r.reason, r.raw].map(csvCell).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

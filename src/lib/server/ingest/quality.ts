// Report step: a batch's data quality as a list the analyst can act on (issue 15) — the warnings by kind, each
// mapped field's empty and invalid cells, and the columns kept without a field (cases.extra) with how many of
// their cells were filled. Read from what the batch stored: the cases whose current version it wrote, its
// warnings and its rejects.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import { REQUIRED_FIELDS } from './mapping.ts';
import { CASE_FIELDS } from './validate.ts';
import { FIELD_NAMES, QUALITY_HEADERS } from '../../i18n/zh/ingest.ts';
import { csvCell } from '../spreadsheet.ts';
import type { CanonicalField } from './types.ts';

export interface BatchQuality {
	/** Cases whose current version this batch wrote (a later batch's changes count there). */
	cases: number;
	/** Data-quality warnings by kind, most frequent first; the CSV lists each with its case. */
	warnings: { warning: string; cases: number }[];
	/** Each field the file's columns were mapped to: empty cells among `cases`, rows rejected for it. */
	fields: { field: string; label: string; header: string; empty: number; invalid: number }[];
	/**
	 * Columns that map to no field, kept with the case: filled and empty cells among `cases`; `public` when the
	 * analyst marked the column 不含个人信息 (cases.extra_public), else it is complainant data (cases.extra).
	 */
	kept: { header: string; filled: number; empty: number; public: boolean }[];
}

/**
 * A batch's scores, 0–100 (README): completeness, the share of the cells of the mapped optional fields (every
 * field a column was mapped to except case_id, received_at and unit; a constant is no column) that are filled,
 * and consistency, the share of cases without a data-quality warning — both over the cases the batch wrote (new
 * or changed), read inside its transaction right after the merge. NULL when it wrote none, or (completeness) mapped
 * no optional field. One scan of the batch's cases.
 */
export async function batchScores(
	conn: DuckDBConnection,
	batchId: number,
	mapped: CanonicalField[]
): Promise<{ completeness: number | null; consistency: number | null }> {
	const optional = (CASE_FIELDS as readonly string[]).filter((f) => mapped.includes(f as CanonicalField) && !REQUIRED_FIELDS.includes(f as CanonicalField));
	const filled = optional.length
		? optional.map((f) => `count(*) FILTER (WHERE ${f} IS NOT NULL AND trim(CAST(${f} AS VARCHAR)) <> '')`).join(' + ')
		: '0';
	const res = await conn.runAndReadAll(
		`SELECT count(*)::DOUBLE AS cases, (${filled})::DOUBLE AS filled, count(*) FILTER (WHERE quality_warnings IS NULL OR len(quality_warnings) = 0)::DOUBLE AS clean
		 FROM cases WHERE batch_id = $b`,
		{ b: batchId }
	);
	const [cases, filledCells, clean] = res.getRows()[0].map(Number);
	if (cases === 0) return { completeness: null, consistency: null };
	return {
		completeness: optional.length ? (100 * filledCells) / (cases * optional.length) : null,
		consistency: (100 * clean) / cases
	};
}

export async function batchQuality(db: Database, batchId: number): Promise<BatchQuality | null> {
	const batch = await db.queryOne<{ mapping: string | null }>('SELECT CAST(mapping AS VARCHAR) AS mapping FROM import_batches WHERE batch_id = $b', { b: batchId });
	if (!batch) return null;
	const cases = Number((await db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases WHERE batch_id = $b', { b: batchId }))?.n ?? 0);
	const warnings = await db.query<{ warning: string; cases: number }>(
		`SELECT warning, count(DISTINCT case_id)::INTEGER AS cases FROM import_warnings WHERE batch_id = $b GROUP BY warning ORDER BY cases DESC, warning`,
		{ b: batchId }
	);
	let mapping: Record<string, string> = {};
	try {
		mapping = batch.mapping ? (JSON.parse(batch.mapping) as Record<string, string>) : {};
	} catch {
		mapping = {};
	}
	// Only the case table's own columns go into SQL: the stored mapping's keys are checked against them.
	const mapped = (CASE_FIELDS as readonly string[]).filter((f) => typeof mapping[f] === 'string' && mapping[f] !== '');
	const empties = mapped.length
		? ((await db.queryOne<Record<string, number>>(
				`SELECT ${mapped.map((f, i) => `count(*) FILTER (WHERE ${f} IS NULL OR trim(CAST(${f} AS VARCHAR)) = '')::INTEGER AS e${i}`).join(', ')}
				 FROM cases WHERE batch_id = $b`,
				{ b: batchId }
			)) ?? {})
		: {};
	const invalid = await db.query<{ field: string; n: number }>(
		'SELECT field, count(*)::INTEGER AS n FROM import_rejects WHERE batch_id = $b AND field IS NOT NULL GROUP BY field',
		{ b: batchId }
	);
	const invalidOf = new Map(invalid.map((r) => [String(r.field), Number(r.n)]));
	const keptOf = (col: 'extra' | 'extra_public') =>
		`SELECT k AS header, ${col === 'extra_public'} AS public,
			count(*) FILTER (WHERE nullif(trim(json_extract_string(j, '$."' || replace(k, '"', '\\"') || '"')), '') IS NOT NULL)::INTEGER AS filled
		 FROM (SELECT ${col} AS j, unnest(json_keys(${col})) AS k FROM cases WHERE batch_id = $b AND ${col} IS NOT NULL)
		 GROUP BY k`;
	const kept = await db.query<{ header: string; filled: number; public: boolean }>(
		`${keptOf('extra')} UNION ALL ${keptOf('extra_public')} ORDER BY header, public`,
		{ b: batchId }
	);
	return {
		cases,
		warnings: warnings.map((w) => ({ warning: String(w.warning), cases: Number(w.cases) })),
		fields: mapped.map((f, i) => ({
			field: f,
			label: FIELD_NAMES[f as CanonicalField] ?? f,
			header: mapping[f],
			empty: Number(empties[`e${i}`] ?? 0),
			invalid: invalidOf.get(f) ?? 0
		})),
		kept: kept.map((k) => ({ header: String(k.header), filled: Number(k.filled), empty: cases - Number(k.filled), public: Boolean(k.public) }))
	};
}

/** Every warning of a batch with its case and line, as CSV (UTF-8 with BOM) for Excel, like the rejects. */
export async function qualityCsv(db: Database, batchId: number): Promise<{ csv: string; rows: number }> {
	const rows = await db.query<{ line_no: number | null; case_id: string; warning: string }>(
		'SELECT line_no::DOUBLE AS line_no, case_id, warning FROM import_warnings WHERE batch_id = $b ORDER BY line_no NULLS LAST, case_id, warning',
		{ b: batchId }
	);
	const lines = [[QUALITY_HEADERS.line, QUALITY_HEADERS.caseId, QUALITY_HEADERS.warning].join(',')];
	for (const r of rows) lines.push([r.line_no === null ? null : Number(r.line_no), r.case_id, r.warning].map(csvCell).join(','));
	return { csv: '\uFEFF' + lines.join('\r\n') + '\r\n', rows: rows.length };
}

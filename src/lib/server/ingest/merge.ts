// Merge step: the last valid occurrence of each case_id in the file is compared with the stored case by a hash
// of the resulting record; new cases are inserted, changed ones updated (previous version kept in case_history),
// identical ones left alone. Earlier duplicates, field and parse rejects all go to import_rejects.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CanonicalField } from './types.ts';
import { CASE_FIELDS, FIELD_REJECTS, NORM, rawRecordSql } from './validate.ts';
import { sqlString } from './normalize.ts';
import { PARSE_REJECTS, RAW } from './stage.ts';
import { FIELD_NAMES, ingestText } from '../../i18n/zh/ingest.ts';

export const WINNERS = 'ingest_winners';

export interface MergePlan {
	batchId: number;
	now: string;
	mapped: Set<CanonicalField>;
	hasExtra: boolean;
	/** column header of case_id, for duplicate rejects */
	caseIdHeader: string;
	columnCount: number;
	delimiter: string;
}

export interface MergeCounts {
	imported: number;
	updated: number;
	unchanged: number;
	duplicates: number;
	warned: number;
}

const CHRONOLOGY: CanonicalField[] = [
	'accepted_at',
	'dispatched_at',
	'first_response_at',
	'closed_at',
	'replied_at',
	'filed_report_at',
	'callback_at'
];

/** A stop before the clock start is impossible; a date-only stop on the receiving day is not (time unknown). */
function beforeReceived(field: CanonicalField): string {
	return `(${field} < received_at AND NOT (${field} = date_trunc('day', ${field}) AND CAST(${field} AS DATE) = CAST(received_at AS DATE)))`;
}

function splitTemplate(template: (x: string) => string): [string, string] {
	const marker = '\u0000';
	const [a, b] = template(marker).split(marker);
	return [a, b ?? ''];
}

/** Builds WINNERS: one row per case_id (the last valid occurrence) merged over the stored case, with its kind. */
async function buildWinners(conn: DuckDBConnection, plan: MergePlan): Promise<void> {
	const merged = CASE_FIELDS.map((f) => (plan.mapped.has(f) || f === 'case_id' ? `n.${f}` : `c.${f}`));
	const keyMapped = plan.mapped.has('complainant_phone') || plan.mapped.has('complainant_id_no');
	const pauseCols = ['pause_start_at', 'pause_end_at', 'pause_reason'].map((f) => `n.${f}`);
	const hashed = [...CASE_FIELDS, 'extra', ...(plan.mapped.has('pause_start_at') ? ['pause_start_at', 'pause_end_at', 'pause_reason'] : [])]
		.map((f) => `coalesce(CAST(${f} AS VARCHAR), chr(30))`)
		.join(', ');
	const warnings = CHRONOLOGY.map(
		(f) => `CASE WHEN ${beforeReceived(f)} THEN ${sqlString(ingestText.warnBeforeReceived(FIELD_NAMES[f]))} END`
	);
	warnings.push(`CASE WHEN pause_end_at < pause_start_at THEN ${sqlString(ingestText.warnPauseEnd)} END`);
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${WINNERS} AS
		SELECT *, CASE WHEN is_new THEN 0 WHEN old_hash = row_hash THEN 2 ELSE 1 END AS kind FROM (
		SELECT *,
			md5(concat_ws(chr(31), ${hashed})) AS row_hash,
			nullif(list_filter([${warnings.join(', ')}], x -> x IS NOT NULL), []) AS quality_warnings
		FROM (
			SELECT n.rid, n.line, ${merged.map((m, k) => `${m} AS ${CASE_FIELDS[k]}`).join(', ')},
				${pauseCols.map((p, k) => `${p} AS ${['pause_start_at', 'pause_end_at', 'pause_reason'][k]}`).join(', ')},
				${keyMapped ? 'n.complainant_key' : 'c.complainant_key'} AS complainant_key,
				${plan.hasExtra ? 'n.extra' : 'c.extra'} AS extra,
				c.case_id IS NULL AS is_new, c.row_hash AS old_hash
			FROM ${NORM} n LEFT JOIN cases c ON c.case_id = n.case_id
			WHERE n.ok
			QUALIFY row_number() OVER (PARTITION BY n.case_id ORDER BY n.line DESC NULLS LAST, n.rid DESC) = 1
		))`);
}

/** Writes the batch's rejects: parse rejects, field rejects and earlier duplicates (one row per rejected record). */
async function writeRejects(conn: DuckDBConnection, plan: MergePlan): Promise<number> {
	const b = plan.batchId;
	await conn.run(
		`INSERT INTO import_rejects (batch_id, line_no, field, column_name, reason, raw)
		SELECT $b, line, NULL, header, reason, raw FROM ${PARSE_REJECTS}`,
		{ b }
	);
	await conn.run(
		`INSERT INTO import_rejects (batch_id, line_no, field, column_name, reason, raw)
		SELECT $b, f.line, f.field, f.header, f.reason, ${rawRecordSql('r', plan.columnCount, plan.delimiter)}
		FROM ${FIELD_REJECTS} f JOIN ${RAW} r ON r.rowid = f.rid`,
		{ b }
	);
	const [before, after] = splitTemplate(ingestText.rejectDuplicate);
	await conn.run(
		`INSERT INTO import_rejects (batch_id, line_no, field, column_name, reason, raw)
		SELECT $b, n.line, 'case_id', $header, ${sqlString(before)} || coalesce(CAST(w.line AS VARCHAR), '?') || ${sqlString(after)},
			${rawRecordSql('r', plan.columnCount, plan.delimiter)}
		FROM ${NORM} n JOIN ${WINNERS} w ON w.case_id = n.case_id AND w.rid <> n.rid
			JOIN ${RAW} r ON r.rowid = n.rid
		WHERE n.ok`,
		{ b, header: plan.caseIdHeader }
	);
	const res = await conn.runAndReadAll('SELECT count(*)::BIGINT AS n FROM import_rejects WHERE batch_id = $b', { b });
	return Number(res.getRowObjects()[0].n);
}

export async function mergeBatch(conn: DuckDBConnection, plan: MergePlan): Promise<MergeCounts & { rejected: number }> {
	await buildWinners(conn, plan);
	const b = plan.batchId;
	const now = plan.now;

	// Previous versions of changed cases, then the update itself.
	await conn.run(
		`INSERT INTO case_history (case_id, superseded_by_batch, superseded_at, batch_id, record)
		SELECT c.case_id, $b, CAST($now AS TIMESTAMP), c.batch_id, CAST(to_json(c) AS JSON)
		FROM cases c JOIN ${WINNERS} w ON w.case_id = c.case_id WHERE w.kind = 1`,
		{ b, now }
	);
	const updatable = CASE_FIELDS.filter((f) => f !== 'case_id');
	const sets = [...updatable, 'complainant_key', 'extra', 'quality_warnings', 'row_hash'].map((f) => `${f} = w.${f}`);
	await conn.run(
		`UPDATE cases SET ${sets.join(', ')}, batch_id = $b, source_line = w.line
		FROM ${WINNERS} w WHERE cases.case_id = w.case_id AND w.kind = 1`,
		{ b }
	);
	const cols = [...CASE_FIELDS, 'complainant_key', 'extra', 'quality_warnings', 'row_hash'];
	await conn.run(
		`INSERT INTO cases (${cols.join(', ')}, first_batch_id, batch_id, source_line)
		SELECT ${cols.join(', ')}, $b, $b, line FROM ${WINNERS} WHERE kind = 0`,
		{ b }
	);

	// Pauses: a written case's pauses are replaced by the file's, when the file has pause columns.
	if (plan.mapped.has('pause_start_at')) {
		await conn.run(`DELETE FROM case_pauses WHERE case_id IN (SELECT case_id FROM ${WINNERS} WHERE kind = 1)`);
		await conn.run(
			`INSERT INTO case_pauses (case_id, start_at, end_at, reason, batch_id)
			SELECT case_id, pause_start_at, pause_end_at, pause_reason, $b FROM ${WINNERS}
			WHERE kind IN (0, 1) AND pause_start_at IS NOT NULL`,
			{ b }
		);
	}

	// Warnings of the cases this batch wrote.
	await conn.run(
		`INSERT INTO import_warnings (batch_id, case_id, line_no, field, warning)
		SELECT $b, case_id, line, NULL, unnest(quality_warnings) FROM ${WINNERS}
		WHERE kind IN (0, 1) AND quality_warnings IS NOT NULL`,
		{ b }
	);

	const rejected = await writeRejects(conn, plan);
	const res = await conn.runAndReadAll(
		`SELECT count(*) FILTER (kind = 0)::BIGINT AS imported, count(*) FILTER (kind = 1)::BIGINT AS updated,
			count(*) FILTER (kind = 2)::BIGINT AS unchanged,
			count(*) FILTER (kind IN (0, 1) AND quality_warnings IS NOT NULL)::BIGINT AS warned
		FROM ${WINNERS}`
	);
	const r = res.getRowObjects()[0];
	const dup = await conn.runAndReadAll(
		`SELECT (SELECT count(*) FROM ${NORM} WHERE ok) - (SELECT count(*) FROM ${WINNERS}) AS n`
	);
	return {
		imported: Number(r.imported),
		updated: Number(r.updated),
		unchanged: Number(r.unchanged),
		warned: Number(r.warned),
		duplicates: Number(dup.getRowObjects()[0].n),
		rejected
	};
}

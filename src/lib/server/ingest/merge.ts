// Merge step: the last valid occurrence of each case_id in the file is compared with the stored case by a hash
// of the resulting record; new cases are inserted, changed ones updated (previous version kept in case_history),
// identical ones left alone. Earlier duplicates, field and parse rejects all go to import_rejects.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CanonicalField } from './types.ts';
import { CASE_FIELDS, FIELD_REJECTS, NORM, rawRecordSql } from './validate.ts';
import { sqlString } from './normalize.ts';
import { keepingOrder, PARSE_REJECTS, type CsvSource } from './stage.ts';
import { FIELD_NAMES, ingestText } from '../../i18n/zh/ingest.ts';
import { redactSql } from '../pii/redact.ts';

const DUPS = 'ingest_dups';
const CHANGED = 'ingest_changed';

export interface MergePlan {
	batchId: number;
	now: string;
	mapped: Set<CanonicalField>;
	/**
	 * The fields this file carries as a cases.carried_mask (carried.ts): OR-ed into every case it writes (new or
	 * changed). A case the file leaves unchanged keeps its mask: a batch that did not write the case says nothing
	 * about it, and re-importing an export (which has every column, empty where unknown) must not turn an unknown
	 * field into an empty one.
	 */
	carriedMask: number;
	hasExtra: boolean;
	/** column header of case_id, for duplicate rejects */
	caseIdHeader: string;
	columnCount: number;
	delimiter: string;
	/** The file again (without reject capture), to fetch the raw text of duplicate rows. */
	source: CsvSource;
}

export interface MergeCounts {
	imported: number;
	updated: number;
	unchanged: number;
	duplicates: number;
	warned: number;
	rejected: number;
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

const PAUSE_FIELDS = ['pause_start_at', 'pause_end_at', 'pause_reason'] as const;

/** A stop before the clock start is impossible; a date-only stop on the receiving day is not (time unknown). */
function beforeReceived(v: (f: CanonicalField) => string, field: CanonicalField): string {
	const x = v(field);
	const r = v('received_at');
	return `(${x} < ${r} AND NOT (${x} = date_trunc('day', ${x}) AND CAST(${x} AS DATE) = CAST(${r} AS DATE)))`;
}

function splitTemplate(template: (x: string) => string): [string, string] {
	const marker = '\u0000';
	const [a, b] = template(marker).split(marker);
	return [a, b ?? ''];
}

/** The kept columns: complainant data (extra) and those the analyst marked 不含个人信息 (extra_public). */
type Kept = 'extra' | 'extra_public';
const KEPT: Kept[] = ['extra', 'extra_public'];
const isKept = (f: string): f is Kept => f === 'extra' || f === 'extra_public';

/** Expressions of the merged record: fields of this file from n, the others kept from the stored case c. */
function mergedValue(plan: MergePlan, existing: boolean): (f: CanonicalField | Kept | 'complainant_key') => string {
	return (f) => {
		// a file with kept columns replaces both sets (a column it marks now moves from one to the other)
		if (isKept(f)) return plan.hasExtra || !existing ? `n.${f}` : `c.${f}`;
		if (f === 'complainant_key') {
			const keyMapped = plan.mapped.has('complainant_phone') || plan.mapped.has('complainant_id_no');
			return keyMapped || !existing ? 'n.complainant_key' : 'c.complainant_key';
		}
		const fromFile = plan.mapped.has(f) || f === 'case_id' || f.startsWith('pause_') || !existing;
		return fromFile ? `n.${f}` : `c.${f}`;
	};
}

function hashedFields(plan: MergePlan): (CanonicalField | Kept)[] {
	const fields: (CanonicalField | Kept)[] = [...CASE_FIELDS, ...KEPT];
	if (plan.mapped.has('pause_start_at')) fields.push(...PAUSE_FIELDS);
	return fields;
}

/**
 * A fingerprint of the merged record (DuckDB's fast hash, hex): a quick equality hint for readers. Change
 * detection itself compares the fields (exact, and independent of the DuckDB version that wrote the hash).
 */
function rowHash(plan: MergePlan, v: (f: CanonicalField | Kept) => string): string {
	return `to_hex(hash(${hashedFields(plan)
		.map((f) => (isKept(f) ? `CAST(${v(f)} AS VARCHAR)` : v(f)))
		.join(', ')}))`;
}

/** True when the merged record differs from the stored case c in any column the import writes. */
function differs(plan: MergePlan, v: (f: CanonicalField | Kept | 'complainant_key') => string): string {
	const cols: (CanonicalField | Kept | 'complainant_key')[] = [...CASE_FIELDS.filter((f) => f !== 'case_id'), 'complainant_key', ...KEPT];
	const parts = cols.map((f) =>
		isKept(f) ? `CAST(${v(f)} AS VARCHAR) IS DISTINCT FROM CAST(c.${f} AS VARCHAR)` : `${v(f)} IS DISTINCT FROM c.${f}`
	);
	if (plan.mapped.has('pause_start_at')) {
		// the stored pause of the case (at most one is written per case by an import)
		parts.push(`NOT EXISTS (SELECT 1 FROM case_pauses p WHERE p.case_id = n.case_id
			AND p.start_at IS NOT DISTINCT FROM n.pause_start_at AND p.end_at IS NOT DISTINCT FROM n.pause_end_at
			AND p.reason IS NOT DISTINCT FROM n.pause_reason) AND n.pause_start_at IS NOT NULL`);
		parts.push(`(n.pause_start_at IS NULL AND EXISTS (SELECT 1 FROM case_pauses p WHERE p.case_id = n.case_id))`);
	}
	return parts.map((x) => `(${x})`).join(' OR ');
}

/**
 * The data-quality warnings of a merged record (NULL when none). `present` says which fields can hold a value:
 * checks on fields that are NULL for every row are left out, and the list is only built for rows that need it.
 */
function qualityWarnings(v: (f: CanonicalField) => string, present: (f: CanonicalField) => boolean): string {
	const checks: { cond: string; text: string }[] = CHRONOLOGY.filter(present).map((f) => ({
		cond: beforeReceived(v, f),
		text: ingestText.warnBeforeReceived(FIELD_NAMES[f])
	}));
	if (present('pause_start_at') && present('pause_end_at')) {
		checks.push({ cond: `${v('pause_end_at')} < ${v('pause_start_at')}`, text: ingestText.warnPauseEnd });
	}
	if (checks.length === 0) return 'CAST(NULL AS VARCHAR[])';
	const list = checks.map((c) => `CASE WHEN ${c.cond} THEN ${sqlString(c.text)} END`).join(', ');
	// A bare OR as the CASE condition (a NULL check counts as false there, as coalesce(…, false) did): DuckDB
	// narrows the rows between the operands of a condition, while as a value it computes each one on every row.
	return `CASE WHEN ${checks.map((c) => c.cond).join(' OR ')}
		THEN list_filter([${list}], x -> x IS NOT NULL) END`;
}

async function scalar(conn: DuckDBConnection, sql: string, params?: Record<string, string | number>): Promise<number> {
	const res = await conn.runAndReadAll(sql, params);
	return Number(res.getRows()[0][0]);
}

/**
 * Earlier occurrences of a case_id within the file: rejected in favour of the last one, their raw text
 * read back from the file (only when there are duplicates at all).
 */
async function rejectDuplicates(conn: DuckDBConnection, plan: MergePlan): Promise<number> {
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${DUPS} AS
		SELECT n.rowid AS rid, n.line, k.keep_line FROM ${NORM} n
		JOIN (SELECT case_id, arg_max(rowid, coalesce(line, -1)) AS keep_rid, max(line) AS keep_line
			FROM ${NORM} WHERE ok GROUP BY case_id HAVING count(*) > 1) k
			ON k.case_id = n.case_id AND n.rowid <> k.keep_rid
		WHERE n.ok`);
	const dups = await scalar(conn, `SELECT count(*) FROM ${DUPS}`);
	if (dups === 0) return 0;
	const [before, after] = splitTemplate(ingestText.rejectDuplicate);
	const raw = rawRecordSql('', plan.columnCount, plan.delimiter);
	// The rewritten file names each record's line; a direct read is matched by position (the k-th row DuckDB
	// keeps is NORM's k-th row, both read with insertion order preserved).
	const rawOfDups = plan.source.direct
		? `SELECT rid, ${raw} AS raw FROM (SELECT row_number() OVER () - 1 AS rid, * FROM ${plan.source.sql})
			WHERE rid IN (SELECT rid FROM ${DUPS})) f ON f.rid = d.rid`
		: `SELECT try_cast(line AS BIGINT) AS line, ${raw} AS raw
			FROM ${plan.source.sql} WHERE try_cast(line AS BIGINT) IN (SELECT line FROM ${DUPS})) f ON f.line = d.line`;
	const insert = () =>
		conn.run(
			`INSERT INTO import_rejects (batch_id, line_no, field, column_name, reason, raw)
			SELECT $b, d.line, 'case_id', $header,
				${sqlString(before)} || coalesce(CAST(d.keep_line AS VARCHAR), '?') || ${sqlString(after)}, f.raw
			FROM ${DUPS} d LEFT JOIN (${rawOfDups}`,
			{ ...plan.source.params, b: plan.batchId, header: plan.caseIdHeader }
		);
	await (plan.source.direct ? keepingOrder(conn, insert) : insert());
	// From here on NORM holds each case once.
	await conn.run(`UPDATE ${NORM} SET ok = false WHERE rowid IN (SELECT rid FROM ${DUPS})`);
	return dups;
}

export async function mergeBatch(conn: DuckDBConnection, plan: MergePlan): Promise<MergeCounts> {
	const b = plan.batchId;
	await conn.run(
		`INSERT INTO import_rejects (batch_id, line_no, field, column_name, reason, raw)
		SELECT $b, line, NULL, header, reason, raw FROM ${PARSE_REJECTS}`,
		{ b }
	);
	await conn.run(
		`INSERT INTO import_rejects (batch_id, line_no, field, column_name, reason, raw)
		SELECT $b, line, field, header, reason, raw FROM ${FIELD_REJECTS}`,
		{ b }
	);
	const duplicates = await rejectDuplicates(conn, plan);

	// Cases already stored: the merged record, kept only when it differs; unchanged ones are only counted.
	const old = mergedValue(plan, true);
	const updatable = CASE_FIELDS.filter((f) => f !== 'case_id');
	const storedCases = await scalar(conn, 'SELECT count(*) FROM cases');
	let existing = 0;
	let updated = 0;
	if (storedCases > 0) {
		await conn.run(`CREATE OR REPLACE TEMP TABLE ${CHANGED} AS
			SELECT n.line, ${CASE_FIELDS.map((f) => `${old(f)} AS ${f}`).join(', ')},
				${PAUSE_FIELDS.map((f) => `n.${f}`).join(', ')},
				${old('complainant_key')} AS complainant_key, ${old('extra')} AS extra, ${old('extra_public')} AS extra_public,
				${qualityWarnings(old, () => true)} AS quality_warnings,
				${rowHash(plan, old)} AS row_hash, c.carried_mask | $m::BIGINT AS carried_mask,
				${redactSql(old('content'), old('complainant_name'))} AS content_redacted
			FROM ${NORM} n JOIN cases c ON c.case_id = n.case_id
			WHERE n.ok AND (${differs(plan, old)})`, { m: plan.carriedMask });
		existing = await scalar(
			conn,
			`SELECT count(*) FROM ${NORM} n WHERE n.ok AND EXISTS (SELECT 1 FROM cases c WHERE c.case_id = n.case_id)`
		);
		updated = await scalar(conn, `SELECT count(*) FROM ${CHANGED}`);
	} else {
		await conn.run(`CREATE OR REPLACE TEMP TABLE ${CHANGED} AS SELECT case_id FROM cases LIMIT 0`);
	}

	if (updated > 0) {
		await conn.run(
			`INSERT INTO case_history (case_id, superseded_by_batch, superseded_at, batch_id, record)
			SELECT c.case_id, $b, CAST($now AS TIMESTAMP), c.batch_id, CAST(to_json(c) AS JSON)
			FROM cases c JOIN ${CHANGED} w ON w.case_id = c.case_id`,
			{ b, now: plan.now }
		);
		const sets = [...updatable, 'complainant_key', ...KEPT, 'quality_warnings', 'row_hash', 'carried_mask', 'content_redacted'].map((f) => `${f} = w.${f}`);
		await conn.run(
			`UPDATE cases SET ${sets.join(', ')}, batch_id = $b, source_line = w.line
			FROM ${CHANGED} w WHERE cases.case_id = w.case_id`,
			{ b }
		);
	}

	// New cases.
	const fresh = mergedValue(plan, false);
	// the redacted copy of the text (pii/redact.ts) is derived here, in the same statement, for every case written
	const cols = [...CASE_FIELDS, 'complainant_key', ...KEPT, 'quality_warnings', 'row_hash', 'content_redacted'];
	const newWhere = existing > 0 ? `AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = n.case_id)` : '';
	await conn.run(
		`INSERT INTO cases (${cols.join(', ')}, first_batch_id, batch_id, source_line, carried_mask)
		SELECT ${CASE_FIELDS.map((f) => `n.${f}`).join(', ')}, n.complainant_key, n.extra, n.extra_public,
			${qualityWarnings(fresh, (f) => plan.mapped.has(f))}, ${rowHash(plan, fresh)},
			${redactSql('n.content', 'n.complainant_name')}, $b, $b, n.line, $m::BIGINT
		FROM ${NORM} n WHERE n.ok ${newWhere}`,
		{ b, m: plan.carriedMask }
	);
	const imported = (await scalar(conn, 'SELECT count(*) FROM cases')) - storedCases;

	// Pauses: a written case's pauses are replaced by the file's, when the file has pause columns.
	if (plan.mapped.has('pause_start_at')) {
		await conn.run(`DELETE FROM case_pauses WHERE case_id IN (SELECT case_id FROM ${CHANGED})`);
		await conn.run(
			`INSERT INTO case_pauses (case_id, start_at, end_at, reason, reason_redacted, batch_id)
			SELECT n.case_id, n.pause_start_at, n.pause_end_at, n.pause_reason,
				${redactSql('n.pause_reason', 'c.complainant_name')}, $b FROM ${NORM} n
			JOIN cases c ON c.case_id = n.case_id AND c.batch_id = $b
			WHERE n.ok AND n.pause_start_at IS NOT NULL`,
			{ b }
		);
	}

	// Warnings of the cases this batch wrote (new or changed).
	await conn.run(
		`INSERT INTO import_warnings (batch_id, case_id, line_no, field, warning)
		SELECT $b, case_id, source_line, NULL, unnest(quality_warnings) FROM cases
		WHERE batch_id = $b AND quality_warnings IS NOT NULL`,
		{ b }
	);
	const warned = await scalar(conn, 'SELECT count(*) FROM cases WHERE batch_id = $b AND quality_warnings IS NOT NULL', { b });
	const rejected = await scalar(conn, 'SELECT count(*) FROM import_rejects WHERE batch_id = $b', { b });
	return { imported, updated, unchanged: existing - updated, duplicates, warned, rejected };
}


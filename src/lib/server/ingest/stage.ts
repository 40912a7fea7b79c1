// Parse step: DuckDB's own read_csv over the rewritten file (text columns, strict quoting), consumed directly by
// the normalising query; records it cannot parse (wrong column count, stray quotes, bad bytes) land in a
// rejects table with their raw text and line.
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserInputError } from '../errors.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';
import { sqlString } from './normalize.ts';

export const PARSE_REJECTS = 'ingest_parse_rejects';
export const COLUMNS = 'ingest_columns';

/** Generated name of the k-th data column (1-based); never a header from the file. */
export function colName(k: number): string {
	return `c${k}`;
}

/** Turns a DuckDB parse error type into the Chinese reason an analyst reads. */
export function parseRejectReasonSql(errorTypeCol: string, encoding: string): string {
	return `CASE ${errorTypeCol}
		WHEN 'TOO MANY COLUMNS' THEN ${sqlString(ingestText.rejectTooManyColumns)}
		WHEN 'MISSING COLUMNS' THEN ${sqlString(ingestText.rejectMissingColumns)}
		WHEN 'UNQUOTED VALUE' THEN ${sqlString(ingestText.rejectQuote)}
		WHEN 'INVALID ENCODING' THEN ${sqlString(ingestText.rejectEncoding(encoding))}
		WHEN 'INVALID UNICODE' THEN ${sqlString(ingestText.rejectEncoding(encoding))}
		WHEN 'LINE SIZE OVER MAXIMUM' THEN ${sqlString(ingestText.rejectLineTooLong)}
		ELSE ${sqlString(ingestText.rejectParser(''))} || coalesce(${errorTypeCol}, '') END`;
}

/** How an export DuckDB reads as it is ends its records. */
export interface DirectRead {
	newline: '\n' | '\r\n';
}

export interface CsvSource {
	sql: string;
	params: Record<string, string>;
	/** The SQL giving a row's physical line: the rewritten file's prefix column, or NULL when read directly. */
	lineSql: string;
	/** Set when the export itself is read (header row skipped, no line prefix); lines are attached afterwards. */
	direct?: DirectRead;
}

/**
 * The read_csv call over the file: every column text, strict RFC 4180 quoting. The rewritten file is
 * line-prefixed, LF, UTF-8, without header; a direct read is of the export itself (UTF-8, one kind of line
 * break, a one-line header), whose lines the importer attaches afterwards. With rejects, unparseable records
 * go to ingest_reject_errors instead of failing the scan.
 */
export function csvSource(
	file: string,
	columnCount: number,
	delimiter: string,
	opts: { rejects: boolean; direct?: DirectRead; sample?: boolean }
): CsvSource {
	const data = Array.from({ length: columnCount }, (_, k) => colName(k + 1));
	const columns = (opts.direct ? data : ['line', ...data]).map((c) => `'${c}': 'VARCHAR'`).join(', ');
	const rejects = opts.rejects
		? `store_rejects = true, rejects_table = 'ingest_reject_errors', rejects_scan = 'ingest_reject_scans'`
		: 'ignore_errors = true';
	// A direct read leaves the line break to DuckDB (its new_line option with header = true read no rows at all in
	// DuckDB 1.5); the scan has made sure the file uses one kind only.
	const header = opts.direct ? 'header = true' : `header = false, new_line = '\\n'`;
	// A sample of the first records (sample) reads small buffers: with the 32 MB ones DuckDB parsed a buffer per thread
	// before LIMIT stopped it (0.2 CPU s and seconds under load, for 2,000 records).
	const buffers = opts.sample ? 'max_line_size = 1048576, buffer_size = 2097152' : 'max_line_size = 8388608, buffer_size = 33554432';
	return {
		sql: `read_csv($file, columns = {${columns}}, auto_detect = false, ${header}, delim = $delim, quote = '"',
			escape = '"', strict_mode = true, ${rejects}, ${buffers})`,
		params: { file, delim: delimiter },
		lineSql: opts.direct ? 'NULL::BIGINT' : 'try_cast(line AS BIGINT)',
		direct: opts.direct
	};
}

/**
 * Runs fn with this connection keeping insertion order: what a direct read needs, since its rows are matched to
 * the scan's records by position. The database's default (no order kept, see db/index.ts) is back afterwards.
 */
export async function keepingOrder<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
	await conn.run('SET SESSION preserve_insertion_order = true');
	try {
		return await fn();
	} finally {
		await conn.run('RESET SESSION preserve_insertion_order');
	}
}

/** Whether DuckDB stored rejects of this connection's parse (it creates the table only when asked to). */
export async function hasRejectTable(conn: DuckDBConnection): Promise<boolean> {
	const res = await conn.runAndReadAll(
		`SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'ingest_reject_errors' AND temporary`
	);
	return Number(res.getRows()[0][0]) > 0;
}

/** Records the column ↔ header table (headers are data: appended, never spliced into SQL). */
export async function createColumnsTable(conn: DuckDBConnection, headers: string[]): Promise<void> {
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${COLUMNS} (col VARCHAR, header VARCHAR, idx INTEGER)`);
	const app = await conn.createAppender(COLUMNS);
	headers.forEach((h, k) => {
		app.appendVarchar(colName(k + 1));
		app.appendVarchar(h);
		app.appendInteger(k + 1);
		app.endRow();
	});
	app.closeSync();
	await conn.run('DROP TABLE IF EXISTS ingest_reject_errors');
	await conn.run('DROP TABLE IF EXISTS ingest_reject_scans');
}

/** A scan failure of the file as a whole (not of a row) is bad input, reported with the file name. */
export function scanFailure(e: unknown, shownName: string): UserInputError {
	const msg = (e as Error).message.split('\n')[0];
	return new UserInputError('csv_unreadable', ingestText.parserFailed(msg), { file: shownName });
}

/**
 * PARSE_REJECTS(line, column_name, header, reason, raw): one per record DuckDB could not parse; returns the count.
 * A rewritten file's records carry their line as a prefix; a direct read's lines are in ingest_reject_lines.
 */
export async function collectParseRejects(conn: DuckDBConnection, delimiter: string, encodingLabel: string, direct = false): Promise<number> {
	if (!(await hasRejectTable(conn))) {
		await conn.run(`CREATE OR REPLACE TEMP TABLE ${PARSE_REJECTS} (line BIGINT, column_name VARCHAR, header VARCHAR, reason VARCHAR, raw VARCHAR, record_no BIGINT)`);
		return 0;
	}
	// One reject per record (a record may have several errors): the first error, its raw text without our prefix.
	const prefix = `'^\\s*(\\d+)' || ${sqlString(delimiter.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))}`;
	const line = direct
		? '(SELECT l.line FROM ingest_reject_lines l WHERE l.byte_pos = e.byte_pos)'
		: "try_cast(regexp_extract(csv_line, '^\\s*(\\d+)', 1) AS BIGINT)";
	const text = direct ? 'csv_line' : `regexp_replace(csv_line, ${prefix}, '')`;
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${PARSE_REJECTS} AS
		WITH first_error AS (
			SELECT line AS record_no,
				arg_min(error_type, coalesce(column_idx, 0)) AS error_type,
				arg_min(column_name, coalesce(column_idx, 0)) AS column_name,
				first(csv_line) AS csv_line,
				min(line_byte_position) AS byte_pos
			FROM ingest_reject_errors GROUP BY line
		)
		SELECT ${line} AS line,
			e.column_name, c.header,
			${parseRejectReasonSql('e.error_type', encodingLabel)} AS reason,
			regexp_replace(${text}, '^[\\r\\n]+|[\\r\\n]+$', '', 'g') AS raw,
			record_no
		FROM first_error e LEFT JOIN ${COLUMNS} c ON c.col = e.column_name`);
	const res = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${PARSE_REJECTS}`);
	return Number(res.getRowObjects()[0].n);
}

// Normalise and validate steps: one SQL pass from the raw text table to typed canonical columns, with `ok` and,
// for failing rows only, the list of (field, reason) problems. Headers reach the SQL only as bound parameters.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { CANONICAL_FIELDS, type CanonicalField } from './types.ts';
import { REQUIRED_FIELDS } from './mapping.ts';
import { cleanExpr, FIELD_KIND, lfBreaks, firstFormatIndexExpr, okExpr, parseExpr, problemExpr, sqlString, sqlType, unitRowExpr } from './normalize.ts';
import { colName, COLUMNS, csvSource, type CsvSource } from './stage.ts';

export const NORM = 'ingest_norm';
export const FIELD_REJECTS = 'ingest_field_rejects';
export const UNITS = 'ingest_units';

export interface ColumnPlan {
	/** canonical field → 1-based column index */
	fields: Partial<Record<CanonicalField, number>>;
	/**
	 * 1-based indexes of unmapped columns with their (unique) header, kept in extra — or, when the analyst marked
	 * the column 不含个人信息 (`public`), in extra_public, which roles without the PII grant read.
	 */
	extra: { index: number; header: string; public?: boolean }[];
	dateFormats: string[];
	/** Formats the analyst gave (--date-format, the profile's): tried before DuckDB's own reading of a value. */
	preferredFormats?: string[];
	/** Fields given one value for every row (--set, 固定值): bound parameters, never SQL text. */
	constants?: Partial<Record<CanonicalField, string>>;
	/** Timestamp fields made of a date column and a time-of-day column (1-based indexes; fields[f] is one of them). */
	timeColumns?: Partial<Record<CanonicalField, { date: number; time: number }>>;
	salt: string;
	columnCount: number;
	delimiter: string;
}

/** Fields that are canonical columns of the cases table (the pause fields go to case_pauses). */
export const CASE_FIELDS = CANONICAL_FIELDS.filter((f) => !f.startsWith('pause_'));

/**
 * Reads the file and creates NORM(line, <every canonical field typed>, complainant_key, extra, extra_public, ok, problems, raw)
 * in one statement (parse, clean, parse values, validate run in DuckDB's parallel scan). Unmapped canonical
 * fields are NULL of their type; `raw` (the record as CSV text) is kept for failing rows only.
 */
export async function buildNorm(conn: DuckDBConnection, plan: ColumnPlan, source: CsvSource): Promise<void> {
	const mapped = plannedFields(plan);
	const params: Record<string, DuckDBValue> = { ...source.params, ...constantParams(plan), salt: plan.salt };

	const cleaned = mapped.map((f) => `${f === 'unit' ? unitRowExpr(rawExpr(plan, f)) : cleanExpr(f, rawExpr(plan, f))} AS v_${f}`);
	const raw = `${rawRecordSql('', plan.columnCount, plan.delimiter)} AS raw_record`;
	const allCols = Array.from({ length: plan.columnCount }, (_, k) => colName(k + 1));
	const step1 = `SELECT ${source.lineSql} AS line, ${[...cleaned, ...allCols].join(', ')} FROM ${source.sql}`;

	const likely = await likelyDateFormats(conn, plan, mapped, source);
	// Units are looked up afterwards (resolveUnits): a join here would not keep the file's row order, which a
	// direct read relies on.
	const parsed = mapped.map(
		(f) => `${parseExpr(f, `v_${f}`, { dateFormats: plan.dateFormats, likelyFormat: likely.get(f), preferredFormats: plan.preferredFormats })} AS p_${f}`
	);
	const step2 = `SELECT s1.*, ${parsed.join(', ')} FROM (${step1}) s1`;

	const oks = mapped.map((f) => okExpr(f, `v_${f}`, `p_${f}`, REQUIRED_FIELDS.includes(f))).filter((x): x is string => x !== null);
	const ok = oks.length ? oks.map((x) => `(${x})`).join(' AND ') : 'true';
	const problems = mapped
		.map((f) => {
			const p = problemExpr(f, `v_${f}`, `p_${f}`, REQUIRED_FIELDS.includes(f));
			const col = plan.fields[f] !== undefined ? colName(plan.fields[f]!) : '';
			return p ? `{'field': ${sqlString(f)}, 'col': ${sqlString(col)}, 'reason': ${p}}` : null;
		})
		.filter((x): x is string => x !== null);
	const problemList = problems.length ? `list_filter([${problems.join(', ')}], x -> x.reason IS NOT NULL)` : 'NULL';

	const out = CANONICAL_FIELDS.map((f) => (mapped.includes(f) ? `p_${f} AS ${f}` : `NULL::${sqlType(f)} AS ${f}`));
	const phone = mapped.includes('complainant_phone') ? 'p_complainant_phone' : 'NULL';
	const idNo = mapped.includes('complainant_id_no') ? 'p_complainant_id_no' : 'NULL';
	const key = `CASE WHEN ${phone} IS NOT NULL THEN sha256($salt || 'phone:' || ${phone})
		WHEN ${idNo} IS NOT NULL THEN sha256($salt || 'id:' || ${idNo}) END AS complainant_key`;

	// header → cell of the kept columns, as JSON (NULL when every one is empty); headers are bound parameters
	const keptJson = (cols: { index: number; header: string; k: number }[], name: string): string => {
		if (!cols.length) return `NULL::JSON AS ${name}`;
		const entries = cols.map((e) => {
			params[`h${e.k}`] = e.header;
			return `{'k': $h${e.k}, 'v': ${lfBreaks(colName(e.index))}}`;
		});
		return `CASE WHEN coalesce(${cols.map((e) => colName(e.index)).join(', ')}) IS NULL THEN NULL
			ELSE map_from_entries(list_filter([${entries.join(', ')}], e -> e.v IS NOT NULL AND e.v <> ''))::JSON END AS ${name}`;
	};
	const numbered = plan.extra.map((e, k) => ({ ...e, k }));
	const extra = `${keptJson(numbered.filter((e) => !e.public), 'extra')}, ${keptJson(numbered.filter((e) => e.public), 'extra_public')}`;

	await conn.run(
		`CREATE OR REPLACE TEMP TABLE ${NORM} AS
		SELECT line, ${out.join(', ')}, ${key}, ${extra}, ok,
			CASE WHEN NOT ok THEN ${problemList} END AS problems,
			CASE WHEN NOT ok THEN ${raw.replace(' AS raw_record', '')} END AS raw
		FROM (SELECT s2.*, ${ok} AS ok FROM (${step2}) s2) s3`,
		params
	);
}

/** The fields this plan fills: from a column, two (date + time) or a constant. */
export function plannedFields(plan: ColumnPlan): CanonicalField[] {
	return CANONICAL_FIELDS.filter((f) => plan.fields[f] !== undefined || plan.constants?.[f] !== undefined);
}

/** The bound parameters of the constants among `fields` (DuckDB refuses a parameter its statement does not use). */
function constantParams(plan: ColumnPlan, fields?: CanonicalField[]): Record<string, string> {
	const params: Record<string, string> = {};
	for (const [f, v] of Object.entries(plan.constants ?? {}) as [CanonicalField, string | undefined][]) {
		if (v !== undefined && (!fields || fields.includes(f))) params[`set_${f}`] = v;
	}
	return params;
}

/** A time of day alone (14:03, 9:05:30): what a time column beside a date column holds. */
const TIME_OF_DAY = "'\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?'";

/**
 * The raw text of a field before cleaning: its column; its constant (a bound parameter); or a date column and a
 * time-of-day column joined into one value (a time column holding a whole timestamp, or an empty one, is read alone).
 */
export function rawExpr(plan: ColumnPlan, f: CanonicalField): string {
	if (plan.constants?.[f] !== undefined) return `CAST($set_${f} AS VARCHAR)`;
	const pair = plan.timeColumns?.[f];
	if (pair) {
		const [d, t] = [colName(pair.date), colName(pair.time)];
		const main = colName(plan.fields[f]!);
		const other = main === d ? t : d;
		return `(CASE WHEN regexp_full_match(trim(${t}), ${TIME_OF_DAY}) AND nullif(trim(${d}), '') IS NOT NULL THEN trim(${d}) || ' ' || trim(${t})
			ELSE coalesce(nullif(trim(${main}), ''), ${other}) END)`;
	}
	return colName(plan.fields[f]!);
}

/**
 * Replaces each unit name in NORM (trimmed: unitRowExpr) by its canonical unit when it is a known unit or alias
 * (UNITS), else by its folded form (cleanExpr): once per distinct name, rows are touched only where it differs.
 */
export async function resolveUnits(conn: DuckDBConnection): Promise<void> {
	await conn.run(`UPDATE ${NORM} SET unit = m.unit
		FROM (SELECT d.name, coalesce(u.unit, d.k) AS unit
			FROM (SELECT name, ${cleanExpr('unit', 'name')} AS k FROM (SELECT DISTINCT unit AS name FROM ${NORM} WHERE unit IS NOT NULL)) d
			LEFT JOIN ${UNITS} u ON u.k = d.k) m
		WHERE ${NORM}.unit = m.name AND ${NORM}.unit <> m.unit`);
}

/** Records read to guess each date column's format. */
const FORMAT_SAMPLE = 2000;

/**
 * The date format most sampled values of each timestamp column take from the list (only where DuckDB's own
 * cast does not read them): the first records of the file, read without reject capture.
 */
async function likelyDateFormats(
	conn: DuckDBConnection,
	plan: ColumnPlan,
	mapped: CanonicalField[],
	source: CsvSource
): Promise<Map<CanonicalField, string>> {
	const found = new Map<CanonicalField, string>();
	const dates = mapped.filter((f) => FIELD_KIND[f] === 'timestamp');
	if (dates.length === 0) return found;
	const sample = csvSource(String(source.params.file), plan.columnCount, plan.delimiter, { rejects: false, direct: source.direct, sample: true });
	const cleaned = dates.map((f, k) => `${cleanExpr(f, rawExpr(plan, f))} AS d${k}`);
	const picks = dates.map((_, k) => `mode(${firstFormatIndexExpr(`d${k}`, plan.dateFormats)})::INTEGER`);
	let row: unknown[];
	try {
		const res = await conn.runAndReadAll(
			`SELECT ${picks.join(', ')} FROM (SELECT ${cleaned.join(', ')} FROM (SELECT * FROM ${sample.sql} LIMIT ${FORMAT_SAMPLE}))`,
			{ ...sample.params, ...constantParams(plan, dates) }
		);
		row = res.getRows()[0] ?? [];
	} catch {
		return found; // the sample's small buffers could not read it (a record over 1 MB): only the speed depends on it
	}
	dates.forEach((f, k) => {
		const index = row[k] === null || row[k] === undefined ? null : Number(row[k]);
		if (index !== null && index >= 1 && index <= plan.dateFormats.length) found.set(f, plan.dateFormats[index - 1]);
	});
	return found;
}

/**
 * Rejects of rows that parsed but failed validation: FIELD_REJECTS(line, field, header, reason, raw).
 * One row per rejected record: the first problem names the field; the reason lists them all.
 */
export async function collectFieldRejects(conn: DuckDBConnection): Promise<void> {
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${FIELD_REJECTS} AS
		SELECT n.line, n.problems[1].field AS field, c.header,
			array_to_string(list_transform(n.problems, x -> x.reason), '；') AS reason, n.raw
		FROM ${NORM} n LEFT JOIN ${COLUMNS} c ON c.col = n.problems[1].col
		WHERE NOT n.ok`);
}

/** SQL rebuilding a parsed record as CSV text (for rejects), with the file's delimiter. */
export function rawRecordSql(alias: string, columnCount: number, delimiter: string): string {
	const cols: string[] = [];
	for (let k = 1; k <= columnCount; k++) {
		const c = alias ? `${alias}.${colName(k)}` : colName(k);
		cols.push(
			`CASE WHEN ${c} IS NULL THEN '' WHEN regexp_matches(${c}, '["\\n\\r]') OR contains(${c}, ${sqlString(delimiter)}) THEN '"' || replace(${c}, '"', '""') || '"' ELSE ${c} END`
		);
	}
	return cols.length ? `concat_ws(${sqlString(delimiter)}, ${cols.join(', ')})` : `''`;
}

// Runs compiled metric queries with a cache keyed by (data version, SQL, parameters), and encodes
// results as Arrow IPC for the wire.
import { Float64, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { DIMENSIONS, MEASURES } from './catalog.ts';
import { FLAG_SQL, compileQuery, validateSpec, type CompileOptions, type QuerySpec, type ValidQuerySpec } from './compile.ts';
import { cacheGet, cacheSet, ensureFacts } from './facts.ts';
import { shanghaiToday } from '../time.ts';

export const ARROW_CONTENT_TYPE = 'application/vnd.apache.arrow.stream';

function paramKey(params: Record<string, DuckDBValue>): string {
	return JSON.stringify(params, (_k, v) => (typeof v === 'bigint' ? v.toString() : v && typeof v === 'object' && 'items' in v ? (v as { items: unknown[] }).items : v));
}

/** Runs any SQL over the metrics tables through the cache (the SQL must come from the compiler or fixed text). */
export async function cachedQuery<T extends Row = Row>(db: Database, sql: string, params: Record<string, DuckDBValue>): Promise<T[]> {
	const version = await ensureFacts(db);
	const key = `${version}\u0000${sql}\u0000${paramKey(params)}`;
	const hit = cacheGet<T[]>(db, key);
	if (hit) return hit;
	const rows = await db.query<T>(sql, params);
	cacheSet(db, key, rows);
	return rows;
}

/** A measure's value as a JS number (DuckDB's JSON rows give BIGINT/DECIMAL as strings); none or not finite: null. */
export function measureValue(v: unknown): number | null {
	return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : Number(v);
}

/** Numbers as JS numbers, dimensions as given. */
function normalise(rows: Row[], spec: ValidQuerySpec): Row[] {
	return rows.map((r) => {
		const out: Row = {};
		if (spec.periods) out.period = r.period ?? null;
		for (const d of spec.dimensions) {
			const v = r[d];
			out[d] = v === null || v === undefined ? null : DIMENSIONS[d].type === 'integer' ? Number(v) : String(v);
		}
		for (const m of spec.measures) out[m] = measureValue(r[m]);
		return out;
	});
}

/** case_facts columns that hold a case's compliance as of now, and so move with the as-of moment. */
const AS_OF_COLUMNS = /\bf\.(met|breached_n|open_overdue_n|no_data_n|accept_met|accept_late|reply_met|reply_late|overdue_open)\b/;

/** Does the spec read a compliance column (a measure, or a flag filter such as 超期未办结)? */
function readsCompliance(spec: ValidQuerySpec): boolean {
	if (spec.filters.flag && AS_OF_COLUMNS.test(FLAG_SQL[spec.filters.flag])) return true;
	return spec.measures.some((m) => AS_OF_COLUMNS.test(MEASURES[m].sql));
}

/** The as-of moment of a period ending on `to` (product.md 2.0): the end of that day, or now when it is today or later. */
function asOfWall(to: string | undefined, today: string): string | null {
	return to && to < today ? `${to} 23:59:59.999` : null;
}

/**
 * Runs a metrics query for the user: rows of {dimension…, measure…}. Every period is evaluated as of the earlier
 * of its end and now (product.md 2.0): a period that ended before today reads its compliance as of its last
 * moment; each of several periods in one spec (current, previous, last year) as of its own end.
 */
export async function runMetrics(db: Database, input: QuerySpec, user: SessionUser, opts: CompileOptions = {}): Promise<Row[]> {
	const spec = validateSpec(input);
	if (!opts.asOf && readsCompliance(spec)) {
		const today = shanghaiToday();
		if (spec.periods) {
			// one query, each period read at its own moment
			const moments = spec.periods.map((p) => asOfWall(p.to, today));
			if (moments.some((m) => m !== null)) opts = { periodsAsOf: moments };
		} else {
			opts = asOfOptions(spec);
		}
	}
	return runOne(db, spec, user, opts);
}

/**
 * The compile options that evaluate a spec's period (filters.to; not `periods`) as of the earlier of its end and
 * now, for a caller that compiles the SQL itself (the rankings wrap it in window functions).
 */
export function asOfOptions(input: QuerySpec | ValidQuerySpec): CompileOptions {
	const spec = validateSpec(input);
	if (!readsCompliance(spec)) return {};
	const wall = asOfWall(spec.filters.to, shanghaiToday());
	return wall ? { asOf: wall } : {};
}

async function runOne(db: Database, spec: ValidQuerySpec, user: SessionUser, opts: CompileOptions): Promise<Row[]> {
	const { sql, params } = compileQuery(spec, user, opts);
	return normalise(await cachedQuery(db, sql, params), spec);
}

/** Arrow IPC stream of metric rows: dimensions as Utf8 (integer dimensions as Float64), measures as Float64. */
export function metricsToArrow(rows: Row[], spec: Pick<ValidQuerySpec, 'dimensions' | 'measures' | 'periods'>): Uint8Array {
	const columns: Record<string, Vector> = {};
	if (spec.periods) columns.period = vectorFromArray(rows.map((r) => (r.period as string | null) ?? null), new Utf8());
	for (const d of spec.dimensions) {
		const values = rows.map((r) => r[d] as string | number | null);
		columns[d] =
			DIMENSIONS[d]?.type === 'integer'
				? vectorFromArray(values as (number | null)[], new Float64())
				: vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8());
	}
	for (const m of spec.measures) columns[m] = vectorFromArray(rows.map((r) => r[m] as number | null), new Float64());
	return tableToIPC(new Table(columns), 'stream');
}

/** Arrow IPC of arbitrary plain rows (case lists): numbers → Float64, everything else → Utf8. */
export function rowsToArrow(rows: Row[], columns: string[], numeric: ReadonlySet<string> = new Set()): Uint8Array {
	const vectors: Record<string, Vector> = {};
	for (const c of columns) {
		vectors[c] = numeric.has(c)
			? vectorFromArray(rows.map((r) => (r[c] === null || r[c] === undefined ? null : Number(r[c]))), new Float64())
			: vectorFromArray(rows.map((r) => (r[c] === null || r[c] === undefined ? null : String(r[c]))), new Utf8());
	}
	return tableToIPC(new Table(vectors), 'stream');
}

export { MEASURES };

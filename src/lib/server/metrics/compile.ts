// The metrics compiler: a query spec (measure and dimension names, filters, order, limit) and the user
// become one parameterised SQL statement over case_facts. The user's unit scope is ANDed in always.
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { canSeePii, unitScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/types.ts';
import { UserInputError } from '../errors.ts';
import { errors } from '../../i18n/zh/metrics.ts';
import { FLAGS, emptyFilters, parseRange, type FilterState } from '../../model/filters.ts';
import { addDays } from '../../model/periods.ts';
import { statusThenSql } from '../compliance/sql.ts';
import { DEFAULT_SCORE_WEIGHTS, DIMENSIONS, MEASURES, SCORE_COMPONENTS, type ScoreWeights } from './catalog.ts';
import { SETTLE_DAYS } from './facts.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')));
const text = z.string().min(1).max(200);
const list = z.array(text).max(500).default([]);

export const filterSchema = z
	.object({
		from: date.optional(),
		to: date.optional(),
		units: list,
		unit_group: text.optional(),
		category: list,
		sub_category: list,
		channel: list,
		mode: list,
		severity: list,
		month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
		flag: z.enum(FLAGS).optional(),
		q: z.string().min(1).max(200).optional(),
		wd: z.string().refine((v) => parseRange(v) !== null).optional(),
		hrs: z.string().refine((v) => parseRange(v) !== null).optional()
	})
	.strict();

const weightsSchema = z
	.object(Object.fromEntries(Object.keys(SCORE_COMPONENTS).map((k) => [k, z.number().min(0).max(100)])) as Record<keyof ScoreWeights, z.ZodNumber>)
	.partial()
	.strict();

export const querySpecSchema = z
	.object({
		measures: z.array(z.string()).min(1).max(30),
		dimensions: z.array(z.string()).max(3).default([]),
		filters: filterSchema.default(emptyFilters()),
		orderBy: z.array(z.object({ by: z.string(), desc: z.boolean().default(false) }).strict()).max(4).default([]),
		limit: z.number().int().min(1).max(20000).default(5000),
		/** Leave out groups with fewer cases (rankings). */
		minCases: z.number().int().min(0).max(1_000_000).optional(),
		weights: weightsSchema.optional(),
		/**
		 * Several date ranges in one scan (current, previous, same period last year): adds a leading "period"
		 * column naming the range, and replaces filters.from/to by the ranges.
		 */
		periods: z
			.array(z.object({ name: z.string().regex(/^[a-z_]{1,20}$/), from: date, to: date }).strict())
			.min(1)
			.max(4)
			.optional()
	})
	.strict();

export type QuerySpec = z.input<typeof querySpecSchema>;
export type ValidQuerySpec = z.output<typeof querySpecSchema>;
export type Filters = z.output<typeof filterSchema>;

/** Validates a spec; unknown measure or dimension names and malformed filters are bad input (HTTP 400). */
export function validateSpec(input: unknown): ValidQuerySpec {
	const parsed = querySpecSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new UserInputError('bad_spec', `${errors.badSpec}：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), {
			field: issue?.path.join('.')
		});
	}
	const spec = parsed.data;
	for (const name of spec.measures) {
		if (!MEASURES[name]) throw new UserInputError('unknown_measure', errors.unknownMeasure(name), { field: 'measures' });
	}
	for (const name of spec.dimensions) {
		if (!DIMENSIONS[name]) throw new UserInputError('unknown_dimension', errors.unknownDimension(name), { field: 'dimensions' });
	}
	for (const o of spec.orderBy) {
		if (!spec.measures.includes(o.by) && !spec.dimensions.includes(o.by)) {
			throw new UserInputError('bad_order', `${errors.badSpec}：排序字段 ${o.by} 不在查询中`, { field: 'orderBy' });
		}
	}
	return spec;
}

/** Validates filters coming from a URL (FilterState) or JSON. */
export function validateFilters(input: Partial<FilterState> | undefined): Filters {
	const parsed = filterSchema.safeParse({ ...emptyFilters(), ...(input ?? {}) });
	if (!parsed.success) {
		const field = String(parsed.error.issues[0]?.path[0] ?? '');
		throw new UserInputError('bad_filter', errors.badFilter(field), { field });
	}
	return parsed.data;
}

export interface Compiled {
	sql: string;
	params: Record<string, DuckDBValue>;
}

/**
 * The WHERE conditions for filters and scope over case_facts `f` (the case explorer reuses them, so the
 * case list behind a number is exactly the cases counted). Always contains the user's unit scope.
 */
export function compileWhere(filters: Filters, user: SessionUser): Compiled {
	const where: string[] = [];
	const params: Record<string, DuckDBValue> = {};
	const scope = unitScope(user, 'f.unit');
	if (scope) {
		where.push(scope.sql);
		Object.assign(params, scope.params);
	}
	if (filters.from) {
		where.push('f.received_date >= $f_from::DATE');
		params.f_from = filters.from;
	}
	if (filters.to) {
		where.push('f.received_date <= $f_to::DATE');
		params.f_to = filters.to;
	}
	const lists: [keyof Filters, string][] = [
		['units', 'f.unit'],
		['category', 'f.category'],
		['sub_category', 'f.sub_category'],
		['channel', 'f.channel'],
		['mode', 'f.handling_mode'],
		['severity', 'f.severity']
	];
	for (const [key, column] of lists) {
		const values = filters[key] as string[];
		if (values.length === 0) continue;
		const p = `f_${key}`;
		where.push(values.length === 1 ? `${column} = $${p}` : `list_contains($${p}::VARCHAR[], ${column})`);
		params[p] = values.length === 1 ? values[0] : listValue(values);
	}
	if (filters.unit_group) {
		where.push('f.unit_group = $f_unit_group');
		params.f_unit_group = filters.unit_group;
	}
	if (filters.month) {
		where.push("f.month = ($f_month || '-01')::DATE");
		params.f_month = filters.month;
	}
	if (filters.flag) where.push(FLAG_SQL[filters.flag]);
	for (const [key, column] of [['wd', 'f.work_days'], ['hrs', 'f.hours']] as const) {
		const r = parseRange(filters[key]);
		if (!r) continue;
		where.push(`${column} >= $f_${key}_lo`);
		params[`f_${key}_lo`] = r.lo;
		if (r.hi !== null) {
			where.push(`${column} < $f_${key}_hi`);
			params[`f_${key}_hi`] = r.hi;
		}
	}
	if (filters.q) {
		// roles without the PII grant search the redacted copy (pii/redact.ts): a probe by digits or name learns nothing
		// with the grant, the kept columns of the export (cases.extra, complainant data until marked otherwise) too;
		// the kept columns marked 不含个人信息 (cases.extra_public) for every role
		const text = canSeePii(user)
			? `content ILIKE $f_q_like OR ${keptValues('extra')} ILIKE $f_q_like OR ${keptValues('extra_public')} ILIKE $f_q_like`
			: `content_redacted ILIKE $f_q_like OR ${keptValues('extra_public')} ILIKE $f_q_like`;
		where.push(`f.case_id IN (SELECT case_id FROM cases WHERE ${text} OR case_id = $f_q)`);
		params.f_q = filters.q;
		params.f_q_like = `%${filters.q.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`;
	}
	return { sql: where.length ? where.join(' AND ') : 'true', params };
}

/** The filter fields whose columns eval_facts carries (facts.ts EVAL_FACTS_SQL), so an as-of recount can apply them. */
const EVAL_FILTERS = ['units', 'category', 'sub_category', 'channel', 'mode', 'severity', 'unit_group', 'month'] as const;

/**
 * The part of compileWhere (unit scope included) that eval_facts' own case columns can answer, over eval rows `e`:
 * an as-of recount then reads only the evaluations of cases the query can count. The rest of the filters (dates,
 * flags, ranges, text) still apply to the corrected rows, so leaving them out here changes no result.
 */
export function evalWhere(filters: Filters, user: SessionUser): Compiled {
	const subset = { ...validateFilters({}), ...Object.fromEntries(EVAL_FILTERS.map((k) => [k, filters[k]])) } as Filters;
	const { sql, params } = compileWhere(subset, user);
	return { sql: sql.replace(/\bf\./g, 'e.'), params };
}

/** The values (not the headers) of a case's kept columns, joined by a unit separator, for the text search. */
const keptValues = (col: 'extra' | 'extra_public') =>
	`array_to_string(list_transform(json_keys(${col}), k -> json_extract_string(${col}, '$."' || replace(k, '"', '\\"') || '"')), chr(31))`;

export const FLAG_SQL: Record<(typeof FLAGS)[number], string> = {
	open: 'NOT f.closed',
	closed: 'f.closed',
	overdue_open: 'f.overdue_open',
	breached: 'f.breached_n > 0',
	repeat: 'f.is_repeat',
	unsatisfied: 'f.unsatisfied',
	substantiated: 'f.substantiated',
	typical: 'f.case_id IN (SELECT case_id FROM cases WHERE typical)'
};

/**
 * Can the additive rollup (day × unit) answer this spec? Only when every measure is additive and every
 * dimension and filter is one of date, month, unit, unit group (the rollup has the same column names).
 */
export function rollupCovers(spec: ValidQuerySpec): boolean {
	const f = spec.filters;
	return (
		spec.measures.every((m) => MEASURES[m].rollup !== undefined) &&
		spec.dimensions.every((d) => DIMENSIONS[d].inRollup) &&
		f.category.length === 0 &&
		f.sub_category.length === 0 &&
		f.channel.length === 0 &&
		f.mode.length === 0 &&
		f.severity.length === 0 &&
		!f.flag &&
		!f.q &&
		!f.wd &&
		!f.hrs
	);
}

/**
 * Server-side options that a request can never set: read the compliance columns as of a moment before now
 * (`YYYY-MM-DD HH:MM:SS.fff`, Shanghai wall clock), for a period that ended before today (product.md 2.0 as_of).
 */
export interface CompileOptions {
	asOf?: string;
	/**
	 * With spec.periods: the as-of moment of each period (same format; null = now), so that periods read at
	 * different moments (current, 环比, 同比) are still one query. Overrides asOf.
	 */
	periodsAsOf?: (string | null)[];
}

/**
 * One as-of moment and the evaluations it corrects (SQL over eval_facts rows `e`): `t` the moment T, `rows` the
 * receipt range of its period (read over eval_facts_late), `recent` its last SETTLE_DAYS before T (read over the
 * rest of eval_facts); earlier receipts had settled before T (facts.ts SETTLED_AT).
 */
export interface AsOfWindow {
	t: string;
	rows: string;
	recent: string;
	/** the query's filters and scope over eval_facts' case columns (evalWhere), so that only the cases it can count are recounted */
	where?: string;
}

/** The first receipt day whose settled evaluations can still read differently at a moment on `asOf`'s day. */
export function recentFrom(from: string, asOf: string): string {
	const d = addDays(asOf.slice(0, 10), -SETTLE_DAYS);
	return d > from ? d : from;
}

/**
 * The evaluation rows (eval_facts' columns and `t`, their window's moment) that can read differently at their
 * moment, each once: one branch per window and table, each a plain receipt range (the scan skips the rest), and only
 * rows not settled by T.
 */
export function asOfEvalRows(windows: AsOfWindow[]): string {
	const branch = (table: string, w: AsOfWindow, range: string, extra: string) =>
		`SELECT e.*, ${w.t} AS t FROM ${table} e WHERE ${range}${extra} AND coalesce(e.settled_at > ${w.t}, true)${w.where ? ` AND ${w.where}` : ''}`;
	return `(${windows.flatMap((w) => [branch('eval_facts', w, w.recent, ' AND NOT e.late'), branch('eval_facts_late', w, w.rows, '')]).join(' UNION ALL ')})`;
}

/** The compliance columns of case_facts that move with the as-of moment: [column, evaluations it counts, statuses]. */
const AS_OF_COUNTS: [string, string, string[]][] = [
	['met', 'true', ['met']],
	['breached_n', 'true', ['breached']],
	['open_overdue_n', 'true', ['open-overdue']],
	['no_data_n', 'true', ['no-data']],
	['accept_met', 'x.accept', ['met']],
	['accept_late', 'x.accept', ['breached', 'open-overdue']],
	['reply_met', 'NOT x.accept', ['met']],
	['reply_late', 'NOT x.accept', ['breached', 'open-overdue']]
];

/**
 * Per case of the period whose compliance reads differently at an earlier moment T (eval_facts rows not done by
 * T, or started after it, whose status then differs from today's): what to add to each of its count columns to read
 * it as of T. Each evaluation takes back what it counts now and adds what it counted at T (statusAtSql). Few rows:
 * most evaluations were done by T, and one open for months was overdue then as it is now.
 */
function asOfDelta(windows: AsOfWindow[], caseColumns: boolean): string {
	// each evaluation's status now and at its T ('not-started': its clock had not started by T, it counted
	// nowhere), worked out once per row; one sum of differences per count
	const delta = (sel: string, statuses: string[]) => {
		const list = statuses.map((x) => `'${x}'`).join(', ');
		return `sum(CASE WHEN ${sel} AND x.then_status IN (${list}) THEN 1 ELSE 0 END - CASE WHEN ${sel} AND x.status IN (${list}) THEN 1 ELSE 0 END)::INTEGER`;
	};
	// the rollup's correction rows carry the case's own columns (eval_facts has them on each evaluation), so it needs
	// no join; the facts' correction joins case_facts, which has them
	const own = caseColumns ? CASE_COLUMNS.map((c) => `any_value(x.${c}) AS ${c}, `).join('') : '';
	return `SELECT x.case_no, ${own}${AS_OF_COUNTS.map(([c, sel, st]) => `${delta(sel, st)} AS ${c}`).join(', ')}
			FROM (SELECT e.*, ${statusThenSql('e', 'e.t')} AS then_status FROM ${asOfEvalRows(windows)} e) x
			WHERE x.then_status <> x.status
			GROUP BY x.case_no`;
}

/** Columns of a case that eval_facts carries on each of its evaluations (facts.ts). */
const CASE_COLUMNS = ['received_date', 'month', 'unit', 'unit_group', 'unit_sort', 'case_open_overdue_n', 'case_breached_n', 'case_overdue_open'];

/**
 * case_facts as of an earlier moment T: its compliance counts corrected by asOfDelta, and a case is overdue-open
 * when it had an open-overdue evaluation then. A case whose evaluations were all done by T reads as now; so does
 * the rest of a case (receipt, unit, category, closed, satisfaction …).
 */
function factsAsOf(windows: AsOfWindow[]): string {
	return `(SELECT f.* REPLACE (${AS_OF_COUNTS.map(([c]) => `(f.${c} + coalesce(d.${c}, 0))::INTEGER AS ${c}`).join(', ')},
			CASE WHEN d.case_no IS NULL THEN f.overdue_open ELSE f.open_overdue_n + d.open_overdue_n > 0 END AS overdue_open)
		FROM case_facts f LEFT JOIN (${asOfDelta(windows, false)}) d USING (case_no))`;
}

/** Columns of case_rollup, in its order (facts.ts ROLLUP_SQL). */
const ROLLUP_COLUMNS = ['received_date', 'month', 'unit', 'unit_group', 'unit_sort', 'n', 'accepted', 'closed', 'overdue_open', 'met', 'breached_n',
	'breached_cases', 'open_overdue_n', 'no_data_n', 'nearly_n', 'satisfied', 'unsatisfied', 'rated', 'substantiated', 'with_outcome', 'repeats'];

/**
 * case_rollup as of an earlier moment T: today's day × unit sums plus one correcting row per case that reads
 * differently at T (its count deltas; n and every non-compliance count 0; overdue_open and breached_cases the
 * change of the case's flag). Sums over it equal sums over factsAsOf, at the rollup's cost: what keeps a past
 * period's default dashboards as fast as the current one's.
 */
function rollupAsOf(windows: AsOfWindow[]): string {
	const flag = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
	const value: Record<string, string> = {
		received_date: 'd.received_date',
		month: 'd.month',
		unit: 'd.unit',
		unit_group: 'd.unit_group',
		unit_sort: 'd.unit_sort',
		overdue_open: `${flag('d.case_open_overdue_n + d.open_overdue_n > 0')} - ${flag('d.case_overdue_open')}`,
		breached_cases: `${flag('d.case_breached_n + d.breached_n > 0')} - ${flag('d.case_breached_n > 0')}`,
		met: 'd.met',
		breached_n: 'd.breached_n',
		open_overdue_n: 'd.open_overdue_n',
		no_data_n: 'd.no_data_n'
	};
	const corrections = ROLLUP_COLUMNS.map((c) => `${value[c] ?? '0'} AS ${c}`).join(', ');
	return `(SELECT ${ROLLUP_COLUMNS.join(', ')} FROM case_rollup
		UNION ALL
		SELECT ${corrections} FROM (${asOfDelta(windows, true)}) d)`;
}

/** Compiles a query spec for a user into one SELECT over case_facts (or case_rollup) with bound parameters only. */
export function compileQuery(input: QuerySpec | ValidQuerySpec, user: SessionUser, opts: CompileOptions = {}): Compiled {
	const spec = validateSpec(input);
	const asOf = opts.asOf;
	const rollup = rollupCovers(spec);
	const periods = spec.periods;
	const where = compileWhere(periods ? { ...spec.filters, from: undefined, to: undefined } : spec.filters, user);
	const params: Record<string, DuckDBValue> = { ...where.params };
	const select: string[] = [];
	const conditions = [where.sql];
	if (periods) {
		const cases = periods.map((p, i) => {
			params[`p${i}_name`] = p.name;
			params[`p${i}_from`] = p.from;
			params[`p${i}_to`] = p.to;
			return `WHEN f.received_date BETWEEN $p${i}_from::DATE AND $p${i}_to::DATE THEN $p${i}_name`;
		});
		// Overlapping ranges would count a case once only (in the first range): callers pass disjoint ranges.
		select.push(`CASE ${cases.join(' ')} END AS "period"`);
		conditions.push(`(${periods.map((_, i) => `f.received_date BETWEEN $p${i}_from::DATE AND $p${i}_to::DATE`).join(' OR ')})`);
	}
	for (const name of spec.dimensions) select.push(`${DIMENSIONS[name].sql} AS "${name}"`);
	for (const name of spec.measures) select.push(`${rollup ? MEASURES[name].rollup : MEASURES[name].sql} AS "${name}"`);
	if (spec.measures.includes('score')) {
		const w = { ...DEFAULT_SCORE_WEIGHTS, ...(spec.weights ?? {}) };
		for (const k of Object.keys(SCORE_COMPONENTS) as (keyof ScoreWeights)[]) params[`w_${k}`] = w[k];
	}
	let windows: AsOfWindow[] | null = null;
	const asOfPeriods = periods && opts.periodsAsOf ? periods.map((p, i) => ({ ...p, i, asOf: opts.periodsAsOf?.[i] ?? null })).filter((p) => p.asOf) : [];
	if (asOfPeriods.length) {
		// each period's rows read at its own moment; a period read as of now has no correction
		for (const p of asOfPeriods) params[`p${p.i}_as_of`] = p.asOf;
		for (const p of asOfPeriods) params[`p${p.i}_recent`] = recentFrom(p.from, p.asOf as string);
		windows = asOfPeriods.map((p) => ({
			t: `$p${p.i}_as_of::TIMESTAMP`,
			rows: `e.received_date BETWEEN $p${p.i}_from::DATE AND $p${p.i}_to::DATE`,
			recent: `e.received_date BETWEEN $p${p.i}_recent::DATE AND $p${p.i}_to::DATE`
		}));
	} else if (asOf && !opts.periodsAsOf) {
		// the receipt dates the query can count: the periods', or the filters' (no start: from the beginning)
		params.as_of_facts = asOf;
		params.as_of_from = periods ? periods.map((p) => p.from).sort()[0] : (spec.filters.from ?? '0001-01-01');
		params.as_of_to = periods ? periods.map((p) => p.to).sort().reverse()[0] : (spec.filters.to ?? '9999-12-31');
		params.as_of_recent = recentFrom(String(params.as_of_from), asOf);
		windows = [
			{
				t: '$as_of_facts::TIMESTAMP',
				rows: 'e.received_date BETWEEN $as_of_from::DATE AND $as_of_to::DATE',
				recent: 'e.received_date BETWEEN $as_of_recent::DATE AND $as_of_to::DATE'
			}
		];
	}
	if (windows) {
		// recount only the evaluations of cases the query can count (same parameters as the WHERE's)
		const ew = evalWhere(spec.filters, user);
		if (ew.sql !== 'true') {
			Object.assign(params, ew.params);
			windows = windows.map((w) => ({ ...w, where: ew.sql }));
		}
	}
	const from = windows ? (rollup ? rollupAsOf(windows) : factsAsOf(windows)) : rollup ? 'case_rollup' : 'case_facts';
	let sql = `SELECT ${select.join(', ')} FROM ${from} f WHERE ${conditions.join(' AND ')}`;
	const groups = spec.dimensions.length + (periods ? 1 : 0);
	if (groups) sql += ` GROUP BY ${Array.from({ length: groups }, (_, i) => i + 1).join(', ')}`;
	if (spec.minCases !== undefined && groups) {
		sql += rollup ? ' HAVING sum(f.n) >= $min_cases' : ' HAVING count(*) >= $min_cases';
		params.min_cases = spec.minCases;
	}
	const order = spec.orderBy.length
		? spec.orderBy.map((o) => `"${o.by}" ${o.desc ? 'DESC' : 'ASC'} NULLS LAST`)
		: spec.dimensions.map((n) => `"${n}" ASC NULLS LAST`);
	// A stable tie-break so that rankings and pages never shuffle between requests.
	for (const n of spec.dimensions) if (!spec.orderBy.some((o) => o.by === n)) order.push(`"${n}" ASC NULLS LAST`);
	if (order.length) sql += ` ORDER BY ${[...new Set(order)].join(', ')}`;
	sql += ` LIMIT ${spec.limit}`;
	return { sql, params };
}

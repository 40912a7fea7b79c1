// The compliance screens' counts (时限合规): totals and breakdowns by rule, unit and month of receipt of a pack's
// stored results, read from the metrics layer's eval_rollup (pack × day × unit × rule) with the one unit scope of
// compileWhere, instead of a scan of every stored result per request. A period that ended before now is read as
// of its end by correcting the rollup with the few evaluations whose status differs then (as case_rollup is).
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { emptyFilters } from '../../model/filters.ts';
import {
	caseFilters,
	iso,
	periodEndSource,
	resolvePack,
	resultSource,
	ruleOf,
	type ResultSource
} from '../compliance/index.ts';
import { documentTitle, type RulePack } from '../compliance/pack.ts';
import { statusThenSql } from '../compliance/sql.ts';
import { shanghaiToday } from '../time.ts';
import { defaultPackName } from '../settings.ts';
import { asOfEvalRows, compileWhere, recentFrom, validateFilters } from './compile.ts';
import { cacheGet, cacheSet, ensureFactsCurrent } from './facts.ts';
import { ratedResults } from './evaluations.ts';

export interface SummaryFilters {
	unit?: string;
	from?: string;
	to?: string;
	rule?: string;
	/** as of the end of this day (YYYY-MM-DD); none or today: the stored results as of now */
	asOf?: string | null;
	/** an already resolved source (resultSource), instead of asOf */
	source?: ResultSource;
}

type Counts = {
	evaluated: number;
	met: number;
	breached: number;
	open_overdue: number;
	open_within: number;
	no_data: number;
	/** breached / (met + breached), 0 when nothing closed */
	breach_rate: number;
};

const STATUS_COLUMNS = ['met', 'breached', 'open_overdue', 'open_within', 'no_data'] as const;
const STATUS_OF: Record<(typeof STATUS_COLUMNS)[number], string> = {
	met: 'met',
	breached: 'breached',
	open_overdue: 'open-overdue',
	open_within: 'open-within',
	no_data: 'no-data'
};

function withRate(r: Row): Counts {
	const n = (k: string) => Number(r[k] ?? 0);
	const closed = n('met') + n('breached');
	return {
		evaluated: n('evaluated'),
		met: n('met'),
		breached: n('breached'),
		open_overdue: n('open_overdue'),
		open_within: n('open_within'),
		no_data: n('no_data'),
		breach_rate: closed ? Math.round((n('breached') / closed) * 10000) / 10000 : 0
	};
}

/**
 * eval_rollup as of an earlier moment T for one pack: the stored counts plus one correcting row per evaluation of
 * the period whose reading at T differs (not started then: it leaves the counts; open or done after T: its status
 * then instead of today's). Mirrors storedAsOfSource in compliance/index.ts, which the explicit lists still read.
 */
function rollupAsOf(isDefault: boolean): string {
	const t = '$cs_as_of::TIMESTAMP';
	const flag = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
	const statusDelta = STATUS_COLUMNS.map((c) => `${flag(`x.then_status = '${STATUS_OF[c]}'`)} - ${flag(`x.status = '${STATUS_OF[c]}'`)} AS ${c}`);
	// the default pack's evaluations are kept in receipt order with their case's columns (eval_facts; only those that
	// can read differently at T, compile.ts asOfEvalRows); another pack's are read where stored
	const source = isDefault
		? `${asOfEvalRows([{ t, rows: 'e.received_date BETWEEN $cs_lo::DATE AND $cs_hi::DATE', recent: 'e.received_date BETWEEN $cs_recent::DATE AND $cs_hi::DATE' }])} e WHERE`
		: `(SELECT e.*, c.received_date, c.month, c.unit, c.unit_group
			FROM ${ratedResults('(SELECT * FROM compliance_results WHERE pack = $cs_pack)', '$cs_pack')} e JOIN case_facts c USING (case_id)) e WHERE`;
	// each evaluation's status now and at T ('not-started': its clock had not started then), worked out once per row
	return `(SELECT pack, received_date, month, unit, unit_group, rule_id, evaluated, met, breached, open_overdue, open_within, no_data, provisional
			FROM eval_rollup WHERE pack = $cs_pack
		UNION ALL
		SELECT $cs_pack AS pack, x.received_date, x.month, x.unit, x.unit_group, x.rule_id, -${flag(`x.then_status = 'not-started'`)} AS evaluated,
			${statusDelta.join(', ')}, -${flag(`x.then_status = 'not-started' AND x.provisional`)} AS provisional
		FROM (SELECT e.received_date, e.month, e.unit, e.unit_group, e.rule_id, e.status, e.provisional,
				${statusThenSql('e', t)} AS then_status
			FROM ${source} e.received_date BETWEEN $cs_lo::DATE AND $cs_hi::DATE AND e.status <> 'no-data'
				AND (e.done_at IS NULL OR e.done_at > ${t} OR e.clock_start > ${t})) x
		WHERE x.then_status <> x.status)`;
}

type Breakdown = { totals: Row; byRule: Row[]; byUnit: Row[]; byMonth: Row[] };

/** The counts of one pack's stored results (as of now, or as of an earlier moment) for the user and filters. */
async function rollupCounts(
	db: Database,
	user: SessionUser,
	pack: RulePack,
	filters: SummaryFilters,
	asOf: string | null
): Promise<Breakdown> {
	const version = await ensureFactsCurrent(db);
	const f = validateFilters({ ...emptyFilters(), from: filters.from, to: filters.to, units: filters.unit ? [filters.unit] : [] });
	const where = compileWhere(f, user);
	const params: Record<string, DuckDBValue> = { ...where.params, cs_pack: pack.name };
	const conditions = [where.sql, 'f.pack = $cs_pack'];
	if (filters.rule) {
		conditions.push('f.rule_id = $cs_rule');
		params.cs_rule = filters.rule;
	}
	let rel = 'eval_rollup';
	if (asOf) {
		const isDefault = pack.name === (await defaultPackName(db));
		rel = rollupAsOf(isDefault);
		const lo = filters.from ?? '0001-01-01';
		Object.assign(params, { cs_as_of: asOf, cs_lo: lo, cs_hi: filters.to ?? '9999-12-31' });
		// only the default pack's evaluations are split by when they settle (eval_facts)
		if (isDefault) params.cs_recent = recentFrom(lo, asOf);
	}
	const sums = ['evaluated', ...STATUS_COLUMNS, 'provisional'].map((c) => `sum(f.${c})::INTEGER AS ${c}`).join(', ');
	const sql = `SELECT grouping(f.rule_id, f.unit, strftime(f.month, '%Y-%m')) AS g, f.rule_id, f.unit, strftime(f.month, '%Y-%m') AS month, ${sums}
		FROM ${rel} f WHERE ${conditions.join(' AND ')}
		GROUP BY GROUPING SETS ((), (f.rule_id), (f.unit), (strftime(f.month, '%Y-%m')))`;
	const key = `compliance\u0000${version}\u0000${sql}\u0000${JSON.stringify(params, (_k, v) => (typeof v === 'bigint' ? v.toString() : v && typeof v === 'object' && 'items' in v ? v.items : v))}`;
	let rows = cacheGet<Row[]>(db, key);
	if (!rows) {
		rows = await db.query(sql, params);
		cacheSet(db, key, rows);
	}
	// grouping() sets a bit per column left out: 7 = the total, 3 = by rule, 5 = by unit, 6 = by month
	const of = (g: number) => rows.filter((r) => Number(r.g) === g);
	return { totals: of(7)[0] ?? {}, byRule: of(3), byUnit: of(5), byMonth: of(6) };
}

/** The same counts from an as-of table of its own (an explicit as-of: a fresh evaluation, not a stored one). */
async function tableCounts(db: Database, user: SessionUser, pack: RulePack, source: ResultSource, filters: SummaryFilters): Promise<Breakdown> {
	const { sql, params } = caseFilters(user, filters);
	const where = [...sql, 'true'];
	const all: Record<string, DuckDBValue> = { ...params, ...source.params, rated_pack: pack.name };
	if (filters.rule) {
		where.push('cr.rule_id = $rule');
		all.rule = filters.rule;
	}
	const sums = ['count(*)::INTEGER AS evaluated', ...STATUS_COLUMNS.map((c) => `count(*) FILTER (WHERE cr.status = '${STATUS_OF[c]}')::INTEGER AS ${c}`),
		'count(*) FILTER (WHERE cr.provisional)::INTEGER AS provisional'].join(', ');
	const rows = await db.query(
		`SELECT grouping(cr.rule_id, c.unit, strftime(c.received_at, '%Y-%m')) AS g, cr.rule_id, c.unit, strftime(c.received_at, '%Y-%m') AS month, ${sums}
		 FROM ${ratedResults(source.rel, '$rated_pack')} cr JOIN cases c USING (case_id) WHERE ${where.join(' AND ')}
		 GROUP BY GROUPING SETS ((), (cr.rule_id), (c.unit), (strftime(c.received_at, '%Y-%m')))`,
		all
	);
	const of = (g: number) => rows.filter((r) => Number(r.g) === g);
	return { totals: of(7)[0] ?? {}, byRule: of(3), byUnit: of(5), byMonth: of(6) };
}

/** Aggregates for the compliance screen: totals, by rule, by unit and by month of receipt (scope applied). */
export async function complianceSummary(db: Database, user: SessionUser, pack: RulePack | string, filters: SummaryFilters = {}) {
	const p = resolvePack(pack);
	// a period that ended before today is read as of its end (product.md 2.0 as_of), unless the caller chose one
	const run =
		filters.source ??
		(!filters.asOf && filters.to && filters.to < shanghaiToday()
			? await periodEndSource(db, p, `${filters.to} 23:59:59.999`)
			: await resultSource(db, p, filters.asOf));
	const counts =
		run.kind === 'table' ? await tableCounts(db, user, p, run, filters) : await rollupCounts(db, user, p, filters, run.kind === 'period-end' ? run.as_of : null);
	const ruleOrder = new Map(p.rules.map((r, i) => [r.id, i]));
	return {
		pack: p.name,
		title: documentTitle(p),
		pack_version: p.packVersion,
		calendar_version: run.calendar_version,
		as_of: iso(run.as_of)!,
		computed_at: iso(run.computed_at)!,
		provisional: Number(counts.totals.provisional ?? 0),
		totals: withRate(counts.totals),
		by_rule: counts.byRule
			.map((r) => {
				const rule = ruleOf(p, String(r.rule_id));
				return { rule_id: String(r.rule_id), ...withRate(r), title: rule?.title ?? String(r.rule_id), article: rule?.citation.article ?? '' };
			})
			.sort((a, b) => (ruleOrder.get(a.rule_id) ?? 99) - (ruleOrder.get(b.rule_id) ?? 99)),
		by_unit: counts.byUnit
			.map((r) => ({ unit: String(r.unit), ...withRate(r) }))
			.sort((a, b) => b.breach_rate - a.breach_rate || a.unit.localeCompare(b.unit)),
		by_month: counts.byMonth.map((r) => ({ month: String(r.month), ...withRate(r) })).sort((a, b) => a.month.localeCompare(b.month))
	};
}

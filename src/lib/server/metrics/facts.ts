// case_facts: one narrow row per case with everything the dashboards aggregate (derived flags, working days,
// repeat link, compliance counts), rebuilt when the data changes. Dashboards read it instead of joining
// cases × compliance × calendar and running window functions on every request.
import { createHash } from 'node:crypto';
import type { Database } from '../db/index.ts';
import { shanghaiNow, shanghaiToday } from '../time.ts';
import { ACCEPT_RULE, DEFAULT_REPEAT_WINDOW_DAYS } from './catalog.ts';
import { defaultPackName, nearlyDays } from '../settings.ts';
import { NEARLY_SQL, buildNearlyFacts, nearlyParams } from './nearly-facts.ts';
import { RATED_STORED, REJECTED_VERSION_SQL, ratedResults } from './evaluations.ts';

/** Value shown for an empty dimension value, so that it can be filtered and drilled like any other (the model's, shared with the filter bar). */
export { BLANK } from '../../model/filters.ts';
import { BLANK } from '../../model/filters.ts';

/**
 * The repeat-complaint rule of product.md 2.2: is the case a repeat of the previous case by the same complainant
 * (columns <prefix>_case_id, <prefix>_received_at, <prefix>_closed_at beside received_at)? It is when it was
 * received within the window after the previous case was received, or after it was closed (办结后再投诉).
 */
function repeatTest(prefix: string, windowParam: string): string {
	const w = `to_days($${windowParam}::INTEGER)`;
	return `coalesce(${prefix}_case_id IS NOT NULL AND (
				received_at <= ${prefix}_received_at + ${w}
				OR (${prefix}_closed_at IS NOT NULL AND ${prefix}_closed_at <= received_at AND received_at <= ${prefix}_closed_at + ${w})
			), false)`;
}

export async function repeatWindowDays(db: Database): Promise<number> {
	const row = await db.queryOne<{ value: string }>("SELECT value FROM settings WHERE key = 'repeat_window_days'");
	const n = Number(row?.value);
	return Number.isInteger(n) && n > 0 ? n : DEFAULT_REPEAT_WINDOW_DAYS;
}

const FACTS_SQL = /* sql */ `
CREATE OR REPLACE TABLE case_facts AS
WITH comp AS (
	SELECT case_id,
		count_if(status = 'met')::INTEGER AS met,
		count_if(status = 'breached')::INTEGER AS breached_n,
		count_if(status = 'open-overdue')::INTEGER AS open_overdue_n,
		count_if(status = 'no-data')::INTEGER AS no_data_n,
		count_if(rule_id = '${ACCEPT_RULE}' AND status = 'met')::INTEGER AS accept_met,
		count_if(rule_id = '${ACCEPT_RULE}' AND status IN ('breached', 'open-overdue'))::INTEGER AS accept_late,
		count_if(rule_id <> '${ACCEPT_RULE}' AND status = 'met')::INTEGER AS reply_met,
		count_if(rule_id <> '${ACCEPT_RULE}' AND status IN ('breached', 'open-overdue'))::INTEGER AS reply_late
	FROM ${ratedResults('(SELECT * FROM compliance_results WHERE pack = $pack)', '$pack')} GROUP BY case_id
),
-- cases with any stored result, taken out by 不予认定 or not: only a case without any falls back to the export's due_at
evaluated AS (SELECT DISTINCT case_id FROM compliance_results WHERE pack = $pack),
-- The previous case by the same complainant about the same unit, and about any unit: both windows over one narrow
-- scan, joined back by row id (joining two such tables by case_id cost most of the rebuild at 10,000,000 cases).
links AS (
	SELECT rid, received_at,
		lag(case_id) OVER same AS same_prev_case_id, lag(received_at) OVER same AS same_prev_received_at,
		lag(closed_at) OVER same AS same_prev_closed_at,
		lag(case_id) OVER anyu AS any_prev_case_id, lag(received_at) OVER anyu AS any_prev_received_at,
		lag(closed_at) OVER anyu AS any_prev_closed_at
	FROM (SELECT rowid AS rid, case_id, unit, received_at, closed_at, complainant_key FROM cases
		WHERE complainant_key IS NOT NULL AND complainant_key <> '')
	WINDOW same AS (PARTITION BY complainant_key, unit ORDER BY received_at, case_id),
		anyu AS (PARTITION BY complainant_key ORDER BY received_at, case_id)
),
rep AS (
	SELECT rid, same_prev_case_id AS prev_case_id, same_prev_received_at AS prev_received_at, same_prev_closed_at AS prev_closed_at,
		${repeatTest('same_prev', 'window_days')} AS is_repeat,
		any_prev_case_id, any_prev_received_at, any_prev_closed_at
	FROM links
),
base AS (
	SELECT c.*, c.rowid AS rid, coalesce(c.replied_at, c.closed_at) AS stop_at FROM cases c
)
SELECT
	c.case_id,
	-- the case's row in cases: a number to join and group the as-of corrections on (compile.ts), cheaper than its id
	c.rid AS case_no,
	c.received_at,
	c.received_at::DATE AS received_date,
	date_trunc('month', c.received_at)::DATE AS month,
	c.unit,
	coalesce(nullif(u.unit_group, ''), '其他') AS unit_group,
	coalesce(u.sort_order, 1000000) AS unit_sort,
	coalesce(nullif(trim(c.category), ''), '${BLANK}') AS category,
	coalesce(nullif(trim(c.sub_category), ''), '${BLANK}') AS sub_category,
	coalesce(nullif(trim(c.channel), ''), '${BLANK}') AS channel,
	coalesce(nullif(trim(c.handling_mode), ''), '${BLANK}') AS handling_mode,
	coalesce(nullif(trim(c.severity), ''), '${BLANK}') AS severity,
	c.accepted_at IS NOT NULL AS accepted,
	c.closed_at IS NOT NULL AS closed,
	(c.closed_at IS NULL AND (
		coalesce(comp.open_overdue_n, 0) > 0
		OR (ev.case_id IS NULL AND c.due_at IS NOT NULL AND c.due_at < $now::TIMESTAMP)
	)) AS overdue_open,
	coalesce(comp.met, 0)::INTEGER AS met,
	coalesce(comp.breached_n, 0)::INTEGER AS breached_n,
	-- evaluations still open past their deadline (not on time, product.md 2.0) and those the export lacks data for
	coalesce(comp.open_overdue_n, 0)::INTEGER AS open_overdue_n,
	coalesce(comp.no_data_n, 0)::INTEGER AS no_data_n,
	coalesce(comp.accept_met, 0)::INTEGER AS accept_met,
	coalesce(comp.accept_late, 0)::INTEGER AS accept_late,
	coalesce(comp.reply_met, 0)::INTEGER AS reply_met,
	coalesce(comp.reply_late, 0)::INTEGER AS reply_late,
	-- 临期 evaluations as of the build (nearly_facts, built just before)
	coalesce(nl.n, 0)::INTEGER AS nearly_n,
	c.satisfaction IN ('满意', '基本满意') AS satisfied,
	c.satisfaction = '不满意' AS unsatisfied,
	coalesce(nullif(trim(c.satisfaction), ''), NULL) IS NOT NULL AS rated,
	c.outcome IN ('属实', '部分属实') AS substantiated,
	coalesce(nullif(trim(c.outcome), ''), NULL) IS NOT NULL AS with_outcome,
	coalesce(rep.is_repeat, false) AS is_repeat,
	rep.prev_case_id AS repeat_of,
	-- The repeats page re-derives is_repeat for any window and for "any unit" from these (repeats.ts).
	c.complainant_key,
	rep.prev_received_at AS same_prev_received_at,
	rep.prev_closed_at AS same_prev_closed_at,
	rep.any_prev_case_id,
	rep.any_prev_received_at,
	rep.any_prev_closed_at,
	CASE WHEN c.stop_at IS NULL OR c.stop_at < c.received_at THEN NULL
		WHEN cs.workday_index IS NOT NULL AND ce.workday_index IS NOT NULL THEN ce.workday_index - cs.workday_index
		ELSE date_diff('day', c.received_at::DATE, c.stop_at::DATE) END::INTEGER AS work_days,
	CASE WHEN c.stop_at IS NULL OR c.stop_at < c.received_at THEN NULL
		ELSE date_diff('second', c.received_at, c.stop_at) / 3600.0 END::DOUBLE AS hours,
	-- what the case list shows, so that a page never has to scan the wide cases table (PII policy applies on select)
	c.closed_at,
	c.satisfaction,
	c.outcome,
	left(c.content, 120) AS content_head,
	-- cut after redaction (pii/redact.ts), so that no number on the cut survives for roles without the PII grant
	left(c.content_redacted, 120) AS content_head_redacted,
	c.complainant_name
FROM base c
LEFT JOIN units u ON u.name = c.unit
LEFT JOIN comp ON comp.case_id = c.case_id
LEFT JOIN evaluated ev ON ev.case_id = c.case_id
LEFT JOIN (SELECT case_id, count(*)::INTEGER AS n FROM nearly_facts GROUP BY case_id) nl ON nl.case_id = c.case_id
LEFT JOIN rep ON rep.rid = c.rid
LEFT JOIN calendar_days cs ON cs.day = c.received_at::DATE
LEFT JOIN calendar_days ce ON ce.day = c.stop_at::DATE
ORDER BY c.received_at
`;

/**
 * Additive counts per day × unit: answers every query whose measures are sums (counts, rates, score) and whose
 * dimensions and filters are only date, unit and unit group, i.e. the default dashboards, from ~25× fewer rows.
 */
/**
 * After this many days from receipt nearly every evaluation has settled (reads at any later moment as it reads now);
 * the few that settle later, or never (still open within their limit), are also kept apart in eval_facts_late.
 */
export const SETTLE_DAYS = 31;

/**
 * The first moment from which an evaluation `e` reads as stored at every later moment T (compile.ts statusThenSql):
 * no-data → always ('-infinity'); done → once done and started; met or breached without a done time, or no due
 * moment → once started (always, without a clock start); open past its deadline → just after the due moment;
 * anything else (open within its limit, another status) → never (NULL).
 */
const SETTLED_AT = (e: string) => `CASE WHEN ${e}.status = 'no-data' THEN '-infinity'::TIMESTAMP
	WHEN ${e}.done_at IS NOT NULL THEN greatest(${e}.done_at, coalesce(${e}.clock_start, ${e}.done_at))
	WHEN ${e}.status IN ('met', 'breached') OR ${e}.due_at IS NULL THEN coalesce(${e}.clock_start, '-infinity'::TIMESTAMP)
	WHEN ${e}.status = 'open-overdue' THEN greatest(${e}.due_at + INTERVAL 1 MICROSECOND, coalesce(${e}.clock_start, ${e}.due_at))
	END`;

/**
 * eval_facts: one narrow row per stored evaluation of the default pack with its case's receipt date, unit and
 * current compliance counts, ordered by receipt, so that a period that ended before today can recount its
 * compliance as of its end (compile.ts) by reading only the evaluations of its own cases, without a join.
 * `settled_at`: SETTLED_AT, so that a recount skips at once what reads at T as stored. `late`:
 * the evaluation may read differently at a moment more than SETTLE_DAYS after its receipt day (settled later, or
 * never; a missing clock start with nothing done counts as settled from the start). Those rows are also in
 * eval_facts_late, so that a long period's recount reads its last SETTLE_DAYS of eval_facts and the few late rows
 * instead of every evaluation of the period. A projection, no aggregation: cheap in memory at any size.
 */
const EVAL_FACTS_SQL = /* sql */ `
CREATE OR REPLACE TABLE eval_facts AS
SELECT cr.case_id, f.case_no, f.received_date, f.month, f.unit, f.unit_group, f.unit_sort,
	-- the case's filter columns, so that a recount reads only the evaluations of the cases a query counts (compile.ts evalWhere)
	f.category, f.sub_category, f.channel, f.handling_mode, f.severity, cr.rule_id, cr.rule_id = '${ACCEPT_RULE}' AS accept, cr.status,
	cr.clock_start, cr.due_at, cr.done_at, cr.provisional,
	f.open_overdue_n AS case_open_overdue_n, f.breached_n AS case_breached_n, f.overdue_open AS case_overdue_open, settled_at,
	settled_at IS NULL OR (isfinite(settled_at) AND date_diff('day', f.received_date, settled_at::DATE) > ${SETTLE_DAYS}) AS late
FROM (SELECT cr.*, ${SETTLED_AT('cr')} AS settled_at FROM ${ratedResults('(SELECT * FROM compliance_results WHERE pack = $pack)', '$pack')} cr) cr
	JOIN case_facts f USING (case_id)
ORDER BY f.received_date`;

const EVAL_LATE_SQL = /* sql */ `
CREATE OR REPLACE TABLE eval_facts_late AS SELECT * FROM eval_facts WHERE late ORDER BY received_date`;

/**
 * eval_rollup: the stored results of every evaluated pack counted per pack × day × unit × rule, for the compliance
 * screens (metrics/compliance.ts): their totals and breakdowns are sums over a few thousand rows instead of a scan
 * of every stored result per request. Columns as the summary's counts (evaluated = stored applicable results).
 */
const EVAL_ROLLUP_SQL = /* sql */ `
CREATE OR REPLACE TABLE eval_rollup AS
SELECT cr.pack, f.received_date, f.month, f.unit, f.unit_group, cr.rule_id,
	count(*)::INTEGER AS evaluated,
	count_if(cr.status = 'met')::INTEGER AS met,
	count_if(cr.status = 'breached')::INTEGER AS breached,
	count_if(cr.status = 'open-overdue')::INTEGER AS open_overdue,
	count_if(cr.status = 'open-within')::INTEGER AS open_within,
	count_if(cr.status = 'no-data')::INTEGER AS no_data,
	count_if(cr.provisional)::INTEGER AS provisional
FROM ${RATED_STORED} cr JOIN case_facts f USING (case_id)
GROUP BY ALL
ORDER BY received_date`;

const ROLLUP_SQL = /* sql */ `
CREATE OR REPLACE TABLE case_rollup AS
SELECT received_date, month, unit, unit_group, min(unit_sort) AS unit_sort,
	count(*)::INTEGER AS n,
	count_if(accepted)::INTEGER AS accepted,
	count_if(closed)::INTEGER AS closed,
	count_if(overdue_open)::INTEGER AS overdue_open,
	sum(met)::INTEGER AS met,
	sum(breached_n)::INTEGER AS breached_n,
	count_if(breached_n > 0)::INTEGER AS breached_cases,
	sum(open_overdue_n)::INTEGER AS open_overdue_n,
	sum(nearly_n)::INTEGER AS nearly_n,
	sum(no_data_n)::INTEGER AS no_data_n,
	count_if(satisfied)::INTEGER AS satisfied,
	count_if(unsatisfied)::INTEGER AS unsatisfied,
	count_if(rated)::INTEGER AS rated,
	count_if(substantiated)::INTEGER AS substantiated,
	count_if(with_outcome)::INTEGER AS with_outcome,
	count_if(is_repeat)::INTEGER AS repeats
FROM case_facts
GROUP BY received_date, month, unit, unit_group
ORDER BY received_date
`;

const FACTS_CODE_VERSION = createHash('sha256').update(FACTS_SQL).update(EVAL_FACTS_SQL).update(EVAL_LATE_SQL).update(EVAL_ROLLUP_SQL).update(ROLLUP_SQL).update(NEARLY_SQL).digest('hex').slice(0, 12);

/** What the derived tables depend on; any change means they must be rebuilt and caches dropped. */
export async function dataVersion(db: Database): Promise<string> {
	const row = await db.queryOne<Record<string, string>>(/* sql */ `
		SELECT
			(SELECT coalesce(max(batch_id), 0) FROM import_batches)::VARCHAR AS b,
			(SELECT count(*) FROM cases)::VARCHAR AS n,
			(SELECT coalesce(max(computed_at)::VARCHAR, '') || '/' || count(*)::VARCHAR FROM compliance_runs) AS c,
			(SELECT count(*)::VARCHAR || '/' || coalesce(max(workday_index), 0)::VARCHAR FROM calendar_days) AS d,
			(SELECT coalesce(string_agg(key || '=' || value, ';' ORDER BY key), '') FROM settings WHERE key IN ('repeat_window_days', 'nearly_days')) AS s,
			(SELECT coalesce(max(unit_group || ':' || name), '') || count(*)::VARCHAR FROM units) AS u,
			${REJECTED_VERSION_SQL} AS r`);
	// Overdue depends on today's date, so facts also expire at midnight (Shanghai). The SQL's own fingerprint is
	// part of the version too: facts stored by an older build of this code (other columns, no rollup) are rebuilt.
	return [FACTS_CODE_VERSION, row?.b, row?.n, row?.c, row?.d, row?.s, row?.u, row?.r, shanghaiToday()].join('|');
}

interface FactsState {
	version: string | null;
	checkedAt: number;
	building: Promise<string> | null;
}
const states = new WeakMap<Database, FactsState>();
function state(db: Database): FactsState {
	let s = states.get(db);
	if (!s) {
		s = { version: null, checkedAt: 0, building: null };
		states.set(db, s);
	}
	return s;
}

/** A version check costs a few small queries; under load, trust it for this long. */
const VERSION_TTL_MS = 1000;

/**
 * Rebuilds case_facts now. Call after every import, compliance run, calendar load or unit change
 * (the dashboards would also notice on their own within a second, but then the first viewer waits).
 */
export async function refreshRollups(db: Database, opts: RebuildOptions = {}): Promise<{ version: string; cases: number; seconds: number }> {
	const s = state(db);
	// Wait for a check or rebuild under way, then rebuild (the caller knows the data changed).
	while (s.building) await s.building.catch(() => undefined);
	const run = rebuild(db, s, opts);
	s.building = run.then((r) => r.version).finally(() => {
		s.building = null;
	});
	return run;
}

/** The clock of a rebuild: overdue and 临期 are judged at this Shanghai wall-clock moment (tests set it). */
export interface RebuildOptions {
	now?: string;
}

async function rebuild(db: Database, s: FactsState, opts: RebuildOptions = {}): Promise<{ version: string; cases: number; seconds: number }> {
	const started = Date.now();
	const version = await dataVersion(db);
	const windowDays = await repeatWindowDays(db);
	const pack = await defaultPackName(db);
	const now = opts.now ?? shanghaiNow();
	const nearly = nearlyParams(pack, now, await nearlyDays(db));
	await db.transaction(async (conn) => {
		await buildNearlyFacts(conn, nearly);
		await conn.run(FACTS_SQL, { pack, now, window_days: windowDays });
		await conn.run(EVAL_FACTS_SQL, { pack });
		await conn.run(EVAL_LATE_SQL);
		await conn.run(EVAL_ROLLUP_SQL);
		await conn.run(ROLLUP_SQL);
		await conn.run('CREATE OR REPLACE TABLE case_facts_meta AS SELECT $v::VARCHAR AS version', { v: version });
	});
	s.version = version;
	s.checkedAt = Date.now();
	clearCache(db);
	const n = await db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM case_facts');
	return { version, cases: Number(n?.n ?? 0), seconds: (Date.now() - started) / 1000 };
}

/** Makes sure case_facts matches the data; returns the data version (the cache key part). */
export function ensureFacts(db: Database): Promise<string> {
	const s = state(db);
	if (s.building) return s.building;
	if (s.version && Date.now() - s.checkedAt < VERSION_TTL_MS) return Promise.resolve(s.version);
	// One check (and at most one rebuild) at a time: concurrent requests share it.
	s.building = checkAndRebuild(db, s).finally(() => {
		s.building = null;
	});
	return s.building;
}

async function checkAndRebuild(db: Database, s: FactsState): Promise<string> {
	const current = await dataVersion(db);
	if (current === s.version) {
		s.checkedAt = Date.now();
		return current;
	}
	if (s.version === null) {
		// First use in this process: facts built by an earlier run may still be current.
		const stored = await db.queryOne<{ version: string }>('SELECT version FROM case_facts_meta').catch(() => undefined);
		if (stored?.version === current) {
			s.version = current;
			s.checkedAt = Date.now();
			return current;
		}
	}
	return (await rebuild(db, s)).version;
}

/**
 * ensureFacts without trusting a check of the last second: for a reader that has just brought stored results up to
 * date (an evaluation changes the data version) and must not read the derived tables of the moment before.
 */
export async function ensureFactsCurrent(db: Database): Promise<string> {
	const s = state(db);
	while (s.building) await s.building.catch(() => undefined);
	s.checkedAt = 0;
	return ensureFacts(db);
}

/** Forget the checked version (tests that write cases directly call this instead of waiting). */
export function invalidateFacts(db: Database): void {
	const s = state(db);
	s.checkedAt = 0;
	clearCache(db);
}

// ---- result cache keyed by (data version, sql, params) ----
const caches = new WeakMap<Database, Map<string, unknown>>();
const CACHE_MAX = 2000; // results are small (≤ a few thousand rows); a dashboard view is ~5 entries

export function cacheGet<T>(db: Database, key: string): T | undefined {
	const c = caches.get(db);
	if (!c || !c.has(key)) return undefined;
	const v = c.get(key) as T;
	// refresh recency (Map keeps insertion order: oldest first)
	c.delete(key);
	c.set(key, v);
	return v;
}

export function cacheSet(db: Database, key: string, value: unknown): void {
	let c = caches.get(db);
	if (!c) {
		c = new Map();
		caches.set(db, c);
	}
	c.set(key, value);
	while (c.size > CACHE_MAX) c.delete(c.keys().next().value as string);
}

export function clearCache(db: Database): void {
	caches.get(db)?.clear();
}

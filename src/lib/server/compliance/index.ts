// Deadline compliance: evaluates every case against every rule of a pack in one SQL statement, stores the
// applicable results (compliance_results) and answers the compliance screens, CSV export and case clocks.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases, canSeePii, unitScope } from '../auth/scope.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import { shanghaiNow, shanghaiToday, toIsoShanghai } from '../time.ts';
import { calendarRange, calendarVersion, syncCalendar, type CalendarDayRow } from '../calendar/index.ts';
import { isValidDate } from '../calendar/days.ts';
import { TIMESTAMP_FIELDS, documentTitle, loadPack, type Rule, type RulePack } from './pack.ts';
import { CALENDAR_LISTS_SQL, EVAL_CASES, Params, branchesSql, pauseAggSql, resultSelectSql, startedAtSql, statusAtSql } from './sql.ts';
import { packText } from '../../i18n/zh/compliance.ts';
import { defaultPackName } from '../settings.ts';

export { loadPack, listPacks, validatePack, parsePackText, documentTitle, DEFAULT_PACK, PACKS_DIR } from './pack.ts';
export type { RulePack, Rule, PackListing } from './pack.ts';
export { unsupportedRules, neededFields, type UnsupportedRule } from './nodata.ts';
export { calendarYear, calendarRange, listCalendarNotices, syncCalendar } from '../calendar/index.ts';
// The appraisal (appraisal.ts) and the calendar-notice import (calendar.ts) build on this engine: import them from
// their own files, so the engine never imports back from them.

/** no-data: a field the rule needs was carried by no batch of the case (nodata.ts); stored, never a breach. */
export type ComplianceStatus = 'met' | 'breached' | 'open-overdue' | 'open-within' | 'no-data' | 'not-applicable';
export const STATUSES: ComplianceStatus[] = ['met', 'breached', 'open-overdue', 'open-within', 'no-data', 'not-applicable'];

export interface Summary {
	pack: string;
	cases: number;
	evaluations: number;
	met: number;
	breached: number;
	open_overdue: number;
	open_within: number;
	/** rules that could not be judged: a field they need is not in the data */
	no_data: number;
	not_applicable: number;
	/** results whose window touches a year without an official calendar */
	provisional: number;
	as_of: string;
	pack_version: string;
	calendar_version: string;
	/** cases evaluated by this run: all of them, or (after an import, incrementally) those whose results could change */
	evaluated_cases: number;
	seconds: number;
}

/** The as-of moment: end of the given Shanghai date, or now (Shanghai wall clock). */
export function asOfMoment(asOf?: string): { ts: string; explicit: boolean } {
	if (asOf === undefined || asOf === '') return { ts: shanghaiNow(), explicit: false };
	if (!isValidDate(asOf)) throw new UserInputError('bad_as_of', packText.badAsOf(asOf), { field: 'as_of' });
	return { ts: `${asOf} 23:59:59.999`, explicit: true };
}

async function dataVersion(db: Database): Promise<string> {
	const row = await db.queryOne<{ n: number; b: number | null }>('SELECT count(*)::INTEGER AS n, max(batch_id)::INTEGER AS b FROM cases');
	return `${row?.n ?? 0}@${row?.b ?? 0}`;
}

/** Prepares the per-connection temp tables (calendar lists, pause aggregates) a compiled query needs. */
async function prepare(conn: DuckDBConnection, pack: RulePack, asOf: string): Promise<{ withPauses: boolean }> {
	await conn.run(CALENDAR_LISTS_SQL);
	const pauses = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM case_pauses');
	const withPauses = Number(pauses.getRows()[0][0]) > 0;
	if (withPauses) {
		const p = new Params();
		const sql = pauseAggSql(pack, p);
		if (sql) await conn.run(sql, { ...p.values, as_of: asOf });
		else return { withPauses: false };
	}
	return { withPauses };
}

/**
 * Were the stored results of the pack current just before batch b (same pack file, same calendar, and every case
 * as it was before b evaluated)? The data version before b: the cases b did not create, and the latest batch that
 * had written any of them (for a case b updated, its version before b, kept in case_history).
 */
async function currentBefore(db: Database, pack: RulePack, calVersion: string, batch: number): Promise<boolean> {
	const run = await lastRun(db, pack.name);
	if (!run || run.pack_version !== pack.packVersion || run.calendar_version !== calVersion) return false;
	const before = await db.queryOne<{ n: number; b: number | null }>(
		`SELECT (SELECT count(*) FROM cases WHERE first_batch_id <> $b)::INTEGER AS n,
			greatest((SELECT max(batch_id) FROM cases WHERE batch_id <> $b),
				(SELECT max(batch_id) FROM case_history WHERE superseded_by_batch = $b))::INTEGER AS b`,
		{ b: batch }
	);
	return run.data_version === `${before?.n ?? 0}@${before?.b ?? 0}`;
}

/**
 * Evaluates every case against every rule of the pack, as of a date (default now), and replaces that pack's
 * stored results in one transaction. Stored: the applicable results (status, due moment, lateness);
 * not-applicable rows are counted, and explanations are built by the same SQL when read (complianceResults,
 * caseClocks, CSV, appraisal), so a million cases evaluate within the time budget.
 *
 * With `batch` (after an import committed it) and results that were current just before it, only the cases
 * whose results can differ are evaluated again: those the batch wrote, those with an open deadline (their status
 * and lateness move with the as-of moment) and those with an open clock pause. Every other case is closed on
 * every rule that applies to it, and a closed result depends only on the case, the pack and the calendar.
 */
export async function evaluatePack(db: Database, pack: RulePack, opts: { asOf?: string; batch?: number } = {}): Promise<Summary> {
	return withWriteLock(db, () => evaluateLocked(db, pack, opts));
}

// One writer at a time per database: every writer of compliance_results, compliance_runs and the as-of tables
// (imports, calendar uploads, appraisal, the screens, the CLI) goes through this lock; two transactions
// deleting the same results fail in DuckDB ("Conflict on tuple deletion").
const writers = new WeakMap<Database, Promise<unknown>>();
export function withWriteLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
	const prev = writers.get(db) ?? Promise.resolve();
	const next = prev.catch(() => undefined).then(fn);
	writers.set(db, next);
	const clear = () => {
		if (writers.get(db) === next) writers.delete(db);
	};
	next.then(clear, clear);
	return next;
}

async function evaluateLocked(db: Database, pack: RulePack, opts: { asOf?: string; batch?: number }): Promise<Summary> {
	const t0 = performance.now();
	const asOf = asOfMoment(opts.asOf);
	const { version: calVersion } = await syncCalendar(db, { coverUntilYear: Number(asOf.ts.slice(0, 4)) + 1 });
	const data = await dataVersion(db);
	const computedAt = shanghaiNow();
	const incremental = opts.batch !== undefined && (await currentBefore(db, pack, calVersion, opts.batch));
	const previousAsOf = incremental ? (await lastRun(db, pack.name))!.as_of : null;
	const counts = await db.transaction(async (conn) => {
		const { withPauses } = await prepare(conn, pack, asOf.ts);
		let evaluated: number | null = null;
		if (incremental) {
			await conn.run(
				`CREATE OR REPLACE TEMP TABLE ${EVAL_CASES} AS
				 SELECT case_id FROM cases WHERE batch_id = $b
				 UNION SELECT case_id FROM compliance_results WHERE pack = $pack AND status IN ('open-overdue', 'open-within')
				 UNION SELECT case_id FROM case_pauses WHERE end_at IS NULL OR end_at > $prev::TIMESTAMP
				 UNION SELECT case_id FROM cases WHERE ${LATER_THAN_PREV}`,
				{ b: opts.batch!, pack: pack.name, prev: previousAsOf! }
			);
			evaluated = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${EVAL_CASES}`)).getRows()[0][0]);
			await conn.run(`DELETE FROM compliance_results WHERE pack = $pack AND case_id IN (SELECT case_id FROM ${EVAL_CASES})`, {
				pack: pack.name
			});
		} else await conn.run('DELETE FROM compliance_results WHERE pack = $pack', { pack: pack.name });
		const p = new Params();
		const select = resultSelectSql(
			branchesSql(pack, p, { withPauses, caseIds: incremental ? 'table' : undefined, applicableOnly: true }),
			'none'
		);
		await conn.run(
			`INSERT INTO compliance_results (pack, case_id, rule_id, clock_start, due_at, done_at, status, working_days_late,
				explanation, provisional, extended, as_of, computed_at)
			 SELECT $pack, case_id, rule_id, clock_start, due_at, done_at, status, working_days_late, explanation, provisional,
				extended, $as_of::TIMESTAMP, $computed_at::TIMESTAMP
			 FROM (${select}) WHERE status <> 'not-applicable'`,
			{ ...p.values, as_of: asOf.ts, pack: pack.name, computed_at: computedAt }
		);
		// (a result kept from an earlier run keeps that run's as_of and computed_at: closed, it reads the same now)
		if (incremental) await conn.run(`DROP TABLE ${EVAL_CASES}`);
		const reader = await conn.runAndReadAll(
			`SELECT
				-- the cases that existed at the as-of moment (one received later is not evaluated)
				(SELECT count(*) FROM cases WHERE received_at <= $as_of::TIMESTAMP)::INTEGER AS cases,
				${SUMMARY_COUNTS}
			 FROM compliance_results WHERE pack = $pack`,
			{ pack: pack.name, as_of: asOf.ts }
		);
		const row = reader.getRowObjectsJson()[0] as Record<string, number>;
		const c = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
		const summary = summaryOf(pack, c, { as_of: asOf.ts, calendar_version: calVersion, evaluated_cases: evaluated ?? c.cases, t0 });
		await conn.run(
			`INSERT OR REPLACE INTO compliance_runs (pack, pack_source, pack_version, calendar_version, as_of, as_of_explicit,
				computed_at, data_version, cases, evaluations, summary, seconds)
			 VALUES ($pack, $source, $pv, $cv, $as_of::TIMESTAMP, $explicit, $computed_at::TIMESTAMP, $data, $cases, $evals, $summary::JSON, $secs)`,
			{
				pack: pack.name,
				source: pack.sourceRef,
				pv: pack.packVersion,
				cv: calVersion,
				as_of: asOf.ts,
				explicit: asOf.explicit,
				computed_at: computedAt,
				data,
				cases: c.cases,
				evals: summary.evaluations,
				summary: JSON.stringify(summary),
				secs: summary.seconds
			}
		);
		return summary;
	});
	counts.seconds = Math.round(performance.now() - t0) / 1000;
	return counts;
}

/** A case with a moment after the previous as-of: it was evaluated as it stood then (not received, not done …). */
const LATER_THAN_PREV = TIMESTAMP_FIELDS.filter((f) => f !== 'due_at').map((f) => `${f} > $prev::TIMESTAMP`).join(' OR ');

interface RunRow {
	pack: string;
	pack_source: string;
	pack_version: string;
	calendar_version: string;
	as_of: string;
	as_of_explicit: boolean;
	computed_at: string;
	data_version: string;
}

async function lastRun(db: Database, pack: string): Promise<RunRow | undefined> {
	return db.queryOne<RunRow & Record<string, unknown>>(
		`SELECT pack, pack_source, pack_version, calendar_version, strftime(as_of, '%Y-%m-%d %H:%M:%S.%g') AS as_of, as_of_explicit,
			strftime(computed_at, '%Y-%m-%d %H:%M:%S') AS computed_at, data_version FROM compliance_runs WHERE pack = $1`,
		[pack]
	);
}

/**
 * Results are current when the pack file, the calendar and the cases are those of the last run; otherwise
 * the pack is re-evaluated (as of the same date when one was given, else now). Returns the run.
 */
export async function ensureEvaluated(db: Database, pack: RulePack): Promise<RunRow> {
	const run = await lastRun(db, pack.name);
	const cal = await calendarVersion(db);
	const current =
		run &&
		run.pack_version === pack.packVersion &&
		run.calendar_version === cal &&
		run.data_version === (await dataVersion(db));
	if (current) return run;
	return withWriteLock(db, async () => {
		// another request may have evaluated while this one waited for the lock
		const again = await lastRun(db, pack.name);
		const fresh =
			again &&
			again.pack_version === pack.packVersion &&
			again.calendar_version === (await calendarVersion(db)) &&
			again.data_version === (await dataVersion(db));
		if (!fresh) await evaluateLocked(db, pack, { asOf: again?.as_of_explicit ? again.as_of.slice(0, 10) : undefined });
		return (await lastRun(db, pack.name))!;
	});
}

/** Recomputes every pack that has results (after a calendar or pack change). Returns the pack names. */
export async function recomputeAll(db: Database, opts: { batch?: number } = {}): Promise<string[]> {
	const runs = await db.query<RunRow & Record<string, unknown>>(
		`SELECT pack, pack_source, as_of_explicit, strftime(as_of, '%Y-%m-%d') AS as_of FROM compliance_runs ORDER BY pack`
	);
	const done: string[] = [];
	for (const run of runs) {
		let pack: RulePack;
		try {
			pack = loadPack(run.pack_source);
		} catch {
			continue; // a custom pack file that is gone keeps its last results
		}
		await evaluatePack(db, pack, { asOf: run.as_of_explicit ? run.as_of : undefined, batch: opts.batch });
		done.push(pack.name);
	}
	return done;
}

// ---------------------------------------------------------------------------------------------------------
// Results as of another moment. The stored compliance_results are the pack's results as of now (refreshed by
// imports, pack and calendar changes); a screen, report or export that asks for another as-of moment reads a
// table of its own, built once per (pack, pack version, calendar, data version, as-of) and never written
// again, so choosing a date changes nothing anyone else sees. The newest AS_OF_KEEP tables are kept; tables of
// an older data or calendar version are dropped when the next one is built.

const AS_OF_TABLES = 'compliance_asof_tables';
const AS_OF_KEEP = 24;
const ensuredBook = new WeakSet<Database>();

/** Where results are read from: `${rel} cr` has compliance_results' columns (pack aside); params to bind. */
export interface ResultSource {
	rel: string;
	params: Record<string, DuckDBValue>;
	/** 'YYYY-MM-DD HH:MM:SS.fff', Shanghai wall clock */
	as_of: string;
	computed_at: string;
	calendar_version: string;
	/** true: an as-of table of its own; false: the stored results as of now */
	explicit: boolean;
	/** stored: the stored results as of now; period-end: the stored results read as of an earlier moment; table: an evaluation of its own */
	kind: 'stored' | 'period-end' | 'table';
}

interface AsOfTableRow {
	name: string;
	as_of: string;
	computed_at: string;
	calendar_version: string;
}

async function tableExists(db: Database, name: string): Promise<boolean> {
	return Boolean(await db.queryOne(`SELECT 1 AS x FROM duckdb_tables() WHERE table_name = $1 AND NOT temporary`, [name]));
}

async function readBook(db: Database, name: string): Promise<AsOfTableRow | undefined> {
	return db.queryOne<AsOfTableRow & Record<string, unknown>>(
		`SELECT name, strftime(as_of, '%Y-%m-%d %H:%M:%S.%g') AS as_of, strftime(computed_at, '%Y-%m-%d %H:%M:%S') AS computed_at,
			calendar_version FROM ${AS_OF_TABLES} WHERE name = $1`,
		[name]
	);
}

/**
 * Builds (once, under the write lock) a table named `compliance_asof_<hash of key>` from `select`, unless it exists.
 * The name is a hash: no user input ever reaches an identifier.
 */
async function cachedTable(
	db: Database,
	key: string[],
	kind: 'results' | 'counts',
	meta: { pack: string; as_of: string; data: string; calendar: string },
	build: (conn: DuckDBConnection, name: string) => Promise<void>
): Promise<AsOfTableRow> {
	const name = `compliance_${kind === 'results' ? 'asof' : 'counts'}_${createHash('sha256').update(key.join('\u0000')).digest('hex').slice(0, 20)}`;
	if (ensuredBook.has(db) && (await tableExists(db, name))) {
		const row = await readBook(db, name);
		if (row) return row;
	}
	return withWriteLock(db, async () => {
		if (!ensuredBook.has(db)) {
			await db.run(`CREATE TABLE IF NOT EXISTS ${AS_OF_TABLES} (name VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, pack VARCHAR NOT NULL,
				as_of TIMESTAMP NOT NULL, data_version VARCHAR NOT NULL, calendar_version VARCHAR NOT NULL, computed_at TIMESTAMP NOT NULL)`);
			ensuredBook.add(db);
		}
		if (await tableExists(db, name)) {
			const row = await readBook(db, name);
			if (row) return row;
		}
		await db.transaction(async (conn) => {
			const stale = await conn.runAndReadAll(
				`SELECT name FROM ${AS_OF_TABLES} WHERE data_version <> $data OR calendar_version <> $cal
				 UNION SELECT name FROM (SELECT name, row_number() OVER (ORDER BY computed_at DESC, name) AS k FROM ${AS_OF_TABLES}) WHERE k >= ${AS_OF_KEEP}`,
				{ data: meta.data, cal: meta.calendar }
			);
			for (const [old] of stale.getRows()) {
				await conn.run(`DROP TABLE IF EXISTS ${String(old).replace(/[^a-z0-9_]/g, '')}`);
				await conn.run(`DELETE FROM ${AS_OF_TABLES} WHERE name = $1`, [String(old)]);
			}
			await conn.run(`DROP TABLE IF EXISTS ${name}`); // a table left by a crash between build and bookkeeping
			await build(conn, name);
			await conn.run(
				`INSERT INTO ${AS_OF_TABLES} VALUES ($name, $kind, $pack, $as_of::TIMESTAMP, $data, $cal, $now::TIMESTAMP)`,
				{ name, kind, pack: meta.pack, as_of: meta.as_of, data: meta.data, cal: meta.calendar, now: shanghaiNow() }
			);
		});
		return (await readBook(db, name))!;
	});
}

/** The pack's results as of a moment ('YYYY-MM-DD HH:MM:SS[.fff]'), in a table of their own (see above). */
async function resultsAsOfTable(db: Database, pack: RulePack, asOfTs: string): Promise<AsOfTableRow> {
	// syncCalendar may write the calendar years it lacks: a writer like any other
	const { version: calendar } = await withWriteLock(db, () => syncCalendar(db, { coverUntilYear: Number(asOfTs.slice(0, 4)) + 1 }));
	const data = await dataVersion(db);
	return cachedTable(db, ['results', pack.name, pack.packVersion, calendar, data, asOfTs], 'results', { pack: pack.name, as_of: asOfTs, data, calendar }, async (conn, name) => {
		const { withPauses } = await prepare(conn, pack, asOfTs);
		const p = new Params();
		const select = resultSelectSql(branchesSql(pack, p, { withPauses, applicableOnly: true }), 'none');
		// strings uncompressed, as in compliance_results: compressing them cost more than the evaluation (measured)
		const u = `VARCHAR USING COMPRESSION 'uncompressed'`;
		await conn.run(
			`CREATE TABLE ${name} (case_id ${u}, rule_id ${u}, clock_start TIMESTAMP, due_at TIMESTAMP, done_at TIMESTAMP, status ${u},
				working_days_late INTEGER, provisional BOOLEAN, extended BOOLEAN)`
		);
		await conn.run(
			`INSERT INTO ${name} SELECT case_id, rule_id, clock_start, due_at, done_at, status, working_days_late, provisional, extended
			 FROM (${select}) WHERE status <> 'not-applicable'`,
			{ ...p.values, as_of: asOfTs }
		);
	});
}

/**
 * Where to read the pack's results as of a date (YYYY-MM-DD, the end of that day; today or none: the stored
 * results as of now, made current first). Reading never changes the stored results.
 */
export async function resultSource(db: Database, pack: RulePack, asOf?: string | null): Promise<ResultSource> {
	if (asOf && asOf !== shanghaiToday()) {
		const t = await resultsAsOfTable(db, pack, asOfMoment(asOf).ts);
		return { rel: t.name, params: {}, as_of: t.as_of, computed_at: t.computed_at, calendar_version: t.calendar_version, explicit: true, kind: 'table' };
	}
	let run = await ensureEvaluated(db, pack);
	// results of an earlier day (or of an explicit as-of written by the CLI or a test) are brought to now
	if (run.as_of_explicit || run.as_of.slice(0, 10) !== shanghaiToday()) {
		await evaluatePack(db, pack);
		run = (await lastRun(db, pack.name))!;
	}
	return storedSource(pack, run);
}

/**
 * The stored results read as of an earlier moment T (a period's end): a step done after T was still open at T,
 * overdue if its due moment had passed; a clock that started after T had not started (left out, as the stored
 * table leaves out what does not apply). The due moment is the stored clock's own, so this is the evaluation as
 * of T except for a clock pause still running at T or an extension approved after it, whose stored due moment
 * already counts them; no-data stays no-data. One scan of the stored results instead of an evaluation, which is
 * what lets every dashboard read a previous period as of its end (and a fixture keep its hand-made results).
 */
function storedAsOfSource(pack: RulePack, run: RunRow, asOfTs: string): ResultSource {
	const t = '$src_as_of::TIMESTAMP';
	return {
		rel: `(SELECT cr.* REPLACE (${statusAtSql('cr', t)} AS status, CASE WHEN cr.done_at > ${t} THEN NULL ELSE cr.done_at END AS done_at)
			FROM compliance_results cr WHERE cr.pack = $src_pack AND ${startedAtSql('cr', t)})`,
		params: { src_pack: pack.name, src_as_of: asOfTs },
		as_of: asOfTs,
		computed_at: run.computed_at,
		calendar_version: run.calendar_version,
		explicit: true,
		kind: 'period-end'
	};
}

/**
 * Where a period that ended at `asOfTs` reads its results: the stored results as of that moment (above), made
 * current first; a stored run of an explicit earlier as-of (a test or the CLI) is brought to now first.
 */
export async function periodEndSource(db: Database, pack: RulePack, asOfTs: string): Promise<ResultSource> {
	let run = await ensureEvaluated(db, pack);
	if (run.as_of_explicit) {
		await evaluatePack(db, pack);
		run = (await lastRun(db, pack.name))!;
	}
	return asOfTs >= run.as_of ? storedSource(pack, run) : storedAsOfSource(pack, run, asOfTs);
}

function storedSource(pack: RulePack, run: RunRow): ResultSource {
	return {
		rel: '(SELECT * FROM compliance_results WHERE pack = $src_pack)',
		params: { src_pack: pack.name },
		as_of: run.as_of,
		computed_at: run.computed_at,
		calendar_version: run.calendar_version,
		explicit: false,
		kind: 'stored'
	};
}

/**
 * The counts evaluatePack reports, as of the end of a date, without writing the stored results (the CLI's
 * `compliance --as-of`): read from that moment's own table.
 */
export async function summaryAsOf(db: Database, pack: RulePack, asOf: string): Promise<Summary> {
	const t0 = performance.now();
	const t = await resultsAsOfTable(db, pack, asOfMoment(asOf).ts);
	const c = (await db.queryOne<Record<string, number>>(
		`SELECT (SELECT count(*) FROM cases WHERE received_at <= $as_of::TIMESTAMP)::INTEGER AS cases,
			${SUMMARY_COUNTS}
		 FROM ${t.name}`,
		{ as_of: t.as_of }
	))!;
	return summaryOf(pack, c, { as_of: t.as_of, calendar_version: t.calendar_version, evaluated_cases: c.cases, t0 });
}

/** The status counts of a result table that summaryOf turns into a Summary (beside a `cases` count). */
const SUMMARY_COUNTS = `count(*) FILTER (WHERE status = 'met')::INTEGER AS met,
	count(*) FILTER (WHERE status = 'breached')::INTEGER AS breached,
	count(*) FILTER (WHERE status = 'open-overdue')::INTEGER AS open_overdue,
	count(*) FILTER (WHERE status = 'open-within')::INTEGER AS open_within,
	count(*) FILTER (WHERE status = 'no-data')::INTEGER AS no_data,
	count(*) FILTER (WHERE provisional)::INTEGER AS provisional`;

/** The summary of an evaluation from its status counts: every case × rule that is none of them does not apply. */
function summaryOf(
	pack: RulePack,
	c: Record<string, number>,
	run: { as_of: string; calendar_version: string; evaluated_cases: number; t0: number }
): Summary {
	const evaluations = c.cases * pack.rules.length;
	return {
		pack: pack.name,
		cases: c.cases,
		evaluations,
		met: c.met,
		breached: c.breached,
		open_overdue: c.open_overdue,
		open_within: c.open_within,
		no_data: c.no_data,
		not_applicable: evaluations - c.met - c.breached - c.open_overdue - c.open_within - c.no_data,
		provisional: c.provisional,
		as_of: run.as_of,
		pack_version: pack.packVersion,
		calendar_version: run.calendar_version,
		evaluated_cases: run.evaluated_cases,
		seconds: Math.round(performance.now() - run.t0) / 1000
	};
}


export function resolvePack(pack: RulePack | string): RulePack {
	return typeof pack === 'string' ? loadPack(pack) : pack;
}

export function ruleOf(pack: RulePack, id: string): Rule | undefined {
	return pack.rules.find((r) => r.id === id);
}

export interface ResultFilters {
	pack: RulePack | string;
	status?: ComplianceStatus;
	unit?: string;
	rule?: string;
	/** received_at date range, inclusive, YYYY-MM-DD */
	from?: string;
	to?: string;
	limit?: number;
	offset?: number;
	/** as of the end of this day (YYYY-MM-DD); none or today: the stored results as of now */
	asOf?: string | null;
}

export interface ResultRow {
	case_id: string;
	unit: string;
	person: string | null;
	received_at: string;
	rule_id: string;
	rule_title: string;
	article: string;
	clock_start: string | null;
	due_at: string | null;
	done_at: string | null;
	status: ComplianceStatus;
	working_days_late: number | null;
	provisional: boolean;
	extended: boolean;
	explanation: string;
}

function checkDate(v: string | undefined, field: string): void {
	if (v !== undefined && !isValidDate(v)) throw new UserInputError('bad_date', packText.badAsOf(v).replace('--as-of', field), { field });
}

/** WHERE conditions on cases `c` for the user's scope and the filters; all values bound. */
export function caseFilters(user: SessionUser, f: { unit?: string; from?: string; to?: string }): { sql: string[]; params: Record<string, DuckDBValue> } {
	const sql: string[] = [];
	const params: Record<string, DuckDBValue> = {};
	const scope = unitScope(user, 'c.unit');
	if (scope) {
		sql.push(scope.sql);
		Object.assign(params, scope.params);
	}
	checkDate(f.from, 'from');
	checkDate(f.to, 'to');
	if (f.unit) {
		sql.push('c.unit = $f_unit');
		params.f_unit = f.unit;
	}
	if (f.from) {
		sql.push('c.received_at >= $f_from::DATE');
		params.f_from = f.from;
	}
	if (f.to) {
		sql.push('c.received_at < $f_to::DATE + 1');
		params.f_to = f.to;
	}
	return { sql, params };
}

export const iso = (v: unknown): string | null => (v ? toIsoShanghai(String(v)) : null);

/** A stored wall-clock timestamp as text, with milliseconds only when it has them (due moments end at .999). */
const WALL_SQL = (col: string) =>
	`CASE WHEN microsecond(${col}) % 1000000 <> 0 THEN strftime(${col}, '%Y-%m-%d %H:%M:%S.%g') ELSE strftime(${col}, '%Y-%m-%d %H:%M:%S') END`;

/** Above this many cases computeRows reads the ids from a temp table rather than a bound list. */
export const COMPUTE_LIST_MAX = 200;

/** Runs the compiled pack for some cases (explanations for every row), as of the pack's last run. */
async function computeRows(db: Database, pack: RulePack, caseIds: string[], asOf: string): Promise<Record<string, unknown>[]> {
	if (!caseIds.length) return [];
	return db.withConnection(async (conn) => {
		const { withPauses } = await prepare(conn, pack, asOf);
		const p = new Params();
		// A few cases: the bound list. Many (an appraisal's evidence, thousands of cases): list_contains over every
		// case and branch costs cases × ids (32 s for 7,000 ids on the 60k demo); a temp table of the ids (this
		// connection's own) makes it a semi join.
		const many = caseIds.length > COMPUTE_LIST_MAX;
		if (many) await conn.run(`CREATE OR REPLACE TEMP TABLE ${EVAL_CASES} AS SELECT DISTINCT unnest($ids::VARCHAR[]) AS case_id`, { ids: listValue(caseIds) });
		const select = resultSelectSql(branchesSql(pack, p, { withPauses, caseIds: many ? 'table' : 'list' }), 'all');
		const reader = await conn.runAndReadAll(
			`SELECT case_id, rule_id, ${WALL_SQL('clock_start')} AS clock_start, ${WALL_SQL('due_at')} AS due_at, ${WALL_SQL('done_at')} AS done_at,
				status, working_days_late::INTEGER AS working_days_late, provisional, extended, explanation,
				limit_value::INTEGER AS limit_value, limit_unit, strftime(window_end, '%Y-%m-%d') AS window_end
			 FROM (${select})`,
			{ ...p.values, as_of: asOf, ...(many ? {} : { case_ids: listValue(caseIds) }) }
		);
		const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
		if (many) await conn.run(`DROP TABLE ${EVAL_CASES}`);
		return rows;
	});
}

export interface ExplainedResult {
	clock_start: string | null;
	due_at: string | null;
	done_at: string | null;
	status: ComplianceStatus;
	working_days_late: number | null;
	provisional: boolean;
	explanation: string;
}

/** Explanations (and the result columns, ISO +08:00) for some (case, rule) pairs, keyed `case_id\0rule_id`. */
export async function explainResults(
	db: Database,
	pack: RulePack,
	keys: { case_id: string; rule_id: string }[],
	asOf: string
): Promise<Map<string, ExplainedResult>> {
	const wanted = new Set(keys.map((k) => `${k.case_id}\u0000${k.rule_id}`));
	const rows = await computeRows(db, pack, [...new Set(keys.map((k) => k.case_id))], asOf);
	const out = new Map<string, ExplainedResult>();
	for (const r of rows) {
		const key = `${r.case_id}\u0000${r.rule_id}`;
		if (!wanted.has(key)) continue;
		out.set(key, {
			clock_start: iso(r.clock_start),
			due_at: iso(r.due_at),
			done_at: iso(r.done_at),
			status: r.status as ComplianceStatus,
			working_days_late: r.working_days_late === null ? null : Number(r.working_days_late),
			provisional: Boolean(r.provisional),
			explanation: String(r.explanation)
		});
	}
	return out;
}

/** The list of results for the compliance screen (paged), with the user's unit scope applied. */
export async function complianceResults(db: Database, user: SessionUser, filters: ResultFilters): Promise<{ total: number; rows: ResultRow[]; as_of: string }> {
	if (!canSeeCases(user)) throw new ForbiddenError(packText.forbidden);
	const pack = resolvePack(filters.pack);
	const run = await resultSource(db, pack, filters.asOf);
	const limit = Math.min(Math.max(Math.trunc(filters.limit ?? 50), 1), 1000);
	const offset = Math.max(Math.trunc(filters.offset ?? 0), 0);
	const { sql, params } = caseFilters(user, filters);
	let keys: { case_id: string; rule_id: string }[];
	let total: number;
	if (filters.status === 'not-applicable') {
		// Not stored: every (case, rule) pair without a stored result, in rule order.
		const ruleIds = pack.rules.filter((r) => !filters.rule || r.id === filters.rule).map((r) => r.id);
		const where = [...sql, 'cr.case_id IS NULL'].join(' AND ');
		const base = `FROM cases c CROSS JOIN unnest($rule_ids::VARCHAR[]) AS ru(rule_id)
			LEFT JOIN ${run.rel} cr ON cr.case_id = c.case_id AND cr.rule_id = ru.rule_id
			WHERE ${where} AND c.received_at <= $as_of_ts::TIMESTAMP`;
		const all = { ...params, ...run.params, as_of_ts: run.as_of, rule_ids: listValue(ruleIds) };
		total = Number((await db.queryOne<{ n: number }>(`SELECT count(*)::INTEGER AS n ${base}`, all))?.n ?? 0);
		keys = await db.query(
			`SELECT c.case_id, ru.rule_id ${base} ORDER BY c.received_at DESC, c.case_id, list_position($rule_ids::VARCHAR[], ru.rule_id)
			 LIMIT ${limit} OFFSET ${offset}`,
			all
		);
	} else {
		const where = [...sql, 'true'];
		const all: Record<string, DuckDBValue> = { ...params, ...run.params };
		if (filters.status) {
			if (!STATUSES.includes(filters.status)) throw new UserInputError('bad_status', `状态无效：${filters.status}`, { field: 'status' });
			where.push('cr.status = $status');
			all.status = filters.status;
		}
		if (filters.rule) {
			where.push('cr.rule_id = $rule');
			all.rule = filters.rule;
		}
		const base = `FROM ${run.rel} cr JOIN cases c USING (case_id) WHERE ${where.join(' AND ')}`;
		total = Number((await db.queryOne<{ n: number }>(`SELECT count(*)::INTEGER AS n ${base}`, all))?.n ?? 0);
		keys = await db.query(
			`SELECT cr.case_id, cr.rule_id ${base}
			 ORDER BY cr.working_days_late DESC NULLS LAST, c.received_at DESC, cr.case_id, cr.rule_id LIMIT ${limit} OFFSET ${offset}`,
			all
		);
	}
	const caseIds = [...new Set(keys.map((k) => k.case_id))];
	const computed = await computeRows(db, pack, caseIds, run.as_of);
	const byKey = new Map(computed.map((r) => [`${r.case_id}\u0000${r.rule_id}`, r]));
	const cases = new Map(
		(
			await db.query<{ case_id: string; unit: string; person: string | null; received_at: string }>(
				`SELECT case_id, unit, person, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received_at FROM cases
				 WHERE list_contains($ids::VARCHAR[], case_id)`,
				{ ids: listValue(caseIds) }
			)
		).map((c) => [c.case_id, c])
	);
	const rows = keys.flatMap((k) => {
		const r = byKey.get(`${k.case_id}\u0000${k.rule_id}`);
		const c = cases.get(k.case_id);
		if (!r || !c) return [];
		const rule = ruleOf(pack, k.rule_id);
		return [
			{
				case_id: k.case_id,
				unit: c.unit,
				person: c.person,
				received_at: iso(c.received_at)!,
				rule_id: k.rule_id,
				rule_title: rule?.title ?? k.rule_id,
				article: rule?.citation.article ?? '',
				clock_start: iso(r.clock_start),
				due_at: iso(r.due_at),
				done_at: iso(r.done_at),
				status: r.status as ComplianceStatus,
				working_days_late: r.working_days_late === null ? null : Number(r.working_days_late),
				provisional: Boolean(r.provisional),
				extended: Boolean(r.extended),
				explanation: String(r.explanation)
			}
		];
	});
	return { total, rows, as_of: iso(run.as_of)! };
}

export interface CaseClock {
	rule_id: string;
	title: string;
	citation: { seed: string; document: string; article: string };
	limit: { value: number; unit: string } | null;
	clock_start: string | null;
	due_at: string | null;
	done_at: string | null;
	status: ComplianceStatus;
	working_days_late: number | null;
	provisional: boolean;
	extended: boolean;
	explanation: string;
}

/** Every rule's clock for one case under a pack (default: the deployment's) and the calendar days its clocks span. */
export async function caseClocks(
	db: Database,
	user: SessionUser,
	caseId: string,
	packRef?: RulePack | string,
	asOfDate?: string | null
): Promise<{ case_id: string; pack: string; as_of: string; clocks: CaseClock[]; calendar: CalendarDayRow[]; pauses: { start_at: string; end_at: string | null; reason: string | null }[] }> {
	if (!canSeeCases(user)) throw new ForbiddenError(packText.forbidden);
	const pack = resolvePack(packRef ?? (await defaultPackName(db)));
	const { sql, params } = caseFilters(user, {});
	const visible = await db.queryOne(
		`SELECT c.case_id FROM cases c WHERE c.case_id = $case_id ${sql.length ? 'AND ' + sql.join(' AND ') : ''}`,
		{ ...params, case_id: caseId }
	);
	if (!visible) throw new UserInputError('not_found', packText.caseNotFound(caseId), { field: 'case_id' });
	// as of the stored run when it is today's (the flagged list says the same), else as of now: a stored run of an
	// earlier moment would show clocks that have started since as not started
	const run = asOfDate ? undefined : await lastRun(db, pack.name);
	const asOf = asOfDate ? asOfMoment(asOfDate).ts : run && !run.as_of_explicit && run.as_of.slice(0, 10) === shanghaiToday() ? run.as_of : shanghaiNow();
	await withWriteLock(db, () => syncCalendar(db));
	const rows = await computeRows(db, pack, [caseId], asOf);
	const clocks: CaseClock[] = pack.rules.map((rule) => {
		const r = rows.find((x) => x.rule_id === rule.id)!;
		return {
			rule_id: rule.id,
			title: rule.title,
			// the document by its one title, as the explanations and exports name it
			citation: { ...rule.citation, document: documentTitle(pack, rule.citation) },
			limit: r.limit_value === null ? null : { value: Number(r.limit_value), unit: String(r.limit_unit) },
			clock_start: iso(r.clock_start),
			due_at: iso(r.due_at),
			done_at: iso(r.done_at),
			status: r.status as ComplianceStatus,
			working_days_late: r.working_days_late === null ? null : Number(r.working_days_late),
			provisional: Boolean(r.provisional),
			extended: Boolean(r.extended),
			explanation: String(r.explanation)
		};
	});
	const active = rows.filter((r) => r.status !== 'not-applicable' && r.clock_start);
	let calendar: CalendarDayRow[] = [];
	if (active.length) {
		const from = active.map((r) => String(r.clock_start).slice(0, 10)).sort()[0];
		const to = active.map((r) => String(r.window_end)).sort().at(-1)!;
		calendar = await calendarRange(db, from, to);
	}
	// pause reasons are free text: without the PII grant, their redacted copy (pii/redact.ts, written at import)
	const pauses = await db.query<{ start_at: string; end_at: string | null; reason: string | null }>(
		`SELECT strftime(start_at, '%Y-%m-%d %H:%M:%S') AS start_at, strftime(end_at, '%Y-%m-%d %H:%M:%S') AS end_at,
			${canSeePii(user) ? 'reason' : 'reason_redacted AS reason'}
		 FROM case_pauses WHERE case_id = $1 ORDER BY start_at`,
		[caseId]
	);
	return {
		case_id: caseId,
		pack: pack.name,
		as_of: iso(asOf)!,
		clocks,
		calendar,
		pauses: pauses.map((p) => ({ start_at: iso(p.start_at)!, end_at: iso(p.end_at), reason: p.reason }))
	};
}

export { escapeFormula } from '../spreadsheet.ts';

const ISO_SQL = (col: string) =>
	`CASE WHEN ${col} IS NULL THEN '' WHEN microsecond(${col}) % 1000000 <> 0 THEN strftime(${col}, '%Y-%m-%dT%H:%M:%S.%g+08:00') ELSE strftime(${col}, '%Y-%m-%dT%H:%M:%S+08:00') END`;
const ESCAPE_SQL = (col: string) => `CASE WHEN regexp_matches(${col}, '^[=+\\-@\\t\\r]') THEN '''' || ${col} ELSE ${col} END`;

/**
 * Writes the compliance CSV of docs/cli.md (one row per case and rule, not-applicable rows included):
 * case_id, rule_id, clock_start, due_at, done_at, status, working_days_late, explanation, then provisional.
 * Written to a temporary name and renamed, so no reader sees half a file.
 */
export async function writeComplianceCsv(
	db: Database,
	pack: RulePack,
	outPath: string,
	opts: { asOf?: string } = {}
): Promise<{ rows: number; out: string; as_of: string }> {
	const asOf = opts.asOf ? asOfMoment(opts.asOf).ts : ((await lastRun(db, pack.name))?.as_of ?? shanghaiNow());
	const out = path.resolve(outPath);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	const tmp = `${out}.${process.pid}.tmp`;
	const rows = await db.withConnection(async (conn) => {
		const { withPauses } = await prepare(conn, pack, asOf);
		const p = new Params();
		const select = resultSelectSql(branchesSql(pack, p, { withPauses }), 'all');
		const order = `list_position(${p.bind(listValue(pack.rules.map((r) => r.id)))}::VARCHAR[], rule_id)`;
		await conn.run(
			`CREATE OR REPLACE TEMP TABLE _compliance_csv AS
			 SELECT ${ESCAPE_SQL('case_id')} AS case_id, rule_id, ${ISO_SQL('clock_start')} AS clock_start, ${ISO_SQL('due_at')} AS due_at,
				${ISO_SQL('done_at')} AS done_at, status, working_days_late, explanation, provisional
			 FROM (${select}) ORDER BY case_id, ${order}`,
			{ ...p.values, as_of: asOf }
		);
		// COPY takes no parameters; the file name is a server-side path chosen by the caller, quoted as a literal.
		await conn.run(`COPY _compliance_csv TO '${tmp.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`);
		const n = await conn.runAndReadAll('SELECT count(*)::INTEGER FROM _compliance_csv');
		await conn.run('DROP TABLE _compliance_csv');
		return Number(n.getRows()[0][0]);
	});
	fs.renameSync(tmp, out);
	return { rows, out, as_of: asOf };
}

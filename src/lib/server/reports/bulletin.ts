// The numbers of the monthly bulletin (月度通报) for one month and scope, all through the metrics layer
// (runMetrics / compileWhere over case_facts), so the bulletin agrees with the dashboards for the same filters. Its
// ranking (table 3, 红榜/黑榜) is the appraisal scheme's (appraisal/score.ts schemeRanks), as the overview's and 单位效能's.
// The result is a plain serialisable object: narrative, HTML, PDF and DOCX are pure renderings of it.
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeePii } from '../auth/scope.ts';
import { UserInputError } from '../errors.ts';
import { shanghaiToday } from '../time.ts';
import { defaultPackName } from '../settings.ts';
import { compileWhere, validateFilters, type Filters } from '../metrics/compile.ts';
import { cachedQuery, runMetrics } from '../metrics/query.ts';
import { cacheGet, cacheSet, ensureFacts } from '../metrics/facts.ts';
import { ratedResults } from '../metrics/evaluations.ts';
import { emptyFilters, type FilterState } from '../../model/filters.ts';
import { comparisonFor, monthPeriodRange } from '../../model/periods.ts';
import { monthStartDay } from '../metrics/figures.ts';
import { BULLETIN } from '../../i18n/zh/bulletin.ts';
import { packInfo, type PackInfo } from './pack.ts';
import { hotspotSection, type HotspotSection } from '../hotspots/bulletin.ts';
import { loadPack } from '../compliance/index.ts';
import { startedAtSql, statusAtSql } from '../compliance/sql.ts';
import { loadScheme, type DeductMode, type Scheme } from '../appraisal/scheme.ts';
import { schemeRanks } from '../appraisal/score.ts';

export interface BulletinScope {
	/** A unit group (units.unit_group, e.g. 县直部门 or 乡镇). */
	group?: string;
	/** Explicit units. Neither group nor units: all units the user may see. */
	units?: string[];
}

export interface BulletinOptions {
	month: string;
	scope?: BulletinScope;
	/** Date of issue (YYYY-MM-DD, Shanghai); default today. */
	issuedOn?: string;
	/**
	 * The appraisal scheme whose score, rank in group and 红榜/黑榜 table 3 shows (default: the deployment's, as
	 * the overview and 单位效能); its units.min_cases is the month's minimum for a unit to be ranked.
	 */
	scheme?: Scheme;
	/** Most rows of the overdue/late case table. */
	lateLimit?: number;
	/** Rule pack whose results give on-time rates (default: the deployment's default pack, as the dashboards). */
	pack?: string;
}

export interface Totals {
	cases: number;
	accepted: number;
	closed: number;
	open: number;
	overdue_open: number;
	breached: number;
	met: number;
	breached_evaluations: number;
	on_time_rate: number | null;
	satisfaction_rate: number | null;
	rated: number;
	substantiated_rate: number | null;
	with_outcome: number;
	repeats: number;
	repeat_rate: number | null;
}

export interface RuleRate {
	ruleId: string;
	title: string;
	/** Human limit, e.g. "5个工作日" (empty when the pack does not say). */
	limit: string;
	met: number;
	breached: number;
	openOverdue: number;
	openWithin: number;
	rate: number | null;
}

export interface UnitScore {
	/** the unit's group (县直部门, 乡镇 …): ranks are within it */
	group: string;
	/** 1 = best within the group */
	rank: number;
	/** units ranked in the group */
	of: number;
	unit: string;
	cases: number;
	/** the scheme's score: the rates' weighted score less the deduction */
	score: number;
	/** points taken off for findings (pending flags counted in the preview) */
	deduction: number;
	list: 'red' | 'black' | null;
	on_time_rate: number | null;
	satisfaction_rate: number | null;
	repeat_rate: number | null;
	overdue_open: number;
}

export interface LateCase {
	caseId: string;
	unit: string;
	ruleId: string | null;
	rule: string;
	status: 'breached' | 'open-overdue';
	dueDate: string | null;
	workingDaysLate: number | null;
}

export interface CategoryRow {
	category: string;
	cases: number;
	previous: number | null;
	share: number;
}

export interface TrendRow {
	month: string;
	cases: number;
	closed: number;
	on_time_rate: number | null;
	satisfaction_rate: number | null;
}

export interface TypicalCase {
	caseId: string;
	unit: string;
	category: string;
	summary: string;
}

export interface BulletinData {
	month: string;
	/** The days counted: the month, cut at asOf while the month is not over. */
	period: { from: string; to: string };
	previousPeriod: { from: string; to: string };
	lastYearPeriod: { from: string; to: string };
	asOf: string;
	partial: boolean;
	scope: { kind: 'all' | 'group' | 'units'; label: string; group?: string; units?: string[] };
	title: { issuer: string; subject: string; year: number; issueNo: number; issueLabel: string; issuedOn: string; title: string };
	totals: Totals;
	/** null: no case at all in that period (no comparison is made). */
	previous: Totals | null;
	lastYear: Totals | null;
	compliance: { pack: string; packTitle: string | null; evaluated: boolean; rules: RuleRate[] };
	/**
	 * The scheme's ranking of the month (the overview's and 单位效能's): every ranked unit by group and rank; red and
	 * black as schemeRanks lists them (each group's best first, worst first); units with cases but not ranked.
	 */
	ranking: {
		minCases: number;
		scheme: { title: string; version: string; deduct: DeductMode; pending: number; preview: boolean };
		rows: UnitScore[];
		red: UnitScore[];
		black: UnitScore[];
		excluded: number;
	};
	/** Every unit with at least one evaluated deadline, best first (chart 2). */
	unitOnTime: { unit: string; on_time_rate: number; cases: number }[];
	repeatUnits: { unit: string; repeats: number; cases: number; repeat_rate: number | null }[];
	late: { rows: LateCase[]; total: number; cases: number };
	categories: CategoryRow[];
	trend: TrendRow[];
	typical: TypicalCase[];
	/** 热点诉求: the 热点诉求 page's terms, rises and duplicate groups for the month and scope (absent: not built). */
	hotspots?: HotspotSection;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function ymd(y: number, m: number, d: number): string {
	return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The month's period under the period model (product.md 2.0): the whole month, or cut at today while it runs;
 * a past month compares with the whole previous month and the same month last year, a running one with the same
 * elapsed days of those. monthStartDay > 1 makes "YYYY-MM" the period from that day of the month before.
 */
export function bulletinPeriods(month: string, today = shanghaiToday(), monthStartDay = 1) {
	const mm = MONTH.exec(month);
	if (!mm) throw new UserInputError('bad_month', BULLETIN.errors.badMonth(month), { field: 'month' });
	const y = Number(mm[1]);
	const m = Number(mm[2]);
	const full = monthPeriodRange(month, monthStartDay);
	if (full.from > today) throw new UserInputError('future_month', BULLETIN.errors.futureMonth(month), { field: 'month' });
	const c = comparisonFor(full.from, full.to, { today, monthStartDay });
	const { from, to, running: partial } = c.period;
	return { year: y, monthNo: m, from, to, partial, asOf: to, previous: c.previous, lastYear: c.lastYear };
}

/** The months that have cases (newest first) for the bulletin index. */
export async function bulletinMonths(db: Database, user: SessionUser): Promise<{ month: string; cases: number }[]> {
	const rows = await runMetrics(db, { measures: ['cases'], dimensions: ['month'], orderBy: [{ by: 'month', desc: true }], limit: 1200 }, user);
	return rows.filter((r) => r.month).map((r) => ({ month: String(r.month), cases: Number(r.cases) }));
}

const TOTAL_MEASURES = [
	'cases',
	'accepted',
	'closed',
	'open',
	'overdue_open',
	'breached',
	'met',
	'breached_evaluations',
	'on_time_rate',
	'satisfaction_rate',
	'rated',
	'substantiated_rate',
	'with_outcome',
	'repeats',
	'repeat_rate'
] as const;

function totalsOf(row: Row | undefined): Totals | null {
	if (!row || !Number(row.cases)) return null;
	const out = {} as Record<string, number | null>;
	for (const k of TOTAL_MEASURES) out[k] = row[k] === null || row[k] === undefined ? null : Number(row[k]);
	for (const k of ['cases', 'accepted', 'closed', 'open', 'overdue_open', 'breached', 'met', 'breached_evaluations', 'rated', 'with_outcome', 'repeats'])
		out[k] = out[k] ?? 0;
	return out as unknown as Totals;
}

const ZERO: Totals = {
	cases: 0,
	accepted: 0,
	closed: 0,
	open: 0,
	overdue_open: 0,
	breached: 0,
	met: 0,
	breached_evaluations: 0,
	on_time_rate: null,
	satisfaction_rate: null,
	rated: 0,
	substantiated_rate: null,
	with_outcome: 0,
	repeats: 0,
	repeat_rate: null
};

async function setting(db: Database, key: string): Promise<string | null> {
	const row = await db.queryOne<{ value: string }>('SELECT value FROM settings WHERE key = $key', { key });
	const v = row?.value?.trim();
	return v ? v : null;
}

function scopeFilters(scope: BulletinScope | undefined): { filters: FilterState; kind: BulletinData['scope'] } {
	const f = emptyFilters();
	const group = scope?.group?.trim();
	const units = [...new Set((scope?.units ?? []).map((u) => u.trim()).filter(Boolean))];
	if (units.length) {
		f.units = units;
		return { filters: f, kind: { kind: 'units', label: BULLETIN.scopeUnits(units), units } };
	}
	if (group) {
		f.unit_group = group;
		return { filters: f, kind: { kind: 'group', label: BULLETIN.scopeGroup(group), group } };
	}
	return { filters: f, kind: { kind: 'all', label: BULLETIN.scopeAll } };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const rate = (v: unknown): number | null => (v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v));

/**
 * The value stored under key in the metrics layer's cache (dropped with it when the data change), else compute() once:
 * concurrent callers of the same key (a PDF and a Word file asked together) wait for that one computation.
 */
const computing = new Map<string, Promise<unknown>>();
async function computedOnce<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
	const hit = cacheGet<T>(db, key);
	if (hit !== undefined) return hit;
	const under = computing.get(key) as Promise<T> | undefined;
	if (under) return under;
	const run = compute().then((value) => {
		cacheSet(db, key, value);
		return value;
	});
	computing.set(key, run);
	try {
		return await run;
	} finally {
		computing.delete(key);
	}
}

/**
 * Everything the bulletin shows for one month and scope, as the given user may see it (unit scope applies).
 * Bad month or scope → UserInputError.
 */
export async function bulletinData(db: Database, user: SessionUser, opts: BulletinOptions): Promise<BulletinData> {
	const today = shanghaiToday();
	const p = bulletinPeriods(opts.month, today, await monthStartDay(db));
	const { filters: scopeF, kind: scope } = scopeFilters(opts.scope);
	let base: Filters;
	try {
		base = validateFilters({ ...scopeF, from: p.from, to: p.to });
	} catch {
		throw new UserInputError('bad_scope', BULLETIN.errors.badScope, { field: 'scope' });
	}
	const scheme = opts.scheme ?? loadScheme();
	const lateLimit = Math.max(1, Math.floor(opts.lateLimit ?? 50));
	const packName = opts.pack ?? (await defaultPackName(db));
	const version = await ensureFacts(db);

	const trendFrom = ymd(p.year, p.monthNo - 11, 1);
	const periods = [
		{ name: 'current', from: p.from, to: p.to },
		{ name: 'previous', ...p.previous },
		{ name: 'last_year', ...p.lastYear }
	];
	// every unit of the scope with its figures comes from the ranking query itself (ranked or not): chart 2 and the
	// repeat table read them too, so the month's units are measured once
	const rankMeasures = ['on_time_rate', 'satisfaction_rate', 'repeat_rate', 'overdue_open', 'repeats'];
	// The month's figures, computed once per data version and shared by the page, the PDF and the Word file (and by
	// concurrent downloads): a later call for the same month, scope, reader's scope and settings reuses them. What
	// may change without a new data version is read every time: the masthead's settings, the pack's titles and the
	// cases marked typical.
	const key = [
		'bulletin',
		version,
		today,
		JSON.stringify({ role: user.role, units: [...user.units].sort(), pii: canSeePii(user) }),
		JSON.stringify({ from: p.from, to: p.to, prev: p.previous, ly: p.lastYear, scope: scopeF, packName, lateLimit, scheme })
	].join('\u0000');
	// Every query at once, the hot-spot section's segmentation included: it was asked after the others and its JavaScript
	// work ran alone while DuckDB's threads were idle.
	const [[kpis, ranked, categories, trend, ruleRows, late, lateCount, runs, hotspots], issuer, subject, pack, typical] = await Promise.all([
		computedOnce(db, key, () =>
			Promise.all([
				runMetrics(db, { measures: [...TOTAL_MEASURES], filters: base, periods }, user),
				// the month under the scheme, pending flags counted as the preview (预评), exactly as the overview and 单位效能
				schemeRanks(db, user, loadPack(packName), scheme, { ...scopeF, from: p.from, to: p.to }, { includePending: true, today, measures: rankMeasures }),
				runMetrics(
					db,
					{ measures: ['cases'], dimensions: ['category'], filters: { ...base, from: undefined, to: undefined }, periods: periods.slice(0, 2), limit: 20000 },
					user
				),
				runMetrics(
					db,
					{ measures: ['cases', 'closed', 'on_time_rate', 'satisfaction_rate'], dimensions: ['month'], filters: { ...base, from: trendFrom, to: p.to } },
					user
				),
				ruleRates(db, user, base, packName),
				lateCases(db, user, base, packName, lateLimit, lateAsOf(p, today)),
				lateTotals(db, user, base, packName, lateAsOf(p, today)),
				cachedQuery<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM compliance_runs WHERE pack = $pack', { pack: packName }),
				// the same call as the 热点诉求 page's API for these filters and period (scope, from, to)
				hotspotSection(db, user, { ...scopeF, from: p.from, to: p.to }, today)
			])
		),
		setting(db, 'bulletin_issuer'),
		setting(db, 'bulletin_subject'),
		packInfo(packName),
		typicalCases(db, user, base)
	]);

	const of = (name: string) => kpis.find((r) => r.period === name);
	const totals = totalsOf(of('current')) ?? ZERO;

	// Ranking: the scheme's, by group and rank in group (1 = best); the lists as schemeRanks gives them.
	const rankedRows: UnitScore[] = ranked.ranks
		.filter((r) => r.rank !== null && r.score !== null)
		.map((r) => ({
			group: r.unit_group,
			rank: Number(r.rank),
			of: r.of,
			unit: r.unit,
			cases: r.cases,
			score: Number(r.score),
			deduction: r.deduction,
			list: r.list,
			on_time_rate: rate(r.metrics.on_time_rate),
			satisfaction_rate: rate(r.metrics.satisfaction_rate),
			repeat_rate: rate(r.metrics.repeat_rate),
			overdue_open: num(r.metrics.overdue_open)
		}));
	const red = rankedRows.filter((r) => r.list === 'red');
	// worst first within each group, as the overview's 黑榜
	const groups = [...new Set(rankedRows.map((r) => r.group))];
	const black = groups.flatMap((g) => rankedRows.filter((r) => r.group === g && r.list === 'black').reverse());

	const units: Row[] = ranked.ranks.map((r) => ({ unit: r.unit, cases: r.cases, ...r.metrics }));

	const byCat = new Map<string, { current: number; previous: number }>();
	for (const r of categories) {
		const c = String(r.category);
		const e = byCat.get(c) ?? { current: 0, previous: 0 };
		if (r.period === 'current') e.current = num(r.cases);
		if (r.period === 'previous') e.previous = num(r.cases);
		byCat.set(c, e);
	}
	const previous = totalsOf(of('previous'));
	const categoryRows: CategoryRow[] = [...byCat.entries()]
		.filter(([, e]) => e.current > 0)
		.map(([category, e]) => ({ category, cases: e.current, previous: previous ? e.previous : null, share: totals.cases ? e.current / totals.cases : 0 }))
		.sort((a, b) => b.cases - a.cases || a.category.localeCompare(b.category, 'zh-CN'));

	// Twelve months, each present even without cases (a gap in the data is a zero, not a missing month).
	const trendRows: TrendRow[] = [];
	for (let i = 11; i >= 0; i--) {
		const m = ymd(p.year, p.monthNo - i, 1).slice(0, 7);
		const r = trend.find((t) => t.month === m);
		trendRows.push({ month: m, cases: num(r?.cases), closed: num(r?.closed), on_time_rate: rate(r?.on_time_rate), satisfaction_rate: rate(r?.satisfaction_rate) });
	}


	return {
		month: opts.month,
		period: { from: p.from, to: p.to },
		previousPeriod: p.previous,
		lastYearPeriod: p.lastYear,
		asOf: p.asOf,
		partial: p.partial,
		scope,
		title: {
			issuer: issuer ?? BULLETIN.defaultIssuer,
			subject: subject ?? BULLETIN.defaultSubject,
			year: p.year,
			issueNo: p.monthNo,
			issueLabel: BULLETIN.issueLabel(p.year, p.monthNo),
			issuedOn: opts.issuedOn ?? today,
			title: BULLETIN.title(opts.month, scope.label)
		},
		totals,
		previous,
		lastYear: totalsOf(of('last_year')),
		compliance: {
			pack: packName,
			packTitle: pack.title,
			evaluated: Number(runs[0]?.n ?? 0) > 0,
			rules: orderRules(ruleRows, pack)
		},
		ranking: {
			minCases: scheme.units.min_cases,
			scheme: { title: scheme.title, version: scheme.version, deduct: scheme.units.deduct_findings, pending: ranked.pending, preview: ranked.preview },
			rows: rankedRows,
			red,
			black,
			excluded: ranked.ranks.filter((r) => r.cases > 0 && r.rank === null).length
		},
		unitOnTime: units
			.filter((u) => rate(u.on_time_rate) !== null)
			.map((u) => ({ unit: String(u.unit), on_time_rate: Number(u.on_time_rate), cases: num(u.cases) }))
			.sort((a, b) => b.on_time_rate - a.on_time_rate || a.unit.localeCompare(b.unit, 'zh-CN')),
		repeatUnits: units
			.filter((u) => num(u.repeats) > 0)
			.map((u) => ({ unit: String(u.unit), repeats: num(u.repeats), cases: num(u.cases), repeat_rate: rate(u.repeat_rate) }))
			.sort((a, b) => b.repeats - a.repeats || a.unit.localeCompare(b.unit, 'zh-CN'))
			.slice(0, 10),
		late: { rows: late.map((r) => ({ ...r, rule: r.ruleId ? (pack.rules.get(r.ruleId)?.title ?? r.ruleId) : BULLETIN.givenDueRule })), ...lateCount },
		categories: categoryRows,
		trend: trendRows,
		typical,
		hotspots
	};
}

function orderRules(rows: Omit<RuleRate, 'title' | 'limit'>[], pack: PackInfo): RuleRate[] {
	const order = [...pack.rules.keys()];
	return rows
		.filter((r) => r.met + r.breached + r.openOverdue + r.openWithin > 0)
		.map((r) => ({ ...r, title: pack.rules.get(r.ruleId)?.title ?? r.ruleId, limit: pack.rules.get(r.ruleId)?.limit ?? '' }))
		.sort((a, b) => {
			const ia = order.indexOf(a.ruleId);
			const ib = order.indexOf(b.ruleId);
			return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.ruleId.localeCompare(b.ruleId);
		});
}

/**
 * Deadline results per rule for the cases counted (same WHERE as the metrics: scope and filters), as stored now. Read
 * from eval_rollup (the stored rated results per pack × day × unit × rule, the compliance screens' counts): a sum over
 * the month's rows instead of a scan of every stored result joined to its case (the bulletin's slowest query, 11 s of
 * a cold bulletin at 1,000,000 cases on a busy machine). The bulletin's filters are the scope (units or a unit group)
 * and the month, all columns of the rollup.
 */
async function ruleRates(db: Database, user: SessionUser, filters: Filters, pack: string): Promise<Omit<RuleRate, 'title' | 'limit'>[]> {
	const where = compileWhere(filters, user);
	const rows = await cachedQuery(
		db,
		/* sql */ `SELECT f.rule_id,
			sum(f.met)::INTEGER AS met,
			sum(f.breached)::INTEGER AS breached,
			sum(f.open_overdue)::INTEGER AS open_overdue,
			sum(f.open_within)::INTEGER AS open_within
		FROM eval_rollup f
		WHERE f.pack = $bulletin_pack AND ${where.sql}
		GROUP BY f.rule_id ORDER BY f.rule_id`,
		{ ...where.params, bulletin_pack: pack }
	);
	return rows.map((r) => {
		const met = num(r.met);
		const breached = num(r.breached);
		return {
			ruleId: String(r.rule_id),
			met,
			breached,
			openOverdue: num(r.open_overdue),
			openWithin: num(r.open_within),
			rate: met + breached > 0 ? met / (met + breached) : null
		};
	});
}

/**
 * The late evaluations of the cases counted: breached rules and open-overdue rules of the pack, plus cases that
 * the facts count as overdue from the source system's own deadline (no result of the pack). Never the complainant.
 * A month that has ended is read as of its last moment ($bulletin_as_of), as its figures are (product.md 2.0 as_of):
 * a rule done after it was still open then, late by the working days from its due day to the month's last day;
 * a running month reads the stored results as of now ($bulletin_as_of NULL).
 */
function lateSql(where: string): string {
	const t = '$bulletin_as_of::TIMESTAMP';
	const results = `(SELECT cr.* REPLACE (CASE WHEN ${t} IS NULL THEN cr.status ELSE ${statusAtSql('cr', t)} END AS status)
		FROM compliance_results cr WHERE cr.pack = $bulletin_pack AND (${t} IS NULL OR ${startedAtSql('cr', t)}))`;
	return /* sql */ `
		SELECT r.case_id, f.unit, r.rule_id, r.status, strftime(r.due_at, '%Y-%m-%d') AS due_date,
			(CASE WHEN ${t} IS NOT NULL AND r.status = 'open-overdue' THEN coalesce(a.workday_index - dd.workday_index, date_diff('day', r.due_at::DATE, ${t}::DATE))
				ELSE r.working_days_late END)::INTEGER AS days_late, f.received_at
		FROM ${ratedResults(results, '$bulletin_pack')} r JOIN case_facts f ON f.case_id = r.case_id
		LEFT JOIN calendar_days dd ON dd.day = r.due_at::DATE
		LEFT JOIN calendar_days a ON a.day = ${t}::DATE
		WHERE r.status IN ('breached', 'open-overdue') AND ${where}
		UNION ALL
		SELECT f.case_id, f.unit, NULL, 'open-overdue', strftime(c.due_at, '%Y-%m-%d'),
			(CASE WHEN t.workday_index IS NOT NULL AND d.workday_index IS NOT NULL THEN t.workday_index - d.workday_index
				ELSE date_diff('day', c.due_at::DATE, $bulletin_today::DATE) END)::INTEGER,
			f.received_at
		FROM case_facts f JOIN cases c ON c.case_id = f.case_id
		LEFT JOIN calendar_days d ON d.day = c.due_at::DATE
		LEFT JOIN calendar_days t ON t.day = $bulletin_today::DATE
		WHERE (CASE WHEN ${t} IS NULL THEN f.overdue_open ELSE (c.closed_at IS NULL OR c.closed_at > ${t}) AND c.due_at < ${t} END)
			AND NOT EXISTS (SELECT 1 FROM compliance_results x WHERE x.pack = $bulletin_pack AND x.case_id = f.case_id)
			AND ${where}`;
}

/** The moment a month's late list is read as of: its last moment once it has ended, else now (null). */
function lateAsOf(p: { to: string; partial: boolean }, today: string): { bulletin_as_of: string | null; bulletin_today: string } {
	return p.partial || p.to >= today ? { bulletin_as_of: null, bulletin_today: today } : { bulletin_as_of: `${p.to} 23:59:59.999`, bulletin_today: p.to };
}

async function lateCases(db: Database, user: SessionUser, filters: Filters, pack: string, limit: number, at: ReturnType<typeof lateAsOf>): Promise<Omit<LateCase, 'rule'>[]> {
	const where = compileWhere(filters, user);
	const rows = await cachedQuery(
		db,
		`SELECT * FROM (${lateSql(where.sql)}) ORDER BY days_late DESC NULLS LAST, received_at, case_id, rule_id LIMIT $bulletin_limit`,
		{ ...where.params, bulletin_pack: pack, ...at, bulletin_limit: limit }
	);
	return rows.map((r) => ({
		caseId: String(r.case_id),
		unit: String(r.unit),
		ruleId: r.rule_id === null || r.rule_id === undefined ? null : String(r.rule_id),
		status: r.status === 'breached' ? 'breached' : 'open-overdue',
		dueDate: (r.due_date as string | null) ?? null,
		workingDaysLate: r.days_late === null || r.days_late === undefined ? null : Number(r.days_late)
	}));
}

async function lateTotals(db: Database, user: SessionUser, filters: Filters, pack: string, at: ReturnType<typeof lateAsOf>): Promise<{ total: number; cases: number }> {
	const where = compileWhere(filters, user);
	const rows = await cachedQuery(
		db,
		`SELECT count(*)::INTEGER AS total, count(DISTINCT case_id)::INTEGER AS cases FROM (${lateSql(where.sql)})`,
		{ ...where.params, bulletin_pack: pack, ...at }
	);
	return { total: num(rows[0]?.total), cases: num(rows[0]?.cases) };
}

/** Cases the analyst marked as typical, received in the period. Not cached: a mark changes no data version. */
async function typicalCases(db: Database, user: SessionUser, filters: Filters): Promise<TypicalCase[]> {
	const where = compileWhere(filters, user);
	const rows = await db.query(
		/* sql */ `SELECT f.case_id, f.unit, f.category, ${canSeePii(user) ? 'c.typical_summary' : 'c.typical_summary_redacted AS typical_summary'}
		FROM case_facts f JOIN cases c ON c.case_id = f.case_id
		WHERE c.typical AND ${where.sql}
		ORDER BY f.received_at, f.case_id LIMIT 50`,
		where.params
	);
	return rows.map((r) => ({ caseId: String(r.case_id), unit: String(r.unit), category: String(r.category), summary: String(r.typical_summary ?? '') }));
}

// Repeat complaints (product.md 2.2) for any window and for "same unit" or "any unit": the repeat relation is
// re-derived on case_facts from each case's previous case by the same complainant (columns built with the facts),
// so a changed window costs one scan, not a window function over all cases. Content similarity (Chinese
// character-bigram Jaccard over the first 120 characters of each text, computed in DuckDB) marks the links of the
// chains shown.
import { randomBytes } from 'node:crypto';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases, canSeePii } from '../auth/scope.ts';
import { auditPiiView } from '../auth/audit.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import type { FilterState } from '../../model/filters.ts';
import { trendPeriod, viewPeriod } from '../../model/dashboards.ts';
import { shanghaiToday } from '../time.ts';
import { repeatErrors } from '../../i18n/zh/dashboards.ts';
import { compileWhere, validateFilters } from './compile.ts';
import { cachedQuery } from './query.ts';
import { repeatWindowDays } from './facts.ts';

export const REPEAT_VIEWS = ['summary', 'by_unit', 'by_category', 'by_sub_category', 'trend', 'gaps', 'matters', 'chains'] as const;
export type RepeatView = (typeof REPEAT_VIEWS)[number];

/** Bigram Jaccard at or above this marks two complaints as the same matter (内容相似). */
export const SIMILARITY_THRESHOLD = 0.5;
export const MAX_WINDOW_DAYS = 3650;
/** Chains shown (the complainants with the most repeats in the view). */
export const CHAIN_LIMIT = 20;
/** Cases shown per chain (the latest ones in the view). */
export const CHAIN_CASES = 30;

export interface RepeatSettings {
	/** Window in days (default: the system setting used by the overview, 90). */
	window: number;
	/** true: the same complainant about the same unit; false: about any unit. */
	sameUnit: boolean;
}

/**
 * The page settings from the URL (?window=90&scope=same|any), validated. Unit users always get "same unit":
 * a link to a case about another unit would tell them the complainant complained elsewhere.
 */
export async function repeatSettings(db: Database, user: SessionUser, input: { window?: string | null; scope?: string | null }): Promise<RepeatSettings> {
	let window = await repeatWindowDays(db);
	if (input.window !== undefined && input.window !== null && input.window !== '') {
		const n = Number(input.window);
		if (!Number.isInteger(n) || n < 1 || n > MAX_WINDOW_DAYS) throw new UserInputError('bad_window', repeatErrors.badWindow(MAX_WINDOW_DAYS), { field: 'window' });
		window = n;
	}
	const scope = input.scope ?? 'same';
	if (scope !== 'same' && scope !== 'any' && scope !== '') throw new UserInputError('bad_scope', repeatErrors.badScope, { field: 'scope' });
	return { window, sameUnit: user.role === 'unit' || scope !== 'any' };
}

/** Columns of case_facts holding the previous case for each relation (fixed identifiers, chosen here). */
function prevColumns(sameUnit: boolean): { id: string; received: string; closed: string } {
	return sameUnit
		? { id: 'f.repeat_of', received: 'f.same_prev_received_at', closed: 'f.same_prev_closed_at' }
		: { id: 'f.any_prev_case_id', received: 'f.any_prev_received_at', closed: 'f.any_prev_closed_at' };
}

/**
 * Is the case `f` a repeat under the settings? The same rule as repeatTest in facts.ts: received within the window
 * after the previous case was received, or within the window after it was closed (办结后再投诉). Window: $rep_window.
 */
export function repeatPredicate(sameUnit: boolean): string {
	const p = prevColumns(sameUnit);
	const w = 'to_days($rep_window::INTEGER)';
	return `(${p.id} IS NOT NULL AND (f.received_at <= ${p.received} + ${w} OR (${p.closed} IS NOT NULL AND ${p.closed} <= f.received_at AND f.received_at <= ${p.closed} + ${w})))`;
}

/** Whole days from the previous case's receipt to this one's (the "time between repeats"). */
function gapSql(sameUnit: boolean): string {
	return `date_diff('day', ${prevColumns(sameUnit).received}::DATE, f.received_date)`;
}

/** Han characters only: punctuation, digits (phone numbers, amounts) and Latin letters do not make two texts alike. */
export function hanSql(expr: string): string {
	return `regexp_replace(coalesce(${expr}, ''), '[^\\p{Han}]', '', 'g')`;
}

/** The set of character bigrams of a (Han-only) text expression. */
export function bigramsSql(expr: string): string {
	return `list_distinct(list_transform(range(1, length(${expr})), i -> substr(${expr}, i::INTEGER, 2)))`;
}

/** Jaccard similarity |A∩B| / |A∪B| of two bigram-list expressions (NULL when both are empty). */
export function jaccardSql(a: string, b: string): string {
	return `(length(list_intersect(${a}, ${b})) / nullif(length(list_distinct(list_concat(${a}, ${b}))), 0))::DOUBLE`;
}

/** Similarity of two texts in DuckDB, the way the chains use it; NULL when either has no Han bigram. */
export async function contentSimilarity(db: Database, a: string, b: string): Promise<number | null> {
	const row = await db.queryOne<{ s: number | null }>(
		`WITH t AS (SELECT ${bigramsSql('ha')} AS ga, ${bigramsSql('hb')} AS gb FROM (SELECT ${hanSql('$a::VARCHAR')} AS ha, ${hanSql('$b::VARCHAR')} AS hb))
		 SELECT CASE WHEN length(ga) = 0 OR length(gb) = 0 THEN NULL ELSE ${jaccardSql('ga', 'gb')} END AS s FROM t`,
		{ a, b }
	);
	return row?.s === null || row?.s === undefined ? null : Number(row.s);
}

function num(v: unknown): number | null {
	return v === null || v === undefined ? null : Number(v);
}

/**
 * One view of the repeats page for the user, as plain rows (numbers as numbers). Every view is scoped by the
 * user's units through compileWhere; `chains` is case-level and refused to leaders.
 */
export async function repeatView(
	db: Database,
	user: SessionUser,
	view: RepeatView,
	filtersIn: FilterState,
	settings: RepeatSettings,
	today = shanghaiToday()
): Promise<Row[]> {
	if (!(REPEAT_VIEWS as readonly string[]).includes(view)) throw new UserInputError('bad_view', repeatErrors.badView, { field: 'view' });
	if (view === 'chains' && !canSeeCases(user)) throw new ForbiddenError(repeatErrors.chainsForbidden);
	// A breakdown ignores its own dimension's filter (the selected bar stays visible among the others);
	// the trend keeps the whole period when a month is selected.
	const own: Partial<Record<RepeatView, Partial<FilterState>>> = { by_unit: { units: [] }, by_category: { category: [] }, by_sub_category: { sub_category: [] } };
	const period = view === 'trend' ? trendPeriod(filtersIn, today) : viewPeriod(filtersIn, today);
	const filters = validateFilters({ ...period, ...(own[view] ?? {}) });
	const where = compileWhere(filters, user);
	const R = repeatPredicate(settings.sameUnit);
	const gap = gapSql(settings.sameUnit);
	const closed = prevColumns(settings.sameUnit).closed;
	const params: Record<string, DuckDBValue> = { ...where.params, rep_window: settings.window };
	const from = `FROM case_facts f WHERE ${where.sql}`;
	const rate = `(count_if(${R}) / nullif(count(*), 0))::DOUBLE`;
	let sql: string;
	switch (view) {
		case 'summary':
			sql = `SELECT count(*)::INTEGER AS cases, count_if(${R})::INTEGER AS repeats, ${rate} AS repeat_rate,
				count(DISTINCT CASE WHEN ${R} THEN hash(f.complainant_key) END)::INTEGER AS complainants,
				count_if(${R} AND ${closed} IS NOT NULL AND ${closed} <= f.received_at)::INTEGER AS after_close,
				quantile_cont(CASE WHEN ${R} THEN ${gap} END, 0.5)::DOUBLE AS median_gap_days
				${from}`;
			break;
		case 'by_unit':
		case 'by_category':
		case 'by_sub_category': {
			const key = view === 'by_unit' ? 'unit' : view === 'by_category' ? 'category' : 'sub_category';
			const col = `f.${key}`;
			sql = `SELECT ${col} AS "${key}", count(*)::INTEGER AS cases, count_if(${R})::INTEGER AS repeats, ${rate} AS repeat_rate
				${from} GROUP BY 1 ORDER BY repeat_rate DESC NULLS LAST, cases DESC, 1 LIMIT 60`;
			break;
		}
		case 'trend':
			sql = `SELECT strftime(f.month, '%Y-%m') AS month, count(*)::INTEGER AS cases, count_if(${R})::INTEGER AS repeats, ${rate} AS repeat_rate
				${from} GROUP BY 1 ORDER BY 1`;
			break;
		case 'gaps':
			sql = `SELECT ${gap}::INTEGER AS gap_days, count(*)::INTEGER AS repeats ${from} AND ${R} GROUP BY 1 ORDER BY 1`;
			break;
		case 'matters':
			sql = `SELECT f.unit AS unit, f.category AS category, count_if(${R})::INTEGER AS repeats,
				count(DISTINCT CASE WHEN ${R} THEN hash(f.complainant_key) END)::INTEGER AS complainants, count(*)::INTEGER AS cases, ${rate} AS repeat_rate
				${from} GROUP BY 1, 2 HAVING count_if(${R}) > 0 ORDER BY repeats DESC, complainants DESC, 1, 2 LIMIT 15`;
			break;
		case 'chains':
			return chains(db, user, where.sql, params, settings);
	}
	const rows = await cachedQuery(db, sql, params);
	return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'unit' || k === 'category' || k === 'sub_category' || k === 'month' ? v : num(v)])));
}

/**
 * The chains: the complainants (about one unit, when sameUnit) with the most repeats in the view, each as a
 * timeline of their cases. Identity: a pseudonym only ("投诉人#3FA2C1"); unit users get a fresh random one per
 * response, so even the pseudonym cannot be followed across views. Roles without the PII grant are shown the
 * redacted text (pii/redact.ts); the similarity, a number over Han characters only, is the same for every role.
 */
async function chains(db: Database, user: SessionUser, whereSql: string, params: Record<string, DuckDBValue>, settings: RepeatSettings): Promise<Row[]> {
	const R = repeatPredicate(settings.sameUnit);
	const p = prevColumns(settings.sameUnit);
	const head = canSeePii(user) ? 'f.content_head' : 'f.content_head_redacted';
	const keyCols = settings.sameUnit ? 'f.complainant_key AS ckey, f.unit AS cunit' : 'f.complainant_key AS ckey';
	const keyJoin = settings.sameUnit ? 't.ckey = f.complainant_key AND t.cunit = f.unit' : 't.ckey = f.complainant_key';
	// 1. The chains with the most repeats (grouping only the repeat cases), then their cases in the view
	//    (the latest CHAIN_CASES of each), on the narrow facts table.
	const links = await cachedQuery(
		db,
		/* sql */ `
		WITH top AS (
			-- the first CHAIN_LIMIT groups by a top-N, then numbered: numbering every group needed a sort of all of them
			SELECT *, row_number() OVER (ORDER BY chain_repeats DESC, last_at DESC, first_id) AS chain_no FROM (
				SELECT ${keyCols}, count(*)::INTEGER AS chain_repeats, max(f.received_at) AS last_at, min(f.case_id) AS first_id
				FROM case_facts f WHERE ${whereSql} AND ${R} AND f.complainant_key <> ''
				GROUP BY ALL ORDER BY chain_repeats DESC, last_at DESC, first_id LIMIT ${CHAIN_LIMIT}
			)
		)
		SELECT t.chain_no::INTEGER AS chain_no, t.chain_repeats, upper(left(md5(t.ckey), 6)) AS pseudo, f.case_id,
			strftime(f.received_at, '%Y-%m-%d %H:%M') AS received_at, f.unit, f.category, f.closed, ${R} AS is_repeat,
			${p.id} AS prev_id, CAST(${p.received} AS VARCHAR) AS prev_received_ts, f.content_head, ${head} AS content_shown,
			date_diff('day', ${p.received}::DATE, f.received_date)::INTEGER AS gap_days,
			(${p.closed} IS NOT NULL AND ${p.closed} <= f.received_at) AS after_close
		FROM case_facts f JOIN top t ON ${keyJoin}
		WHERE ${whereSql}
		QUALIFY row_number() OVER (PARTITION BY t.chain_no ORDER BY f.received_at DESC, f.case_id DESC) <= ${CHAIN_CASES}
		ORDER BY t.chain_no, f.received_at, f.case_id`,
		params
	);
	if (links.length === 0) return [];
	// 2. Their texts: the opening of the content case_facts keeps (content_head, 120 characters) — the links' own
	//    come with them; a previous case outside the links is fetched from case_facts by its exact receipt moment
	//    (the table is ordered by it, so a handful of moments read a handful of row groups: looking the ids up in
	//    the cases table meant a scan of every case id, 0.2 s at 10,000,000 cases). 3. The bigram similarity of each
	//    case to its previous one over those openings, computed in DuckDB.
	const textOf = new Map(links.map((r) => [String(r.case_id), (r.content_head as string | null) ?? null]));
	const outside = [...new Map(links.filter((r) => r.prev_id && !textOf.has(String(r.prev_id))).map((r) => [String(r.prev_id), String(r.prev_received_ts)])).entries()];
	if (outside.length) {
		const prevTexts = await cachedQuery(
			db,
			`SELECT f.case_id, f.content_head FROM case_facts f
			 SEMI JOIN (SELECT unnest($o_ids::VARCHAR[]) AS id, unnest($o_ts::VARCHAR[])::TIMESTAMP AS ts) o ON f.received_at = o.ts AND f.case_id = o.id`,
			{ o_ids: listValue(outside.map((x) => x[0])), o_ts: listValue(outside.map((x) => x[1])) }
		);
		for (const t of prevTexts) textOf.set(String(t.case_id), (t.content_head as string | null) ?? null);
	}
	const pairs = links.filter((r) => r.prev_id).map((r) => [String(r.case_id), String(r.prev_id)]);
	const sims = pairs.length
		? await cachedQuery(
				db,
				`WITH p AS (SELECT unnest($p_ids::VARCHAR[]) AS id, unnest($p_this::VARCHAR[]) AS this_text, unnest($p_prev::VARCHAR[]) AS prev_text),
				 h AS (SELECT id, ${hanSql('this_text')} AS ha, ${hanSql('prev_text')} AS hb FROM p),
				 g AS (SELECT id, ${bigramsSql('ha')} AS ga, ${bigramsSql('hb')} AS gb FROM h)
				 SELECT id, CASE WHEN length(ga) = 0 OR length(gb) = 0 THEN NULL ELSE ${jaccardSql('ga', 'gb')} END AS similarity FROM g`,
				{
					p_ids: listValue(pairs.map((x) => x[0])),
					p_this: listValue(pairs.map((x) => textOf.get(x[0]) ?? '')),
					p_prev: listValue(pairs.map((x) => textOf.get(x[1]) ?? ''))
				}
			)
		: [];
	const simOf = new Map(sims.map((x) => [String(x.id), num(x.similarity)]));
	// Unit users: a random pseudonym per chain and response; the stable one never leaves the server.
	const fresh = new Map<number, string>();
	const pseudonym = (chainNo: number, stable: string) => {
		if (user.role !== 'unit') return stable;
		if (!fresh.has(chainNo)) fresh.set(chainNo, randomBytes(3).toString('hex').toUpperCase());
		return fresh.get(chainNo)!;
	};
	const chainCases = new Map<number, number>();
	for (const r of links) chainCases.set(Number(r.chain_no), (chainCases.get(Number(r.chain_no)) ?? 0) + 1);
	// The unredacted openings of the texts may name or number the complainant: logged like a case list.
	if (canSeePii(user)) await auditPiiView(db, user, links.length, { view: 'repeat_chains' });
	return links.map((r) => {
		const similarity = r.prev_id ? (simOf.get(String(r.case_id)) ?? null) : null;
		const head = (r.content_shown as string | null) ?? null;
		const content = head === null ? null : Array.from(head).slice(0, 60).join(''); // 60 characters, as left() counts
		return {
			chain_no: Number(r.chain_no),
			complainant: `投诉人#${pseudonym(Number(r.chain_no), String(r.pseudo))}`,
			chain_repeats: Number(r.chain_repeats),
			chain_cases: chainCases.get(Number(r.chain_no)) ?? 0,
			case_id: String(r.case_id),
			received_at: String(r.received_at),
			unit: String(r.unit),
			category: String(r.category),
			closed: r.closed ? 1 : 0,
			is_repeat: r.is_repeat ? 1 : 0,
			after_close: r.after_close && r.is_repeat ? 1 : 0,
			gap_days: r.prev_id ? num(r.gap_days) : null,
			similarity,
			similar: similarity !== null && similarity >= SIMILARITY_THRESHOLD ? 1 : 0,
			content
		};
	});
}

/** Arrow column types of each view (numbers as Float64, the rest Utf8). */
export const REPEAT_VIEW_COLUMNS: Record<RepeatView, { columns: string[]; numeric: string[] }> = {
	summary: { columns: ['cases', 'repeats', 'repeat_rate', 'complainants', 'after_close', 'median_gap_days'], numeric: ['cases', 'repeats', 'repeat_rate', 'complainants', 'after_close', 'median_gap_days'] },
	by_unit: { columns: ['unit', 'cases', 'repeats', 'repeat_rate'], numeric: ['cases', 'repeats', 'repeat_rate'] },
	by_category: { columns: ['category', 'cases', 'repeats', 'repeat_rate'], numeric: ['cases', 'repeats', 'repeat_rate'] },
	by_sub_category: { columns: ['sub_category', 'cases', 'repeats', 'repeat_rate'], numeric: ['cases', 'repeats', 'repeat_rate'] },
	trend: { columns: ['month', 'cases', 'repeats', 'repeat_rate'], numeric: ['cases', 'repeats', 'repeat_rate'] },
	gaps: { columns: ['gap_days', 'repeats'], numeric: ['gap_days', 'repeats'] },
	matters: { columns: ['unit', 'category', 'repeats', 'complainants', 'cases', 'repeat_rate'], numeric: ['repeats', 'complainants', 'cases', 'repeat_rate'] },
	chains: {
		columns: ['chain_no', 'complainant', 'chain_repeats', 'chain_cases', 'case_id', 'received_at', 'unit', 'category', 'closed', 'is_repeat', 'after_close', 'gap_days', 'similarity', 'similar', 'content'],
		numeric: ['chain_no', 'chain_repeats', 'chain_cases', 'closed', 'is_repeat', 'after_close', 'gap_days', 'similarity', 'similar']
	}
};

// The 热点诉求 page's data: ranked terms with 环比 and the units most concerned, the cases containing a term,
// sudden rises (热点预警) and near-duplicate groups (疑似重复，可并单). Every query selects its cases with the
// metrics layer's compileWhere (filters and the user's unit scope in one place) and joins the stored terms.
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases, canSeePii } from '../auth/scope.ts';
import { auditPiiView } from '../auth/audit.ts';
import { ForbiddenError, UserInputError } from '../errors.ts';
import type { FilterState } from '../../model/filters.ts';
import { viewPeriod } from '../../model/dashboards.ts';
import { comparisonFor, shiftMonths } from '../../model/periods.ts';
import { compileWhere, validateFilters } from '../metrics/compile.ts';
import { cachedQuery, runMetrics } from '../metrics/query.ts';
import { shanghaiToday } from '../time.ts';
import { hotspotErrors } from '../../i18n/zh/hotspots.ts';
import { ensureHotspots } from './build.ts';
import { benjaminiHochberg, poissonUpperTail } from './stats.ts';
import { DUPLICATE_WINDOW_DAYS, MIN_TERMS, SIMHASH_MAX_DISTANCE, seedGroups } from './group.ts';

export const TERM_LIMIT = 50;
/** Units listed beside each term. */
export const TOP_UNITS = 3;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function addDays(d: string, n: number): string {
	return new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
}

/** The user's cases under the filters but with the dates left to the caller (`f` = case_facts). */
function scoped(filters: FilterState, user: SessionUser) {
	const valid = validateFilters({ ...filters, from: undefined, to: undefined, month: undefined });
	return compileWhere(valid, user);
}

/**
 * A term that may be listed: in at most the corpus's document-frequency ceiling of cases (build.ts stores it,
 * text.ts dfCeiling). A word in a large share of all complaints is how they are written, never a hot term or a rise.
 */
const LISTED_DF = `d.df <= (SELECT max(max_df) FROM hotspot_meta)`;

export interface TermRow {
	/** The term (what its cases are found by). */
	term: string;
	/** The term as shown: with its twins, the weaker terms in nearly the same cases, '/'-joined (冷漠/敷衍). */
	label: string;
	/** Terms merged into this row (TWIN_JACCARD): listed no more on their own. */
	twins: string[];
	cases: number;
	share: number | null;
	prev_cases: number;
	change: number | null;
	weight: number;
	units: string;
}

/**
 * Two terms whose sets of cases in the period (in the reader's scope) overlap by at least this Jaccard index are one
 * row: the two halves of one phrase (冷漠敷衍 → 冷漠, 敷衍; 出示执法证件 → 出示, 证件) or a matter and the word that
 * always comes with it say one thing, and two rows of the same cases crowd the matters out of the top of the list.
 */
export const TWIN_JACCARD = 0.8;

/**
 * The ranked rows with twins merged: in rank order, a row joins the first row above it (a head, not itself merged)
 * whose cases overlap its own by TWIN_JACCARD or more; `inter` gives the cases two terms share.
 */
export function mergeTwins<T extends { term: string; cases: number }>(ranked: T[], inter: (a: string, b: string) => number): (T & { twins: string[] })[] {
	const heads: (T & { twins: string[] })[] = [];
	for (const r of ranked) {
		const head = heads.find((h) => {
			const both = inter(h.term, r.term);
			return both > 0 && both / (h.cases + r.cases - both) >= TWIN_JACCARD;
		});
		if (head) head.twins.push(r.term);
		else heads.push({ ...r, twins: [] });
	}
	return heads;
}

/**
 * Candidates ranked before twins are merged: enough that merging still leaves `limit` rows in all but odd cases, and
 * never fewer than the page's, so a row's twins (found among the candidates) are the same in the bulletin's top 5
 * as on the page.
 */
const twinCandidates = (limit: number) => Math.max(limit, TERM_LIMIT) * 2 + 10;

/**
 * The terms of the period (filters: period, unit, category, channel …) ranked by TF-IDF weight: the sum over the
 * period's cases of tf (the term's share of the case's terms) × ln(N / df)², N and df over the whole corpus, so a
 * word every complaint uses does not top every list; a word in more cases than the ceiling (LISTED_DF) is not listed.
 * The IDF is squared because the words that wrap a complaint — how it was handled (态度恶劣, 互相推诿), the
 * administrative act (发放, 审批) — recur across every matter at a few percent of the corpus and, weighted by ln(N/df)
 * alone, outnumbered the matters themselves (停水, 供暖: under 1% each) on the demo's months. With cases, share of the period's cases, the cases of the
 * previous period (环比, periods.ts) and the units with the most such cases. Terms found in nearly the same cases
 * (TWIN_JACCARD) are one row, named by the stronger one, the others in `twins` and the label.
 */
export async function hotspotTerms(db: Database, user: SessionUser, filtersIn: FilterState, today = shanghaiToday(), limit = TERM_LIMIT): Promise<{ total: number; from: string; to: string; previous: { from: string; to: string }; rows: TermRow[] }> {
	await ensureHotspots(db);
	const period = viewPeriod(filtersIn, today);
	const cmp = comparisonFor(period.from, period.to, { today });
	const where = scoped(period, user);
	const params: Record<string, DuckDBValue> = { ...where.params, c_from: period.from, c_to: period.to, p_from: cmp.previous.from, p_to: cmp.previous.to, lim: twinCandidates(limit) };
	const cur = 'f.received_date BETWEEN $c_from::DATE AND $c_to::DATE';
	const prev = 'f.received_date BETWEEN $p_from::DATE AND $p_to::DATE';
	const totalRow = await cachedQuery(db, `SELECT count(*)::INTEGER AS n FROM case_facts f WHERE ${where.sql} AND ${cur}`, { ...where.params, c_from: period.from, c_to: period.to });
	const total = Number(totalRow[0]?.n ?? 0);
	const rows = await cachedQuery(
		db,
		/* sql */ `
		WITH sel AS (
			SELECT f.case_id, f.received_date, f.unit, ${cur} AS cur FROM case_facts f WHERE ${where.sql} AND (${cur} OR ${prev})
		),
		hits AS (
			SELECT t.term, s.unit, s.cur, t.tf FROM case_terms t JOIN sel s ON s.case_id = t.case_id AND s.received_date = t.received_date
			WHERE t.received_date BETWEEN least($c_from::DATE, $p_from::DATE) AND greatest($c_to::DATE, $p_to::DATE)
		),
		ranked AS (
			SELECT h.term, count_if(h.cur)::INTEGER AS cases, count_if(NOT h.cur)::INTEGER AS prev_cases,
				(coalesce(sum(h.tf) FILTER (WHERE h.cur), 0) * pow(ln((SELECT max(cases) FROM hotspot_meta) / any_value(d.df)), 2))::DOUBLE AS weight
			FROM hits h JOIN term_df d USING (term)
			WHERE ${LISTED_DF}
			GROUP BY h.term HAVING count_if(h.cur) > 0
			ORDER BY weight DESC, cases DESC, h.term LIMIT $lim
		),
		units AS (
			SELECT term, string_agg(unit || '（' || n::VARCHAR || '）', '、' ORDER BY n DESC, unit) AS units FROM (
				SELECT h.term, h.unit, count(*) AS n FROM hits h SEMI JOIN ranked r USING (term) WHERE h.cur GROUP BY h.term, h.unit
				QUALIFY row_number() OVER (PARTITION BY h.term ORDER BY count(*) DESC, h.unit) <= ${TOP_UNITS}
			) GROUP BY term
		)
		SELECT r.*, u.units FROM ranked r LEFT JOIN units u USING (term) ORDER BY r.weight DESC, r.cases DESC, r.term`,
		params
	);
	// the cases each pair of candidates shares in the period, for merging twins
	const pairs = rows.length < 2 ? [] : await cachedQuery(
		db,
		/* sql */ `
		WITH c AS (
			SELECT t.term, t.case_id FROM case_terms t JOIN case_facts f ON f.case_id = t.case_id AND f.received_date = t.received_date
			WHERE ${where.sql} AND f.received_date BETWEEN $c_from::DATE AND $c_to::DATE AND t.received_date BETWEEN $c_from::DATE AND $c_to::DATE
				AND t.term IN (SELECT unnest($terms::VARCHAR[]))
		)
		SELECT a.term AS a, b.term AS b, count(*)::INTEGER AS n FROM c a JOIN c b ON a.case_id = b.case_id AND a.term < b.term GROUP BY a.term, b.term`,
		{ ...where.params, c_from: period.from, c_to: period.to, terms: listValue(rows.map((r) => String(r.term))) }
	);
	const shared = new Map(pairs.map((p) => [`${p.a}\u0000${p.b}`, Number(p.n)]));
	const inter = (a: string, b: string) => shared.get(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`) ?? 0;
	const merged = mergeTwins(
		rows.map((r) => ({ term: String(r.term), cases: Number(r.cases), prev_cases: Number(r.prev_cases), weight: Number(r.weight), units: String(r.units ?? '') })),
		inter
	).slice(0, limit);
	return {
		total,
		from: period.from,
		to: period.to,
		previous: cmp.previous,
		rows: merged.map((r) => {
			const cases = r.cases;
			const prevCases = Number(r.prev_cases);
			return {
				term: r.term,
				label: [r.term, ...r.twins].join('/'),
				twins: r.twins,
				cases,
				share: total ? cases / total : null,
				prev_cases: prevCases,
				change: prevCases ? (cases - prevCases) / prevCases : null,
				weight: Number(r.weight),
				units: String(r.units ?? '')
			};
		})
	};
}

export const CASE_LIMIT = 100;

/** The period's cases containing a term (case-level: not for leaders), newest first; text masked for unit users. */
export async function hotspotCases(db: Database, user: SessionUser, filtersIn: FilterState, term: string, today = shanghaiToday()): Promise<Row[]> {
	if (!canSeeCases(user)) throw new ForbiddenError(hotspotErrors.casesForbidden);
	if (!term || term.length > 50) throw new UserInputError('bad_term', hotspotErrors.badTerm, { field: 'term' });
	await ensureHotspots(db);
	const period = viewPeriod(filtersIn, today);
	const where = scoped(period, user);
	const rows = await cachedQuery(
		db,
		`SELECT f.case_id, strftime(f.received_at, '%Y-%m-%d %H:%M') AS received_at, f.unit, f.category, f.channel, ${canSeePii(user) ? 'f.content_head' : 'f.content_head_redacted'} AS content
		 FROM case_facts f SEMI JOIN (SELECT case_id FROM case_terms WHERE term = $term AND received_date BETWEEN $c_from::DATE AND $c_to::DATE) t USING (case_id)
		 WHERE ${where.sql} AND f.received_date BETWEEN $c_from::DATE AND $c_to::DATE
		 ORDER BY f.received_at DESC, f.case_id LIMIT ${CASE_LIMIT}`,
		{ ...where.params, term, c_from: period.from, c_to: period.to }
	);
	// The unredacted openings of the texts may name or number the complainant: logged like a case list.
	if (canSeePii(user)) await auditPiiView(db, user, rows.length, { view: 'hotspot_cases' });
	return rows;
}

// ---- 热点预警 ----

export const RISE_MIN_COUNT = 5;
export const RISE_MIN_RATIO = 1.5;
export const RISE_FDR = 0.05;
export const RISE_BASELINE_WINDOWS = 4;
export const RISE_FIRST_CASES = 3;
export type RiseGrain = 'week' | 'month';
const GRAIN_DAYS: Record<RiseGrain, number> = { week: 7, month: 30 };

export interface RiseRow {
	kind: 'term' | 'category' | 'place';
	item: string;
	count: number;
	recent_mean: number;
	last_year: number;
	expected: number;
	ratio: number;
	p: number;
	q: number;
	first_cases: string;
}

/**
 * Sudden rises: the window of the last 7 (week) or 30 (month) days up to the period's end against the item's own
 * baseline, the larger of the mean of the 4 windows before it and the same window a year earlier (so a seasonal
 * matter is not news every year). Poisson upper tail P(X ≥ count | expected), tested for items with at least
 * RISE_MIN_COUNT cases and count ≥ RISE_MIN_RATIO × expected; Benjamini–Hochberg over all tested items at
 * q ≤ RISE_FDR. Terms, categories and places named in the texts (towns, villages, roads: text.ts placeTerms) are
 * tested together (one family); a place is tested as a place only, not again as a term.
 */
export async function hotspotRises(db: Database, user: SessionUser, filtersIn: FilterState, grain: RiseGrain = 'week', today = shanghaiToday()): Promise<{ from: string; to: string; tested: number; rows: RiseRow[] }> {
	if (grain !== 'week' && grain !== 'month') throw new UserInputError('bad_grain', hotspotErrors.badGrain, { field: 'grain' });
	await ensureHotspots(db);
	const period = viewPeriod(filtersIn, today);
	const L = GRAIN_DAYS[grain];
	const to = period.to;
	const from = addDays(to, -(L - 1));
	const baseFrom = addDays(from, -RISE_BASELINE_WINDOWS * L);
	const lyFrom = shiftMonths(from, -12);
	const lyTo = shiftMonths(to, -12);
	const where = scoped(period, user);
	const params: Record<string, DuckDBValue> = { ...where.params, w_from: from, w_to: to, b_from: baseFrom, ly_from: lyFrom, ly_to: lyTo };
	const win = `CASE WHEN f.received_date BETWEEN $w_from::DATE AND $w_to::DATE THEN 'cur'
		WHEN f.received_date >= $b_from::DATE AND f.received_date < $w_from::DATE THEN 'base'
		WHEN f.received_date BETWEEN $ly_from::DATE AND $ly_to::DATE THEN 'ly' END`;
	const inWindows = `(f.received_date BETWEEN $b_from::DATE AND $w_to::DATE OR f.received_date BETWEEN $ly_from::DATE AND $ly_to::DATE)`;
	const counts = await cachedQuery(
		db,
		/* sql */ `
		WITH sel AS (SELECT f.case_id, f.received_date, f.category, ${win} AS w FROM case_facts f WHERE ${where.sql} AND ${inWindows}),
		items AS (
			SELECT 'term' AS kind, t.term AS item, s.w FROM case_terms t JOIN sel s ON s.case_id = t.case_id AND s.received_date = t.received_date
			WHERE (t.received_date BETWEEN $b_from::DATE AND $w_to::DATE OR t.received_date BETWEEN $ly_from::DATE AND $ly_to::DATE)
				AND t.term IN (SELECT d.term FROM term_df d WHERE ${LISTED_DF})
			UNION ALL SELECT 'category', s.category, s.w FROM sel s
			UNION ALL SELECT 'place', p.place, s.w FROM (
				SELECT x.case_id, x.received_date, unnest(string_split(x.places, '|')) AS place FROM case_text_sig x
				WHERE x.places <> '' AND (x.received_date BETWEEN $b_from::DATE AND $w_to::DATE OR x.received_date BETWEEN $ly_from::DATE AND $ly_to::DATE)
			) p JOIN sel s ON s.case_id = p.case_id AND s.received_date = p.received_date
		)
		SELECT kind, item, count_if(w = 'cur')::INTEGER AS cur, count_if(w = 'base')::INTEGER AS base, count_if(w = 'ly')::INTEGER AS ly
		FROM items GROUP BY kind, item HAVING count_if(w = 'cur') >= ${RISE_MIN_COUNT}`,
		params
	);
	// a place the texts name is tested once, as a place, not again as the term it also is
	const placeItems = new Set(counts.filter((r) => r.kind === 'place').map((r) => String(r.item)));
	const tested = counts
		.filter((r) => !(r.kind === 'term' && placeItems.has(String(r.item))))
		.map((r) => {
			const count = Number(r.cur);
			const recentMean = Number(r.base) / RISE_BASELINE_WINDOWS;
			const lastYear = Number(r.ly);
			// a floor of half a case: an item never seen before is not infinitely surprising
			const expected = Math.max(recentMean, lastYear, 0.5);
			return { kind: r.kind as RiseRow['kind'], item: String(r.item), count, recent_mean: recentMean, last_year: lastYear, expected, ratio: count / expected, p: poissonUpperTail(count, expected) };
		})
		.filter((r) => r.ratio >= RISE_MIN_RATIO);
	const q = benjaminiHochberg(tested.map((r) => r.p));
	const rises = tested
		.map((r, i) => ({ ...r, q: q[i], first_cases: '' }))
		.filter((r) => r.q <= RISE_FDR)
		.sort((a, b) => a.q - b.q || b.count - a.count || a.item.localeCompare(b.item));
	if (rises.length && canSeeCases(user)) {
		const first = await cachedQuery(
			db,
			/* sql */ `
			WITH want AS (SELECT unnest($kinds::VARCHAR[]) AS kind, unnest($items::VARCHAR[]) AS item),
			sel AS (SELECT f.case_id, f.received_at, f.received_date, f.category FROM case_facts f WHERE ${where.sql} AND f.received_date BETWEEN $w_from::DATE AND $w_to::DATE),
			hits AS (
				SELECT 'term' AS kind, t.term AS item, s.case_id, s.received_at FROM case_terms t JOIN sel s ON s.case_id = t.case_id AND s.received_date = t.received_date
				WHERE t.received_date BETWEEN $w_from::DATE AND $w_to::DATE AND t.term IN (SELECT item FROM want WHERE kind = 'term')
				UNION ALL SELECT 'category', s.category, s.case_id, s.received_at FROM sel s WHERE s.category IN (SELECT item FROM want WHERE kind = 'category')
				UNION ALL SELECT 'place', p.place, s.case_id, s.received_at FROM (
					SELECT x.case_id, x.received_date, unnest(string_split(x.places, '|')) AS place FROM case_text_sig x
					WHERE x.places <> '' AND x.received_date BETWEEN $w_from::DATE AND $w_to::DATE
				) p JOIN sel s ON s.case_id = p.case_id AND s.received_date = p.received_date WHERE p.place IN (SELECT item FROM want WHERE kind = 'place')
			)
			SELECT kind, item, string_agg(case_id, '、' ORDER BY received_at, case_id) AS ids FROM (
				SELECT * FROM hits QUALIFY row_number() OVER (PARTITION BY kind, item ORDER BY received_at, case_id) <= ${RISE_FIRST_CASES}
			) GROUP BY kind, item`,
			{ ...where.params, w_from: from, w_to: to, kinds: listValue(rises.map((r) => r.kind)), items: listValue(rises.map((r) => r.item)) }
		);
		const idsOf = new Map(first.map((r) => [`${r.kind}\u0000${r.item}`, String(r.ids)]));
		for (const r of rises) r.first_cases = idsOf.get(`${r.kind}\u0000${r.item}`) ?? '';
	}
	return { from, to, tested: tested.length, rows: rises };
}

// ---- 疑似重复，可并单 ----

export { SIMHASH_MAX_DISTANCE, DUPLICATE_WINDOW_DAYS, MIN_TERMS };
export const GROUP_LIMIT = 30;

export interface DuplicateGroup {
	group_no: number;
	kind: '集中诉求' | '同一人多次';
	cases: number;
	complainants: number;
	units: string;
	first_at: string;
	last_at: string;
	case_ids: string;
	sample: string | null;
}

/**
 * The groups of a period's signatures, largest first; ties by the seed's day (the group's first day) and the members'
 * ids in order of receipt. Kept with the signatures' rows, which the metrics layer's cache returns as the same array
 * while the data are unchanged: a warm view of the page does not group a month again (0.6–2.2 s at 1,000,000 cases).
 */
const groupedSignatures = new WeakMap<Row[], { groups: number[][]; keyed: { g: number[]; day: number; ids: string }[] }>();
function groupsOfSigned(signed: Row[]): { groups: number[][]; keyed: { g: number[]; day: number; ids: string }[] } {
	const hit = groupedSignatures.get(signed);
	if (hit) return hit;
	const cases = signed.map((r) => ({ unit: String(r.unit), day: Number(r.day), hi: Number(r.hi), lo: Number(r.lo), places: r.places ? String(r.places).split('|') : [] }));
	const groups = seedGroups(cases, SIMHASH_MAX_DISTANCE, DUPLICATE_WINDOW_DAYS);
	// Only the groups shown are described, so a month of thousands of groups costs one small query.
	const keyed = groups.map((g) => ({ g, day: cases[g[0]].day, ids: g.map((i) => String(signed[i].case_id)).join('、') }));
	keyed.sort((a, b) => b.g.length - a.g.length || a.day - b.day || (a.ids < b.ids ? -1 : a.ids > b.ids ? 1 : 0));
	const result = { groups, keyed };
	groupedSignatures.set(signed, result);
	return result;
}

/**
 * Near-duplicate groups of the period, seed by seed (group.ts): in order of receipt, a case not yet grouped is a
 * seed, and its group is the later cases of the same unit received at most DUPLICATE_WINDOW_DAYS after it whose
 * SimHash signatures differ from the seed's in at most SIMHASH_MAX_DISTANCE bits. Every member is similar to the
 * seed itself, so a chain of pairwise similar cases does not join its ends, and a group spans at most the window;
 * texts naming different places are never joined.
 * Cases are compared within one unit (the same matter goes to the unit responsible). 集中诉求: several
 * complainants; else 同一人多次. The complainants are counted, never shown.
 */
export async function duplicateGroups(db: Database, user: SessionUser, filtersIn: FilterState, today = shanghaiToday()): Promise<{ grouped_cases: number; total: number; concentrated_rate: number | null; rows: DuplicateGroup[] }> {
	await ensureHotspots(db);
	const t0 = Date.now();
	const lap = (what: string) => process.env.HOTSPOT_DEBUG && console.log(what, Date.now() - t0);
	const period = viewPeriod(filtersIn, today);
	const where = scoped(period, user);
	const params: Record<string, DuckDBValue> = { ...where.params, c_from: period.from, c_to: period.to };
	const signed = await cachedQuery(
		db,
		/* sql */ `
		SELECT x.case_id, f.unit, (x.received_date - DATE '1970-01-01')::INTEGER AS day,
			(x.sig >> 32)::UINTEGER::DOUBLE AS hi, (x.sig & 4294967295::UBIGINT)::UINTEGER::DOUBLE AS lo, x.places
		FROM case_text_sig x JOIN case_facts f ON f.case_id = x.case_id AND f.received_date = x.received_date
		WHERE ${where.sql} AND f.received_date BETWEEN $c_from::DATE AND $c_to::DATE
			AND x.received_date BETWEEN $c_from::DATE AND $c_to::DATE AND x.n_terms >= ${MIN_TERMS}
		ORDER BY f.received_at, x.case_id`,
		params
	);
	const totalRow = await cachedQuery(db, `SELECT count(*)::INTEGER AS n FROM case_facts f WHERE ${where.sql} AND f.received_date BETWEEN $c_from::DATE AND $c_to::DATE`, params);
	const total = Number(totalRow[0]?.n ?? 0);
	// 集中诉求占比 from the metrics layer (its groups are the whole corpus's, built with the hot-spot tables above)
	const [share] = await runMetrics(db, { measures: ['concentrated_rate'], filters: period }, user);
	const concentrated_rate = share?.concentrated_rate === null || share?.concentrated_rate === undefined ? null : Number(share.concentrated_rate);
	lap('signatures');
	const { groups, keyed } = groupsOfSigned(signed);
	lap('grouped');
	if (groups.length === 0) return { grouped_cases: 0, total, concentrated_rate, rows: [] };
	const shown = keyed.slice(0, GROUP_LIMIT);
	const ids = shown.flatMap((k, no) => k.g.map((i) => [String(signed[i].case_id), no] as const));
	const detail = await cachedQuery(
		db,
		/* sql */ `
		WITH g AS (SELECT unnest($g_ids::VARCHAR[]) AS case_id, unnest($g_nos::INTEGER[]) AS g)
		SELECT g.g, count(*)::INTEGER AS cases, count(DISTINCT nullif(f.complainant_key, ''))::INTEGER AS complainants,
			string_agg(DISTINCT f.unit, '、' ORDER BY f.unit) AS units,
			strftime(min(f.received_at), '%Y-%m-%d') AS first_at, strftime(max(f.received_at), '%Y-%m-%d') AS last_at,
			string_agg(f.case_id, '、' ORDER BY f.received_at, f.case_id) AS case_ids,
			arg_min(${canSeePii(user) ? 'f.content_head' : 'f.content_head_redacted'}, f.received_at) AS sample
		FROM g JOIN case_facts f USING (case_id) WHERE ${where.sql} AND f.received_date BETWEEN $c_from::DATE AND $c_to::DATE GROUP BY g.g ORDER BY g.g`,
		{ ...params, g_ids: listValue(ids.map((x) => x[0])), g_nos: listValue(ids.map((x) => x[1])) }
	);
	lap('detail');
	const rows = detail.map((r, i) => ({
		group_no: i + 1,
		kind: (Number(r.complainants) >= 2 ? '集中诉求' : '同一人多次') as DuplicateGroup['kind'],
		cases: Number(r.cases),
		complainants: Number(r.complainants),
		units: String(r.units ?? ''),
		first_at: String(r.first_at),
		last_at: String(r.last_at),
		// case ids and texts are case-level: not for leaders
		case_ids: canSeeCases(user) ? String(r.case_ids) : '',
		sample: canSeeCases(user) ? ((r.sample as string | null) ?? null) : null
	}));
	return { grouped_cases: groups.reduce((s, g) => s + g.length, 0), total, concentrated_rate, rows };
}

export { num };

// Unit ranks (product.md 2.0 "rank"): computed over every unit, then filtered to what the user may see, so a unit
// user reads the same place the leader reads for that unit and never the names or figures of the others.
import { listValue } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeePii, unitScope } from '../auth/scope.ts';
import type { FilterState } from '../../model/filters.ts';
import { viewPeriod } from '../../model/dashboards.ts';
import { shanghaiToday } from '../time.ts';
import { SCORE_MIN_CASES, type ScoreWeights } from './catalog.ts';
import { compileQuery, type QuerySpec } from './compile.ts';
import { asOfOptions, cachedQuery, measureValue } from './query.ts';

/** Size of the 红榜 and the 黑榜 within each group. */
export const RANK_LIST_SIZE = 5;

export interface UnitRank {
	unit: string;
	unit_group: string;
	cases: number;
	/**
	 * Composite score 0–100 under the given weights, less the unit's deduction (opts.deductions, never below 0);
	 * null when no component exists for the unit.
	 */
	score: number | null;
	/** The score of the rates alone, before any deduction. */
	rate_score: number | null;
	/** Points taken off for findings (0 without opts.deductions). */
	deduction: number;
	/** 1 = best within the unit's group, ties by name; null below SCORE_MIN_CASES cases or without a score. */
	rank: number | null;
	/** How many units of the group are ranked. */
	of: number;
	list: 'red' | 'black' | null;
	/** The measures asked for (opts.measures), of the unit in the period: the same query that ranks it. */
	metrics: Record<string, number | null>;
}

/**
 * The ranking is a fact about all units, not about what one user may see: it is compiled without any unit
 * scope (this viewer has none), and the user's scope is applied to the ranked rows afterwards.
 */
const EVERY_UNIT: SessionUser = { userId: 0, name: 'ranking', displayName: null, role: 'analyst', units: [], pii: false };
/** The same, for a user without the PII grant: a text filter (filters.q) then reads the redacted copy, as theirs does. */
const EVERY_UNIT_REDACTED: SessionUser = { ...EVERY_UNIT, role: 'leader' };

/**
 * Every unit the user may see with its rank within its group (unit_group) among the units with at least
 * SCORE_MIN_CASES cases in the period. The filters' period and case filters apply; a units filter does not
 * (a rank among chosen units is no rank), it only narrows the rows returned. `unit` asks for one unit.
 */
export async function unitRanks(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	weights: Partial<ScoreWeights> = {},
	opts: {
		unit?: string;
		today?: string;
		measures?: readonly string[];
		minCases?: number;
		/**
		 * Points off each unit's score (an appraisal scheme's deductions for findings, worked out by the caller
		 * from the review, which sits above this layer): the rank and the 红榜/黑榜 follow the score after them.
		 */
		deductions?: ReadonlyMap<string, number>;
	} = {}
): Promise<UnitRank[]> {
	const period = viewPeriod(filters, opts.today ?? shanghaiToday());
	const extra = (opts.measures ?? []).filter((m) => m !== 'score' && m !== 'cases');
	const spec: QuerySpec = { measures: ['score', 'cases', ...new Set(extra)], dimensions: ['unit_group', 'unit'], filters: { ...period, units: [] }, weights, limit: 20000 };
	// a period that ended before today is ranked as of its end, as every other figure of it
	const inner = compileQuery(spec, canSeePii(user) ? EVERY_UNIT : EVERY_UNIT_REDACTED, asOfOptions(spec));
	// an appraisal scheme may set its own minimum (its units.min_cases); the dashboards use SCORE_MIN_CASES
	const deductions = [...(opts.deductions ?? new Map<string, number>())].filter(([, p]) => p > 0);
	const params = {
		...inner.params,
		rk_min: opts.minCases ?? SCORE_MIN_CASES,
		rk_size: RANK_LIST_SIZE,
		// one (unit, points) row per unit with a deduction, in hundredths of a point (whole numbers bind as a list);
		// the lists carry a sentinel so they are never empty
		rk_dd_units: listValue(['', ...deductions.map(([u]) => u)]),
		rk_dd_points: listValue([0, ...deductions.map(([, p]) => Math.round(p * 100))])
	};
	const where: string[] = [];
	const scope = unitScope(user, 'k.unit');
	if (scope) {
		where.push(scope.sql);
		Object.assign(params, scope.params);
	}
	const shown = opts.unit !== undefined ? [opts.unit] : filters.units;
	if (shown.length) {
		where.push('list_contains($rk_units::VARCHAR[], k.unit)');
		Object.assign(params, { rk_units: listValue(shown) });
	}
	const rows = await cachedQuery<Record<string, unknown>>(
		db,
		/* sql */ `
		WITH s0 AS (${inner.sql}),
		dd AS (SELECT unnest($rk_dd_units::VARCHAR[]) AS dd_unit, unnest($rk_dd_points::INTEGER[]) / 100 AS dd_points),
		s AS (
			SELECT s0.* REPLACE (CASE WHEN s0.score IS NULL THEN NULL ELSE greatest(0, round(s0.score - coalesce(dd.dd_points, 0), 1)) END AS score),
				s0.score AS rate_score, coalesce(dd.dd_points, 0) AS deduction
			FROM s0 LEFT JOIN dd ON dd.dd_unit = s0.unit),
		r AS (SELECT *, (cases >= $rk_min AND score IS NOT NULL) AS ranked FROM s),
		k AS (
			SELECT *,
				CASE WHEN ranked THEN row_number() OVER (PARTITION BY unit_group, ranked ORDER BY score DESC, unit) END AS rank,
				count_if(ranked) OVER (PARTITION BY unit_group) AS "of"
			FROM r
		)
		SELECT unit_group, unit, cases::INTEGER AS cases, score, rate_score, deduction::DOUBLE AS deduction, ${extra.map((m) => `"${m}"`).join(', ')}${extra.length ? ', ' : ''}rank::INTEGER AS rank, "of"::INTEGER AS "of",
			CASE WHEN rank <= $rk_size THEN 'red' WHEN rank > greatest($rk_size, "of" - $rk_size) THEN 'black' END AS list
		FROM k ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY unit_group, rank NULLS LAST, score DESC NULLS LAST, unit`,
		params
	);
	return rows.map((r) => ({
		unit: String(r.unit),
		unit_group: String(r.unit_group),
		cases: Number(r.cases),
		score: r.score === null || r.score === undefined ? null : Number(r.score),
		rate_score: r.rate_score === null || r.rate_score === undefined ? null : Number(r.rate_score),
		deduction: Number(r.deduction ?? 0),
		rank: r.rank === null || r.rank === undefined ? null : Number(r.rank),
		of: Number(r.of),
		list: (r.list as UnitRank['list']) ?? null,
		metrics: Object.fromEntries((opts.measures ?? []).map((m) => [m, measureValue(r[m])]))
	}));
}

/** One unit's rank as the user may see it (null when the user may not see the unit or it has no case in the period). */
export async function unitRank(
	db: Database,
	user: SessionUser,
	unit: string,
	filters: FilterState,
	weights: Partial<ScoreWeights> = {},
	today?: string
): Promise<UnitRank | null> {
	const [row] = await unitRanks(db, user, filters, weights, { unit, today });
	return row ?? null;
}

// Unit performance (product.md 2.3): the ranking with every metric and the composite score under the page's
// weights, the 红榜/黑榜 picked exactly as the overview picks its best and worst five, and the unit page's guard.
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { unitScope } from '../auth/scope.ts';
import type { FilterState } from '../../model/filters.ts';
import { unitRankingSpec, type RankedUnit } from '../../model/dashboards.ts';
import { shanghaiToday } from '../time.ts';
import { DEFAULT_SCORE_WEIGHTS, SCORE_COMPONENTS, SCORE_MIN_CASES, type ScoreWeights } from './catalog.ts';
import { cachedQuery } from './query.ts';
import { unitRanks, type UnitRank } from './ranks.ts';

/** Weights as the page sends them (any non-negative scale; the score divides by their sum). */
export function weightsOrDefault(w: Partial<Record<string, number>> | undefined): ScoreWeights {
	const out = { ...DEFAULT_SCORE_WEIGHTS };
	for (const k of Object.keys(SCORE_COMPONENTS) as (keyof ScoreWeights)[]) {
		const v = w?.[k];
		if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100) out[k] = v;
	}
	return out;
}

/**
 * Every unit in the user's scope with all metrics and its rank within its group among all units (unitRanks):
 * a unit user sees its own place, never a rank among its own units only.
 */
export async function unitRanking(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	weights?: Partial<Record<string, number>>,
	today = shanghaiToday()
): Promise<RankedUnit[]> {
	const w = weightsOrDefault(weights);
	// the page's spec (its measures and order), answered by the query that ranks every unit
	const spec = unitRankingSpec(filters, today, w);
	const ranks = await unitRanks(db, user, filters, w, { today, measures: spec.measures });
	const byScore = (a: UnitRank, b: UnitRank) =>
		(a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || (b.score ?? 0) - (a.score ?? 0) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);
	return ranks
		.sort(byScore)
		.slice(0, spec.limit)
		.map((r) => ({ row: { unit: r.unit, ...r.metrics }, rank: r.rank, list: r.list, of: r.of, group: r.unit_group }));
}

/** Does the unit exist (has cases or is a known unit) and may the user see it? Unit users: their own units only. */
export async function unitVisible(db: Database, user: SessionUser, unit: string): Promise<boolean> {
	const scope = unitScope(user, 'u.name');
	const rows = await cachedQuery<Row>(
		db,
		`SELECT 1 AS ok FROM (SELECT name FROM units UNION SELECT DISTINCT unit FROM case_facts) u
		 WHERE u.name = $unit ${scope ? `AND ${scope.sql}` : ''} LIMIT 1`,
		{ unit, ...(scope?.params ?? {}) }
	);
	return rows.length > 0;
}

export const SCORE_SETTINGS = { defaults: DEFAULT_SCORE_WEIGHTS, minCases: SCORE_MIN_CASES, components: Object.keys(SCORE_COMPONENTS) };

// What the 单位效能 page asks: the appraisal scheme's score, rank and 红榜/黑榜 of every unit the user may see for the
// page's period (appraisal/score.ts, the appraisal list's own ranking), under the page's weights — a variant tried
// with the sliders, never a change of the scheme — with pending flags counted as the preview (预评) counts them.
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import type { FilterState } from '../../model/filters.ts';
import { parseWeights } from '../../model/dashboards.ts';
import { shanghaiToday } from '../time.ts';
import type { UnitRank } from '../metrics/ranks.ts';
import { loadScheme, type Scheme } from '../appraisal/scheme.ts';
import { schemeRanks } from '../appraisal/score.ts';
import { packOf } from './compliance.ts';
import { rankingScheme, type RankingScheme } from './overview.ts';

export interface UnitsScreen {
	ranks: UnitRank[];
	/** the scheme's weights: the sliders' defaults */
	defaults: Record<string, number>;
	scheme: RankingScheme;
}

export async function unitsScreen(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	searchParams: URLSearchParams,
	opts: { scheme?: Scheme; today?: string } = {}
): Promise<UnitsScreen> {
	const today = opts.today ?? shanghaiToday();
	const scheme = opts.scheme ?? loadScheme();
	const defaults = { ...scheme.units.weights } as Record<string, number>;
	// the page's weights are percentages (40 for 0.4); v / 100 gives back the scheme's own numbers, so the default
	// page scores exactly as the appraisal does
	const weights = { ...scheme.units.weights };
	for (const [k, v] of Object.entries(parseWeights(searchParams, defaults))) if (k in weights) weights[k as keyof typeof weights] = v / 100;
	const allZero = Object.values(weights).every((v) => v === 0);
	const ranked = allZero ? null : await schemeRanks(db, user, await packOf(db), scheme, filters, { weights, includePending: true, today });
	return {
		ranks: ranked?.ranks ?? [],
		defaults,
		scheme: rankingScheme(scheme, { pending: ranked?.pending ?? 0, preview: ranked?.preview ?? false })
	};
}

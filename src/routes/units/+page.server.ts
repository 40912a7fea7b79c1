// Unit performance (单位效能): filter options, the score settings and every visible unit's rank from the metrics layer;
// the ranking and the heat map are fetched as Arrow from the metrics API with the page's weights.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { SCORE_SETTINGS, weightsOrDefault } from '$lib/server/metrics/units.ts';
import { unitRanks } from '$lib/server/metrics/ranks.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';
import { parseWeights } from '$lib/model/dashboards.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const filters = parseFilters(url.searchParams);
	try {
		validateFilters(filters);
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
	const db = await getDb();
	const today = shanghaiToday();
	const weights = weightsOrDefault(parseWeights(url.searchParams, SCORE_SETTINGS.defaults));
	// Ranks come from the server over every unit (a unit user's own rows alone would rank it first among one).
	const allZero = Object.values(weights).every((v) => v === 0);
	const [options, ranks] = await Promise.all([filterOptions(db, user), allZero ? Promise.resolve([]) : unitRanks(db, user, filters, weights, { today })]);
	return {
		options,
		ranks,
		today,
		canSeeCases: canSeeCases(user),
		score: { defaults: { ...SCORE_SETTINGS.defaults } as Record<string, number>, minCases: SCORE_SETTINGS.minCases, components: SCORE_SETTINGS.components }
	};
};

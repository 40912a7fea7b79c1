// Unit performance (单位效能): filter options, the appraisal scheme's settings and every visible unit's scheme score and
// rank (appraisal/score.ts, the appraisal list's own ranking: deductions for findings included, pending flags counted
// as the preview 预评 counts them); the other columns and the heat map are fetched as Arrow from the metrics API.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { SCORE_SETTINGS } from '$lib/server/metrics/units.ts';
import { unitsScreen } from '$lib/server/screens/units.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';

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
	// Ranks come from the server over every unit (a unit user's own rows alone would rank it first among one).
	const [options, screen] = await Promise.all([filterOptions(db, user), unitsScreen(db, user, filters, url.searchParams, { today })]);
	return {
		options,
		ranks: screen.ranks,
		today,
		canSeeCases: canSeeCases(user),
		score: { defaults: screen.defaults, minCases: screen.scheme.minCases, components: SCORE_SETTINGS.components },
		scheme: screen.scheme
	};
};

// Unit performance (单位效能): filter options and the score settings (defaults, minimum cases) from the metrics layer;
// the ranking and the heat map are fetched as Arrow from the metrics API with the page's weights.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { SCORE_SETTINGS } from '$lib/server/metrics/units.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/client/filters.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	try {
		validateFilters(parseFilters(url.searchParams));
	} catch (e) {
		if (isUserInputError(e)) error(400, e.message);
		throw e;
	}
	const options = await filterOptions(await getDb(), user);
	return {
		options,
		today: shanghaiToday(),
		canSeeCases: canSeeCases(user),
		score: { defaults: { ...SCORE_SETTINGS.defaults } as Record<string, number>, minCases: SCORE_SETTINGS.minCases, components: SCORE_SETTINGS.components }
	};
};

// 热点诉求: filter options for the shared filter bar; the views are fetched from /api/metrics/hotspots/<view>.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { DUPLICATE_WINDOW_DAYS, SIMHASH_MAX_DISTANCE } from '$lib/server/hotspots/views.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const db = await getDb();
	try {
		validateFilters(parseFilters(url.searchParams));
		return { options: await filterOptions(db, user), today: shanghaiToday(), canSeeCases: canSeeCases(user), windowDays: DUPLICATE_WINDOW_DAYS, maxBits: SIMHASH_MAX_DISTANCE };
	} catch (e) {
		if (isUserInputError(e)) error(400, e.message);
		throw e;
	}
};

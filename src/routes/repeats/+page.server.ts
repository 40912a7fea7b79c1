// Repeat complaints (重复投诉): filter options and the page settings (window, same/any unit) validated on the server;
// the views are fetched as Arrow from /api/metrics/repeats/<view>.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { repeatWindowDays } from '$lib/server/metrics/facts.ts';
import { MAX_WINDOW_DAYS, SIMILARITY_THRESHOLD, repeatSettings } from '$lib/server/metrics/repeats.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const db = await getDb();
	try {
		validateFilters(parseFilters(url.searchParams));
		const settings = await repeatSettings(db, user, { window: url.searchParams.get('window'), scope: url.searchParams.get('scope') });
		const [options, defaultWindow] = await Promise.all([filterOptions(db, user), repeatWindowDays(db)]);
		return {
			options,
			today: shanghaiToday(),
			canSeeCases: canSeeCases(user),
			unitOnly: user.role === 'unit',
			settings: { window: settings.window, scope: settings.sameUnit ? ('same' as const) : ('any' as const) },
			defaultWindow,
			maxWindow: MAX_WINDOW_DAYS,
			similarityThreshold: SIMILARITY_THRESHOLD
		};
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
};

// Handling time (办理时长): the filter bar's options and the page settings on the server; the charts fetch their
// series as Arrow from the metrics API (same specs as model/dashboards.ts handlingSpecs).
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';
import { HANDLING_GROUPS, type HandlingGroup } from '$lib/model/dashboards.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	try {
		validateFilters(parseFilters(url.searchParams));
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
	const g = url.searchParams.get('group');
	const group: HandlingGroup = (HANDLING_GROUPS as readonly string[]).includes(g ?? '') ? (g as HandlingGroup) : 'unit';
	const options = await filterOptions(await getDb(), user);
	return { options, today: shanghaiToday(), canSeeCases: canSeeCases(user), group };
};

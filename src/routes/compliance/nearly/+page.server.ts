// 临期预警: the open evaluations of the default pack about to break, under the dashboards' filters (URL) and an
// optional rule; the list and its counts come from the metrics layer (nearlyList), scoped to the user's units.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/compile.ts';
import { nearlyList } from '$lib/server/metrics/nearly.ts';
import { monthStartDay } from '$lib/server/metrics/figures.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';

/** Rows shown on the page; the XLSX export has them all. */
const PAGE_ROWS = 500;

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const filters = parseFilters(url.searchParams);
	const rule = url.searchParams.get('rule') || null;
	try {
		validateFilters(filters);
		const db = await getDb();
		const [list, options, startDay] = await Promise.all([nearlyList(db, user, { filters, rule, limit: PAGE_ROWS }), filterOptions(db, user), monthStartDay(db)]);
		return { list, rule, options, today: shanghaiToday(), monthStartDay: startDay };
	} catch (e) {
		if (isUserInputError(e)) error(e.code === 'forbidden' ? 403 : 400, e.message);
		throw e;
	}
};

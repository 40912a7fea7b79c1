// Overview (首页): KPIs with comparisons and the scheme's 红榜/黑榜 (the 单位效能 and bulletin ranking, 预评 while
// flags are pending) rendered on the server (first paint);
// the charts fetch their series as Arrow from /api/metrics/query in the browser.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { overviewScreen } from '$lib/server/screens/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { monthStartDay } from '$lib/server/metrics/figures.ts';
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
	const [ov, options, startDay] = await Promise.all([overviewScreen(db, user, filters, { charts: false }), filterOptions(db, user), monthStartDay(db)]);
	// 热点预警 on the overview for those who act on it (issue 16): inspectors, leaders, admins; fetched by the page
	const showRises = user.role === 'inspector' || user.role === 'leader' || user.role === 'admin';
	return { overview: ov, options, today: shanghaiToday(), monthStartDay: startDay, canSeeCases: canSeeCases(user), showRises };
};

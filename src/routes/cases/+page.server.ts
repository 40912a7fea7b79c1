// Case explorer (案件查询): server-side paginated, sortable list under the same filters as the dashboards.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeePii } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { listCases } from '$lib/server/metrics/cases.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { caseListQueryFrom } from '$lib/server/metrics/request.ts';
import { shanghaiToday } from '$lib/server/time.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const db = await getDb();
	try {
		const [list, options] = await Promise.all([listCases(db, user, caseListQueryFrom(url.searchParams)), filterOptions(db, user)]);
		return { list, options, today: shanghaiToday(), showComplainant: canSeePii(user) };
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
};

// One month's bulletin: the same self-contained article as the PDF and the HTML file (reports/html.ts), with
// the scope chosen in the query string, the neighbouring months and the unit groups and units to choose from.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { bulletinArticle, bulletinData, bulletinMonths, BULLETIN_CSS } from '$lib/server/reports/index.ts';
import { scopeFromQuery, scopeQuery } from '$lib/server/reports/http.ts';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const db = await getDb();
	const scope = scopeFromQuery(url.searchParams);
	let data;
	try {
		data = await bulletinData(db, user, { month: params.month, scope });
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
	const [months, options] = await Promise.all([bulletinMonths(db, user), filterOptions(db, user)]);
	const list = months.map((m) => m.month).sort();
	const i = list.indexOf(params.month);
	return {
		month: params.month,
		title: data.title,
		cases: data.totals.cases,
		scope: data.scope,
		query: scopeQuery(scope),
		article: bulletinArticle(data),
		css: BULLETIN_CSS,
		prevMonth: i > 0 ? list[i - 1] : i < 0 ? (list.filter((m) => m < params.month).pop() ?? null) : null,
		nextMonth: i >= 0 && i < list.length - 1 ? list[i + 1] : i < 0 ? (list.find((m) => m > params.month) ?? null) : null,
		groups: [...new Set(options.units.map((u) => u.group))],
		units: options.units.map((u) => u.name)
	};
};

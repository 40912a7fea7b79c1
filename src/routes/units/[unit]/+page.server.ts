// One unit's page: its place in the ranking (same weights as the units page) and its own case list on the server;
// the charts fetch their series as Arrow with the unit fixed as a filter.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { filterOptions } from '$lib/server/metrics/overview.ts';
import { validateFilters } from '$lib/server/metrics/index.ts';
import { listCases } from '$lib/server/metrics/cases.ts';
import { SCORE_SETTINGS, unitVisible, weightsOrDefault } from '$lib/server/metrics/units.ts';
import { unitRank } from '$lib/server/metrics/ranks.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';
import { parseWeights, viewPeriod } from '$lib/model/dashboards.ts';
import { unitText } from '$lib/i18n/zh/dashboards.ts';

export const load: PageServerLoad = async ({ url, params, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const unit = params.unit;
	const db = await getDb();
	if (!(await unitVisible(db, user, unit))) error(404, unitText.unitNotFound);
	const today = shanghaiToday();
	try {
		const filters = { ...parseFilters(url.searchParams), units: [] };
		validateFilters(filters);
		const weights = parseWeights(url.searchParams, SCORE_SETTINGS.defaults);
		const page = Math.max(1, Math.floor(Number(url.searchParams.get('page') ?? 1)) || 1);
		const [options, mine, list] = await Promise.all([
			filterOptions(db, user),
			// Ranked among every unit of its group, whoever asks (a unit user sees its own place).
			unitRank(db, user, unit, filters, weightsOrDefault(weights), today),
			canSeeCases(user)
				? listCases(db, user, { filters: { ...viewPeriod(filters, today), units: [unit] }, page, pageSize: 20, sort: 'received_at', desc: true })
				: Promise.resolve(null)
		]);
		return {
			unit,
			options,
			today,
			canSeeCases: canSeeCases(user),
			rank: mine ? { rank: mine.rank, list: mine.list, of: mine.of, group: mine.unit_group, score: mine.score } : null,
			list,
			minCases: SCORE_SETTINGS.minCases
		};
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
};

// GET /api/metrics/hotspots/<view>?<filters>[&term=…][&grain=week|month] → JSON of one 热点诉求 view, scoped to
// the user: terms (ranked terms), cases (cases containing ?term=, not for leaders), rises (热点预警), duplicates.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { UserInputError, errorResponse } from '$lib/server/errors.ts';
import { duplicateGroups, hotspotCases, hotspotRises, hotspotTerms, type RiseGrain } from '$lib/server/hotspots/views.ts';
import { parseFilters } from '$lib/model/filters.ts';
import { hotspotErrors } from '$lib/i18n/zh/hotspots.ts';

const VIEWS = ['terms', 'cases', 'rises', 'duplicates'] as const;

export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (!locals.user) return unauthorized();
	const view = params.view as (typeof VIEWS)[number];
	if (!(VIEWS as readonly string[]).includes(view)) return errorResponse(new UserInputError('not_found', hotspotErrors.badView));
	try {
		const db = await getDb();
		const filters = parseFilters(url.searchParams);
		const user = locals.user;
		const body =
			view === 'terms'
				? await hotspotTerms(db, user, filters)
				: view === 'cases'
					? { term: url.searchParams.get('term') ?? '', rows: await hotspotCases(db, user, filters, url.searchParams.get('term') ?? '') }
					: view === 'rises'
						? await hotspotRises(db, user, filters, (url.searchParams.get('grain') ?? 'week') as RiseGrain)
						: await duplicateGroups(db, user, filters);
		return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' } });
	} catch (e) {
		return errorResponse(e);
	}
};

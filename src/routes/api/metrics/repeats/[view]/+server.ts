// GET /api/metrics/repeats/<view>?<filters>&window=90&scope=same|any → Arrow IPC of one repeats view, scoped to the user.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { ARROW_CONTENT_TYPE, rowsToArrow } from '$lib/server/metrics/index.ts';
import { REPEAT_VIEWS, REPEAT_VIEW_COLUMNS, repeatSettings, repeatView, type RepeatView } from '$lib/server/metrics/repeats.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse, UserInputError } from '$lib/server/errors.ts';
import { parseFilters } from '$lib/model/filters.ts';
import { repeatErrors } from '$lib/i18n/zh/dashboards.ts';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (!locals.user) return unauthorized();
	const view = params.view as RepeatView;
	if (!(REPEAT_VIEWS as readonly string[]).includes(view)) return errorResponse(new UserInputError('bad_view', repeatErrors.badView));
	try {
		const db = await getDb();
		const settings = await repeatSettings(db, locals.user, { window: url.searchParams.get('window'), scope: url.searchParams.get('scope') });
		const rows = await repeatView(db, locals.user, view, parseFilters(url.searchParams), settings);
		const { columns, numeric } = REPEAT_VIEW_COLUMNS[view];
		return new Response(rowsToArrow(rows, columns, new Set(numeric)) as BodyInit, {
			headers: { 'content-type': ARROW_CONTENT_TYPE, 'cache-control': 'private, no-store' }
		});
	} catch (e) {
		return errorResponse(e);
	}
};

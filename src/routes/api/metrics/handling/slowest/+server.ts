// GET /api/metrics/handling/slowest?<filters> → Arrow IPC of the slowest open cases (case-level: not for leaders).
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { ARROW_CONTENT_TYPE, rowsToArrow } from '$lib/server/metrics/index.ts';
import { SLOWEST_COLUMNS, SLOWEST_NUMERIC, slowestOpen } from '$lib/server/metrics/handling.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { parseFilters } from '$lib/model/filters.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return unauthorized();
	try {
		const rows = await slowestOpen(await getDb(), locals.user, parseFilters(url.searchParams));
		return new Response(rowsToArrow(rows, [...SLOWEST_COLUMNS], new Set(SLOWEST_NUMERIC)) as BodyInit, {
			headers: { 'content-type': ARROW_CONTENT_TYPE, 'cache-control': 'private, no-store' }
		});
	} catch (e) {
		return errorResponse(e);
	}
};

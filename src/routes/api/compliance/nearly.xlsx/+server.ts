// GET /api/compliance/nearly.xlsx?<dashboard filters>&rule=<id> → the 临期 list as an Excel workbook (scope applied).
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { exportNearlyXlsx, xlsxHeaders } from '$lib/server/reports/deadlines-xlsx.ts';
import { validateFilters } from '$lib/server/metrics/compile.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { parseFilters } from '$lib/model/filters.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return unauthorized();
	try {
		const filters = parseFilters(url.searchParams);
		validateFilters(filters);
		const body = await exportNearlyXlsx(await getDb(), locals.user, filters, url.searchParams.get('rule'));
		return new Response(body, { headers: xlsxHeaders(`nearly-${shanghaiToday()}`, `临期预警-${shanghaiToday()}`) });
	} catch (e) {
		return errorResponse(e);
	}
};

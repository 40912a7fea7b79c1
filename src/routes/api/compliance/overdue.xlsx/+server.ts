// GET /api/compliance/overdue.xlsx?<dashboard filters>&status=open-overdue|breached&rule=<id> → the overdue list
// (超期未办结 and 超期办结) with rule, due moment and working days late, as an Excel workbook (scope applied).
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { exportOverdueXlsx, xlsxHeaders } from '$lib/server/reports/deadlines-xlsx.ts';
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
		const body = await exportOverdueXlsx(await getDb(), locals.user, filters, { status: url.searchParams.get('status'), rule: url.searchParams.get('rule') });
		return new Response(body, { headers: xlsxHeaders(`overdue-${shanghaiToday()}`, `超期清单-${shanghaiToday()}`) });
	} catch (e) {
		return errorResponse(e);
	}
};

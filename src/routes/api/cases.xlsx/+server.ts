// GET /api/cases.xlsx?<filters> → the same case list as the CSV, as an Excel workbook.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { exportCasesXlsx } from '$lib/server/metrics/cases.ts';
import { caseListQueryFrom } from '$lib/server/metrics/request.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { shanghaiToday } from '$lib/server/time.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return unauthorized();
	try {
		const { filters } = caseListQueryFrom(url.searchParams);
		const body = await exportCasesXlsx(await getDb(), locals.user, filters);
		return new Response(body, {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="cases-${shanghaiToday()}.xlsx"; filename*=UTF-8''${encodeURIComponent(`案件-${shanghaiToday()}.xlsx`)}`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		return errorResponse(e);
	}
};

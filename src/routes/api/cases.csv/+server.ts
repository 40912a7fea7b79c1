// GET /api/cases.csv?<filters> → the cases the user may see, UTF-8 with BOM, canonical field names (cli.md).
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { exportCasesCsv } from '$lib/server/metrics/cases.ts';
import { caseListQueryFrom } from '$lib/server/metrics/request.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { shanghaiToday } from '$lib/server/time.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return unauthorized();
	try {
		const { filters } = caseListQueryFrom(url.searchParams);
		const body = await exportCasesCsv(await getDb(), locals.user, filters);
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="cases-${shanghaiToday()}.csv"; filename*=UTF-8''${encodeURIComponent(`案件-${shanghaiToday()}.csv`)}`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		return errorResponse(e);
	}
};

// GET /api/cases?<filters>&page=&size=&sort=&desc= → one page of the case list as JSON (scoped, PII by policy).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { listCases } from '$lib/server/metrics/cases.ts';
import { caseListQueryFrom } from '$lib/server/metrics/request.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse } from '$lib/server/errors.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return unauthorized();
	try {
		return json(await listCases(await getDb(), locals.user, caseListQueryFrom(url.searchParams)));
	} catch (e) {
		return errorResponse(e);
	}
};

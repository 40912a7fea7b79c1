// GET /api/compliance/results?pack&as_of&status&unit&rule&month&page → one page of results with explanations.
// Unit users get their units' rows only; no row carries complainant fields.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { complianceList, parseComplianceQuery, requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		return json(await complianceList(await getDb(), requireUser(locals.user), parseComplianceQuery(url.searchParams)));
	} catch (e) {
		return errorResponse(e);
	}
};

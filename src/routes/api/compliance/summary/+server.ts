// GET /api/compliance/summary?pack&as_of&unit&rule&month → totals and breach rates by unit, rule and month.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { complianceView, parseComplianceQuery, requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const user = requireUser(locals.user);
		return json(await complianceView(await getDb(), user, parseComplianceQuery(url.searchParams)));
	} catch (e) {
		return errorResponse(e);
	}
};

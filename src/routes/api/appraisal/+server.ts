// GET /api/appraisal?year&pack&by → the ranked list of the year with tiers and tier reasons (no evidence).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { appraisalList, parseAppraisalQuery } from '$lib/server/screens/appraisal.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		return json(await appraisalList(await getDb(), requireUser(locals.user), parseAppraisalQuery(url.searchParams)));
	} catch (e) {
		return errorResponse(e);
	}
};

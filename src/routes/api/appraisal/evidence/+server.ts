// GET /api/appraisal/evidence?year&pack&unit[&person] → the cases and rules behind one row of the list.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { groupEvidence, parseAppraisalQuery } from '$lib/server/screens/appraisal.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		return json(await groupEvidence(await getDb(), requireUser(locals.user), parseAppraisalQuery(url.searchParams)));
	} catch (e) {
		return errorResponse(e);
	}
};

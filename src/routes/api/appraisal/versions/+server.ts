// GET /api/appraisal/versions?year&pack&by[&version] → the published versions of a year's list and one of them (the
// newest by default) with what changed against the version before it;
// POST /api/appraisal/versions {year, pack?, by?, note?} → publishes the list as the next version (inspector, leader,
// admin; audited).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { parseAppraisalQuery, publishScreen, versionsScreen } from '$lib/server/screens/appraisal.ts';
import { reviewBody } from '$lib/server/screens/review.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		return json(await versionsScreen(await getDb(), requireUser(locals.user), parseAppraisalQuery(url.searchParams)));
	} catch (e) {
		return errorResponse(e);
	}
};

export const POST: RequestHandler = async (event) => {
	try {
		const user = requireUser(event.locals.user);
		return json(await publishScreen(await getDb(), user, await reviewBody(event.request), event.locals.clientAddress));
	} catch (e) {
		return errorResponse(e);
	}
};

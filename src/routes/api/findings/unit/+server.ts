// GET /api/findings/unit → the findings about the caller's units (told of, or approved), no complainant identity;
// POST /api/findings/unit {finding_id, explanation} → the unit's one written explanation (情况说明).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { reviewBody, unitExplain, unitFindingsAnswer } from '$lib/server/screens/review.ts';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		return json(await unitFindingsAnswer(await getDb(), requireUser(locals.user)));
	} catch (e) {
		return errorResponse(e);
	}
};

export const POST: RequestHandler = async (event) => {
	try {
		const user = requireUser(event.locals.user);
		return json(await unitExplain(await getDb(), user, await reviewBody(event.request), event.locals.clientAddress));
	} catch (e) {
		return errorResponse(e);
	}
};

// GET /api/findings/unit → the findings about the caller's units (told of, or approved), no complainant identity;
// POST /api/findings/unit {finding_id, explanation} → the unit's one written explanation (情况说明).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { UserInputError, errorResponse } from '$lib/server/errors.ts';
import { unitExplain, unitFindingsAnswer } from '$lib/server/screens/review.ts';
import { reviewApiText } from '$lib/i18n/zh/appraisal.ts';

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
		const body = await event.request.json().catch(() => {
			throw new UserInputError('bad_request', reviewApiText.badJson);
		});
		return json(await unitExplain(await getDb(), user, body, event.locals.clientAddress));
	} catch (e) {
		return errorResponse(e);
	}
};

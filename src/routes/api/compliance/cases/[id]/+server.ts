// GET /api/compliance/cases/:id?pack (default: the deployment's default pack) → every rule's clock of the case, the calendar days they span, pauses.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { caseTimeline, requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';

export const GET: RequestHandler = async ({ url, params, locals }) => {
	try {
		return json(await caseTimeline(await getDb(), requireUser(locals.user), params.id, url.searchParams.get('pack')));
	} catch (e) {
		return errorResponse(e);
	}
};

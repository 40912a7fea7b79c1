// GET /api/findings?year&pack&unit&rule&status → the review queue with the steps each flag allows the caller;
// POST /api/findings {action: propose|approve|unapprove|withdraw|notify, …} → one step of the review (audited).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { reviewAction, reviewBody, reviewQueue } from '$lib/server/screens/review.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		return json(await reviewQueue(await getDb(), requireUser(locals.user), url.searchParams));
	} catch (e) {
		return errorResponse(e);
	}
};

export const POST: RequestHandler = async (event) => {
	try {
		const user = requireUser(event.locals.user);
		return json(await reviewAction(await getDb(), user, await reviewBody(event.request), event.locals.clientAddress));
	} catch (e) {
		return errorResponse(e);
	}
};

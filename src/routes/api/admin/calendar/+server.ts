// GET /api/admin/calendar → years in use (official/provisional, source notice) and every loaded notice.
// POST /api/admin/calendar (JSON notice) → validate, load, recompute every pack; errors name the field.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { UserInputError } from '$lib/server/errors.ts';
import { apiText } from '$lib/i18n/zh/compliance-ui.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { calendarOverview, uploadCalendarYear } from '$lib/server/admin/calendar.ts';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		requireUser(locals.user);
		return json(await calendarOverview(await getDb()));
	} catch (e) {
		return errorResponse(e);
	}
};

export const POST: RequestHandler = async (event) => {
	try {
		const user = requireUser(event.locals.user);
		let body: unknown;
		try {
			body = await event.request.json();
		} catch {
			throw new UserInputError('bad_json', apiText.badJsonBody);
		}
		return json(await uploadCalendarYear(await getDb(), user, body, event.locals.clientAddress));
	} catch (e) {
		return errorResponse(e);
	}
};

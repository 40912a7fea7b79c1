// POST /api/cases/:id/typical {typical: boolean, summary?: string} → marks or unmarks a 典型案例 (admin, analyst).
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { setTypical } from '$lib/server/metrics/cases.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse, UserInputError } from '$lib/server/errors.ts';
import { errors } from '$lib/i18n/zh/metrics.ts';

const body = z.object({ typical: z.boolean(), summary: z.string().max(2000).nullable().optional() }).strict();

export const POST: RequestHandler = async ({ params, request, locals }) => {
	if (!locals.user) return unauthorized();
	const parsed = body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return errorResponse(new UserInputError('bad_request', errors.badSpec));
	try {
		return json(await setTypical(await getDb(), locals.user, params.id, parsed.data.typical, parsed.data.summary ?? null));
	} catch (e) {
		return errorResponse(e);
	}
};

// GET /api/metrics/catalog → the declared measures and dimensions with their Chinese labels and formats (no SQL).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { catalogMeta } from '$lib/server/metrics/index.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';

export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) return unauthorized();
	return json(catalogMeta());
};

// POST {headers, profile?}: the proposed mapping of canonical fields to the file's headers.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { proposeMapping } from '$lib/server/ingest';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { ApiError, handle, readJson, requireImporter } from '../http';

const Propose = z.object({
	headers: z.array(z.string().max(500)).min(1).max(2000),
	profile: z.string().min(1).max(200).optional()
});

export const POST: RequestHandler = ({ request, locals }) =>
	handle(async () => {
		requireImporter(locals.user);
		const parsed = Propose.safeParse(await readJson(request));
		if (!parsed.success) throw new ApiError(400, 'bad_request', t.apiHeadersNeeded);
		return json(await proposeMapping(parsed.data.headers, { profile: parsed.data.profile }));
	});

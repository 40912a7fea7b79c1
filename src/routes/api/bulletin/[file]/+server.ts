// GET /api/bulletin/2026-10.pdf (.docx, .html) [?group=… | ?unit=…]: the bulletin as a file; every download is audited.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse, UserInputError } from '$lib/server/errors.ts';
import { BULLETIN_FORMATS, type BulletinFormat } from '$lib/server/reports/index.ts';
import { bulletinDownload, scopeFromQuery } from '$lib/server/reports/http.ts';
import { BULLETIN } from '$lib/i18n/zh/bulletin.ts';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const user = locals.user;
	if (!user) return unauthorized();
	const m = /^(\d{4}-\d{2})\.([a-z]+)$/.exec(params.file);
	if (!m || !(BULLETIN_FORMATS as readonly string[]).includes(m[2])) return errorResponse(new UserInputError('not_found', BULLETIN.errors.badOut(params.file)));
	try {
		return await bulletinDownload(await getDb(), user, m[1], m[2] as BulletinFormat, scopeFromQuery(url.searchParams), locals.clientAddress);
	} catch (e) {
		return errorResponse(e);
	}
};

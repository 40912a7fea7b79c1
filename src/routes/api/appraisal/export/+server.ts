// GET /api/appraisal/export?year&pack&by&format=xlsx|csv → the appraisal file with its evidence (audited export).
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { requireUser } from '$lib/server/screens/compliance.ts';
import { errorResponse } from '$lib/server/errors.ts';
import { exportAppraisal, parseAppraisalQuery } from '$lib/server/screens/appraisal.ts';

export const GET: RequestHandler = async (event) => {
	try {
		const user = requireUser(event.locals.user);
		const file = await exportAppraisal(await getDb(), user, parseAppraisalQuery(event.url.searchParams), event.locals.clientAddress);
		const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_');
		return new Response(new Uint8Array(file.body), {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		return errorResponse(e);
	}
};

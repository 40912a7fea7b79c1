// GET /api/metrics/query?spec=<JSON query spec> → Arrow IPC stream of the metric rows (scoped to the user).
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { ARROW_CONTENT_TYPE, metricsToArrow, runMetrics, validateSpec } from '$lib/server/metrics/index.ts';
import { unauthorized } from '$lib/server/metrics/http.ts';
import { errorResponse, UserInputError } from '$lib/server/errors.ts';
import { errors } from '$lib/i18n/zh/metrics.ts';
import { ensureHotspots } from '$lib/server/hotspots/build.ts';

export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return unauthorized();
	let input: unknown;
	try {
		input = JSON.parse(url.searchParams.get('spec') ?? '');
	} catch {
		return errorResponse(new UserInputError('bad_spec', errors.badSpec));
	}
	try {
		const spec = validateSpec(input);
		const db = await getDb();
		// 集中诉求占比 is read from the hot-spot build's groups: regroup first if cases changed since (else it reads null)
		if (spec.measures.includes('concentrated_rate')) await ensureHotspots(db);
		const rows = await runMetrics(db, spec, locals.user);
		return new Response(metricsToArrow(rows, spec) as BodyInit, {
			headers: { 'content-type': ARROW_CONTENT_TYPE, 'cache-control': 'private, no-store' }
		});
	} catch (e) {
		return errorResponse(e);
	}
};

// GET one batch's report with its first rejected rows (the CSV download has all of them).
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { UserInputError } from '$lib/server/errors';
import { handle, requireImporter } from '../../http';
import { batchDetail } from '../../views';

export const GET: RequestHandler = ({ params, locals }) =>
	handle(async () => {
		requireImporter(locals.user);
		const batchId = Number(params.id);
		if (!Number.isSafeInteger(batchId) || batchId <= 0) throw new UserInputError('batch_gone', t.apiBatchGone);
		const detail = await batchDetail(await getDb(), batchId);
		if (!detail) throw new UserInputError('batch_gone', t.apiBatchGone);
		return json(detail, { headers: { 'cache-control': 'no-store' } });
	});

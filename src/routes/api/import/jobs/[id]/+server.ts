// GET an import job's phase, progress and, when finished, its batch report or error.
import { json } from '@sveltejs/kit';
import { getJob } from '$lib/server/ingest/jobs';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { UserInputError } from '$lib/server/errors';
import { handle, requireImporter } from '../../http';

export const GET: RequestHandler = ({ params, locals }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		const job = getJob(params.id, user);
		if (!job) throw new UserInputError('job_gone', t.apiJobGone);
		return json(job, { headers: { 'cache-control': 'no-store' } });
	});

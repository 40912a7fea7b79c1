// POST {uploadId, map?, profile?, encoding?}: queues the import of an uploaded file; 202 with the job to poll.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { getUpload, startImportJob } from '$lib/server/ingest/jobs';
import { CANONICAL_FIELDS } from '$lib/server/ingest/types';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { ApiError, handle, readJson, requireImporter } from '../http';

const StartJob = z.object({
	uploadId: z.string().min(1).max(100),
	map: z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().min(1).max(500)).optional(),
	constants: z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().trim().min(1).max(500)).optional(),
	profile: z.string().min(1).max(200).optional(),
	encoding: z.enum(['auto', 'utf-8', 'gb18030']).optional()
});

export const POST: RequestHandler = ({ request, locals, getClientAddress }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		const parsed = StartJob.safeParse(await readJson(request));
		if (!parsed.success) throw new ApiError(400, 'bad_request', t.apiBadRequest);
		const upload = getUpload(parsed.data.uploadId, user);
		if (!upload) throw new ApiError(404, 'upload_gone', t.apiUploadGone);
		const job = startImportJob(await getDb(), upload, {
			map: parsed.data.map,
			constants: parsed.data.constants,
			profile: parsed.data.profile,
			encoding: parsed.data.encoding,
			user,
			ip: getClientAddress()
		});
		return json(job, { status: 202 });
	});

// POST {uploadId, map?, constants?, publicColumns?, profile?, encoding?}: queues the import of an uploaded file; 202 with the job to poll.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { getUpload, startImportJob } from '$lib/server/ingest/jobs';
import { refreshAfterUpload } from '$lib/server/refresh.ts';
import { savedProfile } from '$lib/server/ingest/profiles';
import { CANONICAL_FIELDS } from '$lib/server/ingest/types';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { UserInputError } from '$lib/server/errors';
import { handle, readJson, requireImporter } from '../http';

const StartJob = z.object({
	uploadId: z.string().min(1).max(100),
	map: z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().min(1).max(500)).optional(),
	constants: z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().trim().min(1).max(500)).optional(),
	/** Kept columns marked 不含个人信息 (each must be a kept column of the file: the import refuses others). */
	publicColumns: z.array(z.string().min(1).max(500)).max(2000).optional(),
	profile: z.string().min(1).max(60).optional(),
	encoding: z.enum(['auto', 'utf-8', 'gb18030']).optional()
});

export const POST: RequestHandler = ({ request, locals }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		const parsed = StartJob.safeParse(await readJson(request));
		if (!parsed.success) throw new UserInputError('bad_request', t.apiBadRequest);
		const upload = getUpload(parsed.data.uploadId, user);
		if (!upload) throw new UserInputError('upload_gone', t.apiUploadGone);
		const job = startImportJob(await getDb(), upload, {
			map: parsed.data.map,
			constants: parsed.data.constants,
			publicColumns: parsed.data.publicColumns,
			// A saved profile's name, never a path.
			profile: parsed.data.profile === undefined ? undefined : savedProfile(parsed.data.profile),
			encoding: parsed.data.encoding,
			user,
			ip: locals.clientAddress ?? undefined,
			afterImport: refreshAfterUpload
		});
		return json(job, { status: 202 });
	});

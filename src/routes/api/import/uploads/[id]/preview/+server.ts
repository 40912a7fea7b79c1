// GET the first rows of an uploaded XLSX (CSV previews are parsed in the browser's worker instead).
import { json } from '@sveltejs/kit';
import { getUpload, previewXlsx } from '$lib/server/ingest/jobs';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { UserInputError } from '$lib/server/errors';
import { handle, requireImporter } from '../../../http';

export const GET: RequestHandler = ({ params, locals }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		const upload = getUpload(params.id, user);
		if (!upload) throw new UserInputError('upload_gone', t.apiUploadGone);
		if (upload.kind !== 'xlsx') throw new UserInputError('bad_request', t.apiBadRequest);
		return json(await previewXlsx(upload));
	});

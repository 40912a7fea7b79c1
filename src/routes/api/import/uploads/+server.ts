// POST the raw file (Content-Type application/octet-stream, ?name=<file name>): streamed to a temp file.
import { json } from '@sveltejs/kit';
import { receiveUpload } from '$lib/server/ingest/jobs';
import type { RequestHandler } from './$types';
import { handle, requireImporter } from '../http';

export const POST: RequestHandler = ({ request, url, locals }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		const declared = request.headers.get('content-length');
		const upload = await receiveUpload(request.body, {
			fileName: url.searchParams.get('name') ?? '',
			owner: user.name,
			declaredBytes: declared !== null && declared !== '' ? Number(declared) : undefined
		});
		return json({ uploadId: upload.id, fileName: upload.fileName, bytes: upload.bytes, kind: upload.kind }, { status: 201 });
	});

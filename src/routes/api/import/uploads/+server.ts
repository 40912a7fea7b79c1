// POST the raw file (Content-Type application/octet-stream, ?name=<file name>): streamed to a temp file.
import { json } from '@sveltejs/kit';
import { receiveUpload } from '$lib/server/ingest/jobs';
import type { RequestHandler } from './$types';
import { handle, requireImporter } from '../http';

export const POST: RequestHandler = ({ request, url, locals }) =>
	closeOnRefusal(async () => {
		const user = requireImporter(locals.user);
		const declared = request.headers.get('content-length');
		const upload = await receiveUpload(request.body, {
			fileName: url.searchParams.get('name') ?? '',
			owner: user.name,
			declaredBytes: declared !== null && declared !== '' ? Number(declared) : undefined
		});
		return json({ uploadId: upload.id, fileName: upload.fileName, bytes: upload.bytes, kind: upload.kind }, { status: 201 });
	});

/** A refused upload is answered with its JSON error and the connection closed: the unread rest is dropped, not read. */
async function closeOnRefusal(fn: () => Promise<Response>): Promise<Response> {
	const res = await handle(fn);
	if (!res.ok) res.headers.set('connection', 'close');
	return res;
}

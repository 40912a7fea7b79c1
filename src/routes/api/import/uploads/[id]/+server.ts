// DELETE an upload the analyst replaced with another file before importing it.
import { discardUpload, getUpload } from '$lib/server/ingest/jobs';
import type { RequestHandler } from './$types';
import { handle, requireImporter } from '../../http';

export const DELETE: RequestHandler = ({ params, locals }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		if (getUpload(params.id, user)) discardUpload(params.id);
		return new Response(null, { status: 204 });
	});

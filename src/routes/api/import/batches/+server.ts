// GET the import batches, newest first, with their row accounting.
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';
import { handle, requireImporter } from '../http';
import { batchViews } from '../views';

export const GET: RequestHandler = ({ locals }) =>
	handle(async () => {
		requireImporter(locals.user);
		return json(await batchViews(await getDb()), { headers: { 'cache-control': 'no-store' } });
	});

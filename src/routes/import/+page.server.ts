// The import page: previous batches and saved mapping profiles for the first paint.
import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';
import { batchViews, profileViews } from '../api/import/views';
import { requireImporter } from '../api/import/http';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	// The hook already guards /import by role; a null user here must never see the page either.
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	try {
		requireImporter(locals.user);
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
	const db = await getDb();
	return { batches: await batchViews(db), profiles: profileViews() };
};

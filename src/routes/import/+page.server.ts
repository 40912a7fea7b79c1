// The import page: previous batches and saved mapping profiles for the first paint.
import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { t } from '$lib/i18n/zh/import';
import type { PageServerLoad } from './$types';
import { batchViews, profileViews } from '../api/import/views';

export const load: PageServerLoad = async ({ locals, url }) => {
	// The hook already guards /import by role; a null user here must never see the page either.
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (locals.user.role !== 'admin' && locals.user.role !== 'analyst') error(403, t.apiForbidden);
	const db = await getDb();
	return { batches: await batchViews(db), profiles: profileViews() };
};

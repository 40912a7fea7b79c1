// One case's clocks against the calendar under a pack (default: the deployment's), as of the pack's last run.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { caseTimeline, packChoices } from '$lib/server/screens/compliance.ts';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	try {
		const db = await getDb();
		const timeline = await caseTimeline(db, user, params.id, url.searchParams.get('pack'));
		const packs = await packChoices(db);
		return { timeline, packs, pack: timeline.pack, defaultPack: packs.find((p) => p.default)?.name ?? timeline.pack };
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
};

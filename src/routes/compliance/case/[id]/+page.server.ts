// One case's clocks against the calendar under a pack (default county-efficiency), as of the pack's last run.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { DEFAULT_PACK } from '$lib/server/compliance/index.ts';
import { caseTimeline, errorStatus, packChoices } from '../../../api/compliance/service.ts';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const pack = url.searchParams.get('pack') || DEFAULT_PACK;
	try {
		return { timeline: await caseTimeline(await getDb(), user, params.id, pack), packs: packChoices(), pack };
	} catch (e) {
		if (isUserInputError(e)) error(errorStatus(e), e.message);
		throw e;
	}
};

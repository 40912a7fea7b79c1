// 时限合规: the URL's parameters are checked here (a bad link answers 400 at once) and the pickers filled;
// the summary and the flagged list are fetched by the page from /api/compliance/* (skeletons meanwhile).
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { getDb } from '$lib/server/db/index.ts';
import { packChoices, packOf, parseComplianceQuery } from '$lib/server/screens/compliance.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	try {
		const db = await getDb();
		const query = parseComplianceQuery(url.searchParams);
		const pack = await packOf(db, query.pack);
		const rules = pack.rules.map((r) => ({ id: r.id, title: r.title }));
		return { query: { ...query, pack: pack.name }, rules, today: shanghaiToday(), packs: await packChoices(db), isAdmin: user.role === 'admin' };
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
};

// 年度考核: the parameters are checked and the pickers filled here; the page fetches the ranked list from
// /api/appraisal (it may evaluate the pack first) and each row's evidence from /api/appraisal/evidence.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { packChoices, packOf } from '$lib/server/screens/compliance.ts';
import { appraisalYears, parseAppraisalQuery } from '$lib/server/screens/appraisal.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const db = await getDb();
	let query;
	let pack;
	try {
		query = parseAppraisalQuery(url.searchParams);
		pack = await packOf(db, query.pack);
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
	const by = query.by ?? pack.appraisal?.by ?? 'unit';
	return {
		query: { year: query.year, pack: pack.name, by },
		years: await appraisalYears(db),
		packs: await packChoices(db),
		packInfo: {
			title: pack.title,
			description: pack.appraisal?.description ?? null,
			hasTiers: Boolean(pack.appraisal),
			tiers: pack.appraisal ? [...pack.appraisal.tiers.map((t) => t.tier), pack.appraisal.otherwise.tier] : [],
			otherwise: pack.appraisal?.otherwise.tier ?? null
		},
		canDrill: canSeeCases(user)
	};
};

// 年度考核: the parameters are checked and the pickers filled here; the page fetches the ranked list from
// /api/appraisal (it may evaluate the pack first) and each row's evidence from /api/appraisal/evidence.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canSeeCases } from '$lib/server/auth/scope.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { packChoices, packOf } from '$lib/server/screens/compliance.ts';
import { appraisalYears, parseAppraisalQuery } from '$lib/server/screens/appraisal.ts';
import { loadScheme } from '$lib/server/appraisal/scheme.ts';

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
	// units are tiered by the scheme (best first), persons by the pack's ladder (severest first, then "otherwise")
	const scheme = loadScheme();
	const unitTiers = scheme.units.tiers.map((b) => b.tier);
	return {
		query: { year: query.year, pack: pack.name, by },
		years: await appraisalYears(db),
		packs: await packChoices(db),
		packInfo: {
			title: pack.title,
			description: pack.appraisal?.description ?? null,
			hasTiers: by === 'unit' || Boolean(pack.appraisal),
			tiers: by === 'unit' ? unitTiers : pack.appraisal ? [...pack.appraisal.tiers.map((t) => t.tier), pack.appraisal.otherwise.tier] : [],
			otherwise: by === 'unit' ? unitTiers[0] : (pack.appraisal?.otherwise.tier ?? null),
			scheme: { name: scheme.name, title: scheme.title, version: scheme.version, countBy: scheme.count_by, deductFindings: scheme.units.deduct_findings, minCases: scheme.units.min_cases, weightsNote: scheme.units.weights_note ?? null }
		},
		canDrill: canSeeCases(user)
	};
};

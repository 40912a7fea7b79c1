// 时限合规: the pack and as-of pickers come at once; the summary and the flagged list stream in (the first
// request after new data or another as-of day evaluates the pack), so the page shows skeletons meanwhile.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { shanghaiToday } from '$lib/server/time.ts';
import { complianceList, complianceView, errorStatus, packChoices, packOf, parseComplianceQuery } from '../api/compliance/service.ts';

type Failure = { error: string };

function settle<T>(p: Promise<T>): Promise<T | Failure> {
	return p.catch((e) => {
		if (isUserInputError(e)) return { error: e.message };
		console.error('compliance page', e);
		return { error: '服务器内部错误' };
	});
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	let query;
	try {
		query = parseComplianceQuery(url.searchParams);
		packOf(query.pack);
	} catch (e) {
		if (isUserInputError(e)) error(errorStatus(e), e.message);
		throw e;
	}
	const db = await getDb();
	return {
		query,
		today: shanghaiToday(),
		packs: packChoices(),
		isAdmin: user.role === 'admin',
		isUnit: user.role === 'unit',
		view: settle(complianceView(db, user, query)),
		list: settle(complianceList(db, user, query))
	};
};

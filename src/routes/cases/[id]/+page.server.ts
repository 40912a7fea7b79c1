// One case: every field the user may see, its history across imports, its deadline clocks, the 典型案例 mark.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { getCase } from '$lib/server/metrics/cases.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { ui } from '$lib/i18n/zh/metrics.ts';

export const load: PageServerLoad = async ({ params, locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	try {
		const detail = await getCase(await getDb(), user, params.id);
		if (!detail) error(404, ui.notFound);
		return { detail, canMarkTypical: user.role === 'admin' || user.role === 'analyst' };
	} catch (e) {
		if (isUserInputError(e)) error(httpStatus(e), e.message);
		throw e;
	}
};

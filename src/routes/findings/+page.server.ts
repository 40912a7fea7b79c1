// 单位：被告知的问题认定建议（本单位的，不含投诉人信息）与一次书面情况说明。Unit users only (policy).
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { isUserInputError } from '$lib/server/errors.ts';
import { explain, unitFindings } from '$lib/server/appraisal/review.ts';
import { reviewText } from '$lib/i18n/zh/appraisal.ts';

export const load: PageServerLoad = async ({ locals }) => {
	return { findings: await unitFindings(await getDb(), locals.user!) };
};

export const actions: Actions = {
	explain: async (event) => {
		const data = await event.request.formData();
		try {
			await explain(await getDb(), event.locals.user!, Number(data.get('id')), String(data.get('explanation') ?? ''), event.locals.clientAddress);
			return { ok: true as const, message: reviewText.unitPage.submitted };
		} catch (e) {
			if (isUserInputError(e)) return fail(400, { ok: false as const, message: e.message });
			throw e;
		}
	}
};

// 月度通报 index: the months that have cases, newest first, each with its page and downloads.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { bulletinMonths } from '$lib/server/reports/index.ts';
import { shanghaiToday } from '$lib/server/time.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user) error(401, '请先登录');
	const months = await bulletinMonths(await getDb(), user);
	return { months, currentMonth: shanghaiToday().slice(0, 7) };
};

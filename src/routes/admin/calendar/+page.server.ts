// 日历管理 (admin): the calendar years in use and the notices loaded; the upload goes to /api/admin/calendar.
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { calendarOverview } from '$lib/server/admin/calendar.ts';

export const load: PageServerLoad = async () => {
	return { overview: await calendarOverview(await getDb()) };
};

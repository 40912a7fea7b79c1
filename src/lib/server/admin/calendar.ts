// Server side of the calendar admin screen: which years the data uses and whether each is official
// (with its State Council notice) or provisional; loading a new year's notice (validated by the calendar
// module, results recomputed) with an audit entry.
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { audit } from '../auth/audit.ts';
import { shanghaiToday } from '../time.ts';
import { ForbiddenError } from '../errors.ts';
import { calendarUi } from '../../i18n/zh/compliance-ui.ts';
import { calendarYear, listCalendarNotices, syncCalendar } from '../calendar/index.ts';
import { importCalendarYear } from '../compliance/calendar.ts';

export interface YearInUse {
	year: number;
	official: boolean;
	source: string | null;
	holidays: number;
	makeup_workdays: number;
	workdays: number;
	origin: string | null;
	loaded_by: string | null;
	loaded_at: string | null;
}

/** The years from the first case to the year after today (or after the last case), newest first, and every notice. */
export async function calendarOverview(db: Database) {
	const { version } = await syncCalendar(db);
	const notices = await listCalendarNotices(db);
	const range = await db.queryOne<{ lo: number | null; hi: number | null }>(
		'SELECT CAST(min(year(received_at)) AS INTEGER) AS lo, CAST(max(year(received_at)) AS INTEGER) AS hi FROM cases'
	);
	const thisYear = Number(shanghaiToday().slice(0, 4));
	const lo = Math.min(range?.lo ?? thisYear, thisYear);
	const hi = Math.max(range?.hi ?? thisYear, thisYear) + 1;
	const byYear = new Map(notices.map((n) => [Number(n.year), n]));
	const years: YearInUse[] = [];
	for (let y = hi; y >= lo; y--) {
		const s = await calendarYear(db, y);
		const n = byYear.get(y);
		years.push({
			year: y,
			official: s.official,
			source: n?.source ?? s.source,
			holidays: s.holidays,
			makeup_workdays: s.makeup_workdays,
			workdays: s.workdays,
			origin: n?.origin ?? null,
			loaded_by: n?.loaded_by ?? null,
			loaded_at: n?.loaded_at ?? null
		});
	}
	return {
		version,
		years,
		notices: notices.map((n) => ({ ...n, year: Number(n.year) })).sort((a, b) => b.year - a.year)
	};
}

/** Loads one year's notice (the JSON of data/calendar/YYYY.json) and recomputes every pack's results. */
export async function uploadCalendarYear(db: Database, user: SessionUser, json: unknown, ip: string | null) {
	if (user.role !== 'admin') throw new ForbiddenError(calendarUi.adminOnly);
	const result = await importCalendarYear(db, json, { by: user.name });
	await audit(db, { user, action: 'calendar_import', target: String(result.year), detail: { version: result.version, recomputed: result.recomputed }, ip });
	return result;
}

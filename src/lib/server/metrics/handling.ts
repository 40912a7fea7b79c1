// Handling time (product.md 2.1): the distributions, medians and trends come from the declared measures through
// runMetrics (specs in model/dashboards.ts); this module adds the case-level list of the slowest open cases.
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases } from '../auth/scope.ts';
import { ForbiddenError } from '../errors.ts';
import { shanghaiNow } from '../time.ts';
import type { FilterState } from '../../model/filters.ts';
import { viewPeriod } from '../../model/dashboards.ts';
import { handlingErrors } from '../../i18n/zh/dashboards.ts';
import { compileWhere, validateFilters } from './compile.ts';
import { cachedQuery } from './query.ts';

export const SLOWEST_LIMIT = 20;

export const SLOWEST_COLUMNS = ['case_id', 'received_at', 'unit', 'category', 'handling_mode', 'overdue_open', 'open_work_days', 'open_hours'] as const;
export const SLOWEST_NUMERIC = ['overdue_open', 'open_work_days', 'open_hours'] as const;

/**
 * The open (not closed) cases that have waited longest, with the working days and hours since receipt up to now.
 * Case-level: refused to leaders; unit users see their units only (compileWhere).
 */
export async function slowestOpen(db: Database, user: SessionUser, filtersIn: FilterState, limit = SLOWEST_LIMIT, now = shanghaiNow()): Promise<Row[]> {
	if (!canSeeCases(user)) throw new ForbiddenError(handlingErrors.slowestForbidden);
	const filters = validateFilters(viewPeriod(filtersIn, now.slice(0, 10)));
	const where = compileWhere(filters, user);
	// Elapsed time only grows with age, so the oldest receipts are the slowest: cut on the narrow table first.
	// "now" to the minute, so that answers within a minute share the cache.
	const minute = now.slice(0, 16) + ':00';
	const rows = await cachedQuery(
		db,
		/* sql */ `
		SELECT o.case_id, strftime(o.received_at, '%Y-%m-%d %H:%M') AS received_at, o.unit, o.category, o.handling_mode,
			CASE WHEN o.overdue_open THEN 1 ELSE 0 END AS overdue_open,
			coalesce(ct.workday_index - cs.workday_index, date_diff('day', o.received_date, $sl_now::TIMESTAMP::DATE))::INTEGER AS open_work_days,
			(date_diff('second', o.received_at, $sl_now::TIMESTAMP) / 3600.0)::DOUBLE AS open_hours
		FROM (
			SELECT f.case_id, f.received_at, f.received_date, f.unit, f.category, f.handling_mode, f.overdue_open
			FROM case_facts f WHERE ${where.sql} AND NOT f.closed
			ORDER BY f.received_at, f.case_id LIMIT $sl_limit
		) o
		LEFT JOIN calendar_days cs ON cs.day = o.received_date
		LEFT JOIN calendar_days ct ON ct.day = $sl_now::TIMESTAMP::DATE
		ORDER BY o.received_at, o.case_id`,
		{ ...where.params, sl_now: minute, sl_limit: Math.min(Math.max(Math.floor(limit), 1), 200) }
	);
	return rows.map((r) => ({
		...r,
		overdue_open: Number(r.overdue_open),
		open_work_days: r.open_work_days === null ? null : Number(r.open_work_days),
		open_hours: r.open_hours === null ? null : Number(r.open_hours)
	}));
}

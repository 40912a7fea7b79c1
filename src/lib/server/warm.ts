// Start-up warming: the overview's default view (its KPIs, rankings, charts, filter options and 热点预警) computed once
// before the server listens, as an all-units user without the PII grant sees it. Why: the first request after a start
// otherwise pays for loading the server code, V8 compiling it and DuckDB reading the tables from disk (0.9 s more
// than warm at 1,000,000 cases); the results also land in the metrics layer's cache under the data version, where the
// first inspector, leader or admin who opens the overview finds them, as any later request would have.
import type { Database } from './db/index.ts';
import type { SessionUser } from './auth/types.ts';
import { filterOptions } from './metrics/overview.ts';
import { overviewScreen } from './screens/overview.ts';
import { monthStartDay } from './metrics/figures.ts';
import { hotspotRises } from './hotspots/views.ts';
import { parseFilters, writeFilters } from '../model/filters.ts';

/** The scope warmed: every unit, no complainant identity (the query text is the same for those roles). */
const WARM_USER: SessionUser = { userId: 0, name: 'start-up', displayName: null, role: 'inspector', units: [], pii: false };

/** Runs the default overview's queries once; returns the seconds it took. */
export async function warmDefaultViews(db: Database): Promise<number> {
	const started = performance.now();
	const filters = parseFilters(new URLSearchParams());
	const [ov] = await Promise.all([overviewScreen(db, WARM_USER, filters, { charts: true }), filterOptions(db, WARM_USER), monthStartDay(db)]);
	// The overview's 热点预警 panel asks for the period's rises by week, as the page writes its filters.
	const periodFilters = parseFilters(writeFilters({ ...filters, ...ov.period, month: undefined }));
	await hotspotRises(db, WARM_USER, periodFilters, 'week');
	return (performance.now() - started) / 1000;
}

// Start-up warming: the default view of every page the menu offers an all-units user without the PII grant — the
// overview, 办理时长, 重复投诉, 单位效能, 时限合规, 热点诉求 and 月度通报 (its index and the last complete month's
// bulletin) — computed once before the server listens, through the same functions and with the same arguments as
// those pages' server loads and data requests. Why: the first request after a start otherwise pays for DuckDB
// reading the tables from disk and for every query of the page (0.9 s more than warm for the overview alone at
// 1,000,000 cases; 月度通报's last month 10–25 s at 1,000,000 cases on a busy machine); the results land in the metrics layer's
// cache under the data version, where the first inspector, leader or admin who opens the page finds them, as any
// later request would have. The route modules themselves are loaded by hooks.server.ts before this runs.
import type { Database } from './db/index.ts';
import type { SessionUser } from './auth/types.ts';
import { filterOptions } from './metrics/overview.ts';
import { overviewScreen } from './screens/overview.ts';
import { unitsScreen } from './screens/units.ts';
import { complianceList, complianceView, parseComplianceQuery } from './screens/compliance.ts';
import { monthStartDay } from './metrics/figures.ts';
import { runMetrics } from './metrics/query.ts';
import { repeatWindowDays } from './metrics/facts.ts';
import { slowestOpen } from './metrics/handling.ts';
import { repeatSettings, repeatView, type RepeatView } from './metrics/repeats.ts';
import { duplicateGroups, hotspotRises, hotspotTerms } from './hotspots/views.ts';
import { bulletinData, bulletinMonths } from './reports/bulletin.ts';
import { shanghaiToday } from './time.ts';
import { parseFilters, writeFilters } from '../model/filters.ts';
import { handlingSpecs, heatmapSpec, unitRankingSpec } from '../model/dashboards.ts';

/** The scope warmed: every unit, no complainant identity (the query text is the same for those roles). */
const WARM_USER: SessionUser = { userId: 0, name: 'start-up', displayName: null, role: 'inspector', units: [], pii: false };

/** The views the 重复投诉 page asks for at its default category level (一级分类). */
const REPEAT_DEFAULT_VIEWS: RepeatView[] = ['summary', 'by_unit', 'by_category', 'trend', 'gaps', 'matters', 'chains'];

/** The month before today's (Shanghai): the last complete month, the bulletin most likely to be opened and downloaded. */
export function lastCompleteMonth(today = shanghaiToday()): string {
	const [y, m] = today.split('-').map(Number);
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Each page's default view, by the menu's path: what its server load and its first data requests compute. */
export const WARM_PAGES: Record<string, (db: Database, user: SessionUser, today: string) => Promise<unknown>> = {
	'/': async (db, user) => {
		const filters = parseFilters(new URLSearchParams());
		const [ov] = await Promise.all([
			overviewScreen(db, user, filters, { charts: true }),
			overviewScreen(db, user, filters, { charts: false }),
			filterOptions(db, user),
			monthStartDay(db)
		]);
		// The overview's 热点预警 panel asks for the period's rises by week, as the page writes its filters.
		const periodFilters = parseFilters(writeFilters({ ...filters, ...ov.period, month: undefined }));
		await hotspotRises(db, user, periodFilters, 'week');
	},
	'/handling': async (db, user, today) => {
		const filters = parseFilters(new URLSearchParams());
		await Promise.all([...Object.values(handlingSpecs(filters, today, 'unit')).map((spec) => runMetrics(db, spec, user)), slowestOpen(db, user, filters)]);
	},
	'/repeats': async (db, user) => {
		const filters = parseFilters(new URLSearchParams());
		const settings = await repeatSettings(db, user, {});
		await Promise.all([repeatWindowDays(db), ...REPEAT_DEFAULT_VIEWS.map((v) => repeatView(db, user, v, filters, settings))]);
	},
	'/units': async (db, user, today) => {
		const filters = parseFilters(new URLSearchParams());
		const screen = await unitsScreen(db, user, filters, new URLSearchParams(), { today });
		await Promise.all([runMetrics(db, unitRankingSpec(filters, today, screen.defaults), user), runMetrics(db, heatmapSpec(filters, today, 'score', screen.defaults), user)]);
	},
	'/compliance': async (db, user) => {
		const q = parseComplianceQuery(new URLSearchParams());
		await complianceView(db, user, q);
		await complianceList(db, user, q);
	},
	'/hotspots': async (db, user) => {
		const filters = parseFilters(new URLSearchParams());
		await Promise.all([hotspotTerms(db, user, filters), hotspotRises(db, user, filters, 'week')]);
		await duplicateGroups(db, user, filters);
	},
	'/bulletin': async (db, user, today) => {
		await bulletinMonths(db, user);
		// the last complete month's bulletin: its page, PDF and Word file all read this one computation (bulletin.ts)
		await bulletinData(db, user, { month: lastCompleteMonth(today) });
	}
};

/**
 * Runs every page's default view once, page after page (each page's queries together, as its requests come); a page
 * that fails is logged and skipped, so one broken view does not leave the others cold. Returns the seconds each took.
 */
export async function warmDefaultViews(db: Database, pages: string[] = Object.keys(WARM_PAGES)): Promise<Record<string, number>> {
	const today = shanghaiToday();
	const seconds: Record<string, number> = {};
	for (const page of pages) {
		const started = performance.now();
		try {
			await WARM_PAGES[page](db, WARM_USER, today);
		} catch (e) {
			console.error(`预热 ${page} 失败`, e);
		}
		seconds[page] = Math.round(performance.now() - started) / 1000;
	}
	return seconds;
}

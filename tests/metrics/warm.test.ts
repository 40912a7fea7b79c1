// Start-up warming (src/lib/server/warm.ts): after it, the overview's default view, as an inspector or a leader opens
// it (the page's load, its three charts and its 热点预警), reads no dashboard table again: every answer is already in
// the metrics layer's cache. Only the data-version check may still run.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { filterOptions, overviewSpecs } from '../../src/lib/server/metrics/overview.ts';
import { overviewScreen } from '../../src/lib/server/screens/overview.ts';
import { monthStartDay } from '../../src/lib/server/metrics/figures.ts';
import { runMetrics } from '../../src/lib/server/metrics/query.ts';
import { hotspotRises } from '../../src/lib/server/hotspots/views.ts';
import { lastCompleteMonth, warmDefaultViews } from '../../src/lib/server/warm.ts';
import { duplicateGroups, hotspotTerms } from '../../src/lib/server/hotspots/views.ts';
import { slowestOpen } from '../../src/lib/server/metrics/handling.ts';
import { repeatSettings, repeatView } from '../../src/lib/server/metrics/repeats.ts';
import { unitsScreen } from '../../src/lib/server/screens/units.ts';
import { bulletinData, bulletinMonths } from '../../src/lib/server/reports/bulletin.ts';
import { handlingSpecs, heatmapSpec, unitRankingSpec } from '../../src/lib/model/dashboards.ts';
import { shanghaiToday } from '../../src/lib/server/time.ts';
import { parseFilters, writeFilters } from '../../src/lib/model/filters.ts';
import { openBulletinDb, type FixtureDb } from '../bulletin/fixture.ts';

const DASHBOARD_TABLES = /\b(case_facts|case_rollup|eval_facts|eval_facts_late|eval_rollup|nearly_facts|case_terms|case_text_sig)\b/;

let fx: FixtureDb;
beforeAll(async () => {
	fx = await openBulletinDb();
});
afterAll(async () => {
	await fx?.close();
});

/** What the overview page asks the server for when a user opens it without filters. */
async function openOverview(user: SessionUser): Promise<void> {
	const filters = parseFilters(new URLSearchParams());
	const [ov] = await Promise.all([overviewScreen(fx.db, user, filters, { charts: false }), filterOptions(fx.db, user), monthStartDay(fx.db)]);
	const specs = overviewSpecs(filters);
	await Promise.all([runMetrics(fx.db, specs.trend, user), runMetrics(fx.db, specs.byCategory, user), runMetrics(fx.db, specs.byChannel, user)]);
	await hotspotRises(fx.db, user, parseFilters(writeFilters({ ...filters, ...ov.period, month: undefined })), 'week');
}

describe('start-up warming', () => {
	it('leaves the default overview of an inspector and of a leader nothing to read from the dashboard tables', async () => {
		// the fixture's stored results are of an earlier day: the scheme's ranking brings them to now (a new data
		// version), which a real start does before it warms (deployment.ts); one warming settles that first
		await warmDefaultViews(fx.db);
		const warmed = vi.spyOn(fx.db, 'query');
		await warmDefaultViews(fx.db);
		// the warming itself reads them (the spy sees the database)
		expect(warmed.mock.calls.some(([sql]) => DASHBOARD_TABLES.test(sql))).toBe(true);
		warmed.mockRestore();

		for (const role of ['inspector', 'leader'] as const) {
			const user: SessionUser = { userId: 7, name: role, displayName: null, role, units: [], pii: false };
			const spy = vi.spyOn(fx.db, 'query');
			await openOverview(user);
			const read = spy.mock.calls.map(([sql]) => sql).filter((sql) => DASHBOARD_TABLES.test(sql));
			spy.mockRestore();
			expect(read.map((q) => q.slice(0, 300)), role).toEqual([]);
		}
	});

	it('leaves the default 办理时长, 重复投诉, 单位效能, 热点诉求 and 月度通报 (the last complete month) nothing to read either', async () => {
		// as above: the first warming may bring the fixture's stored results to now (a new data version)
		await warmDefaultViews(fx.db);
		await warmDefaultViews(fx.db);
		const user: SessionUser = { userId: 8, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
		const today = shanghaiToday();
		const none = parseFilters(new URLSearchParams());
		// what each page asks for when opened from the menu (its server load and its first data requests)
		const pages: Record<string, () => Promise<unknown>> = {
			'/handling': () => Promise.all([...Object.values(handlingSpecs(none, today, 'unit')).map((s) => runMetrics(fx.db, s, user)), slowestOpen(fx.db, user, none)]),
			'/repeats': async () => {
				const settings = await repeatSettings(fx.db, user, { window: null, scope: null });
				return Promise.all((['summary', 'by_unit', 'by_category', 'trend', 'gaps', 'matters', 'chains'] as const).map((v) => repeatView(fx.db, user, v, none, settings)));
			},
			'/units': async () => {
				const screen = await unitsScreen(fx.db, user, none, new URLSearchParams(), { today });
				return Promise.all([runMetrics(fx.db, unitRankingSpec(none, today, screen.defaults), user), runMetrics(fx.db, heatmapSpec(none, today, 'score', screen.defaults), user)]);
			},
			'/hotspots': () => Promise.all([hotspotTerms(fx.db, user, none), hotspotRises(fx.db, user, none, 'week'), duplicateGroups(fx.db, user, none)]),
			// the month before today's, whatever today is: its page, PDF and Word file read this
			'/bulletin': () => Promise.all([bulletinMonths(fx.db, user), bulletinData(fx.db, user, { month: lastCompleteMonth(today) })])
		};
		for (const [page, open] of Object.entries(pages)) {
			const spy = vi.spyOn(fx.db, 'query');
			await open();
			// the bulletin's cases marked typical are read every time (a mark changes no data version)
			const read = spy.mock.calls.map(([sql]) => sql).filter((sql) => DASHBOARD_TABLES.test(sql) && !/\bc\.typical\b/.test(sql));
			spy.mockRestore();
			expect(read.map((q) => q.slice(0, 200)), page).toEqual([]);
		}
		expect(lastCompleteMonth('2026-01-15')).toBe('2025-12');
		expect(lastCompleteMonth('2026-12-03')).toBe('2026-11');
	});

	it('a bulletin asked again (its PDF or Word file after its page) reuses the month\'s figures: only what changes without a new data version is read', async () => {
		const user: SessionUser = { userId: 9, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
		const first = await bulletinData(fx.db, user, { month: '2026-10' });
		const spy = vi.spyOn(fx.db, 'query');
		const again = await bulletinData(fx.db, user, { month: '2026-10' });
		const sqls = spy.mock.calls.map(([sql]) => sql.replace(/\s+/g, ' ').trim());
		spy.mockRestore();
		expect(again).toEqual(first);
		// the masthead settings, the cases marked typical, and at most the data-version check
		expect(sqls.filter((q) => !/FROM settings WHERE key = \$key|\bc\.typical\b|FROM import_batches/.test(q)).map((q) => q.slice(0, 200))).toEqual([]);
	});
});

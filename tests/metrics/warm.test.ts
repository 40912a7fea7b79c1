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
import { warmDefaultViews } from '../../src/lib/server/warm.ts';
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
});

// The handling-time KPI subtitle counts exactly the cases behind the median and P90: those with a handling time,
// inside the histogram's working-day filter and every other filter, checked against an independent SQL count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { runMetrics } from '../../src/lib/server/metrics/index.ts';
import { handlingSpecs, measuredCases } from '../../src/lib/model/dashboards.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import { openFixtureDb } from '../metrics/fixture.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const TODAY = '2026-01-15';
const f = (extra: Partial<FilterState> = {}): FilterState => ({ ...emptyFilters(), from: '2025-01-01', to: '2025-12-31', ...extra });

describe('handling-time subtitle', () => {
	let env: Awaited<ReturnType<typeof openFixtureDb>>;
	beforeAll(async () => {
		env = await openFixtureDb();
	});
	afterAll(async () => {
		await env?.close();
	});

	async function independent(where: string): Promise<number> {
		const [r] = await env.db.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM case_facts WHERE received_date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31' AND ${where}`
		);
		return Number(r.n);
	}

	it('counts the measured cases in the working-day filter, never the open cases without a handling time', async () => {
		const cases: [Partial<FilterState>, string][] = [
			[{}, 'work_days IS NOT NULL'],
			[{ wd: '3-5' }, 'work_days >= 3 AND work_days < 5'],
			[{ wd: '10-' }, 'work_days >= 10'],
			[{ wd: '2-8', hrs: '0-240' }, 'work_days >= 2 AND work_days < 8 AND hours < 240'],
			[{ wd: '1-6', category: ['办事效率'] }, "work_days >= 1 AND work_days < 6 AND category = '办事效率'"]
		];
		for (const [extra, where] of cases) {
			const filters = f(extra);
			const specs = handlingSpecs(filters, TODAY);
			const rows = await runMetrics(env.db, specs.workDays, admin);
			const expected = await independent(where);
			expect(expected, where).toBeGreaterThan(0);
			expect(measuredCases(rows, filters.wd), where).toBe(expected);
		}
		// the fixture has open cases without a reply: they are in the period but not behind the median
		expect(await independent('work_days IS NULL')).toBeGreaterThan(0);
	});
});

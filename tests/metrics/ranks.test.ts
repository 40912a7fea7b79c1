// Unit ranks (product.md 2.0): within the unit's group, among units with at least SCORE_MIN_CASES cases, 1 = best,
// computed over every unit and only then filtered to the user. On hand-made data whose ranks are known by
// construction: a unit user reads the leader's rank of its unit, and no page response names another unit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { refreshRollups, SCORE_MIN_CASES } from '../../src/lib/server/metrics/index.ts';
import { unitRank, unitRanks } from '../../src/lib/server/metrics/ranks.ts';
import { unitRanking } from '../../src/lib/server/metrics/units.ts';
import { overviewScreen } from '../../src/lib/server/screens/overview.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';

const leader: SessionUser = { userId: 3, name: 'boss', displayName: null, role: 'leader', units: [], pii: false };
const unitUser = (unit: string): SessionUser => ({ userId: 9, name: 'u', displayName: null, role: 'unit', units: [unit], pii: false });
const f = (extra: Partial<FilterState> = {}): FilterState => ({ ...emptyFilters(), from: '2025-03-01', to: '2025-03-31', ...extra });
const TODAY = '2025-06-01';

// 县直部门: A01局…A12局 with 20 closed cases each, of which 20 - k satisfied (A07局 ties A06局 at 14), A13局 with 9
// cases (unranked). 乡镇: B1镇 10, B2镇 15, B3镇 5 satisfied of 20. Every case closed, no repeat, no compliance
// result: the score is 100 × (0.3 × satisfaction + 0.15 + 0.15) / 0.6, so the order is the satisfaction order.
const bureaus = Array.from({ length: 12 }, (_, i) => ({ unit: `A${String(i + 1).padStart(2, '0')}局`, group: '县直部门', cases: 20, satisfied: i + 1 === 7 ? 14 : 20 - (i + 1) }));
const towns = [
	{ unit: 'B1镇', group: '乡镇', cases: 20, satisfied: 10 },
	{ unit: 'B2镇', group: '乡镇', cases: 20, satisfied: 15 },
	{ unit: 'B3镇', group: '乡镇', cases: 20, satisfied: 5 }
];
const small = { unit: 'A13局', group: '县直部门', cases: 9, satisfied: 9 };
const UNITS = [...bureaus, small, ...towns];
/** Expected by construction: the bureaus in number order (A06局 before A07局 by name), the towns B2, B1, B3. */
const EXPECTED: Record<string, { rank: number | null; of: number; list: 'red' | 'black' | null }> = {
	...Object.fromEntries(bureaus.map((b, i) => [b.unit, { rank: i + 1, of: 12, list: i + 1 <= 5 ? 'red' : i + 1 > 7 ? 'black' : null }])),
	A13局: { rank: null, of: 12, list: null },
	B2镇: { rank: 1, of: 3, list: 'red' },
	B1镇: { rank: 2, of: 3, list: 'red' },
	B3镇: { rank: 3, of: 3, list: 'red' }
};

describe('unit ranks', () => {
	let db: Database;
	let dir: string;
	let dbPath: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ranks-'));
		dbPath = path.join(dir, 'r.duckdb');
		db = await getDb(dbPath);
		await db.run(`INSERT INTO units SELECT * FROM (VALUES ${UNITS.map((u, i) => `('${u.unit}', '${u.group}', ${i + 1})`).join(', ')})`);
		await db.run(`INSERT INTO import_batches (file_name, started_at, status) VALUES ('ranks', TIMESTAMP '2025-06-01 00:00:00', 'committed')`);
		let n = 0;
		const values: string[] = [];
		for (const u of UNITS) {
			for (let i = 0; i < u.cases; i++) {
				const day = String(1 + (i % 28)).padStart(2, '0');
				const id = `RK${String(n++).padStart(4, '0')}`;
				values.push(
					`('${id}', TIMESTAMP '2025-03-${day} 09:00:00', '${u.unit}', 'k-${id}', TIMESTAMP '2025-03-${day} 15:00:00', TIMESTAMP '2025-03-${day} 14:00:00', '${i < u.satisfied ? '满意' : '不满意'}', md5('${id}'), 1, 1)`
				);
			}
		}
		await db.run(
			`INSERT INTO cases (case_id, received_at, unit, complainant_key, closed_at, replied_at, satisfaction, row_hash, first_batch_id, batch_id) VALUES ${values.join(', ')}`
		);
		await refreshRollups(db);
	});
	afterAll(async () => {
		await closeDb(dbPath);
		fs.rmSync(dir, { recursive: true, force: true });
		delete process.env.DB_PATH;
	});

	it('ranks within the group, ties by name, unranked below the minimum, red and black lists per group', async () => {
		expect(SCORE_MIN_CASES).toBe(10);
		const ranks = await unitRanks(db, leader, f(), {}, { today: TODAY });
		expect(Object.fromEntries(ranks.map((r) => [r.unit, { rank: r.rank, of: r.of, list: r.list }]))).toEqual(EXPECTED);
		// the score under the default weights, by hand: 50 + 50 × satisfaction
		for (const u of UNITS) expect(ranks.find((r) => r.unit === u.unit)!.score).toBeCloseTo(Math.round(10 * (50 + (50 * u.satisfied) / u.cases)) / 10, 6);
	});

	it("a unit user reads the leader's rank of its unit, on the ranking, the unit page and the overview", async () => {
		for (const u of ['A09局', 'A03局', 'B3镇', 'A13局']) {
			const me = unitUser(u);
			const ranks = await unitRanks(db, me, f(), {}, { today: TODAY });
			expect(ranks.map((r) => r.unit)).toEqual([u]);
			expect({ rank: ranks[0].rank, of: ranks[0].of, list: ranks[0].list }).toEqual(EXPECTED[u]);
			const one = await unitRank(db, me, u, f(), {}, TODAY);
			expect(one?.rank).toBe(EXPECTED[u].rank);
			expect(one?.of).toBe(EXPECTED[u].of);
			// another unit's rank is nobody's business
			expect(await unitRank(db, me, 'A01局', f(), {}, TODAY)).toBeNull();
			const ranking = await unitRanking(db, me, f(), {}, TODAY);
			expect(ranking.map((r) => [r.row.unit, r.rank, r.list])).toEqual([[u, EXPECTED[u].rank, EXPECTED[u].list]]);
		}
		// the overview's 红榜/黑榜: the unit appears in the list the leader sees it in, with the same rank, and alone
		const [lead, mine] = await Promise.all([overviewScreen(db, leader, f()), overviewScreen(db, unitUser('A09局'), f())]);
		expect(lead.worst.map((r) => r.unit)).toContain('A09局');
		expect(mine.best).toEqual([]);
		expect(mine.worst).toEqual(lead.worst.filter((r) => r.unit === 'A09局'));
		expect(mine.worst[0].rank).toBe(9);
		expect(mine.worst[0].ranked_units).toBe(12);
		const mid = await overviewScreen(db, unitUser('A06局'), f());
		expect([...mid.best, ...mid.worst]).toEqual([]);
	});

	it('the units filter narrows the rows, never the ranking', async () => {
		const ranks = await unitRanks(db, leader, f({ units: ['A09局', 'B1镇'] }), {}, { today: TODAY });
		expect(ranks.map((r) => [r.unit, r.rank, r.of])).toEqual([
			['B1镇', 2, 3],
			['A09局', 9, 12]
		]);
	});

	it("a unit user's page responses (overview, 单位效能, unit page) never name another unit", async () => {
		process.env.DB_PATH = dbPath;
		const me = unitUser('A09局');
		const url = (p: string) => new URL(`http://x${p}?from=2025-03-01&to=2025-03-31`);
		const overviewPage = await import('../../src/routes/+page.server.ts');
		const unitsPage = await import('../../src/routes/units/+page.server.ts');
		const unitPage = await import('../../src/routes/units/[unit]/+page.server.ts');
		type Load = (e: unknown) => Promise<unknown>;
		const responses = {
			overview: await (overviewPage.load as Load)({ url: url('/'), locals: { user: me } }),
			units: await (unitsPage.load as Load)({ url: url('/units'), locals: { user: me } }),
			unit: await (unitPage.load as Load)({ url: url('/units/A09局'), params: { unit: 'A09局' }, locals: { user: me } })
		};
		for (const [name, body] of Object.entries(responses)) {
			const text = JSON.stringify(body);
			expect(text, name).toContain('A09局');
			for (const other of UNITS.filter((u) => u.unit !== 'A09局')) expect(text.includes(other.unit), `${name} names ${other.unit}`).toBe(false);
		}
		expect((responses.unit as { rank: { rank: number; of: number } }).rank).toMatchObject({ rank: 9, of: 12 });
		expect((responses.units as { ranks: { unit: string; rank: number }[] }).ranks).toMatchObject([{ unit: 'A09局', rank: 9, of: 12 }]);
	});
});

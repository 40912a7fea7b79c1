// 集中诉求占比 after an import, before the hot-spot build has regrouped the cases: no screen may show a rate read from
// the groups of the corpus before the import (its new cases in no group), and once regrouped every reader — the
// metrics layer, cached or not, and the 热点诉求 page — has the new rate.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { ensureHotspots } from '../../src/lib/server/hotspots/build.ts';
import { duplicateGroups } from '../../src/lib/server/hotspots/views.ts';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { runMetrics } from '../../src/lib/server/metrics/query.ts';
import { invalidateFacts } from '../../src/lib/server/metrics/facts.ts';
import { openMiniDb, type MiniCase } from './fixture.ts';

const inspector: SessionUser = { userId: 4, name: 'i', displayName: null, role: 'inspector', units: [], pii: false };
const november = { ...emptyFilters(), from: '2026-11-01', to: '2026-11-30' };
const TODAY = '2026-12-15';
const WATER = '柳河镇河口村停水，自来水一直不来，老人吃水困难，做饭洗衣都成问题';
const LAMPS = '建设路路灯坏了，晚上出行一片漆黑，电动车摔倒好几次';

describe('集中诉求占比 after an import', () => {
	// before: A1 and A2, one matter from two complainants (a 集中诉求 group): 2 of 2 cases.
	// the import adds B1 and B2, another matter from two other complainants: after regrouping 4 of 4 (1.0); read from
	// the groups of before it would be 2 of 4 (0.5).
	const cases: MiniCase[] = [
		{ id: 'A1', at: '2026-11-03 09:00:00', unit: '县水利局', text: WATER, name: '张三丰', key: 'k1' },
		{ id: 'A2', at: '2026-11-04 09:00:00', unit: '县水利局', text: WATER, name: '李四海', key: 'k2' }
	];
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	let file: string;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
		file = path.join(path.dirname(mini.db.path), 'batch.csv');
		fs.writeFileSync(
			file,
			'投诉编号,受理时间,被投诉单位,投诉人,联系电话,投诉内容\n' +
				`B1,2026-11-10 09:00:00,县城市管理局,王五洲,13800000001,${LAMPS}\n` +
				`B2,2026-11-11 09:00:00,县城市管理局,赵六合,13800000002,${LAMPS}\n`
		);
	}, 60_000);
	afterAll(() => mini.close());

	const rate = async () => (await runMetrics(mini.db, { measures: ['cases', 'concentrated_rate'], filters: november }, inspector))[0];

	it('is never read from the groups of before the import, and is the new rate once regrouped', async () => {
		await ensureHotspots(mini.db);
		expect(await rate()).toEqual({ cases: 2, concentrated_rate: 1 });

		const batch = await importFile(mini.db, file);
		expect(batch.rows_imported).toBe(2);
		invalidateFacts(mini.db); // as the server does after an upload (the facts' version check is trusted for a second)
		// the hot-spot tables are not rebuilt yet: the rate is not known (null), not 0.5
		const before = await rate();
		expect(before.cases).toBe(4);
		expect(before.concentrated_rate).toBeNull();

		// the 热点诉求 page regroups before it reads, and the metrics layer's cached null is not served again
		const page = await duplicateGroups(mini.db, inspector, november, TODAY);
		expect(page.concentrated_rate).toBe(1);
		expect(page.total).toBe(4);
		expect(await rate()).toEqual({ cases: 4, concentrated_rate: 1 });
	}, 120_000);
});

describe('集中诉求 regrouped from the first day a batch changed', () => {
	// all 县水利局. Before: A1, A2, A3 (1, 3, 4 Nov) one water matter from three complainants (three texts, so the place
	// names are in the segmenter's dictionary from the first build on and B1 is cut as they were); L1 (2 Nov) a lamp matter
	// alone; R1 (20 Oct) + R2 (15 Nov) a road matter from two complainants (26 days apart: one group).
	// The batch adds B1 (12 Nov, the water matter: joins A1's group, whose seed is before the batch's first day) and
	// rewrites R2 into the lamp matter (it leaves R1 and joins L1). By hand: A1 A2 A3 B1 | L1 R2 are 集中诉求, R1 is not.
	const ROAD = '青石镇东关村道路硬化修了一半就停工，下雨泥泞没法走，孩子上学困难';
	const cases: MiniCase[] = [
		{ id: 'R1', at: '2026-10-20 09:00:00', unit: '县水利局', text: ROAD, name: '孙一民', key: 'k4' },
		{ id: 'A1', at: '2026-11-01 09:00:00', unit: '县水利局', text: WATER, name: '张三丰', key: 'k1' },
		{ id: 'L1', at: '2026-11-02 09:00:00', unit: '县水利局', text: LAMPS, name: '周二强', key: 'k3' },
		{ id: 'A2', at: '2026-11-03 09:00:00', unit: '县水利局', text: WATER, name: '李四海', key: 'k2' },
		{ id: 'A3', at: '2026-11-04 09:00:00', unit: '县水利局', text: WATER, name: '郑七星', key: 'k6' },
		{ id: 'R2', at: '2026-11-15 09:00:00', unit: '县水利局', text: ROAD, name: '钱五宝', key: 'k5' }
	];
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	let file: string;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
		file = path.join(path.dirname(mini.db.path), 'batch2.csv');
		fs.writeFileSync(
			file,
			'投诉编号,受理时间,被投诉单位,投诉人,联系电话,投诉内容\n' +
				`B1,2026-11-12 09:00:00,县水利局,吴六顺,13800000011,${WATER}\n` +
				`R2,2026-11-15 09:00:00,县水利局,钱五宝,13800000012,${LAMPS}\n`
		);
	}, 60_000);
	afterAll(() => mini.close());

	const concentrated = async () =>
		(await mini.db.query<{ case_id: string; group_seed: string }>('SELECT case_id, group_seed FROM case_concentrated ORDER BY case_id')).map((r) => `${r.case_id}<${r.group_seed}`);

	it('gives the groups a grouping of all cases gives', async () => {
		await ensureHotspots(mini.db);
		expect(await concentrated()).toEqual(['A1<A1', 'A2<A1', 'A3<A1', 'R1<R1', 'R2<R1']);
		const batch = await importFile(mini.db, file);
		expect([batch.rows_imported, batch.rows_updated]).toEqual([1, 1]);
		invalidateFacts(mini.db);
		await ensureHotspots(mini.db);
		expect(await concentrated()).toEqual(['A1<A1', 'A2<A1', 'A3<A1', 'B1<A1', 'L1<L1', 'R2<L1']);
		const [k] = await runMetrics(mini.db, { measures: ['cases', 'concentrated_rate'], filters: { ...emptyFilters(), from: '2026-10-01', to: '2026-11-30' } }, inspector);
		expect(k).toEqual({ cases: 7, concentrated_rate: 6 / 7 });
	}, 120_000);
});

// The hot-spot build after an import works by delta (issue 16: current within seconds at 1,000,000 cases): it
// segments only the cases of later batches, moves the document frequencies by their old and new terms, and regroups
// only from the first day a changed case names. Each must give what a build from nothing gives on the same cases:
// terms, document frequencies, the corpus size and the signatures of the cases signed, and — over the same
// signatures — the groups and 集中诉求 of a grouping of all cases.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotspots } from '../../src/lib/server/hotspots/build.ts';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { invalidateFacts } from '../../src/lib/server/metrics/facts.ts';
import { openMiniDb, type MiniCase } from './fixture.ts';

const WATER = '柳河镇河口村停水，自来水一直不来，老人吃水困难，做饭洗衣都成问题';
const LAMPS = '建设路路灯坏了，晚上出行一片漆黑，电动车摔倒好几次';
const ROAD = '青石镇东关村道路硬化修了一半就停工，下雨泥泞没法走，孩子上学困难';
const HEAT = '阳光小区暖气不热，室温只有十几度，老人孩子都冻感冒了';
const FEE = '阳光小区物业费乱收费，物业公司不开发票，业主意见很大';

// batch 1 (the fixture): each text three times or more, so the place names are in the dictionary from the first
// build on and the dictionary is the same for both builds
const texts = [WATER, LAMPS, ROAD, HEAT, FEE];
const units = ['县水利局', '县城市管理局', '县住建局'];
const cases: MiniCase[] = Array.from({ length: 30 }, (_, i) => ({
	id: `C${String(i + 1).padStart(2, '0')}`,
	at: `2026-${i % 2 ? '11' : '10'}-${String(1 + ((i * 7) % 28)).padStart(2, '0')} 09:00:00`,
	unit: units[i % 3],
	text: texts[i % 5],
	name: `人${i}`,
	key: `k${i % 11}`
}));

describe('an incremental hot-spot build', () => {
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	let file: string;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
		file = path.join(path.dirname(mini.db.path), 'batch2.csv');
		// batch 2: three new cases (two of them join matters of batch 1), one case rewritten to another matter and
		// one moved to another unit and day with its text unchanged
		fs.writeFileSync(
			file,
			'投诉编号,受理时间,被投诉单位,投诉人,联系电话,投诉内容\n' +
				`N1,2026-11-20 09:00:00,县水利局,吴六顺,13800000011,${WATER}\n` +
				`N2,2026-11-21 09:00:00,县城市管理局,郑七星,13800000012,${LAMPS}\n` +
				`N3,2026-11-22 09:00:00,县住建局,王五洲,13800000013,县住建局办理不动产权证要交加急费，不交就一直拖着\n` +
				`C04,2026-10-22 09:00:00,县城市管理局,人3,13800000014,${FEE}\n` +
				`C07,2026-11-02 09:00:00,县住建局,人6,13800000015,${texts[6 % 5]}\n`
		);
	}, 60_000);
	afterAll(() => mini.close());

	const snapshot = async () => ({
		terms: await mini.db.query('SELECT case_id, received_date::VARCHAR AS d, term, tf FROM case_terms ORDER BY case_id, term'),
		df: await mini.db.query('SELECT term, df FROM term_df ORDER BY term'),
		meta: await mini.db.query('SELECT cases, max_df FROM hotspot_meta'),
		sigs: await mini.db.query('SELECT case_id, received_date::VARCHAR AS d, n_terms, sig::VARCHAR AS sig, places FROM case_text_sig ORDER BY case_id'),
		groups: await mini.db.query('SELECT case_id, received_date::VARCHAR AS d, group_seed FROM case_group ORDER BY case_id'),
		concentrated: await mini.db.query('SELECT case_id, group_seed FROM case_concentrated ORDER BY case_id')
	});

	it('gives the terms, frequencies and groups of a build from nothing', async () => {
		await buildHotspots(mini.db);
		const batch = await importFile(mini.db, file);
		expect([batch.rows_imported, batch.rows_updated]).toEqual([3, 2]);
		invalidateFacts(mini.db);
		// only the batch's cases whose text or day changed are segmented: the three new ones, C04 and the moved C07
		expect((await buildHotspots(mini.db)).segmented).toBe(5);
		const incremental = await snapshot();
		// the fixture is worth the test: the delta removed C04's old terms and the batch joined groups
		expect(incremental.df.find((r) => r.term === '物业费')?.df).toBe(7);
		expect(incremental.concentrated.length).toBeGreaterThan(0);

		// a grouping of all cases over the same signatures
		await mini.db.run('DELETE FROM case_group; DELETE FROM case_concentrated; DELETE FROM case_concentrated_meta');
		await buildHotspots(mini.db);
		const regrouped = await snapshot();
		expect(regrouped.groups).toEqual(incremental.groups);
		expect(regrouped.concentrated).toEqual(incremental.concentrated);

		// from nothing: every table dropped and built again
		await mini.db.run('DELETE FROM hotspot_meta');
		expect((await buildHotspots(mini.db)).segmented).toBe(33);
		const scratch = await snapshot();
		expect(scratch.terms).toEqual(incremental.terms);
		expect(scratch.df).toEqual(incremental.df);
		expect(scratch.meta).toEqual(incremental.meta);
		// the cases signed by the incremental build were signed with the final frequencies (those of batch 1 keep the
		// frequencies of their own build: a signature is not re-signed when the corpus grows)
		const signed = new Set(['N1', 'N2', 'N3', 'C04', 'C07']);
		expect(scratch.sigs.filter((r) => signed.has(String(r.case_id)))).toEqual(incremental.sigs.filter((r) => signed.has(String(r.case_id))));
	}, 180_000);
});

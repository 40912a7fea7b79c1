// The shipped profiles load the real public exports in ../shared/data completely, as an analyst would map them.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchQuality, importFile, listRejects, loadProfiles, proposeMapping, resolveProfile, saveProfile, suggestProfile } from '../../src/lib/server/ingest/index.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { profilesDir } from '../../src/lib/server/ingest/profiles.ts';
import { profileViews } from '../../src/routes/api/import/views.ts';
import { balanced, SHARED_DATA, tempDb, type TempDb } from './helpers.ts';

const present = fs.existsSync(SHARED_DATA);
if (!present) console.warn(`skipping the shared-data profile tests: ${SHARED_DATA} is absent`);

let t: TempDb;
beforeAll(async () => {
	t = await tempDb('ingest-profiles-');
});
afterAll(() => t.close());

describe('shipped profiles', () => {
	it('lists cfpb and nyc311 with their hints', () => {
		const names = loadProfiles().map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(['cfpb', 'nyc311']));
		expect(resolveProfile('cfpb').delimiter).toBe('\t');
		expect(resolveProfile('nyc311').dateFormats?.[0]).toBe('%m/%d/%Y %I:%M:%S %p');
	});

	it.skipIf(!present)('cfpb: all 655 rows of the tab-delimited CFPB export, "Timely response?" kept as the source verdict', async () => {
		const file = path.join(SHARED_DATA, 'cfpb_complaints_2019.csv');
		const r = await importFile(t.db, file, { profile: 'cfpb' });
		expect(r).toMatchObject({ rows_total: 655, rows_imported: 655, rows_updated: 0, rows_unchanged: 0, rows_rejected: 0, encoding: 'utf-8' });
		expect(await listRejects(t.db, r.batch_id)).toEqual([]);
		const one = await t.db.queryOne<Record<string, unknown>>(
			`SELECT strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received, strftime(dispatched_at, '%Y-%m-%d') AS sent, unit, category, sub_category,
				channel, outcome, source_verdict, content, CAST(extra AS VARCHAR) AS extra FROM cases WHERE case_id = '3384392'`
		);
		expect(one).toMatchObject({
			received: '2019-09-24 00:00:00',
			sent: '2019-09-24',
			unit: 'TRANSWORLD SYSTEMS INC',
			category: 'Debt collection',
			// the CFPB's two-level classification: Product › Sub-product (product.md 4, 二级分类)
			sub_category: 'I do not know',
			channel: 'Web',
			outcome: 'Closed with explanation',
			source_verdict: 'Yes',
			content: 'transworld systems inc. \nis trying to collect a debt that is not mine, not owed and is inaccurate.'
		});
		expect(JSON.parse(String(one!.extra))).toMatchObject({ State: 'FL', 'ZIP code': '335XX', Issue: 'Attempts to collect debt not owed' });
		expect(JSON.parse(String(one!.extra))).not.toHaveProperty('Sub-product');
		const verdicts = await t.db.query(`SELECT source_verdict, count(*)::INTEGER AS n FROM cases WHERE batch_id = $b GROUP BY 1 ORDER BY 1`, { b: r.batch_id });
		expect(verdicts.map((v) => v.source_verdict)).toEqual(['No', 'Yes']);
		const longest = await t.db.queryOne<{ n: number }>(`SELECT max(length(content))::INTEGER AS n FROM cases WHERE batch_id = $b`, { b: r.batch_id });
		expect(longest!.n).toBeGreaterThan(20_000);
		expect(await balanced(t.db, r)).toEqual([]);
	});

	it.skipIf(!present)('a file whose headers no alias reads is offered the shipped profile that fits it; a Chinese export none', () => {
		const headerOf = (name: string, sep: string) => fs.readFileSync(path.join(SHARED_DATA, name), 'utf8').split('\n', 1)[0].split(sep);
		const profiles = loadProfiles();
		expect(suggestProfile(headerOf('cfpb_complaints_2019.csv', '\t'), undefined, profiles)).toBe('cfpb');
		expect(suggestProfile(headerOf('nyc311_service_requests_2013.csv', ','), undefined, profiles)).toBe('nyc311');
		// the rows above a header: each profile looks for its own header row, as the import does
		expect(suggestProfile(['CFPB export 2019'], [['CFPB export 2019'], headerOf('cfpb_complaints_2019.csv', '\t')], profiles)).toBe('cfpb');
		expect(suggestProfile(['投诉编号', '受理时间', '被投诉单位', '投诉内容'], undefined, profiles)).toBeUndefined();
		expect(suggestProfile(['Foo', 'Bar'], undefined, profiles)).toBeUndefined();
	});

	it.skipIf(!present)('nyc311: all 2,386 service requests, 12:00:00 AM read as a date-only midnight', async () => {
		const file = path.join(SHARED_DATA, 'nyc311_service_requests_2013.csv');
		const r = await importFile(t.db, file, { profile: 'nyc311' });
		expect(r).toMatchObject({ rows_total: 2386, rows_imported: 2386, rows_rejected: 0 });
		const first = await t.db.queryOne<Record<string, unknown>>(
			`SELECT strftime(received_at, '%Y-%m-%d %H:%M:%S') AS r, strftime(closed_at, '%Y-%m-%d %H:%M:%S') AS c,
				strftime(due_at, '%Y-%m-%d %H:%M:%S') AS due, unit, category, content FROM cases WHERE case_id = '26984072'`
		);
		expect(first).toEqual({ r: '2013-12-25 23:59:08', c: '2013-12-26 01:15:00', due: '2013-12-26 07:59:08', unit: 'NYPD', category: 'Blocked Driveway', content: 'No Access' });
		const due = await t.db.queryOne<{ n: number }>(`SELECT count(due_at)::INTEGER AS n FROM cases WHERE batch_id = $b`, { b: r.batch_id });
		expect(due!.n).toBe(445);
		const midnight = await t.db.queryOne<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM cases WHERE batch_id = $b AND closed_at = date_trunc('day', closed_at)`,
			{ b: r.batch_id }
		);
		expect(midnight!.n).toBeGreaterThan(0);
		// and again: nothing changes
		const again = await importFile(t.db, file, { profile: 'nyc311' });
		expect(again).toMatchObject({ rows_total: 2386, rows_unchanged: 2386, rows_imported: 0, rows_updated: 0 });
	});

	it('saves a profile and reuses it by name', async () => {
		const dir = path.join(t.dir, 'profiles');
		const saved = saveProfile('我的方案', { case_id: '单号', received_at: '日期', unit: '部门' }, { description: '测试' }, dir);
		expect(saved.path).toBe(path.join(dir, '我的方案.json'));
		expect(resolveProfile('我的方案', dir).mapping).toEqual({ case_id: '单号', received_at: '日期', unit: '部门' });
		expect(() => saveProfile('../evil', {}, {}, dir)).toThrow();
		const r = await importFile(t.db, t.file('mine.csv', '单号,日期,部门\nM1,2025-10-08,县教育局\n'), { profile: saved.path });
		expect(r.rows_imported).toBe(1);
	});

	it('the import page lists profiles by their Chinese titles, shipped ones first, then those saved from the page (browser walk: only cfpb and nyc311 shown)', () => {
		const saved = path.join(t.dir, 'saved-profiles');
		saveProfile('住建局月报', { case_id: '单号', received_at: '日期', unit: '部门' }, { description: '测试' }, saved);
		const views = profileViews({ shipped: profilesDir(), saved });
		expect(views.map((v) => [v.name, v.title, v.saved])).toEqual([
			// by title in pinyin order: 美 (mei) before 纽 (niu)
			['cfpb', '美国消费者金融保护局（CFPB）投诉数据库导出', false],
			['nyc311', '纽约市 311 服务请求导出', false],
			['住建局月报', '住建局月报', true]
		]);
		for (const v of views) expect(v.title, v.name).toMatch(/\p{Script=Han}/u);
	});

	it('marks kept columns 不含个人信息: saved, proposed, stored apart from the complainant data, and moved on a re-import', async () => {
		const dir = path.join(t.dir, 'profiles-public');
		// the header in the profile matches as any profile header does: ignoring case, spaces and punctuation
		const saved = saveProfile('街道公开', { case_id: '投诉编号', received_at: '受理时间', unit: '被投诉单位' }, { publicColumns: [' 所属 街道 ', '文件里没有的列'] }, dir);
		expect(resolveProfile('街道公开', dir).publicColumns).toEqual(['所属 街道', '文件里没有的列']);
		const headers = ['投诉编号', '受理时间', '被投诉单位', '所属街道', '备用电话'];
		expect(proposeMapping(headers, { profile: saved }).publicColumns).toEqual(['所属街道']);
		expect(proposeMapping(headers, {}).publicColumns).toBeUndefined();

		const csv = '投诉编号,受理时间,被投诉单位,所属街道,备用电话\nPUB-1,2025-10-08,县教育局,城东街道,13912345670\nPUB-2,2025-10-09,县教育局,,13700000001\n';
		const file = t.file('public.csv', csv);
		const kept = (id: string) =>
			t.db.queryOne<{ extra: string | null; extra_public: string | null }>(
				'SELECT CAST(extra AS VARCHAR) AS extra, CAST(extra_public AS VARCHAR) AS extra_public FROM cases WHERE case_id = $id',
				{ id }
			);
		const r = await importFile(t.db, file, { profile: saved });
		expect(r.rows_imported).toBe(2);
		expect(await kept('PUB-1')).toEqual({ extra: '{"备用电话":"13912345670"}', extra_public: '{"所属街道":"城东街道"}' });
		expect(await kept('PUB-2')).toEqual({ extra: '{"备用电话":"13700000001"}', extra_public: null });
		const batch = await t.db.queryOne<{ cols: string }>('SELECT CAST(public_columns AS VARCHAR) AS cols FROM import_batches WHERE batch_id = $b', { b: r.batch_id });
		expect(batch?.cols).toBe('[所属街道]');
		expect((await batchQuality(t.db, r.batch_id))?.kept).toEqual([
			{ header: '备用电话', filled: 2, empty: 0, public: false },
			{ header: '所属街道', filled: 1, empty: 1, public: true }
		]);

		// the same file without the mark: the column is complainant data again, so the cases it fills change
		const again = await importFile(t.db, file, {});
		expect(again).toMatchObject({ rows_updated: 1, rows_unchanged: 1 });
		expect(await kept('PUB-1')).toEqual({ extra: '{"所属街道":"城东街道","备用电话":"13912345670"}', extra_public: null });
		// and marked by hand (the mapping step, --public-column): a header that is not a kept column is refused
		const third = await importFile(t.db, file, { publicColumns: ['所属街道'] });
		expect(third).toMatchObject({ rows_updated: 1, rows_unchanged: 1 });
		expect(await kept('PUB-1')).toEqual({ extra: '{"备用电话":"13912345670"}', extra_public: '{"所属街道":"城东街道"}' });
		for (const wrong of ['被投诉单位', '没有这列']) {
			const err = await importFile(t.db, file, { publicColumns: [wrong] }).catch((e: unknown) => e);
			expect(err, wrong).toBeInstanceOf(UserInputError);
			expect((err as UserInputError).code, wrong).toBe('public_column_not_kept');
			expect((err as UserInputError).message, wrong).toContain('所属街道、备用电话');
		}
	});
});

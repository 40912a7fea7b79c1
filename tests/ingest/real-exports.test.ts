// Issue 15: exports of systems nobody on the team shaped load without a fight — 网络问政 / 12345 headers, constants
// (--set), one column feeding two fields, date and time in two columns, Excel's _xHHHH_ escapes, profiles as hints,
// and errors that show the analyst what the file holds. Each case is a small fixture of that shape.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCases, importFile, listBatches, listRejects, proposeMapping, saveProfile } from '../../src/lib/server/ingest/index.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { runMetrics } from '../../src/lib/server/metrics/index.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { emptyFilters, type FilterState } from '../../src/lib/model/filters.ts';
import { balanced, tempDb, type TempDb } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/real-exports');
const fixture = (name: string) => path.join(FIXTURES, name);

let t: TempDb;
beforeAll(async () => {
	t = await tempDb('ingest-real-');
});
afterAll(() => t.close());

type Row = Record<string, unknown>;
const caseRow = (id: string, cols: string) => t.db.queryOne<Row>(`SELECT ${cols} FROM cases WHERE case_id = $id`, { id });

async function importError(file: string, opts: Parameters<typeof importFile>[2] = {}): Promise<UserInputError> {
	try {
		await importFile(t.db, file, opts);
	} catch (e) {
		if (e instanceof UserInputError) return e;
		throw e;
	}
	throw new Error('the import was expected to fail');
}

describe('real exports (issue 15)', () => {
	it('网络问政 board without a unit column: the error offers the constant; --set unit then loads it, carried', async () => {
		const file = fixture('wenzheng-board.csv');
		const err = await importError(file);
		expect(err.code).toBe('missing_required');
		expect(err.details).toMatchObject({ offer: 'set_unit', missing: ['unit'] });
		expect(err.message).toContain('文件中没有被投诉单位列');
		expect(err.message).toContain('--set unit=');
		expect(err.message).toContain('固定值');

		const r = await importFile(t.db, file, { constants: { unit: '县住建局' } });
		expect(r).toMatchObject({ rows_total: 2, rows_imported: 2, rows_rejected: 0 });
		expect(await balanced(t.db, r, 2)).toEqual([]);
		const one = await caseRow(
			'LY-001',
			`unit, complainant_name, title, content, category, sub_category, reply_text,
			strftime(received_at, '%Y-%m-%d %H:%M') AS received, strftime(replied_at, '%Y-%m-%d %H:%M') AS replied`
		);
		expect(one).toEqual({
			// the constant is resolved as a column's value would be: 县住建局 is an alias of this unit (seeds)
			unit: '县住房和城乡建设局',
			complainant_name: '网友甲',
			title: '小区噪音扰民',
			// the CR LF inside the quoted cell is stored as LF
			content: '晚上十点后\n仍在施工',
			category: '城乡建设',
			sub_category: '噪音污染',
			reply_text: '已责成施工单位\n停止夜间施工',
			received: '2025-03-01 09:15',
			replied: '2025-03-05 16:00'
		});
		// a constant counts as carried: the batch and its cases say the unit was given
		const batch = await t.db.queryOne<Row>('SELECT carried, CAST(constants AS VARCHAR) AS constants FROM import_batches WHERE batch_id = $b', { b: r.batch_id });
		expect(batch?.carried).toContain('unit');
		expect(JSON.parse(String(batch?.constants))).toEqual({ unit: '县住建局' });
	}, 120_000);

	it('12345 work orders: every header recognised without a mapping, new fields stored, procedure as simple/general', async () => {
		const headers = fs.readFileSync(fixture('hotline-12345.csv'), 'utf8').split('\n')[0].split(',');
		const proposal = proposeMapping(headers);
		expect(proposal.missingRequired).toEqual([]);
		expect(proposal.mapping).toMatchObject({
			case_id: '工单编号',
			received_at: '来电时间',
			complainant_name: '诉求人',
			title: '诉求标题',
			content: '诉求内容',
			category: '诉求类型',
			sub_category: '二级分类',
			unit: '主办单位',
			co_units: '协办单位',
			dispatched_at: '派单时间',
			accepted_at: '签收时间',
			due_at: '办理时限',
			closed_at: '办结时间',
			extension_days: '延期天数',
			returned: '退单/改派',
			satisfaction: '回访满意度',
			resolved: '回访解决情况',
			procedure: '办理程序'
		});
		expect(proposal.unmapped).toEqual(['工单状态', '诉求地址']);

		const r = await importFile(t.db, fixture('hotline-12345.csv'));
		expect(r).toMatchObject({ rows_total: 2, rows_imported: 2, rows_rejected: 0 });
		const rows = await t.db.query<Row>(
			`SELECT case_id, unit, co_units, sub_category, returned, resolved, satisfaction, "procedure",
				strftime(due_at, '%Y-%m-%d %H:%M') AS due FROM cases WHERE case_id LIKE 'GD%' ORDER BY case_id`
		);
		expect(rows).toEqual([
			{ case_id: 'GD2025001', unit: '县住房和城乡建设局', co_units: '县市场监管局', sub_category: '物业管理', returned: '退单 2025-04-01 10:00', resolved: '已解决', satisfaction: '满意', procedure: 'simple', due: '2025-04-08 18:00' },
			{ case_id: 'GD2025002', unit: '县财政局', co_units: null, sub_category: '招投标', returned: null, resolved: null, satisfaction: null, procedure: 'general', due: '2025-04-30 18:00' }
		]);
		// the new canonical fields follow the current columns of `export` (product.md §4 order: after content)
		const out = path.join(t.dir, 'export-12345.csv');
		await exportCases(t.db, { out, from: '2025-04-01', to: '2025-04-30' });
		const header = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
		expect(header.slice(header.indexOf('content') + 1)).toEqual(expect.arrayContaining(['sub_category', 'title', 'reply_text', 'resolved', 'co_units', 'returned', 'procedure']));
		expect(header.indexOf('sub_category')).toBeGreaterThan(header.indexOf('content'));
		const line = fs.readFileSync(out, 'utf8').split(/\r?\n/).find((l) => l.startsWith('GD2025001'))!;
		expect(line).toContain('县市场监管局');
		expect(line).toContain('物业管理');
	}, 120_000);

	it('dashboards group by sub_category (a dimension of the metrics catalog)', async () => {
		const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
		const filters: FilterState = { ...emptyFilters(), from: '2025-01-01', to: '2025-12-31' };
		const rows = await runMetrics(t.db, { measures: ['cases'], dimensions: ['sub_category'], filters }, admin);
		// independent count straight from cases
		const expected = await t.db.query<Row>(
			`SELECT coalesce(nullif(trim(sub_category), ''), '未填写') AS sub_category, count(*)::INTEGER AS cases FROM cases
			WHERE received_at >= DATE '2025-01-01' AND received_at < DATE '2026-01-01' GROUP BY 1`
		);
		const sorted = (xs: Row[]) => xs.map((x) => ({ sub_category: x.sub_category, cases: Number(x.cases) })).sort((a, b) => String(a.sub_category).localeCompare(String(b.sub_category)));
		expect(sorted(rows as Row[])).toEqual(sorted(expected));
		expect(sorted(rows as Row[]).map((x) => x.sub_category)).toEqual(expect.arrayContaining(['物业管理', '招投标', '噪音污染']));
	}, 120_000);

	it('a classification code column (GB/T 39666-2020 分类代码) is kept as the category when no name column exists; beside 一级/二级/三级分类 it stays a kept column', async () => {
		const codes = t.file(
			'codes.csv',
			'工单编号,受理时间,承办单位,诉求分类代码,诉求内容\nCODE-1,2025-05-06 09:00,县住房和城乡建设局,050203,小区路灯不亮\nCODE-2,2025-05-07 09:00,县住房和城乡建设局,050101,物业收费\n'
		);
		expect(proposeMapping(['工单编号', '受理时间', '承办单位', '诉求分类代码']).mapping.category).toBe('诉求分类代码');
		expect(proposeMapping(['事项分类编码']).mapping.category).toBe('事项分类编码');
		const r = await importFile(t.db, codes);
		expect(r).toMatchObject({ rows_imported: 2, rows_rejected: 0 });
		expect(await caseRow('CODE-1', 'category, sub_category')).toEqual({ category: '050203', sub_category: null });

		// codes at both levels and no names: each level keeps its code as written (no code is turned into a name)
		const twoLevels = t.file('two-codes.csv', '工单编号,受理时间,承办单位,一级分类代码,二级分类代码\nCODE-3,2025-05-08 09:00,县住房和城乡建设局,05,0502\n');
		expect(proposeMapping(['工单编号', '受理时间', '承办单位', '一级分类代码', '二级分类代码']).mapping).toMatchObject({ category: '一级分类代码', sub_category: '二级分类代码' });
		await importFile(t.db, twoLevels);
		expect(await caseRow('CODE-3', 'category, sub_category')).toEqual({ category: '05', sub_category: '0502' });
		// beside the names, the codes stay kept columns
		expect(proposeMapping(['工单编号', '一级分类', '二级分类', '一级分类代码', '二级分类代码']).mapping).toMatchObject({ category: '一级分类', sub_category: '二级分类' });

		const hierarchy = t.file(
			'hierarchy.csv',
			'工单编号,受理时间,承办单位,分类代码,一级分类,二级分类,三级分类\nHIER-1,2025-05-06 09:00,县住房和城乡建设局,050203,城乡建设,物业管理,路灯照明\n'
		);
		const proposal = proposeMapping(['工单编号', '受理时间', '承办单位', '分类代码', '一级分类', '二级分类', '三级分类']);
		expect(proposal.mapping).toMatchObject({ category: '一级分类', sub_category: '二级分类' });
		expect(proposal.unmapped).toEqual(['分类代码', '三级分类']);
		await importFile(t.db, hierarchy);
		expect(await caseRow('HIER-1', `category, sub_category, CAST(extra AS VARCHAR) AS extra`)).toEqual({
			category: '城乡建设',
			sub_category: '物业管理',
			extra: '{"分类代码":"050203","三级分类":"路灯照明"}'
		});
	}, 120_000);

	it("each batch's completeness and consistency scores (0–100) over the cases it wrote", async () => {
		// mapped optional fields: 投诉类别, 投诉内容, 办结时间 (3) over the 4 valid rows: 12 cells, 8 filled (a category,
		// a content and two 办结时间 are empty) → 66.7; one case closed before it was received → consistency 3/4 = 75.
		// The constant 投诉渠道 (--set) is no column and does not count; the rejected row (no 受理时间) is not a case.
		const csv = [
			'投诉编号,受理时间,被投诉单位,投诉类别,投诉内容,办结时间',
			'SC-1,2025-06-02 09:00,县教育局,收费,乱收费,2025-06-03 09:00',
			'SC-2,2025-06-03 09:00,县教育局,,噪音,2025-06-01 09:00',
			'SC-3,2025-06-04 09:00,县教育局,收费,,',
			'SC-4,2025-06-05 09:00,县教育局,收费,路灯,',
			'SC-5,,县教育局,收费,没有受理时间,'
		].join('\n');
		const file = t.file('scores.csv', csv);
		const r = await importFile(t.db, file, { constants: { channel: '电话' } });
		expect(r).toMatchObject({ rows_imported: 4, rows_rejected: 1 });
		const scored = (id: number) => listBatches(t.db).then((bs) => bs.find((b) => b.batch_id === id)!);
		const first = await scored(r.batch_id);
		expect(first.completeness).toBeCloseTo((100 * 8) / 12, 9);
		expect(first.consistency).toBe(75);
		// the same file again writes no case: no score, rather than one over nothing
		const again = await importFile(t.db, file, { constants: { channel: '电话' } });
		expect(again.rows_unchanged).toBe(4);
		expect(await scored(again.batch_id)).toMatchObject({ completeness: null, consistency: null });
		// a later export filling SC-3's content and fixing SC-2's 办结时间: 2 cases written, 6 cells all filled, no warning
		const fixed = t.file('scores-2.csv', [csv.split('\n')[0], 'SC-2,2025-06-03 09:00,县教育局,收费,噪音,2025-06-04 09:00', 'SC-3,2025-06-04 09:00,县教育局,收费,食堂,2025-06-05 09:00'].join('\n'));
		const later = await importFile(t.db, fixed);
		expect(later.rows_updated).toBe(2);
		expect(await scored(later.batch_id)).toMatchObject({ completeness: 100, consistency: 100 });
	}, 120_000);

	it('one column feeds two fields (--map category=一级分类 --map unit=一级分类)', async () => {
		const r = await importFile(t.db, fixture('one-column.csv'), { map: { category: '一级分类', unit: '一级分类' } });
		expect(r).toMatchObject({ rows_total: 2, rows_imported: 2, rows_rejected: 0 });
		expect(await t.db.query<Row>(`SELECT case_id, unit, category FROM cases WHERE case_id IN ('K1', 'K2') ORDER BY case_id`)).toEqual([
			{ case_id: 'K1', unit: '县教育局', category: '县教育局' },
			{ case_id: 'K2', unit: '县卫健委', category: '县卫健委' }
		]);
	}, 120_000);

	it('a date column and a time column make one timestamp; a row without a time keeps the date', async () => {
		const r = await importFile(t.db, fixture('company-log.csv'), { constants: { unit: '某某物业公司' }, map: { category: '分类' } });
		expect(r).toMatchObject({ rows_total: 3, rows_imported: 3, rows_rejected: 0 });
		expect(
			await t.db.query<Row>(`SELECT case_id, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received, unit, CAST(extra AS VARCHAR) AS extra
				FROM cases WHERE case_id LIKE 'C-%' ORDER BY case_id`)
		).toEqual([
			{ case_id: 'C-1', received: '2025-05-06 14:03:00', unit: '某某物业公司', extra: '{"客户":"王五"}' },
			{ case_id: 'C-2', received: '2025-05-07 09:05:30', unit: '某某物业公司', extra: '{"客户":"赵六"}' },
			{ case_id: 'C-3', received: '2025-05-08 00:00:00', unit: '某某物业公司', extra: '{"客户":"钱七"}' }
		]);
	}, 120_000);

	it('Excel _xHHHH_ escapes are decoded and line breaks stored as LF: the CSV of the same sheet is unchanged', async () => {
		const { default: ExcelJS } = await import('exceljs');
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Sheet1');
		ws.addRow(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		// what Excel writes for a cell with a line break: the CR escaped, the LF as is; _x005F_ is a literal underscore
		ws.addRow(['X1', '2025-07-01 08:00:00', '县水务局', '第一行_x000D_\n第二行']);
		ws.addRow(['X2', '2025-07-02 08:00:00', '县水务局', '编号_x005F_x000D_照抄']);
		const xlsx = path.join(t.dir, 'escapes.xlsx');
		await wb.xlsx.writeFile(xlsx);
		expect(await readWorkbookXml(xlsx)).toContain('第一行_x000D_'); // the fixture really holds the escape

		const r = await importFile(t.db, xlsx);
		expect(r).toMatchObject({ rows_imported: 2, rows_rejected: 0 });
		expect(await t.db.query<Row>(`SELECT case_id, content FROM cases WHERE case_id IN ('X1', 'X2') ORDER BY case_id`)).toEqual([
			{ case_id: 'X1', content: '第一行\n第二行' },
			{ case_id: 'X2', content: '编号_x000D_照抄' }
		]);
		const csv = t.file('escapes.csv', '投诉编号,受理时间,被投诉单位,投诉内容\r\nX1,2025-07-01 08:00:00,县水务局,"第一行\r\n第二行"\r\nX2,2025-07-02 08:00:00,县水务局,编号_x000D_照抄\r\n');
		expect(await importFile(t.db, csv)).toMatchObject({ rows_total: 2, rows_unchanged: 2 });
	}, 120_000);

	it('profiles are hints: the cfpb profile reads a comma export with snake_case headers and YYYY/M/D dates', async () => {
		const r = await importFile(t.db, fixture('cfpb-old-comma.csv'), { profile: 'cfpb' });
		expect(r).toMatchObject({ rows_total: 2, rows_imported: 2, rows_rejected: 0 });
		expect(
			await t.db.query<Row>(`SELECT case_id, unit, channel, source_verdict, strftime(received_at, '%Y-%m-%d') AS received
				FROM cases WHERE case_id LIKE '90000%' ORDER BY case_id`)
		).toEqual([
			{ case_id: '900001', unit: 'ACME COLLECTIONS', channel: 'Web', source_verdict: 'Yes', received: '2019-09-24' },
			{ case_id: '900002', unit: 'BIG BANK', channel: 'Phone', source_verdict: 'No', received: '2019-10-03' }
		]);
	}, 120_000);

	it("a profile's date formats go first (22-04-15 as %d-%m-%y); several headers per field; --date-format alike", async () => {
		const dir = path.join(t.dir, 'profiles');
		const profile = saveProfile('短日期', { case_id: ['单号', '编号'], received_at: ['登记日期', '登记'], unit: '单位' }, { dateFormats: ['%d-%m-%y'] }, dir);
		const r = await importFile(t.db, fixture('short-dates.csv'), { profile: profile.path });
		expect(r).toMatchObject({ rows_total: 2, rows_imported: 2, rows_rejected: 0 });
		expect(await listRejects(t.db, r.batch_id)).toEqual([]);
		const received = async () =>
			t.db.query<Row>(`SELECT case_id, strftime(received_at, '%Y-%m-%d') AS received FROM cases WHERE case_id IN ('D1', 'D2') ORDER BY case_id`);
		expect(await received()).toEqual([
			{ case_id: 'D1', received: '2015-04-22' },
			{ case_id: 'D2', received: '2024-11-03' }
		]);
		// the same from the command line's --date-format, without the profile
		const again = await importFile(t.db, fixture('short-dates.csv'), {
			map: { case_id: '编号', received_at: '登记', unit: '单位' },
			dateFormats: ['%d-%m-%y']
		});
		expect(again).toMatchObject({ rows_total: 2, rows_unchanged: 2, rows_rejected: 0 });
	}, 120_000);

	it('a profile that fits nothing says so, listing the headers', async () => {
		const err = await importError(fixture('one-column.csv'), { profile: 'nyc311' });
		expect(err.code).toBe('profile_fits_nothing');
		expect(err.message).toContain('方案 nyc311 的列在此文件中一个也没有找到');
		expect(err.message).toContain('工单号、受理时间、一级分类、诉求内容');
	}, 120_000);

	it('clear errors: a wrong forced encoding shows the headers as decoded; a missing --map header lists the headers', async () => {
		const gb = t.file('gb.csv', iconv.encode('投诉编号,受理时间,被投诉单位\nA1,2025-01-01,县教育局\n', 'gb18030'));
		const enc = await importError(gb, { encoding: 'utf-8' });
		expect(enc.code).toBe('encoding_mismatch');
		expect(enc.message).toContain('不是有效的 UTF-8');
		expect((enc.details as { headers: string[] }).headers).toHaveLength(3);
		expect(enc.message).toContain('�');

		const miss = await importError(fixture('one-column.csv'), { map: { unit: '承办部门' } });
		expect(miss.code).toBe('map_header_missing');
		expect(miss.message).toContain('文件中的列：工单号、受理时间、一级分类、诉求内容');
	}, 120_000);
});

/** The first worksheet's and the shared strings' XML of a workbook (to prove the fixture holds what Excel writes). */
async function readWorkbookXml(file: string): Promise<string> {
	const { default: JSZip } = await import('jszip');
	const zip = await JSZip.loadAsync(fs.readFileSync(file));
	const parts = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'].map((p) => zip.file(p)?.async('string') ?? '');
	return (await Promise.all(parts)).join('\n');
}

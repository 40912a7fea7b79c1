// Nothing is lost: every record of the file is imported, updated, unchanged or rejected with its exact line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, listRejects, rejectsCsv, listBatches } from '../../src/lib/server/ingest/index.ts';
import { balanced, tempDb, type TempDb } from './helpers.ts';

let t: TempDb;
beforeEach(async () => {
	t = await tempDb();
});
afterEach(() => t.close());

const DIRTY = [
	/* 1 */ '投诉编号,受理时间,被投诉单位,联系电话,投诉内容',
	/* 2 */ 'A1,2025-10-08 09:00,县教育局,13800000001,正常',
	/* 3 */ 'A2,2025-10-08 09:00,,13800000002,缺单位',
	/* 4 */ 'A3,不是时间,县教育局,13800000003,"坏时间，',
	/* 5 */ '跨两行"',
	/* 6 */ ',2025-10-08 09:00,县教育局,13800000004,缺编号',
	/* 7 */ 'A5,2025-10-08 09:00,县教育局,13800000005,多一列,x',
	/* 8 */ 'A6,2025-10-08 09:00,县教育局',
	/* 9 */ 'A7,2025-10-08 09:00,县教育局,电话不详,手机号写成文字',
	/* 10 */ 'A1,2025-10-09 09:00,县教育局,13800000001,重复编号以后者为准',
	/* 11 */ '',
	/* 12 */ 'A8,2025-13-45,县教育局,13800000008,月份不存在',
	/* 13 */ 'A9,"2025-10-08 09:00",县"教育"局,13800000009,未加引号字段中的引号',
	/* 14 */ 'A10,1890-01-01,县教育局,13800000010,年份太早',
	/* 15 */ 'A11,2025-10-08 09:00,县教育局,-,占位符',
	/* 16 */ 'A12,2025-10-08 09:00,县教育局,13800000012,"未闭合的引号'
];

describe('row accounting', () => {
	it('rejects exactly the bad rows, with their physical line, field, column and reason', async () => {
		const file = t.file('dirty.csv', DIRTY.join('\r\n') + '\r\n');
		const r = await importFile(t.db, file);
		// 13 records: 16 lines less the header, the continuation line 5 and the empty line 11
		expect(await balanced(t.db, r, 13)).toEqual([]);
		const rejects = await listRejects(t.db, r.batch_id);
		const byLine = Object.fromEntries(rejects.map((x) => [x.line_no, x]));
		expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4, 6, 7, 8, 9, 12, 14, 16]);
		expect(byLine[2]).toMatchObject({ field: 'case_id', column_name: '投诉编号', reason: '文件内重复编号，以第 10 行为准' });
		expect(byLine[2].raw).toBe('A1,2025-10-08 09:00,县教育局,13800000001,正常');
		expect(byLine[3]).toMatchObject({ field: 'unit', column_name: '被投诉单位', reason: '缺少必填字段「被投诉单位」' });
		expect(byLine[4]).toMatchObject({ field: 'received_at', column_name: '受理时间', reason: '「受理时间」不是可识别的日期时间' });
		expect(byLine[4].raw).toBe('A3,不是时间,县教育局,13800000003,"坏时间，\n跨两行"');
		expect(byLine[6]).toMatchObject({ field: 'case_id', reason: '缺少必填字段「投诉编号」' });
		expect(byLine[7].reason).toBe('列数多于表头（可能有未加引号的分隔符）');
		expect(byLine[8]).toMatchObject({ reason: '列数少于表头', raw: 'A6,2025-10-08 09:00,县教育局' });
		expect(byLine[9]).toMatchObject({ field: 'complainant_phone', column_name: '联系电话' });
		expect(byLine[12].field).toBe('received_at');
		expect(byLine[14].reason).toBe('「受理时间」的年份不在 1900–2100 之间');
		expect(byLine[16].reason).toBe('引号不匹配（字段中有未转义的引号，或引号未闭合）');
		// a quote inside an unquoted field is literal text (as DuckDB and Excel read it): row 13 is kept
		expect(await t.db.queryOne(`SELECT unit FROM cases WHERE case_id = 'A9'`)).toEqual({ unit: '县"教育"局' });
		// the placeholder "-" is an empty phone, not an error
		expect(await t.db.queryOne(`SELECT complainant_phone FROM cases WHERE case_id = 'A11'`)).toEqual({ complainant_phone: null });
		expect(r).toMatchObject({ rows_total: 13, rows_imported: 3, rows_rejected: 10 });
		// the later duplicate won
		expect(await t.db.queryOne(`SELECT content, source_line::INTEGER AS l FROM cases WHERE case_id = 'A1'`)).toEqual({ content: '重复编号以后者为准', l: 10 });
		const batch = (await listBatches(t.db))[0];
		expect(batch).toMatchObject({ batch_id: r.batch_id, rows_total: 13, rows_rejected: 10, status: 'committed' });
	});

	it('rejects CSV is UTF-8 with BOM, escapes formulas and keeps raw text', async () => {
		const file = t.file('f.csv', '投诉编号,受理时间,被投诉单位\n@SUM(1),2025-10-08,\n=1+2,坏,"县教育局"\n');
		const r = await importFile(t.db, file);
		const csv = await rejectsCsv(t.db, r.batch_id);
		// 字段 the canonical name (cli.md), 字段名称 the same in Chinese, 列 the file's header
		expect(csv.startsWith('\uFEFF行号,字段,字段名称,列,原因,原始内容\r\n')).toBe(true);
		expect(csv).toContain(`2,unit,被投诉单位,被投诉单位,缺少必填字段「被投诉单位」,"'@SUM(1),2025-10-08,"\r\n`);
		expect(csv).toContain(`3,received_at,受理时间,受理时间,「受理时间」不是可识别的日期时间,"'=1+2,坏,县教育局"\r\n`);
	});

	it('re-importing the same file changes nothing', async () => {
		const file = t.file('same.csv', DIRTY.join('\n'));
		const first = await importFile(t.db, file);
		const before = await t.db.query('SELECT * EXCLUDE (extra) FROM cases ORDER BY case_id');
		const again = await importFile(t.db, file);
		expect(await balanced(t.db, again, 13)).toEqual([]);
		expect(again).toMatchObject({ rows_total: first.rows_total, rows_imported: 0, rows_updated: 0, rows_unchanged: first.rows_imported, rows_rejected: first.rows_rejected });
		expect(await t.db.query('SELECT * EXCLUDE (extra) FROM cases ORDER BY case_id')).toEqual(before);
		expect(await t.db.queryOne('SELECT count(*)::INTEGER AS n FROM case_history')).toEqual({ n: 0 });
	});

	it('an overlapping later export updates changed cases and keeps their previous version', async () => {
		const v1 = ['投诉编号,受理时间,被投诉单位,办结时间,处理结果', 'U1,2025-10-01 09:00,县教育局,,', 'U2,2025-10-02 09:00,县教育局,,', 'U3,2025-10-03 09:00,县教育局,,'];
		const v2 = ['投诉编号,受理时间,被投诉单位,办结时间,处理结果', 'U2,2025-10-02 09:00,县教育局,2025-10-10 17:00,属实', 'U3,2025-10-03 09:00,县教育局,,', 'U4,2025-10-04 09:00,县教育局,,'];
		const b1 = await importFile(t.db, t.file('v1.csv', v1.join('\n')));
		const b2 = await importFile(t.db, t.file('v2.csv', v2.join('\n')));
		expect(b2).toMatchObject({ rows_total: 3, rows_imported: 1, rows_updated: 1, rows_unchanged: 1, rows_rejected: 0 });
		expect(await balanced(t.db, b2, 3)).toEqual([]);
		const u2 = await t.db.queryOne<Record<string, unknown>>(
			`SELECT outcome, strftime(closed_at, '%Y-%m-%d %H:%M') AS closed, batch_id, first_batch_id FROM cases WHERE case_id = 'U2'`
		);
		expect(u2).toEqual({ outcome: '属实', closed: '2025-10-10 17:00', batch_id: b2.batch_id, first_batch_id: b1.batch_id });
		expect(await t.db.queryOne(`SELECT batch_id FROM cases WHERE case_id = 'U3'`)).toEqual({ batch_id: b1.batch_id });
		const history = await t.db.query<{ case_id: string; superseded_by_batch: number; batch_id: number; record: string }>(
			'SELECT case_id, superseded_by_batch, batch_id, CAST(record AS VARCHAR) AS record FROM case_history'
		);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ case_id: 'U2', superseded_by_batch: b2.batch_id, batch_id: b1.batch_id });
		const old = JSON.parse(history[0].record);
		expect(old).toMatchObject({ case_id: 'U2', outcome: null, closed_at: null });
		expect(await t.db.queryOne('SELECT count(*)::INTEGER AS n FROM cases')).toEqual({ n: 4 });
	});

	it('a later export without a column keeps the stored value of that field', async () => {
		await importFile(t.db, t.file('a.csv', '投诉编号,受理时间,被投诉单位,联系电话\nK1,2025-10-01,县教育局,13800000000\n'));
		const r = await importFile(t.db, t.file('b.csv', '投诉编号,受理时间,被投诉单位\nK1,2025-10-01,县教育局\n'));
		expect(r).toMatchObject({ rows_unchanged: 1, rows_updated: 0 });
		expect(await t.db.queryOne(`SELECT complainant_phone FROM cases`)).toEqual({ complainant_phone: '13800000000' });
	});
});

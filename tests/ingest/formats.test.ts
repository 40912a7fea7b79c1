// Real export shapes: encodings, line endings, quoting, header variants, every date format, XLSX.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { importFile, detectEncoding, proposeMapping, listRejects } from '../../src/lib/server/ingest/index.ts';
import { previewXlsx, type StoredUpload } from '../../src/lib/server/ingest/jobs.ts';
import { balanced, tempDb, type TempDb } from './helpers.ts';

let t: TempDb;
beforeEach(async () => {
	t = await tempDb();
});
afterEach(() => t.close());

const ROWS = [
	'投诉编号,受理时间,被投诉单位,投诉渠道,联系电话,投诉人,投诉内容',
	'GD001,2025-10-08 14:03:00,县住建局,网络,138-0013-8000,张三,"小区噪声，夜间施工"',
	'GD002,2025/10/9 9:30,县住房和城乡建设局,电话,13900139000,李四,"反映：""物业""乱收费\n第二行说明"',
	'GD003,2025年10月10日,城关镇人民政府,来信,,王五,道路破损'
];

async function cases(): Promise<Record<string, unknown>[]> {
	return t.db.query(
		`SELECT case_id, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received_at, unit, channel, complainant_phone,
			complainant_name, content, complainant_key FROM cases ORDER BY case_id`
	);
}

describe('encodings', () => {
	it('reads UTF-8, UTF-8 with BOM and GB18030 to the same cases', async () => {
		const text = ROWS.join('\r\n') + '\r\n';
		const variants: [string, Buffer, string][] = [
			['utf8.csv', Buffer.from(text, 'utf8'), 'utf-8'],
			['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8-bom'],
			['gb.csv', iconv.encode(text, 'gb18030'), 'gb18030']
		];
		const seen: unknown[] = [];
		for (const [name, bytes, expected] of variants) {
			const file = t.file(name, bytes);
			expect((await detectEncoding(file)).encoding).toBe(expected);
			await t.db.run('DELETE FROM cases');
			const report = await importFile(t.db, file);
			expect(report.encoding).toBe(expected);
			expect(report).toMatchObject({ rows_total: 3, rows_imported: 3, rows_rejected: 0 });
			seen.push(await cases());
		}
		expect(seen[1]).toEqual(seen[0]);
		expect(seen[2]).toEqual(seen[0]);
		const first = seen[0] as Record<string, unknown>[];
		expect(first[1].content).toBe('反映："物业"乱收费\n第二行说明');
		expect(first[0].content).toBe('小区噪声，夜间施工');
	});

	it('honours a forced encoding and detects GB18030 that only appears deep in the file', async () => {
		const ascii = Array.from({ length: 6000 }, (_, i) => `A${i},2025-10-08 10:00:00,Unit ${i % 5},web,,x,plain ascii content padding`);
		const text = ['投诉编号,受理时间,被投诉单位,投诉渠道,联系电话,投诉人,投诉内容', ...ascii, 'Z1,2025-10-08 10:00:00,县教育局,电话,,赵六,中文内容在文件末尾'].join('\n');
		// Header is Chinese too, so make the head ASCII-only by renaming via --map
		const gb = iconv.encode(text.replace('投诉编号,受理时间,被投诉单位,投诉渠道,联系电话,投诉人,投诉内容', 'id,received,unit,ch,phone,name,body'), 'gb18030');
		const file = t.file('late.csv', gb);
		const map = { case_id: 'id', received_at: 'received', unit: 'unit', content: 'body' } as const;
		const report = await importFile(t.db, file, { map });
		expect(report.encoding).toBe('gb18030');
		expect(report.rows_imported).toBe(6001);
		const z = await t.db.queryOne('SELECT unit, content FROM cases WHERE case_id = $id', { id: 'Z1' });
		expect(z).toEqual({ unit: '县教育局', content: '中文内容在文件末尾' });

		const forced = t.file('forced.csv', iconv.encode(ROWS.join('\n'), 'gb18030'));
		const r2 = await importFile(t.db, forced, { encoding: 'gb18030' });
		expect(r2.encoding).toBe('gb18030');
		expect(r2.rows_rejected).toBe(0);
	});

	it('a GB18030 file forced as UTF-8 stops with the encoding named instead of storing mojibake', async () => {
		const file = t.file('wrong.csv', iconv.encode(ROWS.join('\n'), 'gb18030'));
		// The file is not UTF-8 at all: said so (not a missing field the garbled header could not name).
		await expect(importFile(t.db, file, { encoding: 'utf-8' })).rejects.toMatchObject({ code: 'encoding_mismatch' });
	});
});

describe('line endings and quoting', () => {
	it('gives the same result for LF and CRLF, with commas and line breaks inside quotes', async () => {
		const lf = t.file('lf.csv', ROWS.join('\n') + '\n');
		const r1 = await importFile(t.db, lf);
		const a = await cases();
		await t.db.run('DELETE FROM cases');
		const crlf = t.file('crlf.csv', ROWS.join('\r\n'));
		const r2 = await importFile(t.db, crlf);
		expect(await cases()).toEqual(a);
		expect(r1.rows_imported).toBe(3);
		expect(r2.rows_imported).toBe(3);
		// CRLF inside a quoted field is stored as a plain line break
		expect(a[1].content).toContain('\n第二行');
		expect(String(a[1].content)).not.toContain('\r');
	});

	it('reads tab- and semicolon-delimited files', async () => {
		for (const delim of ['\t', ';']) {
			await t.db.run('DELETE FROM cases');
			const text = ['投诉编号', '受理时间', '被投诉单位', '投诉内容'].join(delim) + '\n' + ['T1', '2025-10-08', '县教育局', 'a, b'].join(delim) + '\n';
			const r = await importFile(t.db, t.file(`d${delim === '\t' ? 'tab' : 'semi'}.csv`, text));
			expect(r).toMatchObject({ rows_imported: 1, rows_rejected: 0 });
			expect(await t.db.queryOne('SELECT content FROM cases')).toEqual({ content: 'a, b' });
		}
	});
});

describe('files it cannot read', () => {
	it('names an Excel 97-2003 workbook (whatever its extension) and a UTF-16 text file, and says what to do', async () => {
		const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512, 7)]);
		for (const name of ['old.xls', 'renamed.xlsx', 'renamed.csv']) {
			await expect(importFile(t.db, t.file(name, ole)), name).rejects.toMatchObject({ code: 'xls_unsupported', message: expect.stringContaining('另存为') });
		}
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROWS.join('\r\n').replaceAll(',', '\t'), 'utf16le')]);
		await expect(importFile(t.db, t.file('unicode.txt', utf16))).rejects.toMatchObject({ code: 'utf16_unsupported' });
		expect(await t.db.query('SELECT count(*)::INTEGER AS n FROM import_batches')).toEqual([{ n: 0 }]);
	});
});

describe('title rows above the header', () => {
	it('leaves out a title and an export-date row in UTF-8, GB18030 and tab-separated files; lines stay physical', async () => {
		const body = [
			['投诉编号', '受理时间', '被投诉单位', '投诉内容'],
			['H1', '2025-10-08 14:03', '县教育局', '"校车\n接送"'],
			['H2', '不是日期', '县教育局', '食堂'],
			['H3', '2025/10/9 9:30', '城关镇人民政府', '道路']
		];
		for (const [name, delim, encode] of [
			['titled.csv', ',', (x: string) => Buffer.from(x, 'utf8')],
			['titled-gb.csv', ',', (x: string) => iconv.encode(x, 'gb18030')],
			['titled.tsv', '\t', (x: string) => Buffer.from(x, 'utf8')]
		] as const) {
			await t.db.run('DELETE FROM cases');
			// Excel's CSV of a sheet with a merged title: the title, then empty cells; the TSV title has no tabs at all
			const title = delim === ',' ? '某县投诉案件登记台账,,,' : '某县投诉案件登记台账';
			const text = [title, `导出时间：2025年10月31日${delim}${delim}${delim}`, '', ...body.map((r) => r.join(delim))].join('\r\n') + '\r\n';
			const r = await importFile(t.db, t.file(name, encode(text)));
			expect(r, name).toMatchObject({ rows_total: 3, rows_imported: 2, rows_rejected: 1 });
			expect(await t.db.query('SELECT case_id, content FROM cases ORDER BY case_id')).toEqual([
				{ case_id: 'H1', content: '校车\n接送' },
				{ case_id: 'H3', content: '道路' }
			]);
			// H2 is on physical line 7 (the header on 4, H1 on 5–6)
			expect(await listRejects(t.db, r.batch_id), name).toMatchObject([{ line_no: 7, field: 'received_at' }]);
		}
	});

	it('reads a two-row header that groups columns, in a CSV and in a workbook with merged cells', async () => {
		const csv = [
			'某县投诉案件登记台账,,,,,',
			'投诉编号,受理时间,被投诉单位,办理情况,,',
			',,,办结时间,答复时间,满意度',
			'G1,2025-10-08 14:03,县教育局,2025-10-20,2025-10-21,满意',
			'G2,坏日期,县教育局,,,',
			'G3,2025-10-09 09:30,城关镇人民政府,2025-10-30,,不满意'
		].join('\r\n');
		const r = await importFile(t.db, t.file('grouped.csv', iconv.encode(csv, 'gb18030')));
		expect(r).toMatchObject({ rows_total: 3, rows_imported: 2, rows_rejected: 1 });
		expect(await listRejects(t.db, r.batch_id)).toMatchObject([{ line_no: 5, field: 'received_at' }]);
		const rows = await t.db.query(
			`SELECT case_id, strftime(closed_at, '%Y-%m-%d') AS closed, strftime(replied_at, '%Y-%m-%d') AS replied, satisfaction
			FROM cases ORDER BY case_id`
		);
		expect(rows).toEqual([
			{ case_id: 'G1', closed: '2025-10-20', replied: '2025-10-21', satisfaction: '满意' },
			{ case_id: 'G3', closed: '2025-10-30', replied: null, satisfaction: '不满意' }
		]);

		await t.db.run('DELETE FROM cases');
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('台账');
		ws.addRow(['某县投诉案件登记台账']);
		ws.mergeCells('A1:F1');
		ws.addRow(['投诉编号', '受理时间', '被投诉单位', '办理情况']);
		ws.addRow([null, null, null, '办结时间', '答复时间', '满意度']);
		for (const c of ['A', 'B', 'C']) ws.mergeCells(`${c}2:${c}3`);
		ws.mergeCells('D2:F2');
		ws.addRow(['W1', '2025-10-08 14:03', '县教育局', '2025-10-20', '2025-10-21', '满意']);
		ws.addRow(['W2', '坏日期', '县教育局']);
		const file = `${t.dir}/grouped.xlsx`;
		await wb.xlsx.writeFile(file);
		const preview = await previewXlsx({ id: 'u', fileName: 'grouped.xlsx', path: file, dir: t.dir, bytes: 0, kind: 'xlsx', owner: 'x', createdAt: 0 });
		expect(preview).toMatchObject({ headers: ['投诉编号', '受理时间', '被投诉单位', '办结时间', '答复时间', '满意度'], titleRows: 1 });
		expect(preview.rows.map((x) => x[0])).toEqual(['W1', 'W2']);
		const w = await importFile(t.db, file);
		expect(w).toMatchObject({ rows_total: 2, rows_imported: 1, rows_rejected: 1 });
		expect(await listRejects(t.db, w.batch_id)).toMatchObject([{ line_no: 5, field: 'received_at' }]);
		expect(await t.db.query(`SELECT case_id, satisfaction, strftime(replied_at, '%Y-%m-%d') AS replied FROM cases`)).toEqual([
			{ case_id: 'W1', satisfaction: '满意', replied: '2025-10-21' }
		]);
	});

	it('finds a two-row header whose upper half is the tenth non-empty row, in a workbook and a CSV', async () => {
		const notes = Array.from({ length: 9 }, (_, k) => [`说明第${k + 1}条`]);
		const rows = [
			...notes,
			['投诉编号', '受理时间', '被投诉单位', '办理情况', ''],
			['', '', '', '办结时间', '满意度'],
			['L1', '2025-10-08 14:03', '县教育局', '2025-10-20', '满意']
		];
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('台账');
		for (const r of rows) ws.addRow(r);
		const file = `${t.dir}/deep.xlsx`;
		await wb.xlsx.writeFile(file);
		const csv = t.file('deep.csv', rows.map((r) => r.join(',')).join('\n') + '\n');
		for (const f of [file, csv]) {
			await t.db.run('DELETE FROM cases');
			expect(await importFile(t.db, f), f).toMatchObject({ rows_total: 1, rows_imported: 1, rows_rejected: 0 });
			expect(await t.db.query(`SELECT case_id, strftime(closed_at, '%Y-%m-%d') AS closed FROM cases`)).toEqual([{ case_id: 'L1', closed: '2025-10-20' }]);
		}
	});

	it('gives every row of a workbook the value merged down its rows (a unit over its cases)', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('台账');
		ws.addRow(['被投诉单位', '投诉编号', '受理时间', '投诉内容']);
		ws.addRow(['县教育局', 'M1', '2025-10-08 09:00', '校车']);
		ws.addRow([null, 'M2', '2025-10-09 09:00', '食堂']);
		ws.addRow([null, 'M3', '2025-10-10 09:00', '收费']);
		ws.addRow(['城关镇人民政府', 'M4', '2025-10-11 09:00', '道路']);
		ws.mergeCells('A2:A4');
		ws.getCell('D5').value = '道路破损，夜间无照明';
		ws.mergeCells('D5:F5'); // a wide cell: one value, not three
		const file = `${t.dir}/merged.xlsx`;
		await wb.xlsx.writeFile(file);
		const r = await importFile(t.db, file);
		expect(r).toMatchObject({ rows_total: 4, rows_imported: 4, rows_rejected: 0 });
		expect(await t.db.query('SELECT case_id, unit, content, CAST(extra AS VARCHAR) AS extra FROM cases ORDER BY case_id')).toEqual([
			{ case_id: 'M1', unit: '县教育局', content: '校车', extra: null },
			{ case_id: 'M2', unit: '县教育局', content: '食堂', extra: null },
			{ case_id: 'M3', unit: '县教育局', content: '收费', extra: null },
			{ case_id: 'M4', unit: '城关镇人民政府', content: '道路破损，夜间无照明', extra: null }
		]);
	});

	it('a file whose header names no case field still fails on its first line, naming its headers', async () => {
		const file = t.file('english.csv', 'Case,Opened,Agency\nC1,2025-10-08,DOT\n');
		await expect(importFile(t.db, file)).rejects.toMatchObject({ code: 'missing_required', location: { line: 1 }, details: { headers: ['Case', 'Opened', 'Agency'] } });
		const titled = t.file('titled-missing.csv', '某县投诉台账,,\n投诉编号,受理时间,Agency\nC1,2025-10-08,DOT\n');
		// two fields named: the header is on line 2, and the error says so
		await expect(importFile(t.db, titled)).rejects.toMatchObject({ code: 'missing_required', location: { line: 2 } });
	});
});

describe('header aliases', () => {
	it('maps Chinese variants, full-width and decorated headers', () => {
		const p = proposeMapping(['工单编号（必填）', '来电时间*', '承办单位 ', 'ＩＤ', '来源', '来电号码', '问题描述', '备注', '备注']);
		expect(p.mapping).toMatchObject({
			case_id: '工单编号（必填）',
			received_at: '来电时间*',
			unit: '承办单位',
			channel: '来源',
			complainant_phone: '来电号码',
			content: '问题描述'
		});
		expect(p.missingRequired).toEqual([]);
		expect(p.unmapped).toEqual(['ＩＤ', '备注', '备注_2']);
	});

	it('--map wins over aliases and a required field without a header is a clear error', async () => {
		const p = proposeMapping(['编号', '投诉编号', '受理时间', '单位名称'], { map: { case_id: '编号', unit: '单位名称' } });
		expect(p.mapping.case_id).toBe('编号');
		expect(p.unmapped).toEqual(['投诉编号']);
		const file = t.file('nounit.csv', '投诉编号,受理时间\nA,2025-10-08\n');
		await expect(importFile(t.db, file)).rejects.toMatchObject({
			code: 'missing_required',
			location: { file: 'nounit.csv', line: 1 }
		});
		await expect(importFile(t.db, file, { map: { unit: '不存在的列' } })).rejects.toMatchObject({ code: 'map_header_missing' });
	});

	it('keeps unmapped columns verbatim in extra', async () => {
		await importFile(t.db, t.file('extra.csv', '投诉编号,受理时间,被投诉单位,街道,备注\nE1,2025-10-08,县教育局, 城关街道 ,\n'));
		const row = await t.db.queryOne<{ extra: string }>('SELECT CAST(extra AS VARCHAR) AS extra FROM cases');
		expect(JSON.parse(row!.extra)).toEqual({ 街道: ' 城关街道 ' });
	});
});

describe('normalisation', () => {
	it('parses every date format of real exports to Shanghai wall-clock time', async () => {
		const formats: [string, string][] = [
			['2025-10-08 14:03:00', '2025-10-08 14:03:00'],
			['2025/10/8 14:03', '2025-10-08 14:03:00'],
			['2025年10月8日', '2025-10-08 00:00:00'],
			['2025年10月8日 14:03', '2025-10-08 14:03:00'],
			['2025年10月8日14时03分', '2025-10-08 14:03:00'],
			['20251008140300', '2025-10-08 14:03:00'],
			['20251008', '2025-10-08 00:00:00'],
			['10/8/2025', '2025-10-08 00:00:00'],
			['12/25/2013 11:59:08 PM', '2013-12-25 23:59:08'],
			['12/25/2013 12:00:00 AM', '2013-12-25 00:00:00'],
			['2025-10-08T14:03:00', '2025-10-08 14:03:00'],
			['2025-10-08T06:03:00Z', '2025-10-08 14:03:00'],
			['2025-10-08T01:03:00-05:00', '2025-10-08 14:03:00'],
			['2025-10-08T14:03:00+08:00', '2025-10-08 14:03:00'],
			['45938.5', '2025-10-08 12:00:00'],
			['2025.10.08', '2025-10-08 00:00:00'],
			['２０２５－１０－０８　１４：０３：００', '2025-10-08 14:03:00']
		];
		const lines = ['投诉编号,受理时间,被投诉单位', ...formats.map(([v], i) => `D${String(i).padStart(2, '0')},"${v}",县教育局`)];
		const r = await importFile(t.db, t.file('dates.csv', lines.join('\n')));
		expect(await listRejects(t.db, r.batch_id)).toEqual([]);
		const rows = await t.db.query<{ case_id: string; r: string }>(
			`SELECT case_id, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS r FROM cases ORDER BY case_id`
		);
		expect(rows.map((x) => x.r)).toEqual(formats.map(([, want]) => want));
	});

	it('folds full-width ids and phones, resolves unit aliases, canonicalises channels, hashes the complainant', async () => {
		await t.db.run(`INSERT INTO units VALUES ('县住房和城乡建设局', '县直部门', 1)`);
		await t.db.run(`INSERT INTO unit_aliases VALUES ('县住建局', '县住房和城乡建设局'), ('住建局', '县住房和城乡建设局')`);
		const text = [
			'投诉编号,受理时间,被投诉单位,投诉渠道,联系电话,身份证号,办理方式,满意度,处理结果,是否延期,延期天数',
			'ＧＤ１,2025-10-08,　县住建局　,互联网,+86 138 0013 8000,,牵头,非常满意,情况属实,已批准,15天',
			'GD2,2025-10-08,住建局,来电,１３８００１３８０００,,直接办理,比较满意,基本属实,否,0',
			'GD3,2025-10-08,县住房和城乡建设局,微信,,11010519491231002x,转办,不满意,查无实据,,'
		].join('\n');
		const r = await importFile(t.db, t.file('norm.csv', text));
		expect(r.rows_rejected).toBe(0);
		const rows = await t.db.query(
			`SELECT case_id, unit, channel, complainant_phone, complainant_id_no, handling_mode, satisfaction, outcome,
				extension_approved, extension_days, complainant_key FROM cases ORDER BY case_id`
		);
		expect(rows.map((x) => x.case_id)).toEqual(['GD1', 'GD2', 'GD3']);
		expect(rows.map((x) => x.unit)).toEqual(['县住房和城乡建设局', '县住房和城乡建设局', '县住房和城乡建设局']);
		expect(rows.map((x) => x.channel)).toEqual(['网上', '电话', '微信']);
		expect(rows.map((x) => x.handling_mode)).toEqual(['牵头办理', '直办', '转办']);
		expect(rows.map((x) => x.satisfaction)).toEqual(['满意', '基本满意', '不满意']);
		expect(rows.map((x) => x.outcome)).toEqual(['属实', '部分属实', '不属实']);
		expect(rows.map((x) => x.extension_approved)).toEqual([true, false, null]);
		expect(rows.map((x) => x.extension_days)).toEqual([15, 0, null]);
		expect(rows[0].complainant_phone).toBe('13800138000');
		expect(rows[1].complainant_phone).toBe('13800138000');
		expect(rows[2].complainant_id_no).toBe('11010519491231002X');
		// same phone → same key; a salted SHA-256, not the phone itself
		expect(rows[0].complainant_key).toBe(rows[1].complainant_key);
		expect(String(rows[0].complainant_key)).toMatch(/^[0-9a-f]{64}$/);
		expect(String(rows[0].complainant_key)).not.toContain('13800138000');
		const salt = await t.db.queryOne<{ value: string }>(`SELECT value FROM settings WHERE key = 'complainant_salt'`);
		expect(salt?.value).toMatch(/^[0-9a-f]{32}$/);
	});

	it('keeps a case closed before it was received, with a quality warning', async () => {
		const r = await importFile(
			t.db,
			t.file('chrono.csv', '投诉编号,受理时间,被投诉单位,办结时间,答复时间\nC1,2025-10-08 14:00,县教育局,2025-10-07 09:00,2025-10-08\nC2,2025-10-08 14:00,县教育局,2025-10-09,\n')
		);
		expect(r.rows_imported).toBe(2);
		const c1 = await t.db.queryOne<{ quality_warnings: string[] }>(`SELECT quality_warnings FROM cases WHERE case_id = 'C1'`);
		// closed the day before: warned; replied on the receiving day with no time: not warned
		expect(c1?.quality_warnings).toEqual(['办结时间早于受理时间']);
		const w = await t.db.query('SELECT case_id, line_no::INTEGER AS line_no, warning FROM import_warnings');
		expect(w).toEqual([{ case_id: 'C1', line_no: 2, warning: '办结时间早于受理时间' }]);
	});

	it('stores pause columns in case_pauses', async () => {
		await importFile(
			t.db,
			t.file('pause.csv', '投诉编号,受理时间,被投诉单位,中止开始时间,中止结束时间,中止原因\nP1,2025-10-08,县教育局,2025-10-09,2025-10-15,等待鉴定\nP2,2025-10-08,县教育局,,,\n')
		);
		const pauses = await t.db.query(
			`SELECT case_id, strftime(start_at, '%Y-%m-%d') AS s, strftime(end_at, '%Y-%m-%d') AS e, reason FROM case_pauses`
		);
		expect(pauses).toEqual([{ case_id: 'P1', s: '2025-10-09', e: '2025-10-15', reason: '等待鉴定' }]);
	});
});

describe('XLSX', () => {
	it('reads the first sheet with date cells, Excel serials and text dates', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('导出');
		ws.addRow(['投诉编号', '受理时间', '被投诉单位', '办结时间', '投诉内容']);
		ws.addRow(['X1', new Date(Date.UTC(2025, 9, 8, 14, 3, 0)), '县教育局', new Date(Date.UTC(2025, 9, 9)), '含,逗号\n和换行']);
		ws.addRow(['X2', 45938.5, '县教育局', '2025/10/9 10:00', 12345]);
		ws.addRow([]);
		ws.addRow(['X3', '不是日期', '县教育局', null, null]);
		ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
		ws.getCell('D2').numFmt = 'yyyy-mm-dd';
		const file = `${t.dir}/export.xlsx`;
		await wb.xlsx.writeFile(file);
		const r = await importFile(t.db, file);
		expect(r).toMatchObject({ encoding: 'xlsx', rows_total: 3, rows_imported: 2, rows_rejected: 1 });
		const rows = await t.db.query(
			`SELECT case_id, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS r, strftime(closed_at, '%Y-%m-%d %H:%M:%S') AS c, content FROM cases ORDER BY case_id`
		);
		expect(rows).toEqual([
			{ case_id: 'X1', r: '2025-10-08 14:03:00', c: '2025-10-09 00:00:00', content: '含,逗号\n和换行' },
			{ case_id: 'X2', r: '2025-10-08 12:00:00', c: '2025-10-09 10:00:00', content: '12345' }
		]);
		const rejects = await listRejects(t.db, r.batch_id);
		// the sheet's own row number (row 4 is empty)
		expect(rejects).toMatchObject([{ line_no: 5, field: 'received_at', column_name: '受理时间' }]);
		expect(await balanced(t.db, r, 3)).toEqual([]);
	});

	it('keeps every Chinese character of a large workbook, where read chunks end inside characters', async () => {
		// The workbook's XML reaches the parser in chunks of 16 KB that split UTF-8 characters (3 bytes for most
		// Chinese): exceljs 4.4.0 decoded each chunk alone and turned a split character into U+FFFD, one row in a
		// few hundred here (patches/exceljs+4.4.0.patch). Texts of varying length put the splits everywhere.
		const words = ['投诉', '县住房和城乡建设局', '物业', '噪声', '乱收费', '办结后再投诉', '诉求：', '请尽快核实处理', '涉及金额约'];
		const text = (k: number) => Array.from({ length: 3 + (k % 17) }, (_, j) => words[(k * 7 + j * 3) % words.length]).join('');
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('导出');
		ws.addRow(['投诉编号', '受理时间', '被投诉单位', '投诉人', '投诉内容']);
		const n = 4000;
		for (let k = 0; k < n; k++) ws.addRow([`X${k}`, '2025年10月8日 14:03', '县教育局', `张${words[k % words.length]}`, text(k)]);
		const file = `${t.dir}/large.xlsx`;
		await wb.xlsx.writeFile(file);
		const r = await importFile(t.db, file);
		expect(r).toMatchObject({ encoding: 'xlsx', rows_total: n, rows_imported: n, rows_rejected: 0 });
		const rows = await t.db.query<{ case_id: string; complainant_name: string; content: string }>(
			'SELECT case_id, complainant_name, content FROM cases ORDER BY case_id'
		);
		const got = new Map(rows.map((x) => [x.case_id, x]));
		const wrong = Array.from({ length: n }, (_, k) => k).filter((k) => {
			const x = got.get(`X${k}`);
			return x?.content !== text(k) || x.complainant_name !== `张${words[k % words.length]}`;
		});
		expect(wrong).toEqual([]);
	});

	it('finds the header row below a title and an export-date row, in the import and in the preview', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('台账');
		ws.addRow(['某县行政效能投诉中心投诉案件登记台账']);
		ws.mergeCells('A1:E1');
		ws.addRow(['导出时间：2025年10月31日', null, null, '单位：件']);
		ws.addRow([]);
		ws.addRow(['投诉编号', '受理时间', '被投诉单位', '投诉人', '投诉内容']);
		ws.addRow(['T1', '2025-10-08 14:03', '县教育局', '张三', '校车接送']);
		ws.addRow(['T2', '不是日期', '县教育局', '李四', '食堂']);
		ws.addRow(['T3', '2025/10/9 9:30', '城关镇人民政府', '王五', '道路']);
		const file = `${t.dir}/titled.xlsx`;
		await wb.xlsx.writeFile(file);

		const upload: StoredUpload = { id: 'u', fileName: 'titled.xlsx', path: file, dir: t.dir, bytes: 0, kind: 'xlsx', owner: 'x', createdAt: 0 };
		const preview = await previewXlsx(upload);
		expect(preview.headers).toEqual(['投诉编号', '受理时间', '被投诉单位', '投诉人', '投诉内容']);
		expect(preview.rows.map((r) => r[0])).toEqual(['T1', 'T2', 'T3']);
		expect(preview.titleRows).toBe(2);

		const r = await importFile(t.db, file);
		expect(r).toMatchObject({ rows_total: 3, rows_imported: 2, rows_rejected: 1 });
		expect(await t.db.query('SELECT case_id, complainant_name FROM cases ORDER BY case_id')).toEqual([
			{ case_id: 'T1', complainant_name: '张三' },
			{ case_id: 'T3', complainant_name: '王五' }
		]);
		// the sheet's own row numbers, as Excel shows them
		expect(await listRejects(t.db, r.batch_id)).toMatchObject([{ line_no: 6, field: 'received_at' }]);
	});

	it('passes over a cover sheet to the first sheet with a header row; without one, names the first sheet\'s headers', async () => {
		const wb = new ExcelJS.Workbook();
		const cover = wb.addWorksheet('填表说明');
		for (const line of ['一、本表按月报送。', '二、投诉编号由系统生成。', '三、受理时间精确到分钟。']) cover.addRow([line]);
		const data = wb.addWorksheet('台账');
		data.addRow(['某县投诉案件登记台账']);
		data.addRow(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		for (let k = 1; k <= 30; k++) data.addRow([`S${k}`, '2025-10-08 14:03', '县教育局', `第${k}件`]);
		const file = `${t.dir}/cover.xlsx`;
		await wb.xlsx.writeFile(file);
		const upload: StoredUpload = { id: 'u', fileName: 'cover.xlsx', path: file, dir: t.dir, bytes: 0, kind: 'xlsx', owner: 'x', createdAt: 0 };
		const preview = await previewXlsx(upload);
		expect(preview.headers).toEqual(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		expect(preview.rows).toHaveLength(20);
		const r = await importFile(t.db, file);
		expect(r).toMatchObject({ rows_total: 30, rows_imported: 30, rows_rejected: 0 });

		const bad = new ExcelJS.Workbook();
		const only = bad.addWorksheet('Sheet1');
		only.addRow(['Case', 'Opened', 'Agency']);
		for (let k = 1; k <= 60; k++) only.addRow([`C${k}`, '2025-10-08', 'DOT']);
		bad.addWorksheet('Sheet2').addRow(['备注']);
		const badFile = `${t.dir}/english.xlsx`;
		await bad.xlsx.writeFile(badFile);
		const preview2 = await previewXlsx({ ...upload, path: badFile });
		expect(preview2.headers).toEqual(['Case', 'Opened', 'Agency']);
		expect(preview2.rows).toHaveLength(20);
		await expect(importFile(t.db, badFile)).rejects.toMatchObject({ code: 'missing_required', details: { headers: ['Case', 'Opened', 'Agency'] } });
		// mapped by hand, the same sheet imports whole
		const mapped = await importFile(t.db, badFile, { map: { case_id: 'Case', received_at: 'Opened', unit: 'Agency' } });
		expect(mapped).toMatchObject({ rows_total: 60, rows_imported: 60 });
	});

	it("leaves no temporary copy of the sheet behind, after an import or a preview that stops early", async () => {
		// exceljs spools a sheet that precedes the shared strings (as Excel orders them) to a temporary file and
		// removes it (asynchronously) only when its reading runs to the end: one leftover copy of the sheet's XML
		// per import otherwise.
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('导出');
		ws.addRow(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		for (let k = 0; k < 200; k++) ws.addRow([`P${k}`, '2025-10-08 14:03', '县教育局', `第${k}件`]);
		wb.addWorksheet('说明').addRow(['本表由系统导出']);
		const file = `${t.dir}/two-sheets.xlsx`;
		await wb.xlsx.writeFile(file);
		const tmp = fs.mkdtempSync(path.join(t.dir, 'tmpdir-'));
		const saved = process.env.TMPDIR;
		process.env.TMPDIR = tmp;
		try {
			const upload: StoredUpload = { id: 'u', fileName: 'two-sheets.xlsx', path: file, dir: t.dir, bytes: 0, kind: 'xlsx', owner: 'x', createdAt: 0 };
			const preview = await previewXlsx(upload, 5);
			expect(preview.headers).toEqual(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
			expect(preview.rows.map((r) => r[0])).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
			const emptied = () => vi.waitFor(() => expect(fs.readdirSync(tmp)).toEqual([]), { timeout: 5000, interval: 50 });
			await emptied();
			const r = await importFile(t.db, file);
			expect(r).toMatchObject({ rows_total: 200, rows_imported: 200 });
			await emptied();
		} finally {
			if (saved === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = saved;
		}
	});
});

describe('progress', () => {
	it('only moves forward and ends at 1, whether the file is read as it is or rewritten', async () => {
		const text = ROWS.join('\n') + '\n';
		for (const [name, bytes] of [
			['asis.csv', Buffer.from(text, 'utf8')],
			['cr.csv', Buffer.from(text.replace('夜间施工', '夜间\r施工'), 'utf8')],
			['gb.csv', iconv.encode(text, 'gb18030')]
		] as const) {
			const seen: number[] = [];
			await importFile(t.db, t.file(name, bytes), { onProgress: (p) => seen.push(p.fraction) });
			expect([...seen].sort((a, b) => a - b), name).toEqual(seen);
			expect(seen.at(-1), name).toBe(1);
		}
	});
});

import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MergeFiller, SharedStrings } from './xlsx.ts';
import { Workbook } from './xlsx-reader.ts';
import { findHeaderRows } from './header-row.ts';

describe('SharedStrings', () => {
	it('gives back every string, across both buffers growing many times', () => {
		const store = new SharedStrings();
		const text = (k: number) => (k % 997 === 0 ? '长'.repeat(400_000 + k) : `第${k}件：${'诉'.repeat(k % 13)}${k % 7 === 0 ? '' : 'x'}`);
		const n = 70_000; // > 4 × the first offset table, > 2 MB of text
		for (let k = 0; k < n; k++) store.add(k, text(k));
		const wrong = [];
		for (let k = 0; k < n; k++) if (store.get(k) !== text(k)) wrong.push(k);
		expect(wrong).toEqual([]);
		expect(store.get(n)).toBe('');
		expect(store.get(-1)).toBe('');
	});

	it('refuses strings out of order (the index is the position)', () => {
		const store = new SharedStrings();
		store.add(0, 'a');
		expect(() => store.add(2, 'c')).toThrow(/out of order/);
	});
});

describe('findHeaderRows: the header row', () => {
	it('skips title rows above the first row naming two case fields; else the first row', () => {
		const header = ['投诉编号', '受理时间', '被投诉单位'];
		expect(findHeaderRows([['某县投诉台账'], ['导出时间：2025年10月31日'], header, ['T1', '2025-10-08', '县教育局']]).index).toBe(2);
		expect(findHeaderRows([header, ['T1', '2025-10-08', '县教育局']]).index).toBe(0);
		expect(findHeaderRows([['某县投诉台账'], ['编号', 'x', 'y']]).index).toBe(0); // one field named: not a header
		const far = [...Array.from({ length: 10 }, (_, k) => [`标题${k}`]), header];
		expect(findHeaderRows(far).index).toBe(0); // only the first ten rows are looked at
		expect(findHeaderRows([['a'], ['Case', 'When']], (cells) => cells.filter((c) => ['Case', 'When'].includes(c)).length).index).toBe(1);
	});
});

describe('findHeaderRows', () => {
	const data = ['T1', '2025-10-08', '县教育局', '2025-10-20', '满意'];
	it('names grouped columns by their lower cell under a two-row header, whichever row is found first', () => {
		// 投诉编号 … merged down both rows; 办理情况 over 办结时间 and 满意度
		const upper = ['投诉编号', '受理时间', '被投诉单位', '办理情况', ''];
		const lower = ['', '', '', '办结时间', '满意度'];
		expect(findHeaderRows([['某县投诉台账'], upper, lower, data])).toEqual({
			named: true,
			index: 1,
			rows: 2,
			headers: ['投诉编号', '受理时间', '被投诉单位', '办结时间', '满意度']
		});
		// only the lower row names two fields: the row above it, naming one, is its upper half
		const upper2 = ['投诉编号', '基本情况', '', '办理情况', ''];
		const lower2 = ['', '受理时间', '被投诉单位', '办结时间', '满意度'];
		expect(findHeaderRows([upper2, lower2, data])).toEqual({
			named: true,
			index: 0,
			rows: 2,
			headers: ['投诉编号', '受理时间', '被投诉单位', '办结时间', '满意度']
		});
	});

	it('keeps a one-row header one row: a title above names no field, data below names none', () => {
		const header = ['投诉编号', '受理时间', '被投诉单位'];
		expect(findHeaderRows([['某县投诉台账'], ['导出时间：2025年10月31日'], header, data])).toEqual({ named: true, index: 2, rows: 1, headers: header });
		expect(findHeaderRows([header, data])).toEqual({ named: true, index: 0, rows: 1, headers: header });
		expect(findHeaderRows([])).toEqual({ named: false, index: 0, rows: 1, headers: [] });
		expect(findHeaderRows([['Case', 'Opened'], data])).toMatchObject({ named: false, index: 0, headers: ['Case', 'Opened'] });
	});
});

describe('merged cells', () => {
	it('reads a sheet written with a namespace prefix: rows, inline and shared strings, dates, merged ranges at its end', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'merges-'));
		try {
			const { default: JSZip } = await import('jszip');
			const zip = new JSZip();
			const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
			zip.file('xl/workbook.xml', `<x:workbook ${ns} xmlns:r="r"><x:sheets><x:sheet name="台账" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`);
			zip.file('xl/_rels/workbook.xml.rels', `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`);
			zip.file('xl/styles.xml', `<x:styleSheet ${ns}><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`);
			// a shared string with a rich-text run and a phonetic run (left out), one with an entity and a CR escape
			zip.file('xl/sharedStrings.xml', `<x:sst ${ns}><x:si><x:t>县教育局</x:t></x:si><x:si><x:r><x:t>校</x:t></x:r><x:r><x:t>车</x:t></x:r><x:rPh><x:t>xiao</x:t></x:rPh></x:si><x:si><x:t>A&amp;B_x000D_\nC</x:t></x:si></x:sst>`);
			const rows = (n: number) =>
				Array.from({ length: n }, (_, k) => `<x:row r="${k + 1}"><x:c r="A${k + 1}" t="s"><x:v>${k % 3}</x:v></x:c><x:c r="C${k + 1}" s="1"><x:v>45938.5</x:v></x:c><x:c r="D${k + 1}" t="inlineStr"><x:is><x:t>第${k}件</x:t></x:is></x:c></x:row>`).join('');
			const many = Array.from({ length: 40_000 }, (_, k) => `<x:mergeCell ref="$B$${2 * k + 1}:B${2 * k + 2}"/>`).join('');
			zip.file('xl/worksheets/sheet1.xml', `<x:worksheet ${ns}><x:sheetData>${rows(3000)}</x:sheetData><x:mergeCells>${many}</x:mergeCells></x:worksheet>`);
			const file = path.join(dir, 'prefixed.xlsx');
			fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
			const book = new Workbook(file);
			await book.strings();
			const got: string[][] = [];
			const scanned = await book.scan(book.sheets[0], (row) => void got.push([String(row.number), ...row.cells()]));
			expect(got).toHaveLength(3000);
			expect(got.slice(0, 3)).toEqual([
				['1', '县教育局', '', '2025-10-08 12:00:00', '第0件'],
				['2', '校车', '', '2025-10-08 12:00:00', '第1件'],
				['3', 'A&B\r\nC', '', '2025-10-08 12:00:00', '第2件']
			]);
			expect(scanned.merges).toHaveLength(40_000);
			expect(scanned.merges![39_999]).toEqual({ r1: 79_999, c1: 2, r2: 80_000, c2: 2 });
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('fills a value merged down rows into each of them, in its first column only; empty rows stay empty', () => {
		const filler = new MergeFiller([
			{ r1: 3, c1: 2, r2: 6, c2: 3 }, // unit merged down rows 3–6 (and over two columns)
			{ r1: 1, c1: 1, r2: 1, c2: 4 }, // a title across the top: nothing to fill
			{ r1: 10, c1: 1, r2: 11, c2: 1 } // starts on a row that never comes
		]);
		const out = [
			{ number: 1, cells: ['台账'] },
			{ number: 3, cells: ['A1', '县教育局', '', 'x'] },
			{ number: 4, cells: ['A2', '', '', 'y'] },
			{ number: 5, cells: [] as string[] },
			{ number: 6, cells: ['A3'] },
			{ number: 7, cells: ['A4', ''] },
			{ number: 11, cells: ['', 'B1'] }
		].map((r) => filler.fill(r).cells);
		expect(out).toEqual([['台账'], ['A1', '县教育局', '', 'x'], ['A2', '县教育局', '', 'y'], [], ['A3', '县教育局'], ['A4', ''], ['', 'B1']]);
	});
});

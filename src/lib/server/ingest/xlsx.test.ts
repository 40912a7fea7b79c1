import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MergeFiller, readMergedRanges, SharedStrings } from './xlsx.ts';
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
	it('reads the merged ranges from the end of a sheet, however far back they start', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'merges-'));
		try {
			const rows = (n: number) => Array.from({ length: n }, (_, k) => `<row r="${k + 1}"><c r="A${k + 1}" t="s"><v>${k}</v></c></row>`).join('');
			const many = Array.from({ length: 40_000 }, (_, k) => `<x:mergeCell ref="B${2 * k + 1}:B${2 * k + 2}"/>`).join(''); // > 1 MB
			const file = (name: string, xml: string) => {
				const f = path.join(dir, name);
				fs.writeFileSync(f, xml);
				return f;
			};
			const plain = file('a.xml', `<worksheet><sheetData>${rows(100)}</sheetData><mergeCells count="2"><mergeCell ref="A1:H1"/><mergeCell ref="$C$5:$C$9"/></mergeCells><pageMargins/></worksheet>`);
			expect(readMergedRanges(plain)).toEqual([
				{ r1: 1, c1: 1, r2: 1, c2: 8 },
				{ r1: 5, c1: 3, r2: 9, c2: 3 }
			]);
			const prefixed = file('b.xml', `<x:worksheet><x:sheetData>${rows(50_000)}</x:sheetData><x:mergeCells>${many}</x:mergeCells></x:worksheet>`);
			const ranges = readMergedRanges(prefixed);
			expect(ranges).toHaveLength(40_000);
			expect(ranges[39_999]).toEqual({ r1: 79_999, c1: 2, r2: 80_000, c2: 2 });
			expect(readMergedRanges(file('c.xml', `<worksheet><sheetData>${rows(50_000)}</sheetData></worksheet>`))).toEqual([]);
			expect(readMergedRanges(file('d.xml', ''))).toEqual([]);
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

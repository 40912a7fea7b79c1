import { describe, expect, it } from 'vitest';
import { SharedStrings } from './xlsx.ts';
import { findHeaderRows, headerRowIndex } from './header-row.ts';

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

describe('headerRowIndex', () => {
	it('skips title rows above the first row naming two case fields; else the first row', () => {
		const header = ['投诉编号', '受理时间', '被投诉单位'];
		expect(headerRowIndex([['某县投诉台账'], ['导出时间：2025年10月31日'], header, ['T1', '2025-10-08', '县教育局']])).toBe(2);
		expect(headerRowIndex([header, ['T1', '2025-10-08', '县教育局']])).toBe(0);
		expect(headerRowIndex([['某县投诉台账'], ['编号', 'x', 'y']])).toBe(0); // one field named: not a header
		const far = [...Array.from({ length: 10 }, (_, k) => [`标题${k}`]), header];
		expect(headerRowIndex(far)).toBe(0); // only the first ten rows are looked at
		expect(headerRowIndex([['a'], ['Case', 'When']], (cells) => cells.filter((c) => ['Case', 'When'].includes(c)).length)).toBe(1);
	});
});

describe('findHeaderRows', () => {
	const data = ['T1', '2025-10-08', '县教育局', '2025-10-20', '满意'];
	it('names grouped columns by their lower cell under a two-row header, whichever row is found first', () => {
		// 投诉编号 … merged down both rows; 办理情况 over 办结时间 and 满意度
		const upper = ['投诉编号', '受理时间', '被投诉单位', '办理情况', ''];
		const lower = ['', '', '', '办结时间', '满意度'];
		expect(findHeaderRows([['某县投诉台账'], upper, lower, data])).toEqual({
			index: 1,
			rows: 2,
			headers: ['投诉编号', '受理时间', '被投诉单位', '办结时间', '满意度']
		});
		// only the lower row names two fields: the row above it, naming one, is its upper half
		const upper2 = ['投诉编号', '基本情况', '', '办理情况', ''];
		const lower2 = ['', '受理时间', '被投诉单位', '办结时间', '满意度'];
		expect(findHeaderRows([upper2, lower2, data])).toEqual({
			index: 0,
			rows: 2,
			headers: ['投诉编号', '受理时间', '被投诉单位', '办结时间', '满意度']
		});
	});

	it('keeps a one-row header one row: a title above names no field, data below names none', () => {
		const header = ['投诉编号', '受理时间', '被投诉单位'];
		expect(findHeaderRows([['某县投诉台账'], ['导出时间：2025年10月31日'], header, data])).toEqual({ index: 2, rows: 1, headers: header });
		expect(findHeaderRows([header, data])).toEqual({ index: 0, rows: 1, headers: header });
		expect(findHeaderRows([])).toEqual({ index: 0, rows: 1, headers: [] });
	});
});

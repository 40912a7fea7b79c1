import { describe, expect, it } from 'vitest';
import { csvCell, escapeFormula } from './spreadsheet.ts';

describe('spreadsheet cells', () => {
	it('neutralises formula starts', () => {
		for (const s of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(s)).toBe(`'${s}`);
		expect(escapeFormula('县住建局')).toBe('县住建局');
	});
	it('quotes CSV cells that need it and keeps numbers as numbers', () => {
		expect(csvCell(null)).toBe('');
		expect(csvCell(-5)).toBe('-5');
		expect(csvCell('-5')).toBe("'-5");
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('他说"好"')).toBe('"他说""好"""');
		expect(csvCell('两行\n内容')).toBe('"两行\n内容"');
		expect(csvCell(' 前后空格 ')).toBe('" 前后空格 "');
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
	});
});

import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detectEncoding, utf8BoundaryLength } from './encoding.ts';

const text = '投诉编号,受理时间,被投诉单位\nTS-1,2025-10-08 14:03:00,县住房和城乡建设局\n';

describe('detectEncoding', () => {
	it('recognises a UTF-8 BOM', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);
		expect(detectEncoding(bytes, false)).toBe('utf-8-bom');
	});
	it('recognises plain UTF-8', () => {
		expect(detectEncoding(new Uint8Array(Buffer.from(text, 'utf8')), false)).toBe('utf-8');
	});
	it('falls back to GB18030 for Excel-on-Chinese-Windows exports', () => {
		expect(detectEncoding(new Uint8Array(iconv.encode(text, 'gb18030')), false)).toBe('gb18030');
	});
	it('does not call a UTF-8 slice invalid because the cut split the last character', () => {
		const full = Buffer.from(text + '住建局', 'utf8');
		for (let cut = full.length - 8; cut < full.length; cut++) {
			expect(detectEncoding(new Uint8Array(full.subarray(0, cut)), true)).toBe('utf-8');
		}
	});
	it('still judges a GB18030 slice cut mid-character as GB18030', () => {
		const gb = iconv.encode(text + '住建局', 'gb18030');
		expect(detectEncoding(new Uint8Array(gb.subarray(0, gb.length - 1)), true)).toBe('gb18030');
	});
});

describe('utf8BoundaryLength', () => {
	it('keeps complete sequences and drops a trailing partial one', () => {
		const zhu = Buffer.from('住', 'utf8'); // 3 bytes
		expect(utf8BoundaryLength(new Uint8Array([0x41, ...zhu]))).toBe(4);
		expect(utf8BoundaryLength(new Uint8Array([0x41, zhu[0], zhu[1]]))).toBe(1);
		expect(utf8BoundaryLength(new Uint8Array([0x41, zhu[0]]))).toBe(1);
		const emoji = Buffer.from('😀', 'utf8'); // 4 bytes
		expect(utf8BoundaryLength(new Uint8Array([...emoji.subarray(0, 3)]))).toBe(0);
		expect(utf8BoundaryLength(new Uint8Array([...emoji]))).toBe(4);
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classifySample, completeUtf8Length, detectEncoding } from './encoding.ts';

describe('encoding detection', () => {
	it('does not count a character cut at the sample end against UTF-8', () => {
		const full = Buffer.from('受理时间', 'utf8');
		for (let cut = 1; cut < full.length; cut++) {
			const part = full.subarray(0, cut);
			expect(completeUtf8Length(part) % 3).toBe(0);
			expect(classifySample(part, false)).toBe(cut < 3 ? 'ascii' : 'utf-8');
		}
	});

	it('classifies samples', () => {
		expect(classifySample(Buffer.from('abc'), true)).toBe('ascii');
		expect(classifySample(iconv.encode('投诉编号,受理时间', 'gb18030'), true)).toBe('gb18030');
		expect(classifySample(Buffer.from([0xff, 0xff, 0xff, 0xff]), true)).toBe('unknown');
	});

	it('detects BOM, UTF-8 and GB18030 files', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enc-'));
		try {
			const write = (name: string, b: Buffer) => {
				const p = path.join(dir, name);
				fs.writeFileSync(p, b);
				return p;
			};
			const text = '投诉编号,受理时间\nA1,2025年10月8日\n';
			expect((await detectEncoding(write('a', Buffer.from('\uFEFF' + text)))).encoding).toBe('utf-8-bom');
			expect((await detectEncoding(write('b', Buffer.from(text)))).encoding).toBe('utf-8');
			expect((await detectEncoding(write('c', iconv.encode(text, 'gb18030')))).encoding).toBe('gb18030');
			const ascii = await detectEncoding(write('d', Buffer.from('id,date\n1,2025-10-08\n')));
			expect(ascii).toMatchObject({ encoding: 'utf-8' });
			expect(ascii.confidence).toBeLessThan(1);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

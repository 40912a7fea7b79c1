import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parsePreview } from './preview.ts';

function csv(rows: number): string {
	const lines = ['投诉编号,受理时间,被投诉单位,投诉内容'];
	for (let i = 1; i <= rows; i++) lines.push(`TS-${i},2025-10-08 14:03:00,县住建局,"噪音扰民，""夜间施工""\n多次反映"`);
	return lines.join('\r\n') + '\r\n';
}

describe('parsePreview', () => {
	it('decodes a GB18030 export, guesses the delimiter and keeps quoted newlines', () => {
		const bytes = new Uint8Array(iconv.encode(csv(5), 'gb18030'));
		const p = parsePreview(bytes, { truncated: false, encoding: 'auto', fileName: 'a.csv' });
		expect(p.detected).toBe('gb18030');
		expect(p.encoding).toBe('gb18030');
		expect(p.headers).toEqual(['投诉编号', '受理时间', '被投诉单位', '投诉内容']);
		expect(p.rows).toHaveLength(5);
		expect(p.rows[0][3]).toBe('噪音扰民，"夜间施工"\n多次反映');
		expect(p.garbled).toBe(false);
	});
	it('stops at the requested number of rows and drops a row cut by the slice', () => {
		const full = Buffer.from(csv(100), 'utf8');
		const cut = new Uint8Array(full.subarray(0, 700));
		const p = parsePreview(cut, { truncated: true, encoding: 'auto', fileName: 'a.csv', rows: 20 });
		expect(p.detected).toBe('utf-8');
		for (const row of p.rows) expect(row).toHaveLength(4);
		expect(p.rows.length).toBeGreaterThan(3);
		const all = parsePreview(new Uint8Array(full), { truncated: false, encoding: 'auto', fileName: 'a.csv', rows: 20 });
		expect(all.rows).toHaveLength(20);
	});
	it('reports garbled text when forced to the wrong encoding', () => {
		const bytes = new Uint8Array(iconv.encode(csv(2), 'gb18030'));
		const p = parsePreview(bytes, { truncated: false, encoding: 'utf-8', fileName: 'a.csv' });
		expect(p.detected).toBe('gb18030');
		expect(p.encoding).toBe('utf-8');
		expect(p.garbled).toBe(true);
	});
	it('reads TSV with tabs', () => {
		const bytes = new Uint8Array(Buffer.from('投诉编号\t受理时间\nA,1\t2025-01-01\n', 'utf8'));
		const p = parsePreview(bytes, { truncated: false, encoding: 'auto', fileName: 'x.tsv' });
		expect(p.delimiter).toBe('\t');
		expect(p.rows).toEqual([['A,1', '2025-01-01']]);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordRewriter, sniffDelimiter, splitRecord } from './rewrite.ts';

function rewrite(
	text: string | Buffer,
	chunk: number,
	delim = ',',
	skipRecords = 0
): { out: string; header: string | undefined; records: number } {
	const rw = new RecordRewriter(delim, { skipRecords });
	const buf = typeof text === 'string' ? Buffer.from(text) : text;
	const parts: Buffer[] = [];
	for (let i = 0; i < buf.length; i += chunk) parts.push(rw.push(buf.subarray(i, i + chunk)));
	parts.push(rw.end());
	return { out: Buffer.concat(parts).toString(), header: rw.header()?.toString(), records: rw.records };
}

describe('RecordRewriter', () => {
	it('prefixes each record with the physical line it starts on, across quoted line breaks and blank lines', () => {
		const r = rewrite('id,"na\r\nme",x\r\n1,a,"x\r\ny"\r\n\r\n2,b"c,d\r\n3,"q""r",s\r\n4,e\rf,g', 1000);
		expect(r.header).toBe('id,"na\nme",x');
		expect(r.out).toBe('3,1,a,"x\ny"\n6,2,b"c,d\n7,3,"q""r",s\n8,4,e f,g\n');
		expect(r.records).toBe(4);
	});

	it('drops the records above the header it is told to skip (title rows), keeping physical line numbers', () => {
		const text = '某县投诉台账,,\r\n"导出时间\r\n2025年10月",,\r\n\r\nid,name,x\r\n1,a,b\r\n2,"c\r\nd",e';
		const r = rewrite(text, 1 << 20, ',', 2);
		expect(r.header).toBe('id,name,x');
		expect(r.out).toBe('6,1,a,b\n7,2,"c\nd",e\n');
		expect(r.records).toBe(2);
		for (const size of [1, 2, 3, 7]) expect(rewrite(text, size, ',', 2)).toEqual(r);
		// only title rows: no header
		expect(rewrite('标题\n副标题', 4, ',', 2).header).toBe('');
	});

	it('gives the same bytes whatever the chunk boundaries', () => {
		const text = 'h1\th2\n"a\r\nb"\tc\r\n\r\n d\t"e""f"\n"unterminated\tx\ny\n';
		const whole = rewrite(text, 1 << 20, '\t');
		for (const size of [1, 2, 3, 5, 7]) expect(rewrite(text, size, '\t')).toEqual(whole);
	});

	it('sees a quote after a delimiter and spaces as opening a field when the spaces end the previous chunk', () => {
		for (const text of [', "\n', 'h\n1, "a\nb",c\n']) {
			const whole = rewrite(text, 1 << 20);
			for (const size of [1, 2, 3]) expect(rewrite(text, size)).toEqual(whole);
		}
		expect(rewrite('h\n1, "a\nb",c\n', 1).out).toBe('2,1, "a\nb",c\n');
	});

	it('is chunk-invariant for any input (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '中', '""'), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (parts, size) => {
				const text = parts.join('');
				expect(rewrite(text, size)).toEqual(rewrite(text, 1 << 20));
			}),
			{ numRuns: 200 }
		);
	});
});

describe('splitRecord and sniffDelimiter', () => {
	it('splits quoted fields', () => {
		expect(splitRecord('a,"b,c","d""e",', ',')).toEqual(['a', 'b,c', 'd"e', '']);
		expect(splitRecord('x\t"y\nz"', '\t')).toEqual(['x', 'y\nz']);
	});
	it('sniffs tab, comma and semicolon outside quotes', () => {
		expect(sniffDelimiter('Date received\tProduct\t"Sub, product"')).toBe('\t');
		expect(sniffDelimiter('a;b;c')).toBe(';');
		expect(sniffDelimiter('a,b;c,d')).toBe(',');
		expect(sniffDelimiter('"a;b;c",d')).toBe(',');
	});
});

import { describe, expect, it } from 'vitest';
import { RecordStarts } from './starts.ts';

describe('RecordStarts', () => {
	it('gives back every start line, across blocks and gaps of 255 lines and more', () => {
		const starts = new RecordStarts();
		const lines: number[] = [];
		let line = 1;
		let seed = 7;
		for (let k = 0; k < 1_100_000; k++) {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			// mostly the next line, sometimes a few more, now and then a record of hundreds or thousands of lines
			const gap = seed % 1000 === 0 ? 255 + (seed % 5000) : seed % 7 === 0 ? 1 + (seed % 3) : 0;
			line += gap + 1;
			lines.push(line);
			starts.push(line);
		}
		expect(starts.length).toBe(lines.length);
		expect(starts.toArray()).toEqual(lines);
		let seen = 0;
		starts.forEach((l, k) => {
			seen++;
			return k < 9; // stops after the tenth
		});
		expect(seen).toBe(10);
	});

	it('refuses a start line that does not increase', () => {
		const starts = new RecordStarts();
		starts.push(2);
		expect(() => starts.push(2)).toThrow();
	});
});

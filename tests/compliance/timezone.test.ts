// The server's time zone must not change a single result: the same evaluation under Asia/Shanghai and
// America/New_York (where a library reading dates in local time would answer for the previous day).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

function probe(tz: string) {
	const out = execFileSync(process.execPath, ['--import', 'tsx', path.join('tests', 'compliance', 'tz-probe.ts')], {
		env: { ...process.env, TZ: tz },
		encoding: 'utf8',
		timeout: 120_000
	});
	return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe('time zone independence', () => {
	it('gives identical results under TZ=America/New_York and TZ=Asia/Shanghai', () => {
		const shanghai = probe('Asia/Shanghai');
		const newYork = probe('America/New_York');
		expect(shanghai.offset).toBe(-480);
		expect(newYork.offset).toBe(240);
		expect({ ...newYork, offset: 0 }).toEqual({ ...shanghai, offset: 0 });
		// and the results are the hand-computed ones, not merely equal
		expect(newYork.results['TZ-1\u0000transfer-reply']).toMatchObject({ status: 'met', due_at: '2025-10-16T23:59:59.999+08:00' });
		// dispatched 23:59:59 on Wed 2024-02-07; 15 wd: 8, 9, 18 (Sun), 19..23, 26..29, 3月1, 4, 5 → 2024-03-05
		expect(newYork.results['TZ-2\u0000assign-reply']).toMatchObject({ status: 'met', due_at: '2024-03-05T23:59:59.999+08:00' });
		expect(newYork.calendar[1]).toMatchObject({ year: 2025, workdays: 248, makeup_workdays: 5, official: true });
	}, 240_000);
});

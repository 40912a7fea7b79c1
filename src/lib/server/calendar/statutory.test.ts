// Statutory holidays of a year without a State Council notice (全国年节及纪念日放假办法, 2024 revision), checked
// against the official notices of 2025 and 2026 and, for 2027, against dates worked out by hand from the almanac.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { statutoryHolidays, statutoryYears } from './statutory.ts';

const official = (year: number): Set<string> =>
	new Set((JSON.parse(fs.readFileSync(path.join('data', 'calendar', `${year}.json`), 'utf8')) as { holidays: { date: string }[] }).holidays.map((h) => h.date));

describe('statutory holidays', () => {
	it('fall within the official holidays of 2025 and 2026 (除夕 on 腊月廿九 both years, 补假 for weekend days)', () => {
		for (const year of [2025, 2026]) {
			const days = statutoryHolidays(year).map((h) => h.date);
			// 1 + 4 + 1 + 2 + 1 + 1 + 3 = 13 statutory days, plus one 补假 per day on a weekend
			expect(days.length, String(year)).toBeGreaterThanOrEqual(13);
			for (const d of days) expect(official(year).has(d), `${year}: ${d}`).toBe(true);
		}
		// 2025: 除夕 1月28日 (腊月廿九); 端午 5月31日 is a Saturday → 补假 6月2日 (Mon)
		expect(statutoryHolidays(2025).filter((h) => h.name === '春节').map((h) => h.date)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
		expect(statutoryHolidays(2025).filter((h) => h.name === '端午节').map((h) => h.date)).toEqual(['2025-05-31', '2025-06-02']);
		// 2026: 除夕 2月16日 (腊月廿九); 清明 4月5日 is a Sunday → 4月6日
		expect(statutoryHolidays(2026).filter((h) => h.name === '春节').map((h) => h.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
		expect(statutoryHolidays(2026).filter((h) => h.name === '清明节').map((h) => h.date)).toEqual(['2026-04-05', '2026-04-06']);
	});

	it('2027 by hand: 除夕 2月5日 (腊月廿九), 清明 4月5日, 端午 6月9日, 中秋 9月15日, weekend days made up', () => {
		expect(statutoryHolidays(2027).map((h) => `${h.date.slice(5)} ${h.name}`)).toEqual([
			'01-01 元旦',
			// Fri 5, Sat 6, Sun 7, Mon 8 → two weekend days made up on Tue 9 and Wed 10
			'02-05 春节', '02-06 春节', '02-07 春节', '02-08 春节', '02-09 春节', '02-10 春节',
			'04-05 清明节',
			// Sat 1, Sun 2 → Mon 3, Tue 4
			'05-01 劳动节', '05-02 劳动节', '05-03 劳动节', '05-04 劳动节',
			'06-09 端午节',
			'09-15 中秋节',
			// Fri 1, Sat 2, Sun 3 → Mon 4, Tue 5
			'10-01 国庆节', '10-02 国庆节', '10-03 国庆节', '10-04 国庆节', '10-05 国庆节'
		]);
	});

	it('are computed only for years without a notice, from 2025 to the end of the almanac (2100)', () => {
		const years = statutoryYears([{ year: 2026, official: true, source: 'x', holidays: [], makeup_workdays: [] }], 2200).map((y) => y.year);
		expect(years[0]).toBe(2025);
		expect(years).not.toContain(2026);
		expect(years[years.length - 1]).toBe(2100);
	});
});

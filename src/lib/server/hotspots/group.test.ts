// Seed-based grouping on hand-made signatures: a chain A~B~C whose ends are not similar stays apart, the window
// counts from the seed, units never mix, and the distance is the number of differing bits.
import { describe, expect, it } from 'vitest';
import { placesAgree, popcount32, seedGroups, signatureDistance, type SignedCase } from './group.ts';

/** A signature with the low `k` bits of the low half set: case(k) and case(m) are |k − m| bits apart. */
const at = (day: number, k: number, unit = '县城市管理局', places: string[] = []): SignedCase => ({ unit, day, hi: 0, lo: k === 32 ? 0xffffffff : (2 ** k - 1) >>> 0, places });

describe('signature distance', () => {
	it('counts differing bits of both halves', () => {
		expect(popcount32(0)).toBe(0);
		expect(popcount32(0xffffffff)).toBe(32);
		expect(popcount32(0x80000001)).toBe(2);
		expect(signatureDistance({ unit: '', day: 0, hi: 0xf0000000, lo: 1, places: [] }, { unit: '', day: 0, hi: 0, lo: 0, places: [] })).toBe(5);
		expect(signatureDistance(at(0, 3), at(0, 10))).toBe(7);
	});
});

describe('seed-based groups', () => {
	it('does not chain: A~B and B~C with A and C far apart give two groups, not one', () => {
		// threshold 5: A–B 4 bits, B–C 4 bits, A–C 8 bits
		const groups = seedGroups([at(0, 0), at(1, 4), at(2, 8), at(3, 12)], 5, 30);
		// A seeds {A, B}; C is not similar to A, so it seeds {C, D}
		expect(groups).toEqual([
			[0, 1],
			[2, 3]
		]);
		for (const g of groups) expect(g).not.toEqual(expect.arrayContaining([0, 2]));
	});

	it('takes into the seed’s group every later case similar to the seed, in order of receipt', () => {
		expect(seedGroups([at(0, 0), at(1, 20), at(2, 3), at(3, 5), at(4, 21)], 5, 30)).toEqual([
			[0, 2, 3],
			[1, 4]
		]);
	});

	it('counts the window from the seed: a case more than windowDays after it seeds a group of its own', () => {
		expect(seedGroups([at(0, 0), at(20, 1), at(31, 1), at(40, 2)], 5, 30)).toEqual([
			[0, 1],
			[2, 3]
		]);
		expect(seedGroups([at(0, 0), at(30, 0)], 5, 30)).toEqual([[0, 1]]);
	});

	it('compares cases of one unit only and leaves singletons out', () => {
		expect(seedGroups([at(0, 0, '甲'), at(1, 0, '乙'), at(2, 1, '甲'), at(3, 16, '乙')], 5, 30)).toEqual([[0, 2]]);
	});

	it('keeps the same words about different places apart, and joins a text that names fewer of the same places', () => {
		expect(placesAgree(['白沙镇', '南坡村'], ['南坡村'])).toBe(true);
		expect(placesAgree([], ['南坡村'])).toBe(true);
		expect(placesAgree(['东岭'], ['桃源'])).toBe(false);
		expect(placesAgree(['双桥镇', '枣林村'], ['双桥镇', '新民村'])).toBe(false);
		const s = (day: number, places: string[]) => at(day, 0, '县医疗保障局', places);
		expect(seedGroups([s(0, ['东岭']), s(1, ['桃源']), s(2, []), s(3, ['桃源', '双桥镇'])], 5, 30)).toEqual([
			[0, 2],
			[1, 3]
		]);
	});
});

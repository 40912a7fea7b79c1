// Near-duplicate groups (疑似重复，可并单) from the cases' SimHash signatures, seed by seed: the earliest case not yet
// in a group is a seed, and its group is the later cases of its unit, received within the window after it, whose
// signature is close to the seed's own. Joining pairs transitively instead chained A~B~C~… across a whole year
// (on the demo data 95% of cases fell in groups); against a seed, every member is similar to one case, so a
// group's texts lie at most twice the threshold apart and its span is at most the window. Two texts naming
// different places are different matters however alike their words (the same complaint about another village):
// the places one names must all be among the other's.

/**
 * Signatures at most this many bits apart are the same matter (when their places agree): on the 30 hand-labelled
 * pairs of tests/hotspots/pairs.ts the same matter worded differently lies 0–24 bits apart, different matters in the
 * same boilerplate 7–34, those below 19 all but one naming different places; at 16 bits precision 0.92 and recall
 * 0.80 (at 18: 0.93 and 0.93, but more look-alike matters join).
 */
export const SIMHASH_MAX_DISTANCE = 16;
/** Two cases further apart than this are not grouped. */
export const DUPLICATE_WINDOW_DAYS = 30;
/** A text with fewer terms than this has no reliable signature. */
export const MIN_TERMS = 3;

export interface SignedCase {
	/** The unit responsible: the same matter goes to the same unit, so only cases of one unit are compared. */
	unit: string;
	/** Day of receipt (any day number: days since the epoch). */
	day: number;
	/** The 64-bit signature as two unsigned 32-bit halves. */
	hi: number;
	lo: number;
	/** The places the text names (text.ts placeTerms). */
	places: readonly string[];
}

/** Number of set bits of a 32-bit integer. */
export function popcount32(x: number): number {
	x = x - ((x >>> 1) & 0x55555555);
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	x = (x + (x >>> 4)) & 0x0f0f0f0f;
	return Math.imul(x, 0x01010101) >>> 24;
}

/** Differing bits of two signatures. */
export function signatureDistance(a: SignedCase, b: SignedCase): number {
	return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/** Does one case name every place the other names (either way round)? No place at all agrees with any. */
export function placesAgree(a: readonly string[], b: readonly string[]): boolean {
	const [small, large] = a.length <= b.length ? [a, b] : [b, a];
	return small.every((p) => large.includes(p));
}

/** Same matter: signatures at most maxDistance bits apart and no place named by one that the other contradicts. */
export function sameMatter(a: SignedCase, b: SignedCase, maxDistance: number): boolean {
	return signatureDistance(a, b) <= maxDistance && placesAgree(a.places, b.places);
}

/**
 * Where a grouping resumes: the cases received before `fromDay` are grouped as before (they do not depend on any later
 * case), and of them only the seeds (isSeed) whose window reaches `fromDay` can still take later cases.
 */
export interface Resume {
	fromDay: number;
	isSeed: (index: number) => boolean;
}

/**
 * Each case's seed (an index into `cases`, itself for a seed), for cases already sorted by receipt, earliest first.
 * A case joins the group of the earliest seed before it (same unit, at most `windowDays` later) whose signature is at
 * most `maxDistance` bits from its own and whose places agree (sameMatter); a case that joins no earlier seed is a
 * seed itself. With `resume`, cases before resume.fromDay keep their groups (their seed is -1 here, but for the
 * seeds, which are replayed over the later cases), which gives the later cases the seeds a grouping of all would.
 */
export function assignSeeds(cases: readonly SignedCase[], maxDistance: number, windowDays: number, resume?: Resume): Int32Array {
	const byUnit = new Map<string, number[]>();
	for (let i = 0; i < cases.length; i++) {
		const list = byUnit.get(cases[i].unit);
		if (list) list.push(i);
		else byUnit.set(cases[i].unit, [i]);
	}
	const seedOf = new Int32Array(cases.length).fill(-1);
	const fromDay = resume?.fromDay ?? -Infinity;
	for (const list of byUnit.values()) {
		for (let s = 0; s < list.length; s++) {
			const seedIndex = list[s];
			const seed = cases[seedIndex];
			if (seed.day < fromDay ? !resume!.isSeed(seedIndex) : seedOf[seedIndex] >= 0) continue;
			seedOf[seedIndex] = seedIndex;
			for (let m = s + 1; m < list.length; m++) {
				const j = list[m];
				if (cases[j].day - seed.day > windowDays) break;
				// a case before the resume point is in its group already
				if (cases[j].day >= fromDay && seedOf[j] < 0 && sameMatter(seed, cases[j], maxDistance)) seedOf[j] = seedIndex;
			}
		}
	}
	return seedOf;
}

/**
 * The groups (indices into `cases`, each of two or more, seed first) of cases already sorted by receipt, earliest
 * first, by assignSeeds; unit by unit, seed by seed.
 */
export function seedGroups(cases: readonly SignedCase[], maxDistance: number, windowDays: number): number[][] {
	const seedOf = assignSeeds(cases, maxDistance, windowDays);
	const members = new Map<number, number[]>();
	for (let i = 0; i < cases.length; i++) {
		const g = members.get(seedOf[i]);
		if (g) g.push(i);
		else members.set(seedOf[i], [i]);
	}
	// in the order of the grouping: units as first met, seeds in order of receipt
	const order = [...members.keys()].sort((a, b) => a - b);
	const unitRank = new Map<string, number>();
	for (const c of cases) if (!unitRank.has(c.unit)) unitRank.set(c.unit, unitRank.size);
	order.sort((a, b) => unitRank.get(cases[a].unit)! - unitRank.get(cases[b].unit)! || a - b);
	return order.map((seed) => members.get(seed)!).filter((g) => g.length >= 2);
}

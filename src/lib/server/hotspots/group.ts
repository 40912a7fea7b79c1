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
	const n = cases.length;
	// the cases unit by unit (each unit's in order of receipt), with their day and signature halves in typed arrays:
	// the inner loop below runs a seed against every later case of its unit's window (60,000 cases of two months at
	// 1,000,000 cases: about 10^8 comparisons), 10 s with object reads where it is under a second this way
	const unitOf = new Map<string, number>();
	const unitIndex = new Int32Array(n);
	const counts: number[] = [];
	for (let i = 0; i < n; i++) {
		let u = unitOf.get(cases[i].unit);
		if (u === undefined) {
			u = unitOf.size;
			unitOf.set(cases[i].unit, u);
			counts.push(0);
		}
		unitIndex[i] = u;
		counts[u]++;
	}
	const start = new Int32Array(counts.length + 1);
	for (let u = 0; u < counts.length; u++) start[u + 1] = start[u] + counts[u];
	const fill = start.slice(0, counts.length);
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[fill[unitIndex[i]]++] = i;
	const day = new Float64Array(n);
	const hi = new Int32Array(n);
	const lo = new Int32Array(n);
	for (let k = 0; k < n; k++) {
		const c = cases[order[k]];
		day[k] = c.day;
		hi[k] = c.hi | 0;
		lo[k] = c.lo | 0;
	}
	const seedOf = new Int32Array(n).fill(-1);
	const fromDay = resume?.fromDay ?? -Infinity;
	for (let u = 0; u < counts.length; u++) {
		const end = start[u + 1];
		for (let s = start[u]; s < end; s++) {
			const seedIndex = order[s];
			if (day[s] < fromDay ? !resume!.isSeed(seedIndex) : seedOf[seedIndex] >= 0) continue;
			seedOf[seedIndex] = seedIndex;
			const seed = cases[seedIndex];
			const sd = day[s];
			const sh = hi[s];
			const sl = lo[s];
			for (let m = s + 1; m < end; m++) {
				if (day[m] - sd > windowDays) break;
				const j = order[m];
				// a case before the resume point is in its group already
				if (day[m] < fromDay || seedOf[j] >= 0) continue;
				if (popcount32(sh ^ hi[m]) + popcount32(sl ^ lo[m]) <= maxDistance && placesAgree(seed.places, cases[j].places)) seedOf[j] = seedIndex;
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

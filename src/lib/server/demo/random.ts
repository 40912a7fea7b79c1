// Seeded pseudo-random numbers for the demo data: the same seed gives byte-identical data on every machine.

/** sfc32: small, fast and good enough for synthetic data; state kept in 32-bit integers. */
export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number) {
		this.a = 0x9e3779b9;
		this.b = 0x243f6a88;
		this.c = 0xb7e15162;
		this.d = seed >>> 0;
		for (let i = 0; i < 15; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Integer in [lo, hi] inclusive. */
	range(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Exponentially distributed with the given mean. */
	exponential(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}
}

/** A 32-bit integer hash of (seed, n): identities (names, phones) are functions of an index, not of draw order. */
export function hash32(seed: number, n: number): number {
	let h = (seed ^ 0x85ebca6b) >>> 0;
	h = Math.imul(h ^ n, 0xcc9e2d51);
	h = (h << 15) | (h >>> 17);
	h = Math.imul(h, 0x1b873593);
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Weighted choice among indices by a cumulative table (binary search: O(log n) per draw). */
export class WeightedTable {
	private readonly cumulative: Float64Array;
	private readonly total: number;

	constructor(weights: readonly number[]) {
		this.cumulative = new Float64Array(weights.length);
		let sum = 0;
		for (let i = 0; i < weights.length; i++) {
			sum += Math.max(0, weights[i]);
			this.cumulative[i] = sum;
		}
		this.total = sum;
	}

	draw(random: Random): number {
		const x = random.next() * this.total;
		let lo = 0;
		let hi = this.cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.cumulative[mid] > x) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
}

/** Zipf-like weights 1/(rank+offset)^exponent: a few items take a large share, most are rare (heavy tail). */
export function zipfWeights(count: number, exponent: number, offset: number): number[] {
	const weights = new Array<number>(count);
	for (let r = 0; r < count; r++) weights[r] = 1 / Math.pow(r + offset, exponent);
	return weights;
}

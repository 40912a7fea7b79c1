// Count tests of the 热点预警: a Poisson upper tail for "this window is far above its baseline", and the
// Benjamini–Hochberg procedure to keep the share of false alarms among the many terms tested at q.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): enough for tail probabilities. */
export function lnGamma(x: number): number {
	const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
	x -= 1;
	let a = c[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += c[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Poisson(lambda), lambda > 0, k ≥ 0 integer. */
export function poissonUpperTail(k: number, lambda: number): number {
	if (k <= 0) return 1;
	if (k <= lambda) {
		// 1 − P(X ≤ k − 1): the lower sum is at most ~0.5 here, no cancellation to speak of
		let term = Math.exp(-lambda);
		let sum = term;
		for (let i = 1; i < k; i++) {
			term *= lambda / i;
			sum += term;
		}
		return Math.max(0, Math.min(1, 1 - sum));
	}
	// k > lambda: sum the decreasing terms from k upwards
	let term = Math.exp(-lambda + k * Math.log(lambda) - lnGamma(k + 1));
	let sum = 0;
	for (let i = k; i < k + 10000; i++) {
		sum += term;
		term *= lambda / (i + 1);
		if (term < sum * 1e-15) break;
	}
	return Math.min(1, sum);
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values) in the input order: sort ascending, q(i) = min over j ≥ i of
 * p(j)·m/j, capped at 1. A hypothesis is rejected at level α when its q ≤ α.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
	const m = p.length;
	const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
	const q = new Array<number>(m);
	let running = 1;
	for (let r = m - 1; r >= 0; r--) {
		const [v, i] = order[r];
		running = Math.min(running, (v * m) / (r + 1));
		q[i] = Math.min(1, running);
	}
	return q;
}

// A reactive Arrow query for components: refetches when its URL changes and cancels the stale request
// (the visible chart's newest query wins). Create it during component initialisation.
import { fetchArrow, metricsUrl, type PlainRow } from './arrow.ts';

export class ArrowQuery {
	rows = $state<PlainRow[]>([]);
	loading = $state(true);
	error = $state<string | null>(null);

	constructor(url: () => string | null) {
		$effect(() => {
			const u = url();
			if (u === null) {
				this.rows = [];
				this.loading = false;
				return;
			}
			const ac = new AbortController();
			this.loading = true;
			this.error = null;
			fetchArrow(u, { signal: ac.signal })
				.then((rows) => {
					if (ac.signal.aborted) return;
					this.rows = rows;
					this.loading = false;
				})
				.catch((e: unknown) => {
					if (ac.signal.aborted) return;
					this.error = e instanceof Error ? e.message : String(e);
					this.loading = false;
				});
			return () => ac.abort();
		});
	}
}

/** A reactive query of the generic metrics endpoint for a spec built from reactive state. */
export function metricsQuery(spec: () => unknown | null): ArrowQuery {
	return new ArrowQuery(() => {
		const s = spec();
		return s === null ? null : metricsUrl(s);
	});
}

// Display forms of the engine's timestamps (ISO with +08:00, Shanghai wall clock) on the compliance screens.

/** '2025-10-16T23:59:59.999+08:00' → '2025-10-16 23:59'; null → the given placeholder. */
export function formatMoment(ts: string | null | undefined, empty = '—'): string {
	if (!ts) return empty;
	return ts.slice(0, 16).replace('T', ' ');
}

/** '2025-10-16…' → '2025年10月16日'. */
export function formatDay(ts: string | null | undefined, empty = '—'): string {
	if (!ts) return empty;
	const [y, m, d] = ts.slice(0, 10).split('-').map(Number);
	return `${y}年${m}月${d}日`;
}

/** '2025-10' → '2025年10月'. */
export function formatMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return m ? `${y}年${m}月` : month;
}

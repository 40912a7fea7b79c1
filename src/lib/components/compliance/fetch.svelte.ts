// A JSON GET that follows a reactive URL: refetches when the URL changes, aborts the stale request, keeps
// the previous answer while the next one loads (so charts dim instead of flashing), errors as Chinese text.
import { ui } from '../../i18n/zh/metrics.ts';

export interface JsonQuery<T> {
	loading: boolean;
	data: T | null;
	/** the URL `data` answers (while the next one loads, data is the previous URL's: compare before showing it) */
	dataUrl: string | null;
	error: string | null;
}

/** Call during component initialisation; `url` returning null means "do not fetch". */
export function jsonQuery<T>(url: () => string | null): JsonQuery<T> {
	const state = $state<JsonQuery<T>>({ loading: true, data: null, dataUrl: null, error: null });
	const target = $derived(url());
	$effect(() => {
		const u = target;
		if (!u) return;
		const ctrl = new AbortController();
		state.loading = true;
		fetch(u, { signal: ctrl.signal, headers: { accept: 'application/json' } })
			.then(async (res) => {
				const body = await res.json().catch(() => ({}));
				if (ctrl.signal.aborted) return;
				if (res.ok) {
					state.data = body as T;
					state.dataUrl = u;
					state.error = null;
				} else state.error = (body as { message?: string }).message ?? ui.loadFailed;
				state.loading = false;
			})
			.catch(() => {
				if (ctrl.signal.aborted) return;
				state.error = ui.loadFailed;
				state.loading = false;
			});
		return () => ctrl.abort();
	});
	return state;
}

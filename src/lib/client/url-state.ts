// Filter state ↔ URL in the browser: every filter change is a navigation, so any view is a shareable link.
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { parseFilters, writeFilters, crossFilter, type FilterState } from '../model/filters.ts';
import { PAGE_PARAMS } from '../model/dashboards.ts';

/** The filters of the current URL. */
export function currentFilters(): FilterState {
	return parseFilters(page.url.searchParams);
}

/** Navigates to the same page with new filters (resets paging, keeps sort). */
export function applyFilters(next: FilterState, opts: { path?: string; keep?: string[] } = {}): Promise<void> {
	const base = new URLSearchParams();
	// Page settings (grouping, repeat window, score weights …) survive filter changes.
	for (const k of opts.keep ?? ['sort', 'desc', ...PAGE_PARAMS]) {
		const v = page.url.searchParams.get(k);
		if (v !== null) base.set(k, v);
	}
	const qs = writeFilters(next, base).toString();
	return goto(`${opts.path ?? page.url.pathname}${qs ? `?${qs}` : ''}`, { keepFocus: true, noScroll: true });
}

/** A chart click: set (or clear, when clicked again) the dimension's value as a filter. */
export function crossFilterTo(dimension: string, value: string): Promise<void> {
	return applyFilters(crossFilter(currentFilters(), dimension, value));
}

/** Link to the case explorer showing the cases behind a number under the current filters plus extras. */
export function casesHref(f: FilterState, extra: Partial<FilterState> = {}): string {
	const qs = writeFilters({ ...f, ...extra }).toString();
	return `/cases${qs ? `?${qs}` : ''}`;
}

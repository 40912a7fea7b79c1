// Reads the case explorer's query (filters, page, sort) from URL search params, for pages and APIs alike.
import { parseFilters } from '../../model/filters.ts';
import type { CaseListQuery } from './cases.ts';
import { validateFilters } from './compile.ts';

export function caseListQueryFrom(sp: URLSearchParams): CaseListQuery {
	const filters = parseFilters(sp);
	validateFilters(filters); // throws UserInputError (400) on malformed input
	const page = Number(sp.get('page') ?? '1');
	const pageSize = Number(sp.get('size') ?? '50');
	const desc = sp.get('desc');
	return {
		filters,
		page: Number.isFinite(page) ? page : 1,
		pageSize: Number.isFinite(pageSize) ? pageSize : 50,
		sort: sp.get('sort') ?? undefined,
		desc: desc === null ? undefined : desc === '1' || desc === 'true'
	};
}

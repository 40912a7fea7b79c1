// Browsing the audit log (read-only): filters by user, action and date range, 50 entries per page.
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { auditFacets, auditFilterFrom, listAudit } from '$lib/server/auth/audit.ts';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDb();
	const { filter, error } = auditFilterFrom(url.searchParams);
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
	const [result, facets] = await Promise.all([listAudit(db, filter, page, 50), auditFacets(db)]);
	return { ...result, facets, filter, error, query: url.searchParams.toString() };
};

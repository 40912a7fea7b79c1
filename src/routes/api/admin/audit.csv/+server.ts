// GET: the filtered audit log as CSV (UTF-8 with BOM). The export itself is audited.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { audit, auditCsv, auditFilterFrom } from '$lib/server/auth/audit.ts';
import { shanghaiToday } from '$lib/server/time.ts';

export const GET: RequestHandler = async (event) => {
	const db = await getDb();
	const { filter } = auditFilterFrom(event.url.searchParams);
	const { csv, rows } = await auditCsv(db, filter);
	await audit(db, { user: event.locals.user, action: 'export', target: 'audit_log', detail: { filter, rows }, ip: event.locals.clientAddress });
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="audit-${shanghaiToday()}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};

// GET all rejected rows of a batch as CSV (line, field, column, reason, raw), for Excel.
import { getDb } from '$lib/server/db';
import { rejectsCsv } from '$lib/server/ingest';
import { audit } from '$lib/server/auth/audit';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { UserInputError } from '$lib/server/errors';
import { handle, requireImporter } from '../../../http';
import { batchDetail } from '../../../views';

export const GET: RequestHandler = ({ params, locals }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		const batchId = Number(params.id);
		if (!Number.isSafeInteger(batchId) || batchId <= 0) throw new UserInputError('batch_gone', t.apiBatchGone);
		const db = await getDb();
		const detail = await batchDetail(db, batchId);
		if (!detail) throw new UserInputError('batch_gone', t.apiBatchGone);
		const csv = await rejectsCsv(db, batchId);
		// Rejected rows carry raw personal data: every download is an export in the audit log.
		await audit(db, { user, action: 'export', target: `rejects:${batchId}`, detail: { batch_id: batchId, rows: detail.rejectsTotal }, ip: locals.clientAddress });
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="batch-${batchId}-rejects.csv"; filename*=UTF-8''${encodeURIComponent(`批次${batchId}-被拒绝的行.csv`)}`,
				'cache-control': 'no-store'
			}
		});
	});

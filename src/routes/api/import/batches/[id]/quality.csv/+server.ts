// GET every data-quality warning of a batch as CSV (line, case, warning), for Excel, like the rejects.
import { getDb } from '$lib/server/db';
import { qualityCsv } from '$lib/server/ingest';
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
		if (!(await batchDetail(db, batchId))) throw new UserInputError('batch_gone', t.apiBatchGone);
		const { csv, rows } = await qualityCsv(db, batchId);
		await audit(db, { user, action: 'export', target: `quality:${batchId}`, detail: { batch_id: batchId, rows } });
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="batch-${batchId}-quality.csv"; filename*=UTF-8''${encodeURIComponent(`批次${batchId}-数据质量提示.csv`)}`,
				'cache-control': 'no-store'
			}
		});
	});

// What the import page and API answer with: the ingest module's batches, rejects and profiles, as plain JSON.
import type { Database } from '$lib/server/db';
import { batchQuality, listBatches, listRejects, loadProfiles, type BatchQuality, type BatchRow, type RejectRow } from '$lib/server/ingest';
import { loadPack, unsupportedRules, type UnsupportedRule } from '$lib/server/compliance';
import { DEFAULT_PACK } from '$lib/server/metrics/catalog';

export type BatchView = BatchRow;
export type RejectView = RejectRow;

export interface BatchDetail {
	batch: BatchView;
	/** The first REJECTS_SHOWN rejected rows, in file order. */
	rejects: RejectView[];
	rejectsTotal: number;
	/** Rules of the default pack the file cannot support (a field they need is in none of its columns). */
	unsupportedRules: UnsupportedRule[];
	/** Warnings by kind, empty and invalid cells per mapped field, the kept columns (quality.csv lists the warnings). */
	quality: BatchQuality | null;
}

export interface ProfileView {
	name: string;
	description: string | null;
}

/** Rejected rows shown on the page; the CSV download has all of them. */
export const REJECTS_SHOWN = 100;

export function batchViews(db: Database): Promise<BatchView[]> {
	return listBatches(db);
}

export async function batchDetail(db: Database, batchId: number): Promise<BatchDetail | null> {
	const batch = (await listBatches(db)).find((b) => b.batch_id === batchId);
	if (!batch) return null;
	// One import_rejects row per rejected row, so the batch's count is the rejects' total.
	const rejects = batch.rows_rejected > 0 ? await listRejects(db, batchId, REJECTS_SHOWN) : [];
	const unsupported = batch.carried ? unsupportedRules(loadPack(DEFAULT_PACK), batch.carried) : [];
	return { batch, rejects, rejectsTotal: batch.rows_rejected, unsupportedRules: unsupported, quality: await batchQuality(db, batchId) };
}

export function profileViews(): ProfileView[] {
	return loadProfiles().map((p) => ({ name: p.name, description: p.description ?? null }));
}

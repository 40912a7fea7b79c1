// What the import page and API answer with: the ingest module's batches, rejects and profiles, as plain JSON.
import type { Database } from '$lib/server/db';
import path from 'node:path';
import { batchQuality, listBatches, listRejects, loadProfiles, profilesDir, savedProfilesDir, type BatchQuality, type BatchRow, type RejectRow } from '$lib/server/ingest';
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
	/** The id the import sends (and the command line's --profile takes). */
	name: string;
	/** What the page lists: the profile's Chinese title, or for one saved from the page the name it was given. */
	title: string;
	description: string | null;
	/** Saved from the import page (beside the database) rather than shipped with the app (data/profiles). */
	saved: boolean;
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

/** Every profile the import may use: the shipped ones first, then those saved from the page, each by its title. */
export function profileViews(dirs: { shipped: string; saved: string } = { shipped: profilesDir(), saved: savedProfilesDir() }): ProfileView[] {
	const savedDir = path.resolve(dirs.saved) + path.sep;
	return loadProfiles([dirs.shipped, dirs.saved])
		.map((p) => ({ name: p.name, title: p.title ?? p.name, description: p.description ?? null, saved: Boolean(p.path && path.resolve(p.path).startsWith(savedDir)) }))
		.sort((a, b) => Number(a.saved) - Number(b.saved) || a.title.localeCompare(b.title, 'zh-CN'));
}

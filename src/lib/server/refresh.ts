// What follows a batch that changed cases, for every way in (CLI, upload page; the importer itself only reports
// the batch, it never calls up into compliance or metrics): the deadline results of every
// rule pack in use (the deployment's default pack at least) are recomputed, so every flag agrees with the new data at once
// (given the batch, only the cases whose results can have changed, when the results were current before it).
// The dashboards' derived tables are not rebuilt here: they notice the new data version by themselves (the
// server rebuilds them in the background after an upload). Runs after the batch committed: a failure here
// leaves the import in place, and the compliance pages re-evaluate stale results on their next read anyway.
import type { Database } from './db/index.ts';
import { evaluatePack, loadPack, recomputeAll } from './compliance/index.ts';
import { invalidateFacts, refreshRollups } from './metrics/facts.ts';
import { defaultPackName } from './settings.ts';
import { ensureHotspots } from './hotspots/build.ts';

export interface RefreshReport {
	packs: string[];
	seconds: number;
}

export async function refreshAfterImport(db: Database, batch?: number): Promise<RefreshReport> {
	const started = Date.now();
	let packs = await recomputeAll(db, { batch });
	const def = await defaultPackName(db);
	if (!packs.includes(def)) {
		await evaluatePack(db, loadPack(def), { batch });
		packs = [...packs, def];
	}
	return { packs, seconds: (Date.now() - started) / 1000 };
}

/**
 * After an upload's batch changed cases (the import job's afterImport): deadline results and dashboard tables
 * follow. A failure here does not undo the committed import: the dashboards rebuild on their next request and
 * compliance pages re-evaluate.
 */
export async function refreshAfterUpload(db: Database, batch: number): Promise<void> {
	try {
		await refreshAfterImport(db, batch);
	} catch (e) {
		console.error('compliance recomputation after import failed', e);
	}
	// Dashboards: rebuild their tables now, in the background, so the next viewer does not wait for it.
	invalidateFacts(db);
	void refreshRollups(db)
		.catch((e) => console.error('dashboard tables rebuild after import failed', e))
		.then(() => ensureHotspots(db)) // 热点诉求: segment the batch's cases now, not on the first page view
		.catch((e) => console.error('hot-spot tables build after import failed', e));
}

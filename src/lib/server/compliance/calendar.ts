// A new calendar year, end to end: the calendar loads the notice and says the stored deadline results are stale;
// every pack that has results is recomputed here (the admin page and the CLI both load notices through this).
import type { Database } from '../db/index.ts';
import { loadCalendarYear } from '../calendar/index.ts';
import { recomputeAll } from './index.ts';

export async function importCalendarYear(
	db: Database,
	json: unknown,
	opts: { by?: string } = {}
): Promise<{ year: number; version: string; recomputed: string[] }> {
	const loaded = await loadCalendarYear(db, json, opts);
	const recomputed = loaded.resultsStale ? await recomputeAll(db) : [];
	return { year: loaded.year, version: loaded.version, recomputed };
}

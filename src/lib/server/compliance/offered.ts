// The packs a deployment offers: the shipped packs that load (pack.ts) filtered by the `offered_packs` setting,
// the default pack always among them; and the check of a pack named in a request.
import type { Database } from '../db/index.ts';
import { UserInputError } from '../errors.ts';
import { OFFERED_PACKS_KEY, PACK_NAME, defaultPackName, setting } from '../settings.ts';
import { listPacks } from './pack.ts';
import { settingsUi } from '../../i18n/zh/settings.ts';

/** The names of the valid shipped packs, in file order. */
export function validPackNames(): string[] {
	return listPacks()
		.filter((p) => !p.error)
		.map((p) => p.name);
}

/** The packs the deployment offers (valid ones only; the default pack always among them). */
export async function offeredPackNames(db: Database): Promise<string[]> {
	const valid = validPackNames();
	const def = await defaultPackName(db);
	const raw = await setting(db, OFFERED_PACKS_KEY);
	// unset: the valid packs a shipped file offers by default (not those for other kinds of organisation)
	const byDefault = new Set(listPacks().filter((p) => !p.error && p.offered_by_default).map((p) => p.name));
	let offered = valid.filter((n) => byDefault.has(n));
	if (raw !== null) {
		try {
			const list = JSON.parse(raw) as unknown;
			if (Array.isArray(list)) offered = valid.filter((n) => list.includes(n));
		} catch {
			// a hand-edited value that is not JSON: offer every pack rather than none
		}
	}
	return offered.includes(def) || !valid.includes(def) ? offered : [def, ...offered];
}

/**
 * A pack name from a request: the deployment's default when none is given; a shipped pack the deployment does
 * not offer is bad input (HTTP 400, field `pack`); a name no pack has is passed on for the loader's 404.
 */
export async function offeredPackName(db: Database, name?: string | null): Promise<string> {
	if (name === undefined || name === null || name === '') return defaultPackName(db);
	const offered = await offeredPackNames(db);
	// a name no shipped pack has is not found (404), as before there were settings; a path is refused by the loader
	if (!offered.includes(name) && PACK_NAME.test(name) && !validPackNames().includes(name)) return name;
	if (!offered.includes(name)) throw new UserInputError('pack_not_offered', settingsUi.notOffered(name, offered), { field: 'pack' });
	return name;
}

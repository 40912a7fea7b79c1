// Deployment settings read by every surface (settings table): the default rule pack (`default_pack`) and the
// packs the deployment offers (`offered_packs`, a JSON array of pack names). One reader each; the admin page
// writes them through src/lib/server/deployment.ts. Unset, the default pack is DEFAULT_PACK and every valid
// shipped pack is offered.
import type { Database } from './db/index.ts';
import { DEFAULT_PACK } from './metrics/catalog.ts';
import { listPacks } from './compliance/pack.ts';
import { UserInputError } from './errors.ts';
import { settingsUi } from '../i18n/zh/settings.ts';

export const DEFAULT_PACK_KEY = 'default_pack';
export const OFFERED_PACKS_KEY = 'offered_packs';

/** A shipped pack's name: never a path. */
export const PACK_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

async function setting(db: Database, key: string): Promise<string | null> {
	const row = await db.queryOne<{ value: string }>('SELECT value FROM settings WHERE key = $key', { key });
	return row?.value ?? null;
}

/** The deployment's default pack: the `default_pack` setting, else DEFAULT_PACK. */
export async function defaultPackName(db: Database): Promise<string> {
	const v = (await setting(db, DEFAULT_PACK_KEY))?.trim();
	return v && PACK_NAME.test(v) ? v : DEFAULT_PACK;
}

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
	let offered = valid;
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

/** 临期预警 (product.md 2.0): an open evaluation counted in days is 临期 when due within this many working days. */
export const NEARLY_DAYS_KEY = 'nearly_days';
export const DEFAULT_NEARLY_DAYS = 2;
/** The largest N the admin may set: beyond a month of working days a warning is no longer a warning. */
export const MAX_NEARLY_DAYS = 30;

/** The deployment's N for 临期 (working days): the `nearly_days` setting when a whole number 0–30, else 2. */
export async function nearlyDays(db: Database): Promise<number> {
	const raw = (await setting(db, NEARLY_DAYS_KEY))?.trim();
	const n = raw ? Number(raw) : NaN;
	return Number.isInteger(n) && n >= 0 && n <= MAX_NEARLY_DAYS ? n : DEFAULT_NEARLY_DAYS;
}

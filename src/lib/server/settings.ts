// Deployment settings read by every surface (settings table): the default rule pack (`default_pack`) and the
// packs the deployment offers (`offered_packs`, a JSON array of pack names). One reader each; the admin page
// writes them through src/lib/server/deployment.ts. Unset, the default pack is DEFAULT_PACK and every valid
// shipped pack that offers itself by default (offered_by_default) is offered; which packs are valid and offered is compliance/offered.ts (settings sit below compliance).
import type { Database } from './db/index.ts';

/** The default deadline rule pack whose results give on-time rates (regulations.md) when `default_pack` is unset. */
export const DEFAULT_PACK = 'county-efficiency';

export const DEFAULT_PACK_KEY = 'default_pack';
export const OFFERED_PACKS_KEY = 'offered_packs';

/** A shipped pack's name: never a path. */
export const PACK_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** One setting's stored value, or null when unset. */
export async function setting(db: Database, key: string): Promise<string | null> {
	const row = await db.queryOne<{ value: string }>('SELECT value FROM settings WHERE key = $key', { key });
	return row?.value ?? null;
}

/** The deployment's default pack: the `default_pack` setting, else DEFAULT_PACK. */
export async function defaultPackName(db: Database): Promise<string> {
	const v = (await setting(db, DEFAULT_PACK_KEY))?.trim();
	return v && PACK_NAME.test(v) ? v : DEFAULT_PACK;
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

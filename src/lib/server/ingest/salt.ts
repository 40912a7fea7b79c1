// The secret salt of complainant keys: generated once at random and kept in settings('complainant_salt'),
// so the same phone or ID number always gives the same key and the key alone reveals nothing.
import crypto from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';

export const SALT_KEY = 'complainant_salt';

/** The stored salt, or null when the database has none yet (reads only). */
export async function storedSalt(conn: DuckDBConnection): Promise<string | null> {
	const res = await conn.runAndReadAll('SELECT value FROM settings WHERE key = $k', { k: SALT_KEY });
	const rows = res.getRowObjects();
	return rows.length > 0 ? String(rows[0].value) : null;
}

/**
 * A new salt: 128 random bits (32 hex characters). Keys are sha256(salt || 'phone:' || phone) (or 'id:' and the ID
 * number), so with a phone of up to 17 digits or an ID number of up to 20 characters the input fits one SHA-256
 * block: half the hashing work of the 64-character salts of earlier databases, which keep theirs (and their keys).
 */
export function newSalt(): string {
	return crypto.randomBytes(16).toString('hex');
}

/**
 * Stores `salt` inside the caller's transaction when the database still has none; fails when another salt
 * appeared meanwhile (the keys computed with `salt` would then be wrong, so the batch must not commit).
 */
export async function storeSalt(conn: DuckDBConnection, salt: string): Promise<void> {
	const current = await storedSalt(conn);
	if (current === salt) return;
	if (current !== null) throw new Error('complainant salt changed during the import');
	await conn.run('INSERT INTO settings (key, value) VALUES ($k, $v)', { k: SALT_KEY, v: salt });
}

// Where the app's versioned data (calendar, packs, profiles) and its database live.
// The CLI, the tests and the built server all run from the repository root, so paths hang off it.
import path from 'node:path';

export const ROOT = process.env.APP_ROOT ? path.resolve(process.env.APP_ROOT) : process.cwd();
export const DATA_DIR = path.join(ROOT, 'data');
export const DEFAULT_DB_PATH = path.join(DATA_DIR, 'complaints.duckdb');

export function dbPathFromEnv(): string {
	return process.env.DB_PATH ? path.resolve(process.env.DB_PATH) : DEFAULT_DB_PATH;
}

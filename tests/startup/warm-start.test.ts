// The first request after a start does not wait for the dashboards' derived tables: the server brings them up to
// date before it listens (hooks.server.ts init), so a database whose stored tables are stale is current by then.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db/index.ts';
import { dataVersion } from '../../src/lib/server/metrics/facts.ts';
import { prepareDatabase, startApp, type RunningApp } from '../helpers/app.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-warm-start-'));
let app: RunningApp | undefined;
afterAll(async () => {
	await app?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function storedVersion(dbPath: string): Promise<{ stored: string; current: string }> {
	const db = await Database.open(dbPath);
	try {
		const row = await db.queryOne<{ version: string }>('SELECT version FROM case_facts_meta');
		return { stored: String(row?.version), current: await dataVersion(db) };
	} finally {
		db.close();
	}
}

describe('warm start', () => {
	it('has the derived tables current before the server answers its first request', async () => {
		const dbPath = prepareDatabase(dir, 2000);
		// As after an upgrade of the code or on a new day: the stored tables do not match the data version.
		const db = await Database.open(dbPath);
		await db.run("CREATE OR REPLACE TABLE case_facts_meta AS SELECT 'stale'::VARCHAR AS version");
		db.close();
		expect((await storedVersion(dbPath)).stored).toBe('stale');

		app = await startApp({ dbPath });
		// Listening: no page has been asked for (only /login, which reads no dashboard table), yet the tables are built.
		expect(app.log()).toContain('派生表已就绪');
		await app.stop();
		app = undefined;
		const { stored, current } = await storedVersion(dbPath);
		expect(stored).toBe(current);
	});
});

// The case page says the procedure (stored as the code the tender rules read: simple / general) in Chinese: an analyst
// who set 办理程序 to 一般程序 with 固定值 saw "general" on the page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db/index.ts';
import { getCase } from '../../src/lib/server/metrics/cases.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-procedure-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };

describe('case page: 办理程序', () => {
	it('reads 一般程序 / 简易程序, not the stored code', async () => {
		const db = await Database.open(path.join(dir, 'p.duckdb'));
		try {
			await db.run(`INSERT INTO cases (case_id, received_at, unit, procedure, row_hash, first_batch_id, batch_id) VALUES
				('G1', TIMESTAMP '2025-03-01 08:00:00', '县财政局', 'general', 'h1', 1, 1),
				('S1', TIMESTAMP '2025-03-01 09:00:00', '县财政局', 'simple', 'h2', 1, 1)`);
			const value = async (id: string) => (await getCase(db, admin, id))?.fields.find((f) => f.name === 'procedure')?.value;
			expect(await value('G1')).toBe('一般程序');
			expect(await value('S1')).toBe('简易程序');
		} finally {
			db.close();
		}
	});
});

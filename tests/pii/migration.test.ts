// Migration 007: a database that already holds cases (written by a release before the redacted copies) gets the
// redacted copy of every free text — complaint text, typical-case summary, pause reasons — and a restricted role
// then reads only that copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { Database } from '../../src/lib/server/db/index.ts';
import { migrations } from '../../src/lib/server/db/migrations/index.ts';
import { getCase, setTypical } from '../../src/lib/server/metrics/cases.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const unitUser: SessionUser = { userId: 2, name: 'unit', displayName: null, role: 'unit', units: ['县住房和城乡建设局'], pii: false };

describe('migration 007 (redacted free text)', () => {
	it('fills the redacted copies of the cases, summaries and pause reasons an older database holds', async () => {
		const file = path.join(dir, 'v6.duckdb');
		const instance = await DuckDBInstance.create(file);
		const conn = await instance.connect();
		await conn.run(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
			applied_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP + INTERVAL 8 HOUR))`);
		for (const m of migrations.filter((x) => x.version <= 6)) {
			await conn.run(m.sql);
			await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
		}
		await conn.run(`INSERT INTO cases (case_id, received_at, unit, complainant_name, content, typical, typical_summary, row_hash, first_batch_id, batch_id)
			VALUES ('OLD1', TIMESTAMP '2025-03-01 08:00:00', '县住房和城乡建设局', '李四',
				'李四反映：电话+86 138-1234-5679，身份证３３０１０２１９９００１０１１２３Ｘ，邮箱lisi@163.com，门牌12号', true,
				'投诉人李四（13812345679）多次反映', 'h1', 1, 1),
			('OLD2', TIMESTAMP '2025-03-02 08:00:00', '县住房和城乡建设局', NULL, NULL, false, NULL, 'h2', 1, 1)`);
		await conn.run(`INSERT INTO case_pauses (case_id, start_at, end_at, reason, batch_id)
			VALUES ('OLD1', TIMESTAMP '2025-03-02 08:00:00', TIMESTAMP '2025-03-03 08:00:00', '李四出差，回电0571-88776655', 1)`);
		conn.closeSync();
		instance.closeSync();

		const db = await Database.open(file);
		try {
			const rows = await db.query<{ case_id: string; content_redacted: string | null; typical_summary_redacted: string | null }>(
				'SELECT case_id, content_redacted, typical_summary_redacted FROM cases ORDER BY case_id'
			);
			// expected texts written by hand
			expect(rows).toEqual([
				{
					case_id: 'OLD1',
					content_redacted: '［姓名］反映：电话［号码］，身份证［号码］，邮箱［邮箱］，门牌12号',
					typical_summary_redacted: '投诉人［姓名］（［号码］）多次反映'
				},
				{ case_id: 'OLD2', content_redacted: null, typical_summary_redacted: null }
			]);
			const pause = await db.queryOne<{ reason: string; reason_redacted: string }>('SELECT reason, reason_redacted FROM case_pauses');
			expect(pause).toEqual({ reason: '李四出差，回电0571-88776655', reason_redacted: '［姓名］出差，回电［号码］' });
			// and a unit user's case page shows that copy
			const page = await getCase(db, unitUser, 'OLD1');
			expect(page?.fields.find((f) => f.name === 'content')?.value).toBe('［姓名］反映：电话［号码］，身份证［号码］，邮箱［邮箱］，门牌12号');
			expect(page?.typicalSummary).toBe('投诉人［姓名］（［号码］）多次反映');
			// a summary marked afterwards is redacted when stored, with the case's complainant name
			await setTypical(db, admin, 'OLD1', true, '李四（手机１３８ １２３４ ５６７９）再次来电');
			expect((await getCase(db, unitUser, 'OLD1'))?.typicalSummary).toBe('［姓名］（手机［号码］）再次来电');
			expect((await getCase(db, admin, 'OLD1'))?.typicalSummary).toBe('李四（手机１３８ １２３４ ５６７９）再次来电');
		} finally {
			db.close();
		}
	});
});

/**
 * A database file migrated up to `version` with cases stored as a release of that version wrote them (`values`: the
 * VALUES rows of case_id, received_at, unit, complainant_name, content, content_redacted, row_hash, first_batch_id,
 * batch_id); opening it applies the later migrations.
 */
async function casesAtVersion(name: string, version: number, values: string): Promise<string> {
	const file = path.join(dir, `${name}.duckdb`);
	const instance = await DuckDBInstance.create(file);
	const conn = await instance.connect();
	await conn.run(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
		applied_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP + INTERVAL 8 HOUR))`);
	for (const m of migrations.filter((x) => x.version <= version)) {
		await conn.run(m.sql);
		await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
	}
	await conn.run(`INSERT INTO cases (case_id, received_at, unit, complainant_name, content, content_redacted, row_hash, first_batch_id, batch_id)
		VALUES ${values}`);
	conn.closeSync();
	instance.closeSync();
	return file;
}

describe('migration 016 (numbers in Chinese numerals)', () => {
	it('refills the redacted copies that still hold a number typed in Chinese numerals', async () => {
		// redacted copies as a release before 016 wrote them: the Chinese-numeral number still in them
		const file = await casesAtVersion('v15', 15, `('N1', TIMESTAMP '2025-03-01 08:00:00', '县住房和城乡建设局', '王五', '王五来电，电话幺三九 一二三四 五六七八', '［姓名］来电，电话幺三九 一二三四 五六七八', 'h1', 1, 1),
			('N2', TIMESTAMP '2025-03-02 08:00:00', '县住房和城乡建设局', NULL, '二〇二五年三月反映', '二〇二五年三月反映', 'h2', 1, 1)`);

		const db = await Database.open(file);
		try {
			const rows = await db.query<{ case_id: string; content_redacted: string }>('SELECT case_id, content_redacted FROM cases ORDER BY case_id');
			// expected texts written by hand
			expect(rows).toEqual([
				{ case_id: 'N1', content_redacted: '［姓名］来电，电话［号码］' },
				{ case_id: 'N2', content_redacted: '二〇二五年三月反映' }
			]);
			expect((await getCase(db, unitUser, 'N1'))?.fields.find((f) => f.name === 'content')?.value).toBe('［姓名］来电，电话［号码］');
		} finally {
			db.close();
		}
	});
});

describe('migration 019 (numbers in Chinese numerals, any spacing)', () => {
	it('refills the redacted copies that still hold a number spaced with U+3000 or more than two separators', async () => {
		// redacted copies as 016's rule wrote them: at most two ASCII spaces or dashes between the numerals
		const file = await casesAtVersion('v16', 16, `('S1', TIMESTAMP '2025-03-01 08:00:00', '县住房和城乡建设局', '王五', '王五来电，电话幺三九\u3000一二三四\u3000五六七八', '［姓名］来电，电话幺三九\u3000一二三四\u3000五六七八', 'h1', 1, 1),
			('S2', TIMESTAMP '2025-03-02 08:00:00', '县住房和城乡建设局', NULL, '电话幺三九 -  一二三四五六七八', '电话幺三九 -  ［号码］', 'h2', 1, 1),
			('S3', TIMESTAMP '2025-03-03 08:00:00', '县住房和城乡建设局', NULL, '二〇二五年三月反映', '二〇二五年三月反映', 'h3', 1, 1)`);

		const db = await Database.open(file);
		try {
			const rows = await db.query<{ case_id: string; content_redacted: string }>('SELECT case_id, content_redacted FROM cases ORDER BY case_id');
			// expected texts written by hand
			expect(rows).toEqual([
				{ case_id: 'S1', content_redacted: '［姓名］来电，电话［号码］' },
				{ case_id: 'S2', content_redacted: '电话［号码］' },
				{ case_id: 'S3', content_redacted: '二〇二五年三月反映' }
			]);
		} finally {
			db.close();
		}
	});
});

describe('migration 021 (numbers in digits spaced beyond ASCII)', () => {
	it('refills the redacted copies that still hold a digit number spaced with U+3000 or the no-break space', async () => {
		// redacted copies as the rule before 021 wrote them: ASCII spaces only between the digits
		const file = await casesAtVersion('v19', 19, `('D1', TIMESTAMP '2025-03-01 08:00:00', '县住房和城乡建设局', '王五', '王五来电，电话138\u30001234\u30005678', '［姓名］来电，电话138\u30001234\u30005678', 'h1', 1, 1),
			('D2', TIMESTAMP '2025-03-02 08:00:00', '县住房和城乡建设局', NULL, '座机0571\u00a08877\u00a06655', '座机0571\u00a08877\u00a06655', 'h2', 1, 1),
			('D3', TIMESTAMP '2025-03-03 08:00:00', '县住房和城乡建设局', NULL, '罚款500元\u3000门牌12号', '罚款500元\u3000门牌12号', 'h3', 1, 1)`);

		const db = await Database.open(file);
		try {
			const rows = await db.query<{ case_id: string; content_redacted: string }>('SELECT case_id, content_redacted FROM cases ORDER BY case_id');
			// expected texts written by hand
			expect(rows).toEqual([
				{ case_id: 'D1', content_redacted: '［姓名］来电，电话［号码］' },
				{ case_id: 'D2', content_redacted: '座机［号码］' },
				{ case_id: 'D3', content_redacted: '罚款500元\u3000门牌12号' }
			]);
		} finally {
			db.close();
		}
	});
});

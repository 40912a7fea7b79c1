// A small database whose bulletin for October 2025 is known by hand: 9 cases in three units (6 in September,
// 9 in October 2024), deadline results of the county-efficiency pack, satisfaction, outcomes, two repeats and
// one typical case. The complainants have names that must never appear in any output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/index.ts';
import { loadScheme, type Scheme } from '../../src/lib/server/appraisal/scheme.ts';

export const MONTH = '2025-10';
export const A = '县甲局';
export const B = '县乙局';
export const C = '丙镇人民政府';
export const COMPLAINANT = '王秘密';

interface Row {
	case_id: string;
	received_at: string;
	unit: string;
	category: string;
	accepted_at: string | null;
	closed_at: string | null;
	satisfaction: string | null;
	outcome: string | null;
	complainant_key: string;
}
interface Result {
	case_id: string;
	rule_id: string;
	status: string;
	due_at: string | null;
	working_days_late: number | null;
}

const c = (
	case_id: string,
	received_at: string,
	unit: string,
	category: string,
	opts: Partial<Pick<Row, 'accepted_at' | 'closed_at' | 'satisfaction' | 'outcome' | 'complainant_key'>> = {}
): Row => ({
	case_id,
	received_at,
	unit,
	category,
	accepted_at: opts.accepted_at === undefined ? received_at : opts.accepted_at,
	closed_at: opts.closed_at === undefined ? received_at.slice(0, 8) + '28 10:00:00' : opts.closed_at,
	satisfaction: opts.satisfaction ?? null,
	outcome: opts.outcome ?? null,
	complainant_key: opts.complainant_key ?? `k-${case_id}`
});

export const CASES: Row[] = [
	// October 2025
	c('A1', '2025-10-08 09:00:00', A, '办事拖拉', { satisfaction: '满意', outcome: '属实' }),
	c('A2', '2025-10-09 09:00:00', A, '办事拖拉', { closed_at: null }),
	c('A3', '2025-10-10 09:00:00', A, '办事拖拉', { satisfaction: '基本满意', complainant_key: 'k-rep-a' }),
	c('A4', '2025-10-20 09:00:00', A, '办事拖拉', { complainant_key: 'k-rep-a' }),
	c('B1', '2025-10-13 09:00:00', B, '服务态度', { outcome: '部分属实' }),
	c('B2', '2025-10-14 09:00:00', B, '服务态度', { satisfaction: '不满意', outcome: '不属实' }),
	c('B3', '2025-10-15 09:00:00', B, '服务态度', { complainant_key: 'k-rep-b' }),
	c('C1', '2025-10-16 09:00:00', C, '乱收费', { satisfaction: '满意', outcome: '不属实' }),
	c('C2', '2025-10-27 09:00:00', C, '乱收费', { accepted_at: null, closed_at: null }),
	// September 2025
	c('P1', '2025-09-03 09:00:00', A, '办事拖拉', { satisfaction: '满意' }),
	c('P2', '2025-09-04 09:00:00', A, '办事拖拉', { satisfaction: '满意' }),
	c('P3', '2025-09-05 09:00:00', A, '办事拖拉'),
	c('P4', '2025-09-08 09:00:00', A, '办事拖拉'),
	c('P5', '2025-09-09 09:00:00', B, '服务态度', { complainant_key: 'k-rep-b' }),
	c('P6', '2025-09-10 09:00:00', C, '乱收费'),
	// October 2024
	...Array.from({ length: 9 }, (_, i) => c(`L${i + 1}`, `2024-10-${String(i + 7).padStart(2, '0')} 09:00:00`, [A, B, C][i % 3], '办事拖拉'))
];

const r = (case_id: string, rule_id: string, status: string, due_at: string | null = null, working_days_late: number | null = null): Result => ({
	case_id,
	rule_id,
	status,
	due_at,
	working_days_late
});

export const RESULTS: Result[] = [
	r('A1', 'accept-decision', 'met'),
	r('A1', 'transfer-reply', 'breached', '2025-10-22 23:59:59', 3),
	r('A2', 'accept-decision', 'met'),
	r('A2', 'transfer-reply', 'open-overdue', '2025-10-20 23:59:59', 5),
	r('A3', 'accept-decision', 'met'),
	r('A4', 'accept-decision', 'met'),
	r('B1', 'accept-decision', 'breached', '2025-10-20 23:59:59', 1),
	r('B2', 'accept-decision', 'met'),
	r('B3', 'accept-decision', 'met'),
	r('C1', 'accept-decision', 'met'),
	r('C1', 'transfer-reply', 'met'),
	r('C2', 'accept-decision', 'not-applicable'),
	r('C2', 'transfer-reply', 'open-within'),
	// September: 6 met and 1 breached step
	...['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].map((id) => r(id, 'accept-decision', 'met')),
	r('P1', 'transfer-reply', 'breached', '2025-09-20 23:59:59', 2)
];

/** The shipped scheme with a minimum of 2 cases, so this small month ranks its three units (the shipped one needs 10). */
export const SMALL_SCHEME: Scheme = (() => {
	const s = loadScheme();
	return { ...s, units: { ...s.units, min_cases: 2 } };
})();

export interface FixtureDb {
	db: Database;
	dbPath: string;
	dir: string;
	close(): Promise<void>;
}

/** Loads the fixture into a fresh database under the system temp dir. */
export async function openBulletinDb(): Promise<FixtureDb> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-'));
	const dbPath = path.join(dir, 'b.duckdb');
	const db = await getDb(dbPath);
	await loadFixture(db, dir);
	return {
		db,
		dbPath,
		dir,
		async close() {
			await closeDb(dbPath);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

export async function loadFixture(db: Database, dir: string): Promise<void> {
	const casesJson = path.join(dir, 'cases.json');
	const resultsJson = path.join(dir, 'results.json');
	fs.writeFileSync(casesJson, JSON.stringify(CASES));
	fs.writeFileSync(resultsJson, JSON.stringify(RESULTS));
	await db.run(`INSERT INTO units VALUES ('${A}', '县直部门', 1), ('${B}', '县直部门', 2), ('${C}', '乡镇', 3)`);
	await db.run(`INSERT INTO import_batches (file_name, started_at, status) VALUES ('fixture', TIMESTAMP '2025-11-01 00:00:00', 'committed')`);
	await db.run(
		/* sql */ `
		INSERT INTO cases BY NAME
		SELECT case_id, received_at::TIMESTAMP AS received_at, unit, category, '电话' AS channel, '转办' AS handling_mode, '一般' AS severity,
			$name AS complainant_name, '13800138000' AS complainant_phone, complainant_key,
			accepted_at::TIMESTAMP AS accepted_at, closed_at::TIMESTAMP AS closed_at, closed_at::TIMESTAMP AS replied_at,
			satisfaction, outcome, '反映' || unit || '办事拖延，联系人' || $name AS content,
			case_id = 'A1' AS typical, CASE WHEN case_id = 'A1' THEN '县甲局对群众反映的问题拖延办理，超过规定时限3个工作日才答复。' || chr(10) || '已责令该局作出书面检查。' END AS typical_summary,
			-- the redacted copies the import and setTypical store (pii/redact.ts): the name out, nothing else to take
			'反映' || unit || '办事拖延，联系人［姓名］' AS content_redacted, typical_summary AS typical_summary_redacted,
			md5(case_id) AS row_hash, 1 AS first_batch_id, 1 AS batch_id
		FROM read_json($p, columns = {case_id: 'VARCHAR', received_at: 'VARCHAR', unit: 'VARCHAR', category: 'VARCHAR', accepted_at: 'VARCHAR',
			closed_at: 'VARCHAR', satisfaction: 'VARCHAR', outcome: 'VARCHAR', complainant_key: 'VARCHAR'})`,
		{ p: casesJson, name: COMPLAINANT }
	);
	await db.run(
		/* sql */ `
		INSERT INTO compliance_results BY NAME
		SELECT 'county-efficiency' AS pack, case_id, rule_id, status, due_at::TIMESTAMP AS due_at, working_days_late, 'fixture' AS explanation,
			TIMESTAMP '2025-11-01 00:00:00' AS as_of, TIMESTAMP '2025-11-01 00:00:00' AS computed_at
		FROM read_json($p, columns = {case_id: 'VARCHAR', rule_id: 'VARCHAR', status: 'VARCHAR', due_at: 'VARCHAR', working_days_late: 'INTEGER'})`,
		{ p: resultsJson }
	);
	await db.run(
		`INSERT INTO compliance_runs BY NAME SELECT 'county-efficiency' AS pack, TIMESTAMP '2025-11-01' AS as_of, TIMESTAMP '2025-11-01' AS computed_at`
	);
	await refreshRollups(db);
}

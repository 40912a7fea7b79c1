// A small, fully known data set for the metrics integration tests: 6 units in two groups, ~220 cases over 2024–2025
// with repeats, satisfaction, outcomes, open and closed cases, a Mon–Fri calendar with one holiday, and
// compliance results for some cases. Built from a seeded generator so the tests can recount it independently.
import { redactSql } from '../../src/lib/server/pii/redact.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Database } from '../../src/lib/server/db/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/index.ts';

export const UNITS: [string, string][] = [
	['县住房和城乡建设局', '县直部门'],
	['县教育局', '县直部门'],
	['县市场监督管理局', '县直部门'],
	['城关镇', '乡镇'],
	['桥头镇', '乡镇'],
	['石门乡', '乡镇']
];
const CATEGORIES = ['工作作风', '办事效率', '服务态度'];
const CHANNELS = ['电话', '网上', '来信'];
const MODES = ['直办', '转办', '交办'];
const SATISFACTION = ['满意', '基本满意', '不满意', null];
const OUTCOMES = ['属实', '部分属实', '不属实', null];
/** A weekday declared a public holiday in the fixture calendar (so working days ≠ Mon–Fri count). */
export const HOLIDAY = '2025-05-01';

export interface FixtureCase {
	case_id: string;
	received_at: string;
	unit: string;
	category: string | null;
	channel: string;
	handling_mode: string;
	severity: string;
	complainant_name: string;
	complainant_phone: string;
	complainant_key: string;
	closed_at: string | null;
	replied_at: string | null;
	due_at: string;
	satisfaction: string | null;
	outcome: string | null;
	content: string;
}
export interface FixtureCompliance {
	case_id: string;
	rule_id: string;
	status: string;
}

function rng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pad = (n: number) => String(n).padStart(2, '0');
function fmt(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
}

export function makeFixture(n = 220): { cases: FixtureCase[]; compliance: FixtureCompliance[] } {
	const r = rng(42);
	const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
	const cases: FixtureCase[] = [];
	const compliance: FixtureCompliance[] = [];
	const start = Date.UTC(2024, 0, 1, 8);
	const span = Date.UTC(2025, 11, 31, 8) - start;
	for (let i = 0; i < n; i++) {
		const received = start + Math.floor(r() * span / 60000) * 60000;
		const person = Math.floor(r() * 40); // 40 complainants for ~220 cases: plenty of repeats
		const open = r() < 0.15;
		const stopHours = 2 + Math.floor(r() * 24 * 30);
		const unit = i % 7 === 0 ? UNITS[person % 2][0] : pick(UNITS)[0];
		const c: FixtureCase = {
			case_id: `FX${String(i).padStart(4, '0')}`,
			received_at: fmt(received),
			unit,
			category: i % 23 === 0 ? null : pick(CATEGORIES),
			channel: pick(CHANNELS),
			handling_mode: pick(MODES),
			severity: r() < 0.1 ? '重大' : '一般',
			complainant_name: `投诉人${person}`,
			complainant_phone: `1390000${String(1000 + person)}`,
			complainant_key: `key-${person}`,
			closed_at: open ? null : fmt(received + stopHours * 3600000 + 3600000),
			replied_at: open ? null : fmt(received + stopHours * 3600000),
			due_at: fmt(received + 20 * 86400000),
			satisfaction: open ? null : pick(SATISFACTION),
			outcome: open ? null : pick(OUTCOMES),
			content: i === 3 ? '=HYPERLINK("http://x") 反映问题，电话13912345678' : `反映${unit}办事拖延，联系电话1390000${1000 + person}`
		};
		cases.push(c);
		// compliance results for two thirds of the cases (the rest fall back to due_at for "overdue open")
		if (i % 3 !== 0) {
			compliance.push({ case_id: c.case_id, rule_id: 'accept-decision', status: r() < 0.8 ? 'met' : 'breached' });
			compliance.push({ case_id: c.case_id, rule_id: 'transfer-reply', status: open ? (r() < 0.5 ? 'open-overdue' : 'open-within') : r() < 0.7 ? 'met' : 'breached' });
		}
	}
	return { cases, compliance };
}

/** Working days from the received date to the stop date (start day not counted), Mon–Fri minus HOLIDAY. */
export function workDaysBetween(fromDate: string, toDate: string): number {
	let n = 0;
	const end = Date.parse(toDate + 'T00:00:00Z');
	for (let t = Date.parse(fromDate + 'T00:00:00Z') + 86400000; t <= end; t += 86400000) {
		const d = new Date(t);
		const dow = d.getUTCDay();
		if (dow !== 0 && dow !== 6 && d.toISOString().slice(0, 10) !== HOLIDAY) n++;
	}
	return n;
}

export async function openFixtureDb(): Promise<{ db: Database; dbPath: string; dir: string; fixture: ReturnType<typeof makeFixture>; close(): Promise<void> }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-fixture-'));
	const dbPath = path.join(dir, 'm.duckdb');
	const db = await getDb(dbPath);
	const fixture = makeFixture();
	const json = path.join(dir, 'cases.json');
	fs.writeFileSync(json, JSON.stringify(fixture.cases));
	const cjson = path.join(dir, 'compliance.json');
	fs.writeFileSync(cjson, JSON.stringify(fixture.compliance));
	await db.run(`INSERT INTO units VALUES ${UNITS.map((u, i) => `('${u[0]}', '${u[1]}', ${i + 1})`).join(', ')}`);
	await db.run(`INSERT INTO import_batches (file_name, started_at, status) VALUES ('fixture', TIMESTAMP '2026-01-01 00:00:00', 'committed')`);
	await db.run(/* sql */ `
		INSERT INTO cases BY NAME
		SELECT case_id, received_at::TIMESTAMP AS received_at, unit, category, channel, handling_mode, severity, complainant_name,
			complainant_phone, complainant_key, closed_at::TIMESTAMP AS closed_at, replied_at::TIMESTAMP AS replied_at,
			due_at::TIMESTAMP AS due_at, satisfaction, outcome, content, md5(case_id) AS row_hash, 1 AS first_batch_id, 1 AS batch_id
		FROM read_json($p, columns = {case_id: 'VARCHAR', received_at: 'VARCHAR', unit: 'VARCHAR', category: 'VARCHAR', channel: 'VARCHAR',
			handling_mode: 'VARCHAR', severity: 'VARCHAR', complainant_name: 'VARCHAR', complainant_phone: 'VARCHAR', complainant_key: 'VARCHAR',
			closed_at: 'VARCHAR', replied_at: 'VARCHAR', due_at: 'VARCHAR', satisfaction: 'VARCHAR', outcome: 'VARCHAR', content: 'VARCHAR'})`,
		{ p: json }
	);
	// the redacted copy the importer writes beside the text (roles without the PII grant read only it)
	await db.run(`UPDATE cases SET content_redacted = ${redactSql('content', 'complainant_name')}`);
	await db.run(/* sql */ `
		INSERT INTO calendar_days BY NAME
		SELECT d::DATE AS day, w AS is_workday, CASE WHEN w THEN 'workday' ELSE 'weekend' END AS kind, true AS official,
			sum(w::INTEGER) OVER (ORDER BY d)::INTEGER AS workday_index, 0 AS unofficial_index, 'fixture' AS source
		FROM (SELECT d, isodow(d) <= 5 AND d::DATE <> DATE '${HOLIDAY}' AS w FROM range(DATE '2023-12-01', DATE '2026-03-01', INTERVAL 1 DAY) t(d))`);
	await db.run(/* sql */ `
		INSERT INTO compliance_results BY NAME
		SELECT 'county-efficiency' AS pack, case_id, rule_id, status, NULL AS explanation,
			TIMESTAMP '2026-01-01 00:00:00' AS as_of, TIMESTAMP '2026-01-01 00:00:00' AS computed_at
		FROM read_json($p, columns = {case_id: 'VARCHAR', rule_id: 'VARCHAR', status: 'VARCHAR'})`,
		{ p: cjson }
	);
	await db.run(`INSERT INTO compliance_runs BY NAME SELECT 'county-efficiency' AS pack, TIMESTAMP '2026-01-01' AS as_of, TIMESTAMP '2026-01-01' AS computed_at`);
	await refreshRollups(db);
	return {
		db,
		dbPath,
		dir,
		fixture,
		async close() {
			await closeDb(dbPath);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

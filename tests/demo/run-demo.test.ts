// The demo data set end to end: generated, loaded through the real importer, sample export written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { loadCountyUnits, runDemo, SAMPLE_FILE_NAME, type RunDemoResult } from '../../src/lib/server/demo/index.ts';
import { cliJson } from '../helpers/app.ts';

describe('runDemo', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-run-test-'));
	const dbPath = path.join(dir, 'demo.duckdb');
	let db: Database;
	let result: RunDemoResult;

	beforeAll(async () => {
		db = await getDb(dbPath);
		result = await runDemo(db, { rows: 3000, seed: 7, sampleDir: path.join(dir, 'sample') });
	});

	afterAll(async () => {
		await closeDb(dbPath);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('loads every generated case with zero rejects', async () => {
		expect(result.rows).toBe(3000);
		expect(result.db).toBe(dbPath);
		expect(result.batch.rows_total).toBe(3000);
		expect(result.batch.rows_rejected).toBe(0);
		const n = await db.queryOne<{ n: number; warned: number }>(
			'SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE len(quality_warnings) > 0)::INTEGER AS warned FROM cases'
		);
		expect(n?.n).toBe(3000);
		// clean data: every step after the one before, even where the export drops the seconds
		expect(n?.warned).toBe(0);
	});

	it('evaluates the county-efficiency pack', async () => {
		// The engine is part of the product: a demo that did not evaluate the pack is a failure, not a skip.
		expect(result.complianceEvaluated).toBe(true);
		const rows = await db.query<{ status: string; n: number }>(
			"SELECT status, count(*)::INTEGER AS n FROM compliance_results WHERE pack = 'county-efficiency' GROUP BY 1"
		);
		const total = rows.reduce((s, r) => s + r.n, 0);
		const n = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
		// the run's summary is what was stored (counted here by SQL, not taken from the engine's summary)
		expect(result.compliance).toMatchObject({
			pack: 'county-efficiency',
			cases: 3000,
			met: n('met'),
			breached: n('breached'),
			open_overdue: n('open-overdue'),
			open_within: n('open-within')
		});
		expect(total).toBeGreaterThan(3000);
		const broken = rows.filter((r) => r.status === 'breached' || r.status === 'open-overdue').reduce((s, r) => s + r.n, 0);
		expect(broken / total).toBeGreaterThan(0.05);
		expect(broken / total).toBeLessThan(0.12);
	});

	it('stores units by their canonical names and keeps the timestamps that were exported', async () => {
		const names = new Set(loadCountyUnits().map((u) => u.name));
		const units = await db.query<{ unit: string }>('SELECT DISTINCT unit FROM cases');
		expect(units.length).toBe(names.size);
		for (const u of units) expect(names.has(u.unit)).toBe(true);
		const modes = await db.query<{ handling_mode: string; n: number }>(
			`SELECT handling_mode, count(*)::INTEGER AS n, count(dispatched_at)::INTEGER AS dispatched, count(filed_report_at)::INTEGER AS reported
			 FROM cases GROUP BY ALL ORDER BY handling_mode`
		);
		expect(modes.map((m) => m.handling_mode).sort()).toEqual(['交办', '牵头办理', '直办', '转办']);
		const range = await db.queryOne<{ first: string; last: string; open: number }>(
			`SELECT strftime(min(received_at), '%Y-%m-%d') AS first, strftime(max(received_at), '%Y-%m-%d') AS last,
			        count(*) FILTER (WHERE replied_at IS NULL)::INTEGER AS open FROM cases`
		);
		expect(Number(range!.last.slice(0, 4)) - Number(range!.first.slice(0, 4))).toBeGreaterThanOrEqual(2);
		expect(range!.open).toBeGreaterThan(0);
		const keys = await db.queryOne<{ withKey: number; repeated: number }>(
			`SELECT count(complainant_key)::INTEGER AS "withKey",
			        (SELECT count(*)::INTEGER FROM (SELECT complainant_key FROM cases WHERE complainant_key IS NOT NULL GROUP BY 1 HAVING count(*) >= 3)) AS repeated
			 FROM cases`
		);
		expect(keys!.withKey).toBe(3000);
		expect(keys!.repeated).toBeGreaterThan(0);
	});

	it('writes the dirty GB18030 sample, which the importer loads with its bad rows rejected', async () => {
		const file = result.sample.path;
		expect(path.basename(file)).toBe(SAMPLE_FILE_NAME);
		const text = iconv.decode(fs.readFileSync(file), 'gb18030');
		expect(text.startsWith('工单编号,来电时间')).toBe(true);
		expect(text.split('\r\n').length).toBeGreaterThan(2000);
		const report = await importFile(db, file);
		expect(report.encoding.toLowerCase()).toMatch(/gb/);
		expect(report.rows_total).toBe(2000);
		expect(report.rows_imported + report.rows_updated + report.rows_unchanged + report.rows_rejected).toBe(2000);
		const mustReject = result.sample.dirty['missing-unit'].length + result.sample.dirty['bad-date'].length + result.sample.dirty['missing-id'].length;
		expect(report.rows_rejected).toBeGreaterThanOrEqual(mustReject);
		expect(report.rows_rejected).toBeLessThanOrEqual(mustReject + result.sample.dirty['duplicate-id'].length);
	});

	it('is what `cli demo --json` runs', () => {
		const cliDb = path.join(dir, 'cli.duckdb');
		const out = cliJson<{ rows: number; db: string; rows_rejected: number }>(['demo', '--rows', '400', '--seed', '3', '--db', cliDb]);
		expect(out.rows).toBe(400);
		expect(out.db).toBe(cliDb);
		expect(out.rows_rejected).toBe(0);
	});
});

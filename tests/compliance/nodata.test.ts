// A field no export of a case carried is no-data (数据不足), never an open or late step (issue 12): a 12345 export
// without a 受理决定时间 column must not flag every case on the accept-decision rule; an empty cell in a carried
// column still means the step has not happened. Expected values are worked out by hand from the small files below.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { caseClocks, evaluatePack, loadPack, writeComplianceCsv } from '../../src/lib/server/compliance/index.ts';
import { appraisal } from '../../src/lib/server/appraisal/appraisal.ts';
import { complianceSummary } from '../../src/lib/server/metrics/compliance.ts';
import { batchDetail } from '../../src/routes/api/import/views.ts';
import { ADMIN } from './fixtures.ts';
import { cliJson } from '../helpers/app.ts';
import { tempDb, type TempDb } from '../ingest/helpers.ts';

const AS_OF = '2025-12-31';
const pack = loadPack('county-efficiency');

// 12345-like: 办结时间 and 答复时间, but no 受理决定时间 (and no 报备时间) column.
// N1 replied within 10 working days of its dispatch, N2 never replied, N3 replied on 30 October (dispatched 3
// September: due 17 September, so late).
const NO_ACCEPT = [
	'投诉编号,受理时间,被投诉单位,办理方式,转办时间,办结时间,答复时间',
	'N1,2025-09-01 09:00,县教育局,转办,2025-09-01 10:00,2025-09-05 10:00,2025-09-05 10:00',
	'N2,2025-09-02 09:00,县教育局,转办,2025-09-02 10:00,,',
	'N3,2025-09-03 09:00,县教育局,转办,2025-09-03 10:00,2025-10-30 10:00,2025-10-30 10:00'
].join('\n');

let t: TempDb | undefined;
afterEach(() => {
	t?.close();
	t = undefined;
});

async function statuses(rule: string): Promise<Record<string, string>> {
	const rows = await t!.db.query<{ case_id: string; status: string }>(
		'SELECT case_id, status FROM compliance_results WHERE pack = $pack AND rule_id = $rule ORDER BY case_id',
		{ pack: pack.name, rule }
	);
	return Object.fromEntries(rows.map((r) => [r.case_id, r.status]));
}

describe('no-data: a rule needing a field the export does not carry', () => {
	it('is no-data on every case, with no breach or overdue from it, and the report names the rule', async () => {
		t = await tempDb('nodata-');
		const report = await importFile(t.db, t.file('12345.csv', NO_ACCEPT));
		expect(report.rows_imported).toBe(3);
		const s = await evaluatePack(t.db, pack, { asOf: AS_OF });

		expect(await statuses('accept-decision')).toEqual({ N1: 'no-data', N2: 'no-data', N3: 'no-data' });
		// the rules the file does carry are judged as before
		expect(await statuses('transfer-reply')).toEqual({ N1: 'met', N2: 'open-overdue', N3: 'breached' });
		expect(s.no_data).toBe(3);
		expect(s.breached).toBe(1);
		expect(s.open_overdue).toBe(1);
		expect(s.met).toBe(1);
		// 3 cases × 7 rules: 6 judged or no-data above, the other 15 not applicable
		expect(s.not_applicable).toBe(15);
		const stored = await t.db.queryOne<{ late: number; n: number }>(
			`SELECT count(*)::INTEGER AS n, count(working_days_late)::INTEGER AS late FROM compliance_results
			 WHERE rule_id = 'accept-decision' AND status = 'no-data'`
		);
		expect(stored).toEqual({ n: 3, late: 0 });

		// the case page: the clock says why, and no lateness
		const clocks = await caseClocks(t.db, ADMIN, 'N2', pack);
		const accept = clocks.clocks.find((c) => c.rule_id === 'accept-decision')!;
		expect(accept.status).toBe('no-data');
		expect(accept.working_days_late).toBeNull();
		expect(accept.explanation).toBe('导出文件未包含“受理决定时间”，无法判定本规则（数据不足）（依据第十六条）。');

		// the compliance screen counts it apart
		const summary = await complianceSummary(t.db, ADMIN, pack);
		expect(summary.totals).toMatchObject({ no_data: 3, breached: 1, open_overdue: 1, met: 1, evaluated: 6 });
		expect(summary.by_rule.find((r) => r.rule_id === 'accept-decision')).toMatchObject({ no_data: 3, breached: 0, open_overdue: 0 });

		// the appraisal counts only the transfer-reply flags
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack });
		const unit = a.rows.find((r) => r.unit === '县教育局')!;
		expect(unit.breaches).toBe(1);
		expect(unit.open_overdue).toBe(1);

		// the import page's batch report: the rules of the default pack this file cannot support
		const detail = await batchDetail(t.db, report.batch_id);
		expect(detail!.unsupportedRules).toEqual([
			{ rule_id: 'accept-decision', title: '受理决定时限（需要审查的投诉）', missing: ['accepted_at'], missing_labels: ['受理决定时间'] },
			{ rule_id: 'assign-report', title: '交办件书面报县投诉中心备案', missing: ['filed_report_at'], missing_labels: ['报备时间'] },
			{ rule_id: 'direct-reply', title: '直办件办结答复', missing: ['accepted_at'], missing_labels: ['受理决定时间'] },
			{ rule_id: 'led-by-supervision', title: '监察机关牵头组织查办', missing: ['accepted_at'], missing_labels: ['受理决定时间'] }
		]);

		// the compliance CSV: status no-data, no lateness, the columns of cli.md (empty moments are written "")
		const out = path.join(t.dir, 'compliance.csv');
		await writeComplianceCsv(t.db, pack, out, { asOf: AS_OF });
		const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
		expect(lines[0]).toBe('case_id,rule_id,clock_start,due_at,done_at,status,working_days_late,explanation,provisional');
		const acceptRows = lines.filter((l) => l.includes(',accept-decision,'));
		expect(acceptRows).toEqual(
			['N1', 'N2', 'N3'].map((id) => `${id},accept-decision,"","","",no-data,,导出文件未包含“受理决定时间”，无法判定本规则（数据不足）（依据第十六条）。,false`)
		);
	});

	it('an empty cell in a carried column is an open step, not no-data', async () => {
		t = await tempDb('nodata-');
		await importFile(
			t.db,
			t.file('with-column.csv', ['投诉编号,受理时间,被投诉单位,受理决定时间,答复时间', 'E1,2025-09-01 09:00,县教育局,,2025-09-03 10:00'].join('\n'))
		);
		const s = await evaluatePack(t.db, pack, { asOf: AS_OF });
		// received 1 September, no decision: due on the 5th working day after (8 September), still open on 31 December
		expect(await statuses('accept-decision')).toEqual({ E1: 'open-overdue' });
		// without a 办理方式 column the five rules that depend on it cannot tell whether they apply: no-data
		expect(s.no_data).toBe(5);
		expect(await statuses('transfer-reply')).toEqual({ E1: 'no-data' });
		const detail = await batchDetail(t.db, 1);
		expect(detail!.unsupportedRules.map((r) => r.rule_id)).toEqual([
			'transfer-reply',
			'assign-reply',
			'assign-report',
			'complex-extension',
			'direct-reply',
			'led-by-supervision'
		]);
	});

	it('a case written by two batches carries a field when either batch carried it', async () => {
		t = await tempDb('nodata-');
		// batch 1 has no 受理决定时间 column: every case is no-data on the accept-decision rule
		const head1 = '投诉编号,受理时间,被投诉单位,答复时间';
		await importFile(
			t.db,
			t.file('a.csv', [head1, 'M1,2025-09-01 09:00,县教育局,', 'M2,2025-09-01 09:00,县教育局,', 'M3,2025-09-01 09:00,县教育局,'].join('\n'))
		);
		await evaluatePack(t.db, pack, { asOf: AS_OF });
		expect(await statuses('accept-decision')).toEqual({ M1: 'no-data', M2: 'no-data', M3: 'no-data' });

		// batch 2 carries the column and writes M1 (a new reply time, its decision cell empty) and M2 (decided on
		// 3 September, 2 working days after receipt: on time). M3 is in the file unchanged: batch 2 did not write it,
		// so it says nothing about M3 (an export re-imported must not turn unknown fields into empty ones).
		const head2 = '投诉编号,受理时间,被投诉单位,受理决定时间,答复时间';
		const b2 = await importFile(
			t.db,
			t.file(
				'b.csv',
				[head2, 'M1,2025-09-01 09:00,县教育局,,2025-09-20 10:00', 'M2,2025-09-01 09:00,县教育局,2025-09-03 10:00,', 'M3,2025-09-01 09:00,县教育局,,'].join('\n')
			)
		);
		expect([b2.rows_updated, b2.rows_unchanged]).toEqual([2, 1]);
		await evaluatePack(t.db, pack, { asOf: AS_OF, batch: b2.batch_id });
		// M1: no decision, due 8 September (5 working days after 1 September), still open on 31 December
		expect(await statuses('accept-decision')).toEqual({ M1: 'open-overdue', M2: 'met', M3: 'no-data' });

		// batch 3 lacks the column again and changes M2's reply: the field stays carried (batch 2 carried it)
		const b3 = await importFile(t.db, t.file('c.csv', [head1, 'M2,2025-09-01 09:00,县教育局,2025-09-10 10:00'].join('\n')));
		expect(b3.rows_updated).toBe(1);
		await evaluatePack(t.db, pack, { asOf: AS_OF, batch: b3.batch_id });
		expect(await statuses('accept-decision')).toEqual({ M1: 'open-overdue', M2: 'met', M3: 'no-data' });
	});

	it('the CLI: import --json lists the unsupported rules, compliance --json counts no_data, the CSV says no-data', async () => {
		// the CLI opens the database file itself
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nodata-cli-'));
		onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
		const dbPath = path.join(dir, 'cli.duckdb');
		const csv = path.join(dir, '12345.csv');
		fs.writeFileSync(csv, NO_ACCEPT);
		const imported = cliJson<Record<string, unknown>>(['import', csv, '--db', dbPath]);
		expect(imported).toMatchObject({ rows_imported: 3, rows_total: 3 });
		expect(imported.unsupported_rules).toEqual([
			{ rule_id: 'accept-decision', title: '受理决定时限（需要审查的投诉）', missing: ['accepted_at'], missing_labels: ['受理决定时间'] },
			{ rule_id: 'assign-report', title: '交办件书面报县投诉中心备案', missing: ['filed_report_at'], missing_labels: ['报备时间'] },
			{ rule_id: 'direct-reply', title: '直办件办结答复', missing: ['accepted_at'], missing_labels: ['受理决定时间'] },
			{ rule_id: 'led-by-supervision', title: '监察机关牵头组织查办', missing: ['accepted_at'], missing_labels: ['受理决定时间'] }
		]);
		const out = path.join(dir, 'out.csv');
		const c = cliJson<Record<string, unknown>>(['compliance', '--as-of', AS_OF, '--out', out, '--db', dbPath]);
		expect(c).toMatchObject({ cases: 3, evaluations: 21, met: 1, breached: 1, open_overdue: 1, open_within: 0, no_data: 3, not_applicable: 15 });
		const noData = fs
			.readFileSync(out, 'utf8')
			.trim()
			.split('\n')
			.filter((l) => l.split(',')[5] === 'no-data')
			.map((l) => l.split(',').slice(0, 2).join(','));
		expect(noData).toEqual(['N1,accept-decision', 'N2,accept-decision', 'N3,accept-decision']);
	});
});

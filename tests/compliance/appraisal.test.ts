// Appraisal tiers per pack, the role scope of every read API, the XLSX/CSV exports (formula escaping,
// no complainant identity), the case clock timeline, and loading a new year's calendar notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { caseClocks, complianceResults, evaluatePack, loadPack, writeComplianceCsv } from '../../src/lib/server/compliance/index.ts';
import { appraisal, writeAppraisalCsv, writeAppraisalXlsx } from '../../src/lib/server/appraisal/appraisal.ts';
import { importCalendarYear } from '../../src/lib/server/compliance/calendar.ts';
import { complianceSummary } from '../../src/lib/server/metrics/compliance.ts';
import { calendarYear, syncCalendar } from '../../src/lib/server/calendar/index.ts';
import { ADMIN, LEADER, insertCases, tempDb, unitUser, type TempDb } from './fixtures.ts';

let t: TempDb;

function substantiatedCases(person: string, unit: string, n: number, start: number) {
	return Array.from({ length: n }, (_, i) => ({
		case_id: `F-${person}-${i}`,
		received_at: `2025-03-${String(start + i).padStart(2, '0')} 10:00`,
		unit,
		person,
		outcome: i % 2 ? '部分属实' : '属实',
		complainant_name: '王秘密',
		complainant_phone: '13912345678'
	}));
}

beforeAll(async () => {
	t = await tempDb('appraisal');
	await insertCases(t.db, [
		...substantiatedCases('甲', '县财政局', 4, 3),
		...substantiatedCases('乙', '县财政局', 3, 10),
		...substantiatedCases('丙', '县财政局', 2, 14),
		...substantiatedCases('丁', '县财政局', 1, 17),
		{ case_id: 'F-戊-0', received_at: '2025-03-20 10:00', unit: '县财政局', person: '戊', outcome: '不属实' },
		// county-efficiency: one late transfer in 县人社局 (the 2025 example), one on time in 县教育局,
		// and a case id that would be a formula in a spreadsheet
		{ case_id: '=HYPERLINK("http://x")', received_at: '2025-09-25 10:00', unit: '县人社局', person: '张', accepted_at: '2025-09-25 11:00', handling_mode: '转办', dispatched_at: '2025-09-26 09:00', replied_at: '2025-10-17 10:00', complainant_name: '李秘密' },
		{ case_id: 'E-1', received_at: '2025-09-25 10:00', unit: '县教育局', person: '赵', accepted_at: '2025-09-25 11:00', handling_mode: '转办', dispatched_at: '2025-09-26 09:00', replied_at: '2025-10-16 10:00' },
		{ case_id: 'E-2027', received_at: '2027-03-01 09:00', unit: '县教育局', accepted_at: '2027-03-01 09:30', handling_mode: '转办', dispatched_at: '2027-03-01 10:00', replied_at: '2027-03-12 10:00' }
	]);
	await evaluatePack(t.db, loadPack('county-efficiency'), { asOf: '2027-12-31' });
});
afterAll(async () => {
	await t.close();
});

describe('appraisal tiers', () => {
	it('finance-bureau-conduct: the ladder per person per year', async () => {
		// 预评: nothing is reviewed in this fixture, so the ladder counts the flags as if approved
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: 'finance-bureau-conduct', includePending: true });
		expect(a.by).toBe('person');
		const tier = Object.fromEntries(a.rows.map((r) => [r.person, r.tier]));
		expect(tier).toMatchObject({ 甲: '待岗', 乙: '年度考核不合格', 丙: '公开批评', 丁: '谈心教育', 戊: '无' });
		// persons are listed severest first and carry no rank (a rank is a unit's place in its group, 1 = best)
		expect(a.rows[0]).toMatchObject({ rank: null, person: '甲', substantiated: 4 });
		expect(a.rows.find((r) => r.person === '甲')?.tier_reason).toContain('4次');
	});

	it('agency-accountability and county-efficiency: unit consequences of breaches', async () => {
		const agency = await appraisal(t.db, ADMIN, { year: 2025, pack: 'county-efficiency', by: 'unit' });
		const rs = agency.rows.find((r) => r.unit === '县人社局')!;
		// units are tiered by the scheme over their rank; with fewer than 10 cases a unit is not ranked
		expect(rs).toMatchObject({ breaches: 1, rank: null, tier: null });
		expect(rs.breaches_by_rule['transfer-reply']).toBe(1);
		expect(agency.rows.find((r) => r.unit === '县教育局')).toMatchObject({ breaches: 0, tier: null });
		// 县财政局 (11 cases) is the only ranked unit of its group: share (1 − 0.5) ÷ 1 = 0.5 → 较好, never 差 for 10 件次
		expect(agency.rows.find((r) => r.unit === '县财政局')).toMatchObject({ substantiated: 10, rank: 1, tier: '较好' });
		// the county ladder (6 件次 → 差) counts a person's 件次: 甲 has 4 substantiated cases, none of them accepted,
		// so 4 open-overdue accept-decision evaluations too: 8 件次 → 差; 丁 has 1 + 1 = 2 → 较好
		const persons = await appraisal(t.db, ADMIN, { year: 2025, pack: 'county-efficiency', by: 'person', includePending: true });
		expect(persons.rows.find((r) => r.person === '甲')).toMatchObject({ substantiated: 4, open_overdue: 4, findings: 8, pending: 8, confirmed: 0, tier: '差' });
		expect(persons.rows.find((r) => r.person === '丁')).toMatchObject({ findings: 2, tier: '较好' });
		const ev = agency.evidence.find((e) => e.rule_id === 'transfer-reply')!;
		expect(ev).toMatchObject({ unit: '县人社局', due_at: '2025-10-16T23:59:59.999+08:00', working_days_late: 1, status: 'breached' });
		expect(ev.explanation).toContain('超期1个工作日');
		const acc = await appraisal(t.db, ADMIN, { year: 2025, pack: 'agency-accountability', by: 'person', includePending: true });
		// agency rules: consequences follow from measures; in the preview 甲's open-overdue flags take the scheme's
		// 书面效能告诫 → not 优秀 (第六条), and eight findings make the next one heavier (第七条), said in the reason
		const jia = acc.rows.find((r) => r.person === '甲')!;
		expect(jia.tier).toBe('不得评为优秀');
		expect(jia.tier_reason).toContain('从重处理');
	});

	it('applies the unit scope, and gives leaders aggregates without evidence', async () => {
		const own = await appraisal(t.db, unitUser('县教育局'), { year: 2025, pack: 'county-efficiency' });
		expect(own.rows.map((r) => r.unit)).toEqual(['县教育局']);
		const leader = await appraisal(t.db, LEADER, { year: 2025, pack: 'county-efficiency' });
		expect(leader.rows.length).toBe(3);
		expect(leader.evidence).toEqual([]);
		await expect(complianceResults(t.db, LEADER, { pack: 'county-efficiency' })).rejects.toThrow('无权');
	});
});

describe('exports', () => {
	it('XLSX: summary, evidence and about sheets, formulas escaped, no complainant identity', async () => {
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: 'county-efficiency' });
		const out = await writeAppraisalXlsx(a, path.join(t.dir, 'a.xlsx'));
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(out);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '证据', '说明']);
		const texts: string[] = [];
		wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
		expect(texts).toContain(`'=HYPERLINK("http://x")`);
		expect(texts.some((x) => x.startsWith('='))).toBe(false);
		expect(texts.join('|')).not.toMatch(/秘密|13912345678/);
		expect(texts).toContain('日历版本');
		expect(texts).toContain(a.calendar_version);
		expect(wb.getWorksheet('证据')!.getRow(1).values).toEqual(expect.arrayContaining(['投诉编号', '规则编号', '期限', '超期工作日']));
	});

	it('CSV: UTF-8 with BOM, quoted and escaped', async () => {
		const a = await appraisal(t.db, ADMIN, { year: 2025, pack: 'county-efficiency' });
		const out = await writeAppraisalCsv(a, path.join(t.dir, 'a.csv'));
		const text = fs.readFileSync(out, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(text).not.toMatch(/秘密/);
	});

	it('compliance CSV: the columns of cli.md, every case and rule, ISO +08:00', async () => {
		const out = await writeComplianceCsv(t.db, loadPack('county-efficiency'), path.join(t.dir, 'c.csv'), { asOf: '2025-12-31' });
		const lines = fs.readFileSync(out.out, 'utf8').trim().split('\n');
		expect(lines[0]).toBe('case_id,rule_id,clock_start,due_at,done_at,status,working_days_late,explanation,provisional');
		// a case received after the as-of moment is not evaluated at all
		const cases = Number(
			(await t.db.queryOne<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cases WHERE received_at <= TIMESTAMP '2025-12-31 23:59:59.999'`))?.n
		);
		expect(cases).toBeLessThan(Number((await t.db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases'))?.n));
		expect(lines.length - 1).toBe(cases * 7);
		expect(out.rows).toBe(cases * 7);
		expect(lines.find((l) => l.startsWith('E-1,transfer-reply'))).toBe(
			'E-1,transfer-reply,2025-09-26T09:00:00+08:00,2025-10-16T23:59:59.999+08:00,2025-10-16T10:00:00+08:00,met,0,转办件应自2025年9月26日起10个工作日内（至2025年10月16日）办结答复，实际于2025年10月16日答复，未超期（国庆中秋假期10月1日至8日不计，9月28日、10月11日调休上班计入，依据第二十五条）。,false'
		);
		expect(lines.some((l) => l.startsWith(`"'=HYPERLINK`))).toBe(true);
	});
});

describe('read APIs', () => {
	it('lists results with explanations, scoped to the unit', async () => {
		const all = await complianceResults(t.db, ADMIN, { pack: 'county-efficiency', status: 'breached' });
		expect(all.rows.map((r) => r.unit)).toContain('县人社局');
		expect(all.rows[0].explanation).toContain('超期');
		const own = await complianceResults(t.db, unitUser('县教育局'), { pack: 'county-efficiency' });
		expect(new Set(own.rows.map((r) => r.unit))).toEqual(new Set(['县教育局']));
		const na = await complianceResults(t.db, ADMIN, { pack: 'county-efficiency', status: 'not-applicable', rule: 'assign-reply', limit: 5 });
		expect(na.rows.length).toBe(5);
		expect(na.rows.every((r) => r.status === 'not-applicable' && r.explanation.startsWith('不适用'))).toBe(true);
		const summary = await complianceSummary(t.db, unitUser('县人社局'), 'county-efficiency');
		expect(summary.by_unit.map((u) => u.unit)).toEqual(['县人社局']);
		expect(summary.totals.breached).toBe(1);
	});

	it('gives a case timeline with the holidays and make-up days of its clocks', async () => {
		const c = await caseClocks(t.db, ADMIN, 'E-1');
		expect(c.clocks.find((x) => x.rule_id === 'transfer-reply')).toMatchObject({ status: 'met', due_at: '2025-10-16T23:59:59.999+08:00' });
		expect(c.calendar[0].day).toBe('2025-09-26'); // accept-decision does not apply (decided on the spot)
		expect(c.calendar.find((d) => d.day === '2025-10-01')).toMatchObject({ kind: 'holiday', holiday_name: '国庆节' });
		expect(c.calendar.find((d) => d.day === '2025-10-11')).toMatchObject({ kind: 'makeup_workday', is_workday: true });
		await expect(caseClocks(t.db, unitUser('县教育局'), 'F-甲-0')).rejects.toThrow('找不到案件');
	});
});

describe('a new year of the calendar', () => {
	it('loads the 2027 notice, makes it official and recomputes the results', async () => {
		// stored as of the end of 2027 (the read APIs above brought the stored results back to now, before E-2027)
		await evaluatePack(t.db, loadPack('county-efficiency'), { asOf: '2027-12-31' });
		const before = await t.db.queryOne<{ p: boolean; due: string }>(
			`SELECT provisional AS p, strftime(due_at, '%Y-%m-%d') AS due FROM compliance_results WHERE case_id = 'E-2027' AND rule_id = 'transfer-reply'`
		);
		// without a notice: 10 wd after Mon 2027-03-01 → 03-15, more than 7 days from 2027's nearest statutory holiday
		// (清明 4月5日), so not provisional (issue 14)
		expect(before).toMatchObject({ p: false, due: '2027-03-15' });
		expect((await calendarYear(t.db, 2027)).official).toBe(false);
		// A notice for 2027 (test data): 3月3日–5日 off, 3月6日 (Saturday) worked.
		const loaded = await importCalendarYear(t.db, {
			year: 2027,
			source: '国务院办公厅关于2027年部分节假日安排的通知',
			holidays: [{ date: '2027-01-01', name: '元旦' }, ...['03', '04', '05'].map((d) => ({ date: `2027-03-${d}`, name: '测试假日' }))],
			makeup_workdays: [{ date: '2027-03-06', name: '测试假日' }]
		});
		expect(loaded.recomputed).toContain('county-efficiency');
		expect(await calendarYear(t.db, 2027)).toMatchObject({ official: true, holidays: 4, makeup_workdays: 1 });
		const after = await t.db.queryOne<{ p: boolean; due: string; status: string }>(
			`SELECT provisional AS p, strftime(due_at, '%Y-%m-%d') AS due, status FROM compliance_results WHERE case_id = 'E-2027' AND rule_id = 'transfer-reply'`
		);
		// 10 wd after Mon 2027-03-01: 2, 6 (Sat), 8..12, 15, 16, 17 → due 2027-03-17
		expect(after).toMatchObject({ p: false, due: '2027-03-17', status: 'met' });
		await expect(importCalendarYear(t.db, { year: 2027, source: 'x', holidays: [{ date: '2027-02-30', name: 'x' }] })).rejects.toThrow(/holidays\[0\]\.date/);
	});

	it('picks up a notice file dropped under the calendar directory', async () => {
		const dir = path.join(t.dir, 'calendar');
		fs.mkdirSync(dir);
		fs.writeFileSync(
			path.join(dir, '2028.json'),
			JSON.stringify({ year: 2028, source: '国务院办公厅关于2028年部分节假日安排的通知', holidays: [{ date: '2028-01-03', name: '元旦' }], makeup_workdays: [] })
		);
		const r = await syncCalendar(t.db, { dir });
		expect(r.changed).toBe(true);
		expect(await calendarYear(t.db, 2028)).toMatchObject({ official: true, holidays: 1 });
	});
});

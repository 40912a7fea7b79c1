// The bulletin of a hand-counted month: its numbers, that they are the dashboards' numbers, its narrative, scope,
// and the three renderings (HTML, PDF checked with pdfinfo/pdftotext, DOCX unzipped) — never the complainant.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { runMetrics } from '../../src/lib/server/metrics/index.ts';
import { overview } from '../../src/lib/server/metrics/overview.ts';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import { bulletinData, bulletinMonths, bulletinPeriods, narrate, renderBulletin, requirements, bulletinArticle, type BulletinData } from '../../src/lib/server/reports/index.ts';
import { unitsScreen } from '../../src/lib/server/screens/units.ts';
import { A, B, C, COMPLAINANT, MONTH, openBulletinDb, type FixtureDb, SMALL_SCHEME } from './fixture.ts';

const admin: SessionUser = { userId: 1, name: 'admin', displayName: null, role: 'admin', units: [], pii: true };
const leader: SessionUser = { userId: 2, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
const unitB: SessionUser = { userId: 3, name: 'unit_b', displayName: null, role: 'unit', units: [B], pii: false };
const OPTS = { month: MONTH, issuedOn: '2025-11-05', scheme: SMALL_SCHEME };

const NARRATIVE = [
	'2025年10月，全县共受理行政效能投诉9件，环比上升50.0%，同比持平。其中已作出受理决定8件，已办结7件，尚在办理2件。',
	'按照《县行政效能投诉处理暂行办法》规定的办理时限，本月受理投诉各办理环节按时办理率为72.7%，较上月下降13.0个百分点。' +
		'分环节看，按时办理率最高的是受理决定时限（87.5%），最低的是转办件办结答复（50.0%）。' +
		'本月受理的投诉中，超期办结2件，超期未办结1件（明细见表4）。',
	'回访满意率为75.0%（回访4件），较上月下降25.0个百分点。经核查，属实（含部分属实）的投诉占50.0%。',
	'本月重复投诉2件，占受理总数的22.2%，主要集中在县甲局（1件）、县乙局（1件），反映出部分问题未得到根本解决。',
	'按考核方案综合评分，在受理投诉2件以上的3个单位中，乡镇（1个单位）列入红榜的是丙镇人民政府（100.0分）；县直部门（2个单位）列入红榜的是县甲局（79.2分）和县乙局（51.7分）。',
	'从投诉类别看，居前三位的是办事拖拉（4件，占44.4%）、服务态度（3件，占33.3%）和乱收费（2件，占22.2%）。其中服务态度类投诉环比增加2件，增量最大。',
	'本月选取典型案例1件予以通报（见第八部分）。'
];

/** Text without any whitespace: PDF extraction wraps lines wherever the layout did. */
const squash = (s: string) => s.replace(/\s+/g, '');

let fx: FixtureDb;
let data: BulletinData;

beforeAll(async () => {
	fx = await openBulletinDb();
	data = await bulletinData(fx.db, admin, OPTS);
});
afterAll(async () => {
	await fx?.close();
});

describe('bulletin data', () => {
	it('counts the month by hand', () => {
		expect(data.totals).toMatchObject({ cases: 9, accepted: 8, closed: 7, open: 2, overdue_open: 1, breached: 2, met: 8, breached_evaluations: 2, rated: 4, repeats: 2 });
		// 8 met ÷ (8 met + 2 breached + 1 open-overdue: A2's reply, unanswered past its deadline)
		expect(data.totals.on_time_rate).toBeCloseTo(8 / 11, 10);
		expect(data.totals.satisfaction_rate).toBeCloseTo(0.75, 10);
		expect(data.totals.substantiated_rate).toBeCloseTo(0.5, 10);
		expect(data.previous?.cases).toBe(6);
		expect(data.previous?.on_time_rate).toBeCloseTo(6 / 7, 10);
		expect(data.lastYear?.cases).toBe(9);
		expect(data.title).toMatchObject({ issuer: '县行政效能投诉中心', issueNo: 10, issueLabel: '2025年第10期', issuedOn: '2025-11-05', title: '2025年10月全县行政效能投诉情况通报' });
		expect(data.partial).toBe(false);
		expect(data.period).toEqual({ from: '2025-10-01', to: '2025-10-31' });
	});

	it('compares a month with the whole previous calendar month, a running month with the same elapsed days', () => {
		// November (30 days) against all 31 days of October, not October cut to 30
		expect(bulletinPeriods('2025-11', '2025-12-05')).toMatchObject({
			from: '2025-11-01',
			to: '2025-11-30',
			partial: false,
			previous: { from: '2025-10-01', to: '2025-10-31' },
			lastYear: { from: '2024-11-01', to: '2024-11-30' }
		});
		expect(bulletinPeriods('2026-12', '2026-12-02')).toMatchObject({
			from: '2026-12-01',
			to: '2026-12-02',
			partial: true,
			previous: { from: '2026-11-01', to: '2026-11-02' },
			lastYear: { from: '2025-12-01', to: '2025-12-02' }
		});
		// a 26日 cut-off: "November" is 26 Oct – 25 Nov
		expect(bulletinPeriods('2026-11', '2026-12-02', 26)).toMatchObject({ from: '2026-10-26', to: '2026-11-25', previous: { from: '2026-09-26', to: '2026-10-25' } });
	});

	it('rates each rule of the pack, in the pack order, with titles and limits from the pack file', () => {
		expect(data.compliance.evaluated).toBe(true);
		expect(data.compliance.packTitle).toBe('县行政效能投诉处理暂行办法');
		expect(data.compliance.rules.map((r) => [r.ruleId, r.met, r.breached, r.openOverdue, r.openWithin, r.rate])).toEqual([
			['accept-decision', 7, 1, 0, 0, 7 / 8],
			['transfer-reply', 1, 1, 1, 1, 0.5]
		]);
		expect(data.compliance.rules[0].title).toBe('受理决定时限（需要审查的投诉）');
		expect(data.compliance.rules[0].limit).toBe('5个工作日');
	});

	it('ranks the units by the scheme’s score within their group, with the scheme’s lists', () => {
		// 县直部门: A 79.2 before B 51.7; 乡镇: C alone (100). Each group's best five are its 红榜; with two and one
		// ranked units no group has a 黑榜 (a unit is never on both). The shipped scheme deducts nothing: no 预评.
		expect(data.ranking.rows.map((u) => [u.group, u.rank, u.of, u.unit, u.cases, u.score, u.deduction, u.list])).toEqual([
			['乡镇', 1, 1, C, 2, 100, 0, 'red'],
			['县直部门', 1, 2, A, 4, 79.2, 0, 'red'],
			['县直部门', 2, 2, B, 3, 51.7, 0, 'red']
		]);
		expect(data.ranking.red.map((u) => u.unit)).toEqual([C, A, B]);
		expect(data.ranking.black).toEqual([]);
		expect(data.ranking.scheme).toMatchObject({ deduct: 'none', pending: 0, preview: false });
		// The shipped scheme's minimum (10 cases) leaves every unit of this small month out of the ranking.
		return bulletinData(fx.db, admin, { ...OPTS, scheme: undefined }).then((d) => {
			expect(d.ranking.rows).toEqual([]);
			expect(d.ranking.minCases).toBe(10);
			expect(d.ranking.excluded).toBe(3);
		});
	});

	it('lists the late steps, longest first, with case number, unit, rule and days — never the complainant', () => {
		expect(data.late.total).toBe(3);
		expect(data.late.rows.map((r) => [r.caseId, r.unit, r.ruleId, r.status, r.dueDate, r.workingDaysLate])).toEqual([
			// read as of the month's last day, not as stored (5, as of 1 November): 20 → 31 October, 11 days (the
			// fixture has no working-day calendar, so calendar days)
			['A2', A, 'transfer-reply', 'open-overdue', '2025-10-20', 11],
			['A1', A, 'transfer-reply', 'breached', '2025-10-22', 3],
			['B1', B, 'accept-decision', 'breached', '2025-10-20', 1]
		]);
		expect(JSON.stringify(data)).not.toContain(COMPLAINANT);
		expect(JSON.stringify(data)).not.toContain('13800138000');
	});

	it('has categories with the previous month, repeat hot spots, a filled 12-month trend and the typical case', () => {
		expect(data.categories.map((c) => [c.category, c.cases, c.previous])).toEqual([
			['办事拖拉', 4, 4],
			['服务态度', 3, 1],
			['乱收费', 2, 1]
		]);
		expect(data.repeatUnits.map((u) => [u.unit, u.repeats])).toEqual([
			[A, 1],
			[B, 1]
		]);
		expect(data.trend.map((t) => t.month)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10']);
		expect(data.trend.slice(-2).map((t) => t.cases)).toEqual([6, 9]);
		expect(data.trend.slice(0, 10).every((t) => t.cases === 0)).toBe(true);
		expect(data.typical).toEqual([{ caseId: 'A1', unit: A, category: '办事拖拉', summary: expect.stringContaining('超过规定时限3个工作日') }]);
	});

	it('gives the same numbers as the dashboards for the same filters', async () => {
		const measures = ['cases', 'accepted', 'closed', 'overdue_open', 'breached', 'on_time_rate', 'satisfaction_rate', 'substantiated_rate', 'repeats', 'repeat_rate'];
		const [row] = await runMetrics(fx.db, { measures, filters: { ...emptyFilters(), month: MONTH } }, admin);
		for (const m of measures) expect(data.totals[m as keyof typeof data.totals], m).toBe(row[m]);
		const ov = await overview(fx.db, admin, { ...emptyFilters(), from: '2025-10-01', to: '2025-10-31' }, { charts: false });
		for (const k of ['cases', 'on_time_rate', 'overdue_open', 'satisfaction_rate', 'repeat_rate', 'closed', 'breached'] as const) expect(data.totals[k], k).toBe(ov.kpis[k]);
		// the ranking is 单位效能's for the same month and scheme
		const page = await unitsScreen(fx.db, admin, { ...emptyFilters(), month: MONTH }, new URLSearchParams(), { scheme: SMALL_SCHEME });
		expect(data.ranking.rows.map((u) => [u.unit, u.score, u.rank, u.list])).toEqual(page.ranks.map((u) => [u.unit, u.score, u.rank, u.list]));
	});

	it('writes the narrative of the month, sentence by sentence, and the requirements it calls for', () => {
		expect(narrate(data)).toEqual(NARRATIVE);
		expect(requirements(data)).toBe(
			'请存在超期未办结投诉的单位抓紧办理，尽快办结并答复投诉人；请存在超期办结投诉的单位严格执行办理时限规定，杜绝类似情况再次发生。'
		);
	});

	it('narrows to a unit group or units, and to the units a unit user may see', async () => {
		const towns = await bulletinData(fx.db, leader, { ...OPTS, scope: { group: '乡镇' } });
		expect(towns.totals.cases).toBe(2);
		expect(towns.scope.label).toBe('各乡镇');
		expect(narrate(towns)[0]).toMatch(/^2025年10月，各乡镇共受理行政效能投诉2件，环比上升100.0%/);
		const one = await bulletinData(fx.db, leader, { ...OPTS, scope: { units: [A] } });
		expect(one.totals.cases).toBe(4);
		expect(one.title.title).toBe(`2025年10月${A}行政效能投诉情况通报`);
		const scoped = await bulletinData(fx.db, unitB, OPTS);
		expect(scoped.totals.cases).toBe(3);
		expect(scoped.late.rows.map((r) => r.caseId)).toEqual(['B1']);
		expect(scoped.ranking.rows.map((u) => u.unit)).toEqual([B]);
		expect(scoped.typical).toEqual([]);
	});

	it('lists the months that have cases and refuses a malformed or future month', async () => {
		expect((await bulletinMonths(fx.db, leader)).map((m) => m.month)).toEqual(['2025-10', '2025-09', '2024-10']);
		await expect(bulletinData(fx.db, admin, { month: '2025-13' })).rejects.toMatchObject({ code: 'bad_month' });
		await expect(bulletinData(fx.db, admin, { month: '2999-01' })).rejects.toMatchObject({ code: 'future_month' });
	});
});

describe('bulletin outputs', () => {
	it('escapes data in the HTML article', () => {
		const evil = structuredClone(data);
		evil.typical = [{ caseId: 'X<1>', unit: '<script>alert(1)</script>局', category: '"&', summary: '<img src=x onerror=alert(1)>' }];
		const html = bulletinArticle(evil, []);
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;局');
	});

	it('writes a self-contained HTML file with the narrative, tables and SVG charts', async () => {
		const html = (await renderBulletin(data, 'html')).toString('utf8');
		for (const p of NARRATIVE) expect(html).toContain(p);
		expect(html).toContain('<svg');
		expect(html.match(/<figure class="chart"/g)).toHaveLength(3);
		expect(html).not.toMatch(/<(script|link)\b|src="http|href="http/);
		expect(html).not.toContain(COMPLAINANT);
		expect(html).toContain('counter(pages)');
	});

	it('prints an A4 PDF whose text holds the narrative, the tables and the page numbers', async () => {
		const pdf = await renderBulletin(data, 'pdf');
		const file = path.join(fx.dir, 'b.pdf');
		fs.writeFileSync(file, pdf);
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
		expect(info).toMatch(/Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
		expect(pages).toBe(EXPECTED_PDF_PAGES);
		const text = squash(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
		for (const p of NARRATIVE) expect(text).toContain(squash(p));
		for (let i = 1; i <= pages; i++) expect(text).toContain(`第${i}页共${pages}页`);
		// Table 4, every row whole: number, case, unit, rule, situation, due date, days late.
		expect(text).toContain(squash(`1 A2 ${A} 转办件办结答复 超期未办结 2025-10-20 11`));
		expect(text).toContain(squash(`3 B1 ${B} 受理决定时限（需要审查的投诉） 超期办结 2025-10-20 1`));
		// Table 3 with its lists, table 2 with the last column, the typical case's summary.
		expect(text).toContain(squash(`乡镇 1 ${C} 2 100.0 100.0% 100.0% 0.0% 0 红榜`));
		expect(text).toContain(squash(`县直部门 2 ${B} 3 51.7 66.7% 0.0% 33.3% 0 红榜`));
		expect(text).toContain(squash('转办件办结答复 10个工作日 1 1 1 1 50.0%'));
		expect(text).toContain('已责令该局作出书面检查。');
		expect(text).not.toContain(COMPLAINANT);
	});

	it('builds an editable DOCX with Word headings, tables, charts and the same numbers', async () => {
		const docx = await renderBulletin(data, 'docx');
		const file = path.join(fx.dir, 'b.docx');
		fs.writeFileSync(file, docx);
		const list = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
		expect(list).toMatch(/word\/media\/\S+\.svg/);
		expect(list).toMatch(/word\/media\/\S+\.png/);
		const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
		const text = xml.replace(/<[^>]+>/g, '');
		for (const p of NARRATIVE) expect(text).toContain(p);
		for (const s of ['72.7%', '87.5%', '50.0%', '51.7', '79.2', 'A2', '转办件办结答复', '超期未办结', '红榜', '黑榜', '已责令该局作出书面检查。']) expect(text).toContain(s);
		// 六、热点诉求 and its paragraph, between 五 and 七
		expect(text).toContain('六、热点诉求');
		expect(text).toMatch(/本月群众反映集中的问题主要有|本月没有可归纳的群众反映集中问题/);
		expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(9);
		expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
		expect(xml).toContain('<w:pStyle w:val="Title"/>');
		expect(xml).toContain('<w:tblHeader/>');
		expect(text).not.toContain(COMPLAINANT);
		const styles = execFileSync('unzip', ['-p', file, 'word/styles.xml'], { encoding: 'utf8' });
		expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
		expect(styles).toContain('w:eastAsia="方正小标宋简体"');
		const fonts = execFileSync('unzip', ['-p', file, 'word/fontTable.xml'], { encoding: 'utf8' });
		expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
		expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
		const footer = execFileSync('unzip', ['-p', file, 'word/footer1.xml'], { encoding: 'utf8' });
		expect(footer).toMatch(/PAGE/);
		expect(footer).toMatch(/NUMPAGES/);
	});
});

/** The fixture month prints on this many A4 pages (masthead + narrative, then the sections and charts). */
const EXPECTED_PDF_PAGES = 4;

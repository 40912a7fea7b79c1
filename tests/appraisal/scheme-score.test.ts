// A scheme's deductions for findings (issue 13): the unit score of the appraisal and of the 单位效能 ranking is the
// rates' weighted score less the points of the counted findings' measures, as the scheme says (none, all, or only
// findings outside the rates; 件 or 件次), on a small year worked out by hand — with a unit below the minimum, a
// tie, a pending flag the preview (预评) counts, and a 不予认定 that takes its flag out of the rates as well.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePack, loadPack } from '../../src/lib/server/compliance/index.ts';
import { appraisal } from '../../src/lib/server/appraisal/appraisal.ts';
import { loadScheme, SCHEMES_DIR } from '../../src/lib/server/appraisal/scheme.ts';
import { approve, propose, yearFlags } from '../../src/lib/server/appraisal/review.ts';
import { schemeRanks } from '../../src/lib/server/appraisal/score.ts';
import { runMetrics } from '../../src/lib/server/metrics/query.ts';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import { overviewScreen } from '../../src/lib/server/screens/overview.ts';
import { unitsScreen } from '../../src/lib/server/screens/units.ts';
import { bulletinData } from '../../src/lib/server/reports/bulletin.ts';
import { bulletinHtml } from '../../src/lib/server/reports/html.ts';
import { narrate } from '../../src/lib/server/reports/narrative.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { unitCases } from './cases.ts';
import { ADMIN, LEADER, insertCases, tempDb, unitUser, type TempDb } from '../compliance/fixtures.ts';

const INSPECTOR: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const county = loadPack('county-efficiency');
let t: TempDb;

/** county-default.yaml with its deduction mode and count replaced, as a county would write its own scheme. */
function schemeWith(mode: 'none' | 'all' | 'outside-rates', countBy: '件' | '件次' = '件次') {
	const text = fs.readFileSync(path.join(SCHEMES_DIR, 'county-default.yaml'), 'utf8');
	expect(text).toMatch(/^  deduct_findings: none$/m);
	expect(text).toMatch(/^count_by: 件次$/m);
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scheme-')), `county-${mode}.yaml`);
	fs.writeFileSync(file, text.replace(/^  deduct_findings: none$/m, `  deduct_findings: ${mode}`).replace(/^count_by: 件次$/m, `count_by: ${countBy}`));
	return loadScheme(file);
}

beforeAll(async () => {
	t = await tempDb('scheme-score');
	await t.db.run(`INSERT INTO units VALUES ('县农业局', '县直部门', 1), ('县审计局', '县直部门', 2), ('县统计局', '县直部门', 3),
		('县林业局', '县直部门', 4), ('县档案局', '县直部门', 5), ('城关镇', '乡镇', 6), ('桥头镇', '乡镇', 7)`);
	// Mon 3 Mar 2025: accept-decision (5 wd) due Mon 10 Mar; accepted Fri 14 Mar and answered 30 Apr, both rules late
	const bothLate = { received_at: '2025-03-03 09:00', accepted_at: '2025-03-14 10:00', replied_at: '2025-04-30 10:00', closed_at: '2025-04-30 10:00' };
	// accepted on time, answered 30 Apr: direct-reply (15 wd from 3 Mar) late
	const replyLate = { received_at: '2025-03-03 09:00', accepted_at: '2025-03-03 10:00', replied_at: '2025-04-30 10:00', closed_at: '2025-04-30 10:00' };
	await insertCases(t.db, [
		// 农业: 10/10 满意, every rule met → 100; three substantiated complaints (A0, A1 approved 通报批评; A2 unreviewed)
		...unitCases('县农业局', 10, 10, (i) => (i < 3 ? { outcome: '属实', person: '甲' } : {})),
		// 审计: 9/10 满意 → 97
		...unitCases('县审计局', 10, 9),
		// 统计: 10/10 满意, accepted the next day (so accept-decision applies: a decision on the day of receipt is
		// 当场, not timed), case 0 late on both rules: on-time 18/20 = 0.9 → 100 × (0.4 × 0.9 + 0.3 + 0.15 + 0.15) = 96
		...unitCases('县统计局', 10, 10, (i) => (i === 0 ? bothLate : { accepted_at: `2025-03-0${4 + (i % 3)} 10:00` })),
		// 林业: 5/10 满意, decided on the spot (direct-reply only), case 0 answered late: on-time 9/10 → 100 × (0.36 + 0.15 + 0.3) = 81
		...unitCases('县林业局', 10, 5, (i) => (i === 0 ? replyLate : {})),
		// 档案: 9 cases, below the minimum of 10 → not ranked
		...unitCases('县档案局', 9, 9),
		// 乡镇: 8/10 → 94, 6/10 → 88
		...unitCases('城关镇', 10, 8),
		...unitCases('桥头镇', 10, 6)
	]);
	await evaluatePack(t.db, county);
	const [a0, a1] = await propose(t.db, INSPECTOR, county, loadScheme(), 2025, {
		items: [{ case_id: '县农业局-2025-0', rule_id: 'substantiated' }, { case_id: '县农业局-2025-1', rule_id: 'substantiated' }],
		decision: 'finding',
		measure: '通报批评'
	});
	const c = await propose(t.db, INSPECTOR, county, loadScheme(), 2025, {
		items: [{ case_id: '县统计局-2025-0', rule_id: 'accept-decision' }, { case_id: '县统计局-2025-0', rule_id: 'direct-reply' }],
		decision: 'finding',
		measure: '口头效能告诫'
	});
	await approve(t.db, LEADER, [a0, a1, ...c], '县纪〔2026〕5号');
});
afterAll(async () => {
	await t.close();
});

const year = { ...emptyFilters(), from: '2025-01-01', to: '2025-12-31' };
const ranksOf = async (scheme: ReturnType<typeof schemeWith>, includePending = false) => {
	const a = await appraisal(t.db, ADMIN, { year: 2025, pack: county, scheme, evidence: false, includePending });
	return Object.fromEntries(a.rows.filter((r) => r.group === '县直部门').map((r) => [r.unit, [r.score, r.deduction, r.rank, r.tier]]));
};

describe('deductions for findings, by the scheme', () => {
	it('none (the shipped scheme): the score is the rates alone', async () => {
		// 农业 100, 审计 97, 统计 96, 林业 81; 档案 (9 cases) not ranked. Shares (rank − 0.5) ÷ 4 → 好/较好/一般/差.
		expect(await ranksOf(schemeWith('none'))).toEqual({
			县农业局: [100, 0, 1, '好'],
			县审计局: [97, 0, 2, '较好'],
			县统计局: [96, 0, 3, '一般'],
			县林业局: [81, 0, 4, '差'],
			县档案局: [100, 0, null, null]
		});
	});

	it('all, by 件次: every approved finding takes its measure’s points; a tie is broken by name', async () => {
		// 农业 100 − 2 × 3 (通报批评) = 94; 统计 96 − 2 × 1 (口头效能告诫 on two rules of one case) = 94: a tie, 农 (U+519C)
		// before 统 (U+7EDF); the unreviewed flags (农业's third complaint, 林业's late reply) count nothing yet.
		expect(await ranksOf(schemeWith('all'))).toEqual({
			县审计局: [97, 0, 1, '好'],
			县农业局: [94, 6, 2, '较好'],
			县统计局: [94, 2, 3, '一般'],
			县林业局: [81, 0, 4, '差'],
			县档案局: [100, 0, null, null]
		});
	});

	it('all, by 件: one case late on two rules deducts once', async () => {
		// 统计 96 − 1 = 95 ahead of 农业 94
		expect(await ranksOf(schemeWith('all', '件'))).toEqual({
			县审计局: [97, 0, 1, '好'],
			县统计局: [95, 1, 2, '较好'],
			县农业局: [94, 6, 3, '一般'],
			县林业局: [81, 0, 4, '差'],
			县档案局: [100, 0, null, null]
		});
	});

	it('outside-rates: a late case, already in the on-time rate, deducts nothing; a substantiated complaint does', async () => {
		expect(await ranksOf(schemeWith('outside-rates'))).toEqual({
			县审计局: [97, 0, 1, '好'],
			县统计局: [96, 0, 2, '较好'],
			县农业局: [94, 6, 3, '一般'],
			县林业局: [81, 0, 4, '差'],
			县档案局: [100, 0, null, null]
		});
	});

	it('the preview (预评) counts the pending flags with the scheme’s default measure for their kind', async () => {
		// 农业's third complaint: 批评教育 0.5 → 93.5; 林业's late reply: 口头效能告诫 1 → 80
		expect(await ranksOf(schemeWith('all'), true)).toEqual({
			县审计局: [97, 0, 1, '好'],
			县统计局: [94, 2, 2, '较好'],
			县农业局: [93.5, 6.5, 3, '一般'],
			县林业局: [80, 1, 4, '差'],
			县档案局: [100, 0, null, null]
		});
		// the 单位效能 ranking of the year under the same scheme: the same scores and ranks, and it says 预评
		const page = await schemeRanks(t.db, ADMIN, county, schemeWith('all'), year, { includePending: true });
		expect(page.preview).toBe(true);
		expect(page.pending).toBe(2);
		expect(Object.fromEntries(page.ranks.filter((r) => r.unit_group === '县直部门').map((r) => [r.unit, [r.score, r.rank, r.list]]))).toEqual({
			县审计局: [97, 1, 'red'],
			县统计局: [94, 2, 'red'],
			县农业局: [93.5, 3, 'red'],
			县林业局: [80, 4, 'red'],
			县档案局: [100, null, null]
		});
		// a month: only that month's flags; the towns have none
		const march = await schemeRanks(t.db, ADMIN, county, schemeWith('all'), { ...emptyFilters(), month: '2025-03' }, { includePending: true, today: '2026-12-03' });
		expect(march.ranks.find((r) => r.unit === '县农业局')).toMatchObject({ score: 93.5, deduction: 6.5, rate_score: 100 });
		expect(march.ranks.find((r) => r.unit === '城关镇')).toMatchObject({ score: 94, deduction: 0, rank: 1, of: 2 });
	});

	it('overview, 单位效能 and the bulletin of a month list the same units with the scheme’s scores, ranks and lists (预评)', async () => {
		// March 2025 (the whole fixture), read as of its last moment, under `all` by 件次 with pending flags counted. By hand:
		// 县直部门 审计 97 (9/10 满意); 农业 100 − 2 × 3 (通报批评) − 0.5 (pending 属实, 批评教育) = 93.5;
		// 统计: on 31 Mar case 0's reply, clocked from its acceptance on 14 Mar, is still within its 15 working days, so
		// 18 met of 19 evaluations due: 100 × (0.4 × 18/19 + 0.3 + 0.15 + 0.15) = 97.89; of its two approved findings only
		// the late acceptance was a flag on 31 Mar: − 1 (口头效能告诫) = 96.9;
		// 林业: its reply (due 24 Mar) is open past its deadline on 31 Mar: on-time 9/10, overdue 1/10:
		// 100 × (0.4 × 0.9 + 0.3 × 0.5 + 0.15 + 0.15 × 0.9) = 79.5; the pending flag is open-overdue on 31 Mar, so the
		// preview takes that kind's default measure (书面效能告诫, 2): 77.5; 档案 (9 cases) not ranked.
		// 乡镇 城关 94, 桥头 88. Every ranked unit is within its group's best five: all 红榜, no 黑榜.
		// The plain composite (what the overview and the bulletin ranked by) would put 农业 first with 100.
		const scheme = schemeWith('all');
		const march = { ...emptyFilters(), from: '2025-03-01', to: '2025-03-31' };
		const expected = {
			县审计局: ['县直部门', 97, 1, 'red'],
			县统计局: ['县直部门', 96.9, 2, 'red'],
			县农业局: ['县直部门', 93.5, 3, 'red'],
			县林业局: ['县直部门', 77.5, 4, 'red'],
			城关镇: ['乡镇', 94, 1, 'red'],
			桥头镇: ['乡镇', 88, 2, 'red']
		};
		const ov = await overviewScreen(t.db, ADMIN, march, { charts: false, scheme, today: '2026-12-03' });
		const listed = [...ov.best.map((r) => [r.unit, [r.unit_group, r.score, r.rank, 'red']]), ...ov.worst.map((r) => [r.unit, [r.unit_group, r.score, r.rank, 'black']])];
		expect(Object.fromEntries(listed)).toEqual(expected);
		expect(ov.scheme).toMatchObject({ preview: true, pending: 2, deduct: 'all' });
		const page = await unitsScreen(t.db, ADMIN, march, new URLSearchParams(), { scheme, today: '2026-12-03' });
		expect(Object.fromEntries(page.ranks.filter((r) => r.rank !== null).map((r) => [r.unit, [r.unit_group, r.score, r.rank, r.list]]))).toEqual(expected);
		expect(page.scheme).toEqual(ov.scheme);
		const b = await bulletinData(t.db, ADMIN, { month: '2025-03', issuedOn: '2025-04-05', scheme });
		expect(Object.fromEntries(b.ranking.rows.map((r) => [r.unit, [r.group, r.score, r.rank, r.list]]))).toEqual(expected);
		expect(b.ranking.red.map((r) => r.unit).sort()).toEqual(Object.keys(expected).sort());
		expect(b.ranking).toMatchObject({ excluded: 1, black: [], scheme: { preview: true, pending: 2 } });
		// labelled 预评 where shown: the bulletin's table 3 and its note, and the narrative
		const html = bulletinHtml(b);
		expect(html).toContain('表3　单位综合评分排名（预评）');
		expect(html).toContain('预评：本月尚有2件次问题未经审核认定');
		expect(html).toContain('93.5（扣6.5）');
		expect(narrate(b).join('')).toContain('（预评）按考核方案综合评分');
	});

	it('a unit user reads its own place in the scheme’s ranking, never the others', async () => {
		const mine = await schemeRanks(t.db, unitUser('县农业局'), county, schemeWith('all'), year);
		expect(mine.ranks.map((r) => [r.unit, r.rank, r.of])).toEqual([['县农业局', 2, 4]]);
	});
});

describe('不予认定 (a data error) leaves the rates as well', () => {
	it('takes 林业’s late reply out of its on-time rate, its score and its breaches, by hand', async () => {
		const onTime = async () =>
			(await runMetrics(t.db, { measures: ['on_time_rate', 'breached_evaluations'], dimensions: ['unit'], filters: { ...year, units: ['县林业局'] } }, ADMIN))[0];
		expect(await onTime()).toMatchObject({ on_time_rate: 9 / 10, breached_evaluations: 1 });
		const [flag] = (await yearFlags(t.db, INSPECTOR, county, 2025, { unit: '县林业局' })).filter((f) => f.kind === 'breached');
		expect(flag).toMatchObject({ case_id: '县林业局-2025-0', rule_id: 'direct-reply', review_status: 'unreviewed' });
		const ids = await propose(t.db, INSPECTOR, county, loadScheme(), 2025, { items: [{ case_id: flag.case_id, rule_id: flag.rule_id }], decision: 'reject', reason: '导出数据把答复时间录错' });
		// proposed only: still in the rates
		expect(await onTime()).toMatchObject({ on_time_rate: 9 / 10 });
		await approve(t.db, LEADER, ids, '县纪〔2026〕6号');
		// approved: 9 met of 9 → 1; the score 85 (70 + 30 × 0.5), and the appraisal counts no breach and no pending flag
		expect(await onTime()).toMatchObject({ on_time_rate: 1, breached_evaluations: 0 });
		const row = (await appraisal(t.db, ADMIN, { year: 2025, pack: county, scheme: schemeWith('all'), evidence: false, includePending: true })).rows.find((r) => r.unit === '县林业局');
		expect(row).toMatchObject({ score: 85, deduction: 0, breaches: 0, pending: 0 });
	});
});

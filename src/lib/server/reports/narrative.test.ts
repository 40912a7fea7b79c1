// The narrative against a data object with known numbers: every sentence, and every conditional one both ways.
import { describe, expect, it } from 'vitest';
import type { BulletinData, Totals } from './bulletin.ts';
import { narrate, requirements, shortTitle } from './narrative.ts';

function totals(t: Partial<Totals>): Totals {
	return {
		cases: 0,
		accepted: 0,
		closed: 0,
		open: 0,
		overdue_open: 0,
		breached: 0,
		met: 0,
		breached_evaluations: 0,
		on_time_rate: null,
		satisfaction_rate: null,
		rated: 0,
		substantiated_rate: null,
		with_outcome: 0,
		repeats: 0,
		repeat_rate: null,
		...t
	};
}

const unit = (rank: number, name: string, score: number, group = '县直部门', list: 'red' | 'black' | null = null) => ({
	group,
	rank,
	of: 5,
	deduction: 0,
	list,
	unit: name,
	cases: 20,
	score,
	on_time_rate: 0.9,
	satisfaction_rate: 0.8,
	repeat_rate: 0.1,
	overdue_open: 0
});

/** October 2025, all units: 1,234 cases (1,173 in September, 1,273 a year earlier). */
function fixture(over: Partial<BulletinData> = {}): BulletinData {
	const rows = [
		unit(1, '县教育局', 96.25),
		unit(2, '县民政局', 93.04),
		unit(3, '县水利局', 90),
		unit(4, '县公安局', 82.55),
		unit(5, '县税务局', 80.01)
	];
	return {
		month: '2025-10',
		period: { from: '2025-10-01', to: '2025-10-31' },
		previousPeriod: { from: '2025-09-01', to: '2025-09-30' },
		lastYearPeriod: { from: '2024-10-01', to: '2024-10-31' },
		asOf: '2025-10-31',
		partial: false,
		scope: { kind: 'all', label: '全县' },
		title: { issuer: '县行政效能投诉中心', subject: '行政效能投诉', year: 2025, issueNo: 10, issueLabel: '2025年第10期', issuedOn: '2025-11-05', title: '2025年10月全县行政效能投诉情况通报' },
		totals: totals({
			cases: 1234,
			accepted: 1200,
			closed: 1100,
			open: 134,
			breached: 21,
			overdue_open: 5,
			on_time_rate: 0.923,
			satisfaction_rate: 0.85,
			rated: 900,
			substantiated_rate: 0.301,
			with_outcome: 700,
			repeats: 45,
			repeat_rate: 45 / 1234
		}),
		previous: totals({ cases: 1173, on_time_rate: 0.911, satisfaction_rate: 0.858, rated: 800 }),
		lastYear: totals({ cases: 1273 }),
		compliance: {
			pack: 'county-efficiency',
			packTitle: '县行政效能投诉处理暂行办法',
			evaluated: true,
			rules: [
				{ ruleId: 'accept-decision', title: '受理决定时限（需要审查的投诉）', limit: '5个工作日', met: 981, breached: 19, openOverdue: 0, openWithin: 0, rate: 0.981 },
				{ ruleId: 'transfer-reply', title: '转办件办结答复', limit: '10个工作日', met: 451, breached: 49, openOverdue: 3, openWithin: 20, rate: 0.902 },
				{ ruleId: 'assign-reply', title: '交办件办结答复', limit: '15个工作日', met: 95, breached: 5, openOverdue: 2, openWithin: 4, rate: 0.95 },
				{ ruleId: 'led-by-supervision', title: '监察机关牵头组织查办', limit: '20个工作日', met: 0, breached: 0, openOverdue: 0, openWithin: 3, rate: null }
			]
		},
		ranking: {
			minCases: 10,
			scheme: { title: '县行政效能投诉年度考核方案（默认）', version: '1', deduct: 'none', pending: 0, preview: false },
			rows,
			red: rows.slice(0, 2),
			black: rows.slice(3).reverse(),
			excluded: 2
		},
		unitOnTime: [],
		repeatUnits: [
			{ unit: '县住房和城乡建设局', repeats: 12, cases: 100, repeat_rate: 0.12 },
			{ unit: '县市场监督管理局', repeats: 8, cases: 80, repeat_rate: 0.1 },
			{ unit: '县教育局', repeats: 5, cases: 50, repeat_rate: 0.1 },
			{ unit: '县民政局', repeats: 2, cases: 40, repeat_rate: 0.05 }
		],
		late: { rows: [], total: 26, cases: 26 },
		categories: [
			{ category: '办事拖拉', cases: 300, previous: 280, share: 300 / 1234 },
			{ category: '服务态度', cases: 200, previous: 170, share: 200 / 1234 },
			{ category: '乱收费', cases: 150, previous: 160, share: 150 / 1234 }
		],
		trend: [],
		typical: [
			{ caseId: 'TS1', unit: '县教育局', category: '办事拖拉', summary: '……' },
			{ caseId: 'TS2', unit: '县民政局', category: '服务态度', summary: '……' }
		],
		...over
	};
}

describe('narrate', () => {
	it('writes every paragraph of a full month with known numbers', () => {
		expect(narrate(fixture())).toEqual([
			'2025年10月，全县共受理行政效能投诉1,234件，环比上升5.2%，同比下降3.1%。其中已作出受理决定1,200件，已办结1,100件，尚在办理134件。',
			'按照《县行政效能投诉处理暂行办法》规定的办理时限，本月受理投诉各办理环节按时办理率为92.3%，较上月提高1.2个百分点。' +
				'分环节看，按时办理率最高的是受理决定时限（98.1%），最低的是转办件办结答复（90.2%）。' +
				'本月受理的投诉中，超期办结21件，超期未办结5件（明细见表4）。',
			'回访满意率为85.0%（回访900件），较上月下降0.8个百分点。经核查，属实（含部分属实）的投诉占30.1%。',
			'本月重复投诉45件，占受理总数的3.6%，主要集中在县住房和城乡建设局（12件）、县市场监督管理局（8件）、县教育局（5件），反映出部分问题未得到根本解决。',
			'按考核方案综合评分，在受理投诉10件以上的5个单位中，列入红榜的是县教育局（96.3分）和县民政局（93.0分），列入黑榜的是县税务局（80.0分）和县公安局（82.6分）。',
			'从投诉类别看，居前三位的是办事拖拉（300件，占24.3%）、服务态度（200件，占16.2%）和乱收费（150件，占12.2%）。其中服务态度类投诉环比增加30件，增量最大。',
			'本月选取典型案例2件予以通报（见第八部分）。'
		]);
		expect(requirements(fixture())).toBe(
			'请综合评分排名靠后的单位认真查找原因，制定整改措施，切实改进工作作风；请存在超期未办结投诉的单位抓紧办理，尽快办结并答复投诉人；' +
				'请存在超期办结投诉的单位严格执行办理时限规定，杜绝类似情况再次发生；对重复投诉较多的问题，相关单位要从根本上加以解决，防止反复投诉。'
		);
	});

	it('leaves out 同比 when last year has no data, and 环比 with its "较上月" when last month has none', () => {
		const noLastYear = narrate(fixture({ lastYear: null }));
		expect(noLastYear[0]).toBe('2025年10月，全县共受理行政效能投诉1,234件，环比上升5.2%。其中已作出受理决定1,200件，已办结1,100件，尚在办理134件。');
		const none = narrate(fixture({ lastYear: null, previous: null }));
		expect(none[0]).toBe('2025年10月，全县共受理行政效能投诉1,234件。其中已作出受理决定1,200件，已办结1,100件，尚在办理134件。');
		expect(none.join('')).not.toContain('较上月');
		expect(none.join('')).not.toContain('环比');
		expect(none.join('')).not.toContain('同比');
	});

	it('says 持平 when the counts and rates are equal', () => {
		const d = fixture({
			previous: totals({ cases: 1234, on_time_rate: 0.923, satisfaction_rate: 0.85 }),
			lastYear: totals({ cases: 1234 })
		});
		const p = narrate(d);
		expect(p[0]).toContain('共受理行政效能投诉1,234件，环比持平，同比持平。');
		expect(p[1]).toContain('各办理环节按时办理率为92.3%，与上月持平。');
		expect(p[2]).toContain('回访满意率为85.0%（回访900件），与上月持平。');
	});

	it('says "本月无超期件" instead of counting zero late cases', () => {
		const d = fixture({ totals: totals({ ...fixture().totals, breached: 0, overdue_open: 0 }) });
		const p = narrate(d);
		expect(p[1].endsWith('本月无超期件。')).toBe(true);
		expect(p.join('')).not.toMatch(/超期办结0件|超期未办结0件|超期0件/);
		expect(requirements(d)).not.toContain('超期');
	});

	it('names only the kind of lateness that happened', () => {
		const base = fixture().totals;
		expect(narrate(fixture({ totals: { ...base, overdue_open: 0 } }))[1]).toContain('本月受理的投诉中，超期办结21件（明细见表4），无超期未办结件。');
		expect(narrate(fixture({ totals: { ...base, breached: 0 } }))[1]).toContain('本月受理的投诉中，超期未办结5件（明细见表4），其余均在规定时限内办理。');
	});

	it('says when no deadline check has been run, and draws no lateness conclusion from it', () => {
		const d = fixture({
			compliance: { pack: 'county-efficiency', packTitle: null, evaluated: false, rules: [] },
			totals: { ...fixture().totals, breached: 0, overdue_open: 0, on_time_rate: null }
		});
		expect(narrate(d)[1]).toBe('本月受理的投诉尚未开展办理时限核查。');
	});

	it('says when no step is due yet, and states equal rates once', () => {
		const t = { ...fixture().totals, on_time_rate: null };
		expect(narrate(fixture({ totals: t }))[1]).toMatch(/^按照《县行政效能投诉处理暂行办法》规定的办理时限，本月受理投诉的各办理环节尚无到期结果。/);
		const c = fixture().compliance;
		const equal = { ...c, rules: c.rules.map((r) => ({ ...r, rate: r.rate === null ? null : 0.95 })) };
		expect(narrate(fixture({ compliance: equal }))[1]).toContain('各办理环节按时办理率均为95.0%。');
	});

	it('handles a month without satisfaction results, outcomes, repeats, typical cases', () => {
		const t = { ...fixture().totals, rated: 0, satisfaction_rate: null, with_outcome: 0, substantiated_rate: null, repeats: 0, repeat_rate: 0 };
		const p = narrate(fixture({ totals: t, typical: [], repeatUnits: [] }));
		expect(p[2]).toBe('本月受理的投诉暂无回访结果。');
		expect(p[3]).toBe('本月未发现重复投诉。');
		expect(p.join('')).not.toContain('典型案例');
		expect(p).toHaveLength(6);
	});

	it('ranks only when there are units with enough cases', () => {
		const r = fixture().ranking;
		expect(narrate(fixture({ ranking: { ...r, rows: [], red: [], black: [] } }))[4]).toBe('本月各单位受理投诉均不足10件，不进行综合排名。');
		const one = [unit(1, '县教育局', 91.04)];
		expect(narrate(fixture({ ranking: { ...r, rows: one, red: [], black: [] } }))[4]).toBe('本月仅县教育局受理投诉10件以上，综合评分91.0分，不作排名。');
		// two groups: each named with its own lists; a preview (预评) says so
		const two = [unit(1, '城关镇', 85, '乡镇'), unit(1, '县教育局', 91)];
		expect(narrate(fixture({ ranking: { ...r, rows: two, red: two, black: [] } }))[4]).toBe(
			'按考核方案综合评分，在受理投诉10件以上的2个单位中，乡镇（1个单位）列入红榜的是城关镇（85.0分）；县直部门（1个单位）列入红榜的是县教育局（91.0分）。'
		);
		const preview = { ...r.scheme, deduct: 'all' as const, pending: 7, preview: true };
		expect(narrate(fixture({ ranking: { ...r, scheme: preview, rows: two, red: two, black: [] } }))[4]).toMatch(/^（预评）按考核方案综合评分/);
		// A bulletin for one unit has no ranking paragraph at all.
		const single = narrate(fixture({ scope: { kind: 'units', label: '县教育局', units: ['县教育局'] } }));
		expect(single.join('')).not.toContain('综合评分');
		expect(single[0]).toMatch(/^2025年10月，县教育局共受理行政效能投诉1,234件/);
	});

	it('writes one category, and no "增量最大" when no category rose or there is no previous month', () => {
		const one = [{ category: '办事拖拉', cases: 1234, previous: 1300, share: 1 }];
		expect(narrate(fixture({ categories: one }))[5]).toBe('从投诉类别看，投诉均为办事拖拉。');
		const fell = fixture().categories.map((c) => ({ ...c, previous: c.cases + 1 }));
		expect(narrate(fixture({ categories: fell }))[5]).not.toContain('增量最大');
		expect(narrate(fixture({ previous: null }))[5]).not.toContain('增量最大');
	});

	it('opens a month still in progress with its days, and a month without cases with one sentence', () => {
		const d = fixture({ month: '2026-11', partial: true, asOf: '2026-11-22', period: { from: '2026-11-01', to: '2026-11-22' } });
		expect(narrate(d)[0]).toMatch(/^2026年11月1日至22日，全县共受理行政效能投诉1,234件/);
		const empty = fixture({ totals: totals({}), previous: null, lastYear: null });
		expect(narrate(empty)).toEqual(['2025年10月，全县未受理行政效能投诉。']);
	});

	it('names a unit group as the scope', () => {
		expect(narrate(fixture({ scope: { kind: 'group', label: '各乡镇', group: '乡镇' } }))[0]).toMatch(/^2025年10月，各乡镇共受理/);
	});

	it('asks nothing of anyone in a month without problems', () => {
		const d = fixture({
			totals: { ...fixture().totals, breached: 0, overdue_open: 0 },
			ranking: { ...fixture().ranking, black: [] },
			repeatUnits: [{ unit: '县教育局', repeats: 2, cases: 50, repeat_rate: 0.04 }]
		});
		expect(requirements(d)).toBeNull();
	});

	it('shortens rule titles for running text', () => {
		expect(shortTitle('受理决定时限（需要审查的投诉）')).toBe('受理决定时限');
		expect(shortTitle('转办件办结答复')).toBe('转办件办结答复');
	});
});

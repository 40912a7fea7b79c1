// The hot-spot queries on small hand-written databases: TF-IDF weights against hand computation, counts against
// an independent count over the case texts, the unit scope, the planted rise, and the SimHash threshold on
// hand-labelled pairs (precision and recall) with the grouping of a duplicate matter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listValue } from '@duckdb/node-api';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { buildHotspots } from '../../src/lib/server/hotspots/build.ts';
import { hamming } from '../../src/lib/server/hotspots/text.ts';
import { placesAgree } from '../../src/lib/server/hotspots/group.ts';
import { SIMHASH_MAX_DISTANCE, duplicateGroups, hotspotCases, hotspotRises, hotspotTerms, mergeTwins } from '../../src/lib/server/hotspots/views.ts';
import { openMiniDb, type MiniCase } from './fixture.ts';
import { hotspotParagraph, hotspotSection } from '../../src/lib/server/hotspots/bulletin.ts';
import { PAIRS } from './pairs.ts';

const admin: SessionUser = { userId: 1, name: 'a', displayName: null, role: 'admin', units: [], pii: true };
const unitUser = (u: string): SessionUser => ({ userId: 2, name: 'u', displayName: null, role: 'unit', units: [u], pii: false });
const november = { ...emptyFilters(), from: '2026-11-01', to: '2026-11-30' };
const TODAY = '2026-12-15';

describe('TF-IDF against the whole corpus', () => {
	// terms: D1 供暖 物业费 | D2 供暖 路灯 | D3 供暖 供暖 停水 | D4 (October) 路灯 停水 停电. N = 4.
	// df: 供暖 3, 物业费 1, 路灯 2, 停水 2, 停电 1.
	const cases: MiniCase[] = [
		{ id: 'D1', at: '2026-11-03 09:00:00', unit: '县城市管理局', text: '供暖，物业费' },
		{ id: 'D2', at: '2026-11-05 09:00:00', unit: '县城市管理局', text: '供暖，路灯' },
		{ id: 'D3', at: '2026-11-07 09:00:00', unit: '县城市管理局', text: '供暖，供暖，停水' },
		{ id: 'D4', at: '2026-10-07 09:00:00', unit: '县城市管理局', text: '路灯，停水，停电' }
	];
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('stores tf per case and ranks November by Σ tf × ln(N/df)²', async () => {
		const res = await hotspotTerms(mini.db, admin, november, TODAY);
		const stored = await mini.db.query<{ case_id: string; term: string; tf: number }>('SELECT case_id, term, tf FROM case_terms ORDER BY case_id, term');
		expect(stored.filter((r) => r.case_id === 'D3').map((r) => [r.term, Number(r.tf)])).toEqual([['供暖', 2 / 3], ['停水', 1 / 3]]);
		expect(res.total).toBe(3);
		expect(res.previous).toEqual({ from: '2026-10-01', to: '2026-10-31' });
		// by hand: 物业费 ½·ln²4 = 0.961, 路灯 ½·ln²2 = 0.240, 停水 ⅓·ln²2 = 0.160, 供暖 (½ + ½ + ⅔)·ln²(4/3) = 0.138
		// (with ln(N/df) unsquared 供暖, in 3 of the 4 cases, came second: 0.479 against 0.347 and 0.231)
		const want = [
			{ term: '物业费', cases: 1, prev: 0, weight: (1 / 2) * Math.log(4) ** 2 },
			{ term: '路灯', cases: 1, prev: 1, weight: (1 / 2) * Math.log(2) ** 2 },
			{ term: '停水', cases: 1, prev: 1, weight: (1 / 3) * Math.log(2) ** 2 },
			{ term: '供暖', cases: 3, prev: 0, weight: (1 / 2 + 1 / 2 + 2 / 3) * Math.log(4 / 3) ** 2 }
		];
		expect(res.rows.map((r) => r.term)).toEqual(want.map((w) => w.term));
		res.rows.forEach((r, i) => {
			expect(r.cases).toBe(want[i].cases);
			expect(r.prev_cases).toBe(want[i].prev);
			expect(r.weight).toBeCloseTo(want[i].weight, 12);
			expect(r.share).toBeCloseTo(want[i].cases / 3, 12);
		});
		expect(res.rows[1].change).toBe(0);
	});
});

describe('the document-frequency ceiling', () => {
	// N = 2,400 cases, so the ceiling is 5% = 120 cases. 路灯 is in exactly 120 (listed), 占道经营 in 121 (not listed),
	// 物业费 in the 2,158 others (not listed), 停水 in one. November holds 10 路灯, 10 占道经营, 5 物业费 and the 停水 case.
	const cases: MiniCase[] = [];
	const add = (n: number, text: string, inNovember: number) => {
		for (let i = 0; i < n; i++) {
			const k = cases.length;
			const at = i < inNovember ? `2026-11-${String(1 + (k % 28)).padStart(2, '0')} 10:00:00` : `2025-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')} 10:00:00`;
			cases.push({ id: `F${k}`, at, unit: '县城市管理局', text });
		}
	};
	add(120, '路灯', 10);
	add(121, '占道经营', 10);
	add(1, '停水', 1);
	add(2400 - 242, '物业费', 5);
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 120_000);
	afterAll(() => mini.close());

	it('lists a term in at most 5% of the corpus, by Σ tf × ln(N/df)², and no term above it', async () => {
		const res = await hotspotTerms(mini.db, admin, november, TODAY);
		const df = await mini.db.query<{ term: string; df: number }>('SELECT term, df FROM term_df ORDER BY term');
		expect(Object.fromEntries(df.map((r) => [r.term, Number(r.df)]))).toEqual({ 路灯: 120, 占道经营: 121, 停水: 1, 物业费: 2158 });
		expect(res.total).toBe(26);
		// by hand: 路灯 10 × 1 × ln²(2400/120) = 89.7, 停水 1 × ln²(2400) = 60.6
		expect(res.rows.map((r) => [r.term, r.cases])).toEqual([['路灯', 10], ['停水', 1]]);
		expect(res.rows[0].weight).toBeCloseTo(10 * Math.log(20) ** 2, 9);
		expect(res.rows[1].weight).toBeCloseTo(Math.log(2400) ** 2, 9);
	});
});

describe('twin terms (the same cases under two words)', () => {
	// unit A (县城市管理局): C1–C20 “冷漠，敷衍”, C21 “冷漠”, D1–D10 “路灯” in October; unit B (县水利局): X1 “冷漠，噪声扰民”,
	// X2 “敷衍，噪声扰民”. N = 33; df 冷漠 22, 敷衍 21, 路灯 10, 噪声扰民 2.
	// November, county: 敷衍 in 21 cases, 冷漠 in 22, both in 20: Jaccard 20/23 = 0.87, one row. Weights by hand:
	// 敷衍 (20·½ + ½)·ln²(33/21) = 2.145 > 冷漠 (20·½ + 1 + ½)·ln²(33/22) = 1.890, so 敷衍 names it; 噪声扰民 1·ln²(16.5) = 7.86 first.
	// Unit B alone: 冷漠 and 敷衍 share no case (Jaccard 0): two rows. Unit A alone: 20 of 21 (0.95): one row.
	const A = '县城市管理局';
	const B = '县水利局';
	const cases: MiniCase[] = [
		...Array.from({ length: 20 }, (_, i) => ({ id: `C${i + 1}`, at: `2026-11-${String(1 + i).padStart(2, '0')} 09:00:00`, unit: A, text: '冷漠，敷衍' })),
		{ id: 'C21', at: '2026-11-21 09:00:00', unit: A, text: '冷漠' },
		...Array.from({ length: 10 }, (_, i) => ({ id: `D${i + 1}`, at: `2026-10-${String(1 + i).padStart(2, '0')} 09:00:00`, unit: A, text: '路灯' })),
		{ id: 'X1', at: '2026-11-05 10:00:00', unit: B, text: '冷漠，噪声扰民' },
		{ id: 'X2', at: '2026-11-06 10:00:00', unit: B, text: '敷衍，噪声扰民' }
	];
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('are one row, named by the stronger, in the reader’s scope', async () => {
		const county = await hotspotTerms(mini.db, admin, november, TODAY);
		expect(county.rows.map((r) => [r.label, r.term, r.cases])).toEqual([['噪声扰民', '噪声扰民', 2], ['敷衍/冷漠', '敷衍', 21]]);
		expect(county.rows[1].twins).toEqual(['冷漠']);
		expect(county.rows[1].weight).toBeCloseTo(10.5 * Math.log(33 / 21) ** 2, 9);
		const unitB = await hotspotTerms(mini.db, unitUser(B), november, TODAY);
		expect(unitB.rows.map((r) => r.label)).toEqual(['噪声扰民', '敷衍', '冷漠']);
		const unitA = await hotspotTerms(mini.db, unitUser(A), november, TODAY);
		expect(unitA.rows.map((r) => [r.label, r.cases])).toEqual([['敷衍/冷漠', 20]]);
	});

	it('merge at a Jaccard index of 0.8 and not below', () => {
		// a: 100 cases; b: 80, all shared with a (80/100 = 0.8); c: 100, 88 shared with a (88/112 = 0.786), 70 with b
		const shared: Record<string, number> = { 'a|b': 80, 'a|c': 88, 'b|c': 70 };
		const inter = (x: string, y: string) => shared[[x, y].sort().join('|')] ?? 0;
		const rows = mergeTwins([{ term: 'a', cases: 100 }, { term: 'c', cases: 100 }, { term: 'b', cases: 80 }], inter);
		expect(rows.map((r) => [r.term, r.twins])).toEqual([['a', ['b']], ['c', []]]);
	});
});

describe('texts without a term', () => {
	// only punctuation and stop words: no case yields a term, so the chunk's term file would be empty
	const cases: MiniCase[] = [
		{ id: 'E1', at: '2026-11-03 09:00:00', unit: '县城市管理局', text: '，。！' },
		{ id: 'E2', at: '2026-11-04 09:00:00', unit: '县城市管理局', text: '' }
	];
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('builds the tables (no terms, no groups) instead of failing on an empty term file', async () => {
		await buildHotspots(mini.db);
		expect(await mini.db.query('SELECT * FROM case_terms')).toEqual([]);
		const res = await hotspotTerms(mini.db, admin, november, TODAY);
		expect(res.rows).toEqual([]);
	});
});

describe('first use', () => {
	it('builds the tables once when several requests arrive together (no write-write conflict)', async () => {
		const mini = await openMiniDb([
			{ id: 'R1', at: '2026-11-03 09:00:00', unit: '县城市管理局', text: '路灯不亮，晚上出行不便' },
			{ id: 'R2', at: '2026-11-04 09:00:00', unit: '县城市管理局', text: '占道经营，路灯不亮' }
		]);
		try {
			const all = await Promise.all([
				hotspotTerms(mini.db, admin, november, TODAY),
				hotspotTerms(mini.db, unitUser('县城市管理局'), november, TODAY),
				duplicateGroups(mini.db, admin, november, TODAY),
				hotspotRises(mini.db, admin, november, 'week', TODAY)
			]);
			expect(all[0].rows.find((r) => r.term === '路灯')?.cases).toBe(2);
		} finally {
			await mini.close();
		}
	}, 60_000);
});

describe('counts and unit scope', () => {
	const units = ['县城市管理局', '县住房和城乡建设局'];
	const words = ['路灯', '占道经营', '房产证', '物业费', '噪声扰民'];
	const cases: MiniCase[] = [];
	for (let i = 0; i < 40; i++) {
		const w = [words[i % 5], words[(i * 3 + 1) % 5]];
		cases.push({ id: `S${i}`, at: `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`, unit: units[i % 2], text: `反映${w[0]}，${w[1]}`, name: `张${i}`, key: `p${i}` });
	}
	// a name that would be a term if it were not the complainant's
	cases.push({ id: 'S99', at: '2026-11-20 10:00:00', unit: units[1], text: '张建国反映房产证，电话13912345678', name: '张建国', key: 'p99' });
	// a phone number typed in Chinese numerals, which the redacted copy keeps (it replaces Arabic digit runs)
	cases.push({ id: 'S98', at: '2026-11-21 10:00:00', unit: units[1], text: '李秀英反映房产证，电话幺三九 一二三四 五六七八', name: '李秀英', key: 'p98' });
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('counts each term’s cases as an independent count over the texts does, for the whole county and for one unit', async () => {
		for (const [user, scope] of [[admin, units], [unitUser(units[0]), [units[0]]]] as const) {
			const res = await hotspotTerms(mini.db, user, november, TODAY);
			const indep = await mini.db.query<{ term: string; n: number }>(
				`SELECT w.term, count(*)::INTEGER AS n FROM cases c, (SELECT unnest($w::VARCHAR[]) AS term) w
				 WHERE c.content LIKE '%' || w.term || '%' AND list_contains($u::VARCHAR[], c.unit) AND c.received_at::DATE BETWEEN DATE '2026-11-01' AND DATE '2026-11-30'
				 GROUP BY w.term`,
				{ w: listValue(words), u: listValue([...scope]) }
			);
			const got = Object.fromEntries(res.rows.filter((r) => words.includes(r.term)).map((r) => [r.term, r.cases]));
			expect(got).toEqual(Object.fromEntries(indep.map((r) => [r.term, Number(r.n)])));
			expect(res.rows.map((r) => r.term).sort()).toEqual(Object.keys(got).sort());
			// the units column names only units in scope
			for (const r of res.rows) for (const u of r.units.split('、')) expect(scope.some((s) => u.startsWith(s))).toBe(true);
		}
	});

	it('never lists the complainant’s name or number, and a unit user’s drill-down has only its unit’s cases', async () => {
		const all = await mini.db.query<{ term: string }>('SELECT DISTINCT term FROM case_terms');
		const names = (await mini.db.query<{ n: string }>('SELECT DISTINCT complainant_name AS n FROM cases')).map((r) => String(r.n));
		const identity = (term: string) => /[\d零〇一二三四五六七八九幺两]{2,}/.test(term) || names.some((n) => n.includes(term) || term.includes(n)) || term.includes('建国');
		expect(all.map((r) => r.term).filter(identity)).toEqual([]);
		// what a unit user and an inspector without the grant are shown: the terms and the rises of the unit with both cases
		for (const user of [unitUser(units[1]), { ...admin, role: 'inspector' as const, pii: false }]) {
			const listed = (await hotspotTerms(mini.db, user, november, TODAY, 500)).rows.map((r) => r.term);
			expect(listed).toContain('房产证');
			expect(listed.filter(identity)).toEqual([]);
			const rises = (await hotspotRises(mini.db, user, november, 'month', TODAY)).rows.map((r) => r.item);
			expect(rises.filter(identity)).toEqual([]);
		}
		const rows = await hotspotCases(mini.db, unitUser(units[0]), november, '路灯', TODAY);
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r.unit).toBe(units[0]);
		const indep = await mini.db.queryOne<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cases WHERE unit = $1 AND content LIKE '%路灯%'`, [units[0]]);
		expect(rows.length).toBe(Number(indep?.n));
	});
});

describe('sudden rises', () => {
	// Weekly counts up to the week ending 2026-11-30: 供暖 2 a week for the 4 weeks before, 12 this week, but 12 in
	// the same week a year ago (seasonal: no alarm); 停水 1 a week before, 12 this week (planted rise); 路灯 steady 6.
	// each matter in its own category, so the category of the planted rise rises with it and the others do not
	const CATEGORY: Record<string, string> = { 供暖: '政策落实不到位', 停水: '不作为慢作为', 路灯: '工作作风' };
	const cases: MiniCase[] = [];
	let n = 0;
	const add = (day: string, term: string, k: number) => {
		for (let i = 0; i < k; i++) cases.push({ id: `R${n++}`, at: `${day} ${String(8 + (i % 10)).padStart(2, '0')}:00:00`, unit: '县城市管理局', category: CATEGORY[term], text: `反映${term}` });
	};
	for (const [week, day] of [[0, '2026-11-26'], [1, '2026-11-19'], [2, '2026-11-12'], [3, '2026-11-05'], [4, '2026-10-29']] as const) {
		add(day, '供暖', week === 0 ? 12 : 2);
		add(day, '停水', week === 0 ? 12 : 1);
		add(day, '路灯', 6);
	}
	add('2025-11-26', '供暖', 12);
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('flags the planted rise only, with its figures and first cases', async () => {
		const res = await hotspotRises(mini.db, admin, november, 'week', TODAY);
		expect(res).toMatchObject({ from: '2026-11-24', to: '2026-11-30' });
		expect(res.rows.map((r) => `${r.kind}:${r.item}`).sort()).toEqual(['category:不作为慢作为', 'term:停水']);
		// tested: the three terms and three categories with ≥ 5 cases this week, less those under 1.5 × expected (路灯 6/6, 工作作风 6/6, 供暖 12/12, 政策落实不到位 12/12)
		expect(res.tested).toBe(2);
		const r = res.rows.find((x) => x.kind === 'term')!;
		expect(r).toMatchObject({ count: 12, recent_mean: 1, last_year: 0, expected: 1 });
		expect(r.first_cases.split('、')).toHaveLength(3);
	});
});

describe('sudden rises of a place', () => {
	// This week (to 2026-11-30) ten complaints name 白沙镇, two about each of five matters, so no matter reaches the
	// minimum count; the four weeks before had one each, and 柳河镇 has a steady three a week.
	const matters = ['路灯不亮', '垃圾清运不及时', '占道经营', '噪声扰民', '停车收费'];
	const cases: MiniCase[] = [];
	let n = 0;
	const add = (day: string, town: string, k: number) => {
		for (let i = 0; i < k; i++) cases.push({ id: `T${n++}`, at: `${day} ${String(8 + (i % 10)).padStart(2, '0')}:00:00`, unit: '县城市管理局', category: `类别${n % 7}`, text: `${town}${matters[i % 5]}` });
	};
	for (const [week, day] of [[0, '2026-11-26'], [1, '2026-11-19'], [2, '2026-11-12'], [3, '2026-11-05'], [4, '2026-10-29']] as const) {
		add(day, '白沙镇', week === 0 ? 10 : 1);
		add(day, '柳河镇', 3);
	}
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('flags the town whose complaints burst, as a place and not again as a term', async () => {
		const res = await hotspotRises(mini.db, admin, november, 'week', TODAY);
		const place = res.rows.find((r) => r.kind === 'place' && r.item === '白沙镇');
		expect(place).toMatchObject({ count: 10, recent_mean: 1, last_year: 0, expected: 1 });
		expect(place!.first_cases.split('、')).toHaveLength(3);
		expect(res.rows.some((r) => r.item === '柳河镇')).toBe(false);
		expect(res.rows.some((r) => r.kind === 'term' && r.item === '白沙镇')).toBe(false);
	});
});

describe('near-duplicates (SimHash)', () => {
	const cases: MiniCase[] = PAIRS.flatMap((p, i) => [
		{ id: `A${i}`, at: '2026-11-02 09:00:00', unit: `单位${i}`, text: p.a, key: `a${i}` },
		{ id: `B${i}`, at: '2026-11-03 09:00:00', unit: `单位${i}`, text: p.b, key: `b${i}` }
	]);
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('joins the same matter and keeps boilerplate-alike matters apart: precision ≥ 0.9, recall ≥ 0.8 on labelled pairs', async () => {
		await buildHotspots(mini.db);
		const rows = await mini.db.query<{ case_id: string; sig: string; places: string }>('SELECT case_id, sig::VARCHAR AS sig, places FROM case_text_sig');
		const sig = new Map(rows.map((r) => [r.case_id, BigInt(r.sig)]));
		const places = new Map(rows.map((r) => [r.case_id, r.places ? r.places.split('|') : []]));
		let tp = 0, fp = 0, fn = 0;
		PAIRS.forEach((p, i) => {
			const joined = hamming(sig.get(`A${i}`)!, sig.get(`B${i}`)!) <= SIMHASH_MAX_DISTANCE && placesAgree(places.get(`A${i}`)!, places.get(`B${i}`)!);
			if (joined && p.same) tp++;
			else if (joined) fp++;
			else if (p.same) fn++;
		});
		const precision = tp / (tp + fp);
		const recall = tp / (tp + fn);
		console.log(`SimHash ≤ ${SIMHASH_MAX_DISTANCE} bits and places agreeing, on ${PAIRS.length} labelled pairs: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`);
		expect(precision).toBeGreaterThanOrEqual(0.9);
		expect(recall).toBeGreaterThanOrEqual(0.8);
	});

	it('groups a same-matter pair from two complainants as 集中诉求', async () => {
		const res = await duplicateGroups(mini.db, admin, november, TODAY);
		const g = res.rows.find((r) => r.case_ids === 'A6、B6');
		expect(g).toMatchObject({ kind: '集中诉求', cases: 2, complainants: 2, units: '单位6', first_at: '2026-11-02', last_at: '2026-11-03' });
		// no group mixes two labelled pairs (each pair has its own unit), and the different-matter pairs in the same
		// words about different places (pairs 25–28) are never joined
		for (const r of res.rows) {
			const [a, b] = r.case_ids.split('、');
			expect(a.slice(1)).toBe(b.slice(1));
			expect([25, 26, 27, 28]).not.toContain(Number(a.slice(1)));
		}
		expect(res.rows.filter((r) => PAIRS[Number(r.case_ids.split('、')[0].slice(1))].same).length).toBeGreaterThanOrEqual(12);
		const unitOnly = await duplicateGroups(mini.db, unitUser('单位6'), november, TODAY);
		expect(unitOnly.rows.map((r) => r.case_ids)).toEqual(['A6、B6']);
	});
});

describe('bulletin paragraph', () => {
	// 物业费 3 cases in November (1 in October), 路灯 1 (none before): TF-IDF puts 物业费 first? df 物业费 4, 路灯 1, N 5:
	// 物业费 3 × 1 × ln(5/4) = 0.669, 路灯 1 × 1 × ln 5 = 1.609 → 路灯 first.
	const cases: MiniCase[] = [
		{ id: 'P1', at: '2026-11-03 09:00:00', unit: '县城市管理局', text: '物业费' },
		{ id: 'P2', at: '2026-11-04 09:00:00', unit: '县城市管理局', text: '物业费' },
		{ id: 'P3', at: '2026-11-05 09:00:00', unit: '县城市管理局', text: '物业费' },
		{ id: 'P4', at: '2026-10-05 09:00:00', unit: '县城市管理局', text: '物业费' },
		{ id: 'P5', at: '2026-11-06 09:00:00', unit: '县城市管理局', text: '路灯' }
	];
	let mini: Awaited<ReturnType<typeof openMiniDb>>;
	beforeAll(async () => {
		mini = await openMiniDb(cases);
	}, 60_000);
	afterAll(() => mini.close());

	it('reads as a clerk writes it, with counts and 环比', async () => {
		const section = await hotspotSection(mini.db, admin, { ...emptyFilters(), from: '2026-11-01', to: '2026-11-30' }, TODAY);
		expect(section).toMatchObject({ total: 4, rises: [], groups: [], grouped_cases: 0 });
		expect(hotspotParagraph(section)).toBe('本月群众反映集中的问题主要有：“路灯”（1件，上月无）、“物业费”（3件，环比上升200.0%）。');
	});

	it('adds the rises and the largest duplicate group when there are any', () => {
		const text = hotspotParagraph({
			total: 400,
			terms: [{ term: '供暖', label: '供暖', cases: 40, share: 0.1, prev_cases: 50, change: -0.2 }],
			rises: [
				{ kind: 'term', item: '停水', count: 12, expected: 1, ratio: 12 },
				{ kind: 'category', item: '不作为慢作为', count: 9, expected: 3, ratio: 3 }
			],
			risesFrom: '2026-11-01',
			groups: [{ group_no: 1, kind: '集中诉求', cases: 6, complainants: 5, units: '县城市管理局', first_at: '2026-11-03', last_at: '2026-11-20' }],
			grouped_cases: 30
		});
		expect(text).toBe(
			'本月群众反映集中的问题主要有：“供暖”（40件，环比下降20.0%）。' +
				'近30天明显增多的有：“停水”（12件，约为常态的12.0倍）、不作为慢作为类投诉（9件，约为常态的3.0倍）。' +
				'经内容比对，疑似同一事项重复反映的投诉30件，占本月受理的7.5%；最大一组6件（集中诉求），涉及县城市管理局，受理时间为11月3日至11月20日，可考虑并单办理。'
		);
	});
});

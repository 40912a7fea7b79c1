// Segmentation, stop words and identity removal on hand-made complaint sentences; the BH procedure against
// hand-computed q-values; the Poisson tail against hand-computed values.
import { describe, expect, it } from 'vitest';
import { createSegmenter, dfCeiling, findPlaceNames, MAX_DF_SHARE, MIN_DF_CEILING, segment, STOP_WORDS } from './text.ts';
import { benjaminiHochberg, poissonUpperTail } from './stats.ts';

describe('segmentation', () => {
	const texts = [
		'反映青石镇东关村宅基地审批，3个月前已向县自然资源局交齐材料，至今未办结。',
		'关于青石镇东关村低保评定，县民政局与相关部门互相推诿',
		'柳河镇西关村道路硬化问题已持续5个月',
		'柳河镇西关村村务公开',
		'青石镇东关村土地确权',
		'柳河镇西关村危房改造'
	];
	it('finds the place names in the texts with their left boundary', () => {
		expect(findPlaceNames(texts, 2)).toEqual(['东关村', '柳河镇', '西关村', '青石镇']);
	});
	it('keeps units and places whole, leaves the units and the stop words out of the terms', () => {
		const seg = createSegmenter(findPlaceNames(texts, 2), ['县自然资源局', '县民政局']);
		// the unit is cut whole (no 自然资源 or 民政局 left over) and then dropped: every complaint of a unit names it
		// (审批 and 评定, the administrative acts, are stop words: the matters are 宅基地 and 低保)
		expect(segment(seg, texts[0])).toEqual(['青石镇', '东关村', '宅基地']);
		expect(segment(seg, texts[1])).toEqual(['青石镇', '东关村', '低保', '互相推诿']);
		for (const w of ['反映', '问题', '要求', '投诉', '登记', '推迟', '承诺', '时限']) expect(STOP_WORDS.has(w)).toBe(true);
		expect(segment(seg, '投诉反映问题，要求尽快解决')).toEqual([]);
	});
	it('never makes a term of a phone, ID number, e-mail address or the complainant’s name', () => {
		const seg = createSegmenter([], ['县住房和城乡建设局']);
		const terms = segment(seg, '本人王建国，电话13812345678，身份证110101199003071234，邮箱wangjg@163.com，反映王建国家房产证办不下来', '王建国');
		expect(terms).toContain('房产证');
		for (const t of terms) {
			expect(t).not.toMatch(/[0-9A-Za-z@]/);
			expect(t.includes('王建国') || '王建国'.includes(t)).toBe(false);
		}
		// a phone number typed in Chinese numerals, with or without spaces, is cut out like a digit run
		expect(segment(seg, '反映房产证，电话幺三九一二三四五六七八，备用电话一三八 零零零零 一一一一', '王建国')).toEqual(['房产证', '备用']);
		// the same pattern as the redaction (pii/redact.ts rule 5): spaced with U+3000 too
		expect(segment(seg, '反映房产证，电话幺三九\u3000一二三四\u3000五六七八', '王建国')).toEqual(['房产证']);
		// the name is removed even when segmentation would split it (建国 is a dictionary word)
		expect(segment(seg, '李建国反映建国路路灯不亮', '李建国')).toEqual(['建国路', '路灯']);
	});
});

describe('the prose around a matter', () => {
	// what a resident adds to any complaint — greetings, who they are, how often they went, the window, thanks — is no
	// term; the place and the matter are (read by hand from the sentences)
	const seg = createSegmenter(['柳河镇', '河口村', '阳光小区'], ['县水利局']);
	it('leaves out function words, politeness and the generic nouns and verbs of complaint prose', () => {
		expect(segment(seg, '您好，我是柳河镇河口村的村民，每次去窗口都说负责的人不在，涉及30户左右，停水5天了，请领导重视，谢谢！')).toEqual(['柳河镇', '河口村', '停水']);
		expect(segment(seg, '本人住在阳光小区，暖气不热，前前后后已经12天了。家里有老人小孩，实在等不起。望尽快解决，谢谢！')).toEqual(['阳光小区', '暖气不热']);
		expect(segment(seg, '有个情况想反映一下：县水利局超过承诺时限仍未办理，一再拖延。听说别人也遇到同样的情况。要求依法处理，并回复处理结果。')).toEqual([]);
		for (const w of ['村民', '群众', '窗口', '每次', '涉及', '谢谢', '您好', '业主', '附近']) expect(STOP_WORDS.has(w), w).toBe(true);
		// a number and its measure word is a quantity; the administrative act is the process, the matter is its object
		expect(segment(seg, '柳河镇又停水了，一桶水都接不到，跑了两趟')).toEqual(['柳河镇', '停水']);
		expect(segment(seg, '河口村宅基地审批，审核一直没有变更')).toEqual(['河口村', '宅基地']);
		// matters are never stop words
		for (const w of ['停水', '供暖', '暖气不热', '噪声扰民', '拖欠农民工工资', '路灯', '低保']) expect(STOP_WORDS.has(w), w).toBe(false);
	});
	it('lists no term found in more than 5% of the corpus, and never fewer than 100 cases', () => {
		expect(MAX_DF_SHARE).toBe(0.05);
		expect(MIN_DF_CEILING).toBe(100);
		// by hand: 5% of 2,400 = 120; of 2,019 = 100.95 → 100; of 1,000,000 = 50,000; under 2,000 cases the floor of 100
		expect(dfCeiling(2400)).toBe(120);
		expect(dfCeiling(2019)).toBe(100);
		expect(dfCeiling(1_000_000)).toBe(50_000);
		expect(dfCeiling(4)).toBe(100);
		expect(dfCeiling(0)).toBe(100);
		expect(dfCeiling(10, 0.3, 0)).toBe(3);
	});
});

describe('statistics', () => {
	it('Benjamini–Hochberg q-values as computed by hand', () => {
		// p sorted: 0.001 (r1), 0.008 (r2), 0.039 (r3), 0.041 (r4), 0.6 (r5); m = 5
		// raw p·m/r: 0.005, 0.02, 0.065, 0.05125, 0.6 → running minimum from the top: 0.005, 0.02, 0.05125, 0.05125, 0.6
		const q = benjaminiHochberg([0.039, 0.001, 0.6, 0.041, 0.008]);
		const want = [0.05125, 0.005, 0.6, 0.05125, 0.02];
		q.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
		// at α = 0.05 only the two smallest are rejected (0.039 alone would pass 0.05 without the correction)
		expect(q.filter((v) => v <= 0.05).length).toBe(2);
	});
	it('Poisson upper tail as computed by hand', () => {
		// P(X ≥ 3 | λ = 1) = 1 − e^−1 (1 + 1 + 1/2) = 1 − 2.5/e
		expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - 2.5 / Math.E, 12);
		// P(X ≥ 1 | λ = 2) = 1 − e^−2
		expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
		// P(X ≥ 10 | λ = 2): 1 − Σ_{k<10} e^−2 2^k / k!
		let lower = 0;
		for (let k = 0, t = Math.exp(-2); k < 10; k++, t *= 2 / k) lower += t;
		expect(poissonUpperTail(10, 2)).toBeCloseTo(1 - lower, 10);
	});
});

describe('the words of a complaint about conduct are no matters (issue 16)', () => {
	// the demo's top terms of a year held 好办, 灵活, 发完, 上班, 村里: read by hand, the matter of each sentence is
	// the place and the thing (补偿款, 社保补贴, 户口迁移), not what the unit said or did around it
	const seg = createSegmenter(['柳河镇', '河口村', '东关村'], ['县人社局', '县公安局']);
	it('leaves out adjectives, place words, pronouns and days of the week by their part of speech', () => {
		// 灵活就业 is one word of the complaint vocabulary (cut in two, 灵活 was an adjective among the top terms)
		expect(segment(seg, '柳河镇灵活就业社保补贴上半年的还没发')).toEqual(['柳河镇', '灵活就业', '社保补贴']);
		// 村里 is a place word (s), 有人 a pronoun (r), 上周四 a day
		expect(segment(seg, '河口村户口迁移，派出所说要村里开证明，村里不给开')).toEqual(['河口村', '户口迁移', '派出所', '证明']);
		expect(segment(seg, '上周四东关村有人违章搭建')).toEqual(['东关村', '违章搭建']);
		// an adjective the dictionary knows (灵活, 严重) never; a verb that is a matter (停水, 拖欠) always
		expect(segment(seg, '处理很灵活，东关村停水')).toEqual(['东关村', '停水']);
	});
	it('leaves out what the unit said or did around the matter', () => {
		expect(segment(seg, '东关村宅基地，县人社局工作人员暗示要送点东西才好办')).toEqual(['东关村', '宅基地']);
		expect(segment(seg, '河口村土地征收补偿款三年没发完')).toEqual(['河口村', '土地征收补偿款']);
		expect(segment(seg, '上班时间去县公安局，办公室没人，工作人员上班脱岗')).toEqual(['办公室', '脱岗']);
	});
	it('finds no place in a verb phrase before 村 (几年没公开村里账目)', () => {
		const texts = ['东关村几年没公开村里账目', '河口村几年没公开村里账目', '西关村几年没公开村里账目'];
		expect(findPlaceNames(texts, 2)).toEqual([]);
	});
});

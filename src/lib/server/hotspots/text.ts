// Complaint text → terms (热点诉求) and a near-duplicate signature (疑似重复). Pure functions over strings, so the
// derived tables (build.ts) and the tests share one code path. Nothing identifying ever becomes a term: digit and
// Latin runs (phone, ID numbers, e-mail addresses) are cut out before segmentation, and the complainant's name is
// removed from the text and from the terms.
import { Jieba } from '@node-rs/jieba';
import { dict as baseDict } from '@node-rs/jieba/dict';
import { CHINESE_NUMERAL_RUN } from '../pii/redact.ts';

/** Words every complaint says: they would top every list and tell nothing. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
	(
		'反映 问题 要求 投诉 举报 关于 相关 部门 相关部门 工作人员 工作 至今 仍然 多次 已经 办理 处理 情况 希望 尽快 解决 来电 市民 群众 本人 ' +
		'我们 他们 她们 你们 自己 一直 没有 现在 目前 再次 重复 第二次 上次 未果 无人 进展 这个 那个 什么 怎么 为什么 因为 所以 但是 而且 ' +
		'还是 或者 以及 如果 可以 不能 不是 就是 已经 之后 之前 以后 以前 时候 当时 今年 去年 今天 昨天 个月 一个 几个 一次 两次 三次 ' +
		'称为 表示 告知 答复 回复 联系 电话 号码 实名 匿名 请求 诉求 请求 帮助 协调 督促 核实 调查 落实 相关 有关 其他 这样 那样 ' +
		'联系电话 联系方式 手机 手机号 邮箱 身份证号 下来 迟迟 持续 以为 认为 觉得 应该 需要 已向 为由 仍未 不到 不予 给予 予以 进行 存在 造成 导致 影响 等等 方面 单位 领导 同志 ' +
		// the boilerplate of how a complaint about handling is put: the process, not the matter
		'登记 政策 出台 回去 通知 结果 严重 现场 过程 办成 反复 推迟 来回 否则 暗示 程序 规范 一再 询问 超过 承诺 时限 未办理 办结 未办结 交齐 材料 拖延 乡镇 让找 不归 其管 几趟 书面 姓名 号码 ' +
		// function words, adverbs, quantities and times of day: how a resident tells it, not what about
		'每次 每天 天天 每年 一样 不少 还要 还有 前后 前前后后 左右 大概 实在 一下 直接 任何 别的 同样 一半 好几 好几回 好多 十几 一点 有点 ' +
		'特别 非常 比较 总是 经常 马上 立即 突然 终于 本来 原来 其实 只是 只能 只有 也是 都是 不过 然后 一些 有些 这些 那些 这么 那么 怎么办 ' +
		'早上 上午 中午 下午 晚上 半夜 上周 上个月 本月 最近 最后 当天 前天 开始 到现在 快了 ' +
		// politeness and the closing demand
		'您好 你好 谢谢 感谢 麻烦 帮忙 请问 重视 早日 明确 依法 依法处理 处理结果 说法 回音 消息 给个 一名 ' +
		// generic nouns of complaint prose: who complains and where they went, not the matter
		'村民 居民 业主 住户 商户 老百姓 百姓 家里 我家 家人 老人 小孩 孩子 附近 这边 那边 地方 窗口 网上 事情 东西 时间 人员 负责人 个人 公司 ' +
		'小店 开了个 退休职工 个体户 ' +
		// generic verbs of complaint prose
		'涉及 遇到 听说 别人 准备 负责 不在 损失 知道 来看 说话 咨询 申请 不管 清楚 说不清楚 执行 接到 上面 下去 等不起 留过言 留言 打电话 上级 文件 金额 告知 困难 ' +
		// the administrative act a matter goes through (宅基地审批: the matter is 宅基地), as 登记 and 办理 above
		'审批 审核 发放 变更 认定 评定 ' +
		// how a complaint about conduct is told (吃拿卡要, 工作作风, 违规执法 …): what the unit did or said, not the matter
		// (暗示要送点东西才好办, 上班时间办公室没人, 补偿款几年没发完, 不给任何说明, 以系统升级为由)
		'好办 发完 上班 上班时间 没人 没人接 没人管 有人 找不到人 说明 系统升级'
	).split(/\s+/).filter(Boolean)
);

/**
 * A term in more than this share of all complaints of the corpus is how complaints are written (its tone, its
 * formulas), not what one is about: it is kept for the signatures (weighted by IDF) but never listed as a hot term or
 * tested as a rise. 5% keeps a matter as large as a county's heating or wage arrears (under 2% of the demo's
 * corpus) and leaves out the phrases a resident adds to any complaint (6–12% there).
 */
export const MAX_DF_SHARE = 0.05;
/** Below 2,000 cases a share says little (a small centre's main matter may be in a tenth of its cases): the ceiling is never under 100 cases. */
export const MIN_DF_CEILING = 100;

/** The most cases a listed term may occur in, for a corpus of n cases (the document-frequency ceiling). */
export function dfCeiling(n: number, share = MAX_DF_SHARE, floor = MIN_DF_CEILING): number {
	return Math.max(Math.floor(share * n), floor);
}

/** Complaint vocabulary kept whole (the general dictionary splits them). */
export const COMPLAINT_VOCABULARY: readonly string[] = [
	'拖欠农民工工资', '农民工工资', '拆迁安置', '拆迁安置房', '棚户区改造', '老旧小区改造', '不动产登记', '不动产权证', '房产证', '宅基地', '土地确权',
	'征地补偿', '违法占用耕地', '营业执照', '食品经营许可证', '缺斤少两', '过期食品', '工伤认定', '养老保险', '社保补贴', '劳动合同', '户口迁移',
	'居住证', '学区划片', '入学登记', '校车', '幼儿园收费', '学生资助金', '出生医学证明', '职业病诊断', '道路硬化', '公交线路', '客运班车', '超限检测',
	'计价器', '灵活就业', '排放废气', '污水直排', '餐饮油烟', '施工噪声', '夜间施工', '扬尘', '垃圾倾倒', '耕地地力保护补贴', '农机购置补贴', '种子质量',
	'厕所改造', '占道经营', '违章搭建', '路灯', '垃圾清运', '停车收费', '低保', '特困人员', '供养金', '婚姻登记', '养老院', '残疾人两项补贴',
	'异地就医', '门诊慢特病', '医保报销', '医保缴费', '医保结算', '增值税发票', '个人所得税', '契税', '税务注销', '施工许可', '环评审批', '竣工验收',
	'一网通办', '供水中断', '灌溉渠道', '河道采砂', '饮水工程', '水质', '防汛设施', '优抚金', '退役士兵安置', '伤残等级评定', '危房改造', '村务公开',
	'人居环境整治', '集体土地承包', '土地征收补偿款', '物业维修资金', '公租房', '供暖', '暖气不热', '停水', '停电', '噪声扰民', '物业费',
	'加急费', '乱收费', '吃拿卡要', '推诿扯皮', '态度恶劣', '执法粗暴', '不作为', '慢作为'
];

/** Suffixes of place names found in complaint texts (towns, villages, communities, roads). */
const PLACE_SUFFIX = '(?:镇|乡|村|社区|小区|花园|家园|新村|家属院|苑|庭|城|湾|路|街|大道)';
/** Characters that never start or sit inside a place name here (verbs, particles around it in a sentence). */
const NOT_IN_PLACE = /[的了在到向和与及或是为把被让找给对从由于反映办理投诉举报称因我你他她们这那有无不未已再次个月年日时后前中内外上下元]/;
/** A negation: what follows it is a verb (没公开, 不给, 未办), never the start of a place name. */
const NEGATION = /[没不未]/;

/**
 * Place names found in the texts: 2–4 Han characters before a place suffix, kept when it occurs in at least
 * `minCount` texts and its left boundary is stable (the same stem with one more character to the left accounts
 * for at most half of its occurrences, so "映东关村" from "反映东关村" loses to "东关村"). A stem never spans another
 * place suffix, so "青石镇东关村" gives 青石镇 and 东关村.
 */
export function findPlaceNames(texts: Iterable<string>, minCount = 3): string[] {
	const counts = new Map<string, number>();
	const suffixRe = new RegExp(PLACE_SUFFIX, 'gu');
	for (const text of texts) {
		const seen = new Set<string>();
		for (const m of text.matchAll(suffixRe)) {
			const suffix = m[0];
			const left = text.slice(Math.max(0, m.index - 6), m.index);
			const stems: string[] = [];
			let negated = false;
			for (let k = 2; k <= Math.min(5, left.length); k++) {
				const stem = left.slice(left.length - k);
				// a negation right before the stem makes it a verb phrase (几年没公开村里账目: no 公开村)
				if (NEGATION.test(stem[0])) {
					negated = true;
					break;
				}
				if (!/^[\p{Script=Han}]+$/u.test(stem) || NOT_IN_PLACE.test(stem) || /[镇乡村路街苑城湾区园庭]/.test(stem)) break;
				stems.push(stem);
			}
			if (!negated) for (const stem of stems) seen.add(stem + suffix);
		}
		for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
	}
	const out: string[] = [];
	for (const [s, n] of counts) {
		if (n < minCount) continue;
		let extended = 0;
		for (const [t, m] of counts) if (t.length === s.length + 1 && t.endsWith(s)) extended = Math.max(extended, m);
		if (extended <= n / 2) out.push(s);
	}
	return out.sort();
}

/** A segmenter with the general dictionary plus the domain words (units, places, complaint vocabulary). */
export interface Segmenter {
	jieba: Jieba;
	domain: ReadonlySet<string>;
	/** Unit names and aliases: kept whole by the dictionary, but never terms (each unit's complaints all name it). */
	units: ReadonlySet<string>;
	/** Part of speech of each word met (tagOf): a cache, filled as texts are segmented. */
	tags: Map<string, string>;
}

/** domainWords: places and other words to keep whole; unitNames: kept whole too, and left out of the terms. */
export function createSegmenter(domainWords: Iterable<string>, unitNames: Iterable<string> = []): Segmenter {
	const units = new Set([...unitNames].map((w) => w.trim()).filter((w) => w.length >= 2));
	const jieba = Jieba.withDict(baseDict);
	const domain = new Set<string>();
	for (const w of [...COMPLAINT_VOCABULARY, ...domainWords, ...units]) {
		const word = w.trim();
		if (word.length >= 2 && !/\s/.test(word)) domain.add(word);
	}
	// A high frequency makes the dictionary path prefer the whole word over its parts.
	if (domain.size) jieba.loadDict(Buffer.from([...domain].map((w) => `${w} 200000 n`).join('\n') + '\n', 'utf8'));
	return { jieba, domain, units, tags: new Map() };
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** Digits (ASCII and full-width) and Latin letters: phone and ID numbers, amounts, plate numbers, e-mail parts. */
const DIGITS_LATIN = /[0-9０-９A-Za-zＡ-Ｚａ-ｚ]+/g;

/**
 * A number read out in Chinese numerals (幺三九 一二三四 五六七八, as a call-taker types a phone number): seven or more
 * numerals, any spacing between them. The redacted copy replaces such runs already (pii/redact.ts rule 5); this cut
 * is the same pattern, kept as a second line like the digit cut above, for texts redacted by an older release.
 */
const CHINESE_NUMERALS = CHINESE_NUMERAL_RUN;

/** The text with identity removed: e-mail-like runs, digit and Latin runs, numbers in Chinese numerals, and the complainant's name. */
export function stripIdentity(text: string, complainantName?: string | null): string {
	let t = text.replace(EMAIL, ' ').replace(DIGITS_LATIN, ' ').replace(CHINESE_NUMERALS, ' ');
	const name = complainantName?.trim();
	if (name && name.length >= 2) t = t.split(name).join(' ');
	return t;
}

/** A number and its measure word (一桶, 两趟, 几个, 每次): a quantity, never a matter. */
const QUANTITY = /^[一二三四五六七八九十两几半每这那某][个次趟桶名户年月天周件位家条块元斤里号遍回届份批些点层栋间辆]$/u;
/** A day of the week (上周四, 星期五, 周日): when, never what (the dictionary tags some of them as names). */
const WEEKDAY = /^(?:上|下|本|这|每)?(?:周|星期|礼拜)[一二三四五六日天末]$/u;

/**
 * Parts of speech (jieba's tags) that are never a matter: adjectives (灵活, 刁难, 严重), place and direction words
 * (村里, 附近, 上面), pronouns (有人), time words, numerals and measure words, adverbs, prepositions, conjunctions,
 * particles, interjections, onomatopoeia and status words. Kept: nouns of every kind (names of places and bodies
 * included), verbs (停水, 供暖, 拖欠 are verbs to the dictionary), idioms (互相推诿) and the domain words, which
 * are matters, places or units by construction whatever their tag.
 */
export const NON_MATTER_TAGS: ReadonlySet<string> = new Set(
	'a ad ag s r rr rz rg t tg m mq q d dg p c u ud ug uj ul uv uz e y o f z zg'.split(' ')
);

/** Is this token a term worth counting? At least two Han characters, not a stop word, a quantity or a day of the week. */
function isTerm(w: string): boolean {
	return w.length >= 2 && /^[\p{Script=Han}]+$/u.test(w) && !STOP_WORDS.has(w) && !QUANTITY.test(w) && !WEEKDAY.test(w);
}

/**
 * The dictionary's part of speech of a word. Segmentation runs without the HMM, so every token is a dictionary word
 * (or a single character) and its tag does not depend on the sentence: it is looked up once per distinct word and
 * kept (jieba's own tagging of whole texts cost three times the cut).
 */
function tagOf(seg: Segmenter, w: string): string {
	let tag = seg.tags.get(w);
	if (tag === undefined) {
		const tagged = seg.jieba.tag(w, false);
		tag = tagged.length === 1 ? tagged[0].tag : 'x';
		seg.tags.set(w, tag);
	}
	return tag;
}

/** A term (isTerm) whose part of speech can name a matter; words of the domain dictionary always can. */
function isMatterTerm(seg: Segmenter, w: string): boolean {
	return isTerm(w) && (seg.domain.has(w) || !NON_MATTER_TAGS.has(tagOf(seg, w)));
}

/**
 * The terms of one complaint, in order (with repeats): segmentation of the identity-free text, stop words and
 * non-Han tokens dropped, and no term that equals, contains or is part of the complainant's name.
 */
export function segment(seg: Segmenter, text: string | null | undefined, complainantName?: string | null): string[] {
	return segmentWithPlaces(seg, text, complainantName).terms;
}

/**
 * The terms of one complaint (segment) and the places it names (placeTerms), the latter read before the unit names
 * are dropped: a town is a place even where it is also a unit's alias (白沙镇).
 */
export function segmentWithPlaces(seg: Segmenter, text: string | null | undefined, complainantName?: string | null): { terms: string[]; places: Set<string> } {
	if (!text) return { terms: [], places: new Set() };
	const clean = stripIdentity(text, complainantName);
	const name = complainantName?.trim() ?? '';
	const kept: string[] = [];
	for (const w of seg.jieba.cut(clean, false)) {
		if (!isMatterTerm(seg, w)) continue;
		if (name.length >= 2 && (w.includes(name) || name.includes(w))) continue;
		kept.push(w);
	}
	return { terms: kept.filter((w) => !seg.units.has(w)), places: placeTerms(clean, kept) };
}

const PLACE_TERM = new RegExp(`^\\p{Script=Han}{2,}${PLACE_SUFFIX}$`, 'u');
const PLACE_SUFFIX_AHEAD = new RegExp(`^${PLACE_SUFFIX}`, 'u');

/**
 * The terms of a text that name a place: a term ending in a place suffix (青石镇, 锦绣花园 — the dictionary's places
 * all do), or a stem the segmenter cut from its suffix (东岭|乡, 人民|路). Two complaints in the same words about
 * different villages are different matters (group.ts).
 */
export function placeTerms(text: string, terms: Iterable<string>): Set<string> {
	const out = new Set<string>();
	for (const t of terms) {
		if (out.has(t)) continue;
		if (PLACE_TERM.test(t)) {
			out.add(t);
			continue;
		}
		for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) {
			if (PLACE_SUFFIX_AHEAD.test(text.slice(i + t.length, i + t.length + 3))) {
				out.add(t);
				break;
			}
		}
	}
	return out;
}

/** Term counts of one document: term → count, and the document length (terms kept). */
export function termCounts(terms: readonly string[]): { counts: Map<string, number>; length: number } {
	const counts = new Map<string, number>();
	for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
	return { counts, length: terms.length };
}

// ---- SimHash over character shingles ----

/** 32-bit FNV-1a of a string with a seed (two seeds make the 64 bits of a signature). */
function fnv32(s: string, seed: number): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	// final avalanche (murmur3 fmix32) so that similar shingles get unrelated bits
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b) >>> 0;
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35) >>> 0;
	h ^= h >>> 16;
	return h >>> 0;
}

export const SHINGLE = 2;

/**
 * Weighted features of a complaint for its signature: the character bigrams inside each kept term (so the
 * boilerplate of a complaint — stop words, punctuation, numbers — carries no weight), each weighted by the
 * term's weight (its IDF against the corpus when known: words every complaint uses count little).
 */
export function shingles(terms: readonly string[], weightOf: (term: string) => number = () => 1): Map<string, number> {
	const out = new Map<string, number>();
	for (const t of new Set(terms)) {
		const w = weightOf(t);
		if (!(w > 0)) continue;
		const chars = Array.from(t);
		if (chars.length < SHINGLE) continue;
		for (let i = 0; i + SHINGLE <= chars.length; i++) {
			const g = chars.slice(i, i + SHINGLE).join('');
			out.set(g, Math.max(out.get(g) ?? 0, w));
		}
	}
	return out;
}

/** 64-bit SimHash of weighted features, as an unsigned BigInt (0n for no features). */
export function simhash(features: Map<string, number>): bigint {
	if (features.size === 0) return 0n;
	const v = new Float64Array(64);
	for (const [f, w] of features) {
		const lo = fnv32(f, 0);
		const hi = fnv32(f, 0x9e3779b9);
		for (let i = 0; i < 32; i++) {
			v[i] += (lo >>> i) & 1 ? w : -w;
			v[32 + i] += (hi >>> i) & 1 ? w : -w;
		}
	}
	let lo = 0;
	let hi = 0;
	for (let i = 0; i < 32; i++) {
		if (v[i] > 0) lo |= 1 << i;
		if (v[32 + i] > 0) hi |= 1 << i;
	}
	return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Number of differing bits of two signatures. */
export function hamming(a: bigint, b: bigint): number {
	let x = a ^ b;
	let n = 0;
	while (x) {
		x &= x - 1n;
		n++;
	}
	return n;
}

// The top terms of the demo's last complete month are residents' matters, not the prose every complaint is wrapped
// in (issue 16): on a generated demo, the 热点诉求 page's top 10 and the bulletin's top 5 hold none of the filler words
// and several matters. Both lists are written by hand from the generator's texts (src/lib/server/demo/vocabulary.ts):
// FILLER from the openings, details, demands, collective and repeat prefixes every matter is wrapped in; MATTERS
// from the units' matters, the heating season and the planted 停水 burst.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Database } from '../../src/lib/server/db/index.ts';
import { runDemo } from '../../src/lib/server/demo/index.ts';
import { hotspotTerms } from '../../src/lib/server/hotspots/views.ts';
import { hotspotSection } from '../../src/lib/server/hotspots/bulletin.ts';
import { emptyFilters } from '../../src/lib/model/filters.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';

/** The export date: November 2026 is the last complete month (heating from 15 November, the 停水 burst at its end). */
const TODAY = '2026-12-03';
const november = { ...emptyFilters(), from: '2026-11-01', to: '2026-11-30' };
const inspector: SessionUser = { userId: 4, name: 'inspector', displayName: null, role: 'inspector', units: [], pii: false };
const leader: SessionUser = { userId: 5, name: 'leader', displayName: null, role: 'leader', units: [], pii: false };
const unitUser: SessionUser = { userId: 6, name: 'unit', displayName: null, role: 'unit', units: ['县水利局'], pii: false };

// OPENINGS, OPENINGS_WITH_PLACE, DETAILS, COLLECTIVE_PREFIXES, DEMANDS, REPEAT_PREFIXES and the call-taker's lines
const FILLER = [
	'您好', '你好', '一下', '麻烦', '帮忙', '咨询', '领导', '退休职工', '个体户', '村民', '本人', '业主', '我家', '附近', '开了个', '小店',
	'前前后后', '电话', '结果', '家里', '老人', '小孩', '实在', '等不起', '窗口', '还要', '说不清楚', '网上', '留过言', '回音', '涉及', '左右',
	'损失', '大概', '听说', '别人', '遇到', '同样', '情况', '每次', '负责', '不在', '上周', '材料', '准备', '一样', '不少', '早上', '排队',
	'很多', '住户', '一带', '商户', '尽快', '处理', '有关部门', '管一管', '明确', '答复', '重视', '谢谢', '依法处理', '处理结果', '核实', '早日',
	'再次', '重复', '来电', '上次', '进展', '第二次', '多次', '未果', '诉求', '告知', '金额', '群众', '反映', '问题',
	// what the unit did or said around the matter (HANDLING), and the half of 灵活就业 (the top of a year before)
	'好办', '灵活', '发完', '上班', '村里', '有人', '说明', '系统升级'
];
// MATTERS (per unit and 乡镇), HEATING_MATTER, BURST_MATTER
const MATTERS = [
	'停水', '自来水', '供暖', '暖气', '暖气不热', '暖气片', '室温', '低保', '村务公开', '违章搭建', '土地征收补偿款', '危房改造', '道路硬化', '通组路',
	'拆迁安置', '拆迁安置房', '人居环境整治', '集体土地承包', '宅基地', '房产证', '不动产权证', '不动产登记', '土地确权', '征地补偿', '拖欠农民工工资',
	'农民工工资', '工资', '工钱', '工伤认定', '养老保险', '社保补贴', '劳动合同', '营业执照', '食品经营许可证', '缺斤少两', '过期食品', '路灯',
	'占道经营', '垃圾清运', '停车收费', '油烟', '餐饮油烟', '噪声', '夜间施工', '扬尘', '排放废气', '污水直排', '户口迁移', '身份证', '校车',
	'幼儿园收费', '学生资助金', '入学登记', '医保报销', '异地就医', '门诊慢特病', '医保缴费', '医保结算', '出生医学证明', '公交线路', '客运班车',
	'计价器', '特困人员', '供养金', '婚姻登记', '养老院', '残疾人两项补贴', '增值税发票', '个人所得税', '契税', '税务注销', '施工许可', '环评审批',
	'竣工验收', '一网通办', '供水中断', '灌溉渠道', '河道采砂', '水质', '防汛设施', '优抚金', '退役士兵安置', '伤残等级评定', '公租房',
	'物业维修资金', '耕地地力保护补贴', '农机购置补贴', '种子质量', '厕所改造', '违法占用耕地', '断水', '吃水', '水管', '灌溉渠', '水渠', '采砂',
	'挖沙船', '河堤', '排涝泵站', '老旧小区改造', '棚户区改造', '安置房', '电梯', '漏水', '维修资金', '工地', '打桩', '灰尘', '过户', '二手房',
	'承包地', '确权', '补偿款', '耕地', '厂房', '许可证', '会员卡', '预付卡', '保质期', '工伤', '劳动仲裁', '慢特病', '挂号', '卫生院', '卫生室',
	'无证行医', '公交站', '班车', '出租车', '超限', '养猪场', '粪水', '排烟', '垃圾', '垃圾桶', '垃圾站', '摊贩', '人行道', '彩钢房', '扩建',
	'五保', '优抚', '光荣牌', '退役军人', '安置', '通组路', '村干部', '账目', '征地', '拆迁', '过渡费', '机动地', '承包费', '院墙'
];
/** Matters at least among the page's top 10. */
const MIN_MATTERS = 4;

describe('the top terms of the demo’s last complete month', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-terms-'));
	const dbPath = path.join(dir, 'demo.duckdb');
	let db: Database;

	beforeAll(async () => {
		db = await getDb(dbPath);
		await runDemo(db, { rows: 20_000, today: TODAY, sampleDir: path.join(dir, 'sample') });
	}, 300_000);

	afterAll(async () => {
		await closeDb(dbPath);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('are matters, not filler, on the 热点诉求 page (county and one unit)', async () => {
		const county = (await hotspotTerms(db, inspector, november, TODAY, 10)).rows.map((r) => r.term);
		expect(county, county.join(' ')).toHaveLength(10);
		expect(county.filter((t) => FILLER.includes(t)), county.join(' ')).toEqual([]);
		expect(county.filter((t) => MATTERS.includes(t)).length, county.join(' ')).toBeGreaterThanOrEqual(MIN_MATTERS);
		// the planted burst leads the month
		expect(county.slice(0, 3), county.join(' ')).toContain('停水');
		const unit = (await hotspotTerms(db, unitUser, november, TODAY, 10)).rows.map((r) => r.term);
		expect(unit.filter((t) => FILLER.includes(t)), unit.join(' ')).toEqual([]);
		expect(unit.filter((t) => MATTERS.includes(t)).length, unit.join(' ')).toBeGreaterThanOrEqual(MIN_MATTERS);
	}, 300_000);

	it('are matters in the bulletin’s 热点诉求', async () => {
		const section = await hotspotSection(db, leader, november, TODAY);
		const terms = section.terms.map((r) => r.term);
		expect(terms, terms.join(' ')).toHaveLength(5);
		expect(terms.filter((t) => FILLER.includes(t)), terms.join(' ')).toEqual([]);
		expect(terms.filter((t) => MATTERS.includes(t)).length, terms.join(' ')).toBeGreaterThanOrEqual(3);
	}, 300_000);
});

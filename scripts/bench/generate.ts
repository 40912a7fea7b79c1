// A fast streaming generator of a realistic Chinese complaint export for the import benchmark
// (≈290 bytes a row in UTF-8): the headers real systems use, mixed date formats, a few dirty rows.
import fs from 'node:fs';
import iconv from 'iconv-lite';

export interface BenchCsvOptions {
	rows: number;
	seed?: number;
	encoding?: 'utf-8' | 'gb18030';
}

const HEADER = [
	'投诉编号',
	'受理时间',
	'投诉渠道',
	'投诉人',
	'联系电话',
	'被投诉单位',
	'被投诉人',
	'投诉类别',
	'办理方式',
	'投诉等级',
	'转办时间',
	'办结时间',
	'答复时间',
	'处理结果',
	'满意度',
	'投诉内容'
];

const UNITS = [
	'县住房和城乡建设局', '县住建局', '县自然资源局', '县市场监督管理局', '县市场监管局', '县人力资源和社会保障局',
	'县教育局', '县卫生健康局', '县交通运输局', '县生态环境分局', '县城市管理局', '县公安局', '县农业农村局',
	'城关镇人民政府', '东山镇人民政府', '西河乡人民政府', '县水利局', '县民政局', '县财政局', '县税务局'
];
const CHANNELS = ['电话', '来信', '网上', '走访', '传真', '电子邮件', '网络'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const CATEGORIES = ['物业管理', '拖欠工资', '噪声扰民', '违章建筑', '食品安全', '环境污染', '道路交通', '教育收费', '医疗服务', '城市管理'];
const MODES = ['直办', '转办', '交办', '牵头办理'];
const SEVERITIES = ['一般', '一般', '一般', '重大', '轻微'];
const OUTCOMES = ['属实', '部分属实', '不属实', '不属实'];
const SATISFACTION = ['满意', '基本满意', '不满意', '满意', ''];
const PHRASES = [
	'小区楼下餐馆油烟扰民多次反映未解决', '施工单位夜间施工噪声严重影响休息', '公司拖欠三个月工资至今未发放',
	'路灯损坏一个月无人维修存在安全隐患', '学校违规收取补课费用家长意见很大', '菜市场销售过期食品要求查处',
	'物业公司擅自提高收费标准且服务差', '河道有企业偷排污水气味刺鼻', '违章搭建占用消防通道请求拆除',
	'医院挂号排队时间过长服务态度差', '公交线路调整后出行不便希望恢复', '窗口办事人员推诿扯皮多次跑腿'
];

/** Deterministic PRNG (mulberry32) so a seed always gives the same file. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pad = (n: number) => (n < 10 ? '0' + n : String(n));

function fmt(ms: number, style: number): string {
	const d = new Date(ms);
	const y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1, da = d.getUTCDate();
	const h = d.getUTCHours(), mi = d.getUTCMinutes(), s = d.getUTCSeconds();
	switch (style) {
		case 0:
			return `${y}/${mo}/${da} ${pad(h)}:${pad(mi)}`;
		case 1:
			return `${y}${pad(mo)}${pad(da)}${pad(h)}${pad(mi)}${pad(s)}`;
		default:
			return `${y}-${pad(mo)}-${pad(da)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
	}
}

/** Writes the file in chunks (bounded memory for any row count); resolves with the bytes written. */
export async function writeBenchCsv(filePath: string, opts: BenchCsvOptions): Promise<number> {
	const rand = prng(opts.seed ?? 42);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
	const out = fs.createWriteStream(filePath);
	const encode = (s: string) => (opts.encoding === 'gb18030' ? iconv.encode(s, 'gb18030') : Buffer.from(s, 'utf8'));
	let bytes = 0;
	const write = async (s: string) => {
		const buf = encode(s);
		bytes += buf.length;
		if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
	};
	await write(HEADER.join(',') + '\r\n');
	const start = Date.UTC(2023, 0, 1, 0, 0, 0);
	const span = 3 * 365 * 86400_000;
	const chunk: string[] = [];
	for (let i = 1; i <= opts.rows; i++) {
		const received = start + Math.floor(rand() * span);
		const dispatched = received + Math.floor(rand() * 2 * 86400_000);
		const closedOpen = rand() < 0.1;
		const closed = dispatched + Math.floor(rand() * 20 * 86400_000);
		const replied = closed + Math.floor(rand() * 86400_000);
		const phone = '1' + (3 + Math.floor(rand() * 7)) + String(Math.floor(rand() * 1e9)).padStart(9, '0');
		const name = pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.5 ? pick([...GIVEN]) : '');
		const person = rand() < 0.3 ? pick([...SURNAMES]) + pick([...GIVEN]) : '';
		let content = pick(PHRASES) + '，' + pick(PHRASES) + '。';
		if (rand() < 0.02) content = `"${content}，涉及金额1,200元"`;
		const style = i % 3;
		const row = [
			`TS${2023000000 + i}`,
			fmt(received, style),
			pick(CHANNELS),
			name,
			rand() < 0.05 ? phone.slice(0, 3) + '-' + phone.slice(3, 7) + '-' + phone.slice(7) : phone,
			pick(UNITS),
			person,
			pick(CATEGORIES),
			pick(MODES),
			pick(SEVERITIES),
			fmt(dispatched, 2),
			closedOpen ? '' : fmt(closed, 2),
			closedOpen ? '' : fmt(replied, 2),
			closedOpen ? '' : pick(OUTCOMES),
			closedOpen ? '' : pick(SATISFACTION),
			content
		];
		chunk.push(row.join(','));
		if (chunk.length === 5000) {
			await write(chunk.join('\r\n') + '\r\n');
			chunk.length = 0;
		}
	}
	if (chunk.length) await write(chunk.join('\r\n') + '\r\n');
	await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
	return bytes;
}

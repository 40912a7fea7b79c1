import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { redactSql } from './redact.ts';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
	instance = await DuckDBInstance.create(':memory:');
	conn = await instance.connect();
});
afterAll(() => {
	conn.closeSync();
	instance.closeSync();
});

async function redact(text: string | null, name: string | null = null): Promise<string | null> {
	const res = await conn.runAndReadAll(`SELECT ${redactSql('$t::VARCHAR', '$n::VARCHAR')} AS r`, { t: text, n: name });
	return res.getRows()[0][0] as string | null;
}

describe('redactSql', () => {
	it('takes out the forms the security review recovered (issue 17), whole', async () => {
		// expected texts written by hand
		expect(await redact('请回电+8613812345679谢谢')).toBe('请回电［号码］谢谢');
		expect(await redact('电话8613812345683')).toBe('电话［号码］');
		expect(await redact('138-1234-5680或138 1234 5681')).toBe('［号码］或［号码］');
		expect(await redact('手机１３８１２３４５６７８。')).toBe('手机［号码］。');
		expect(await redact('身份证330102900101123，新证33010219900101123X')).toBe('身份证［号码］，新证［号码］');
		expect(await redact('座机（0571）8877 6655、+86 571 8877 6655')).toBe('座机［号码］、［号码］');
		expect(await redact('卡号6222 0212 3456 7890 123，邮箱zhang.san@qq.com')).toBe('卡号［号码］，邮箱［邮箱］');
	});

	it('takes out a number typed in Chinese numerals, seven or more, and keeps shorter runs', async () => {
		// expected texts written by hand
		expect(await redact('来电人电话幺三九 一二三四 五六七八，请回复')).toBe('来电人电话［号码］，请回复');
		expect(await redact('号码一三八-一二三四-五六七八')).toBe('号码［号码］');
		expect(await redact('二〇二五年三月，三三两两的居民')).toBe('二〇二五年三月，三三两两的居民');
		expect(await redact('一二三四五六')).toBe('一二三四五六');
	});

	it('takes a number in digits spaced with the ideographic or the no-break space, as an input method types it', async () => {
		// expected texts written by hand; RE2's \s is ASCII only, so all three stayed in the copy before
		expect(await redact('电话138\u30001234\u30005678，请回复')).toBe('电话［号码］，请回复');
		expect(await redact('电话１３８\u3000１２３４\u3000５６７８')).toBe('电话［号码］');
		expect(await redact('座机（0571）\u00a08877\u00a06655')).toBe('座机［号码］');
		// an amount and a house number apart stay
		expect(await redact('罚款500元\u3000门牌12号')).toBe('罚款500元\u3000门牌12号');
	});

	it('takes such a number whatever the spacing: the ideographic and no-break spaces, three separators and more', async () => {
		// expected texts written by hand; RE2's \s is ASCII only, so the first two stayed in the copy before
		expect(await redact('电话幺三九\u3000一二三四\u3000五六七八')).toBe('电话［号码］');
		expect(await redact('电话幺三九\u00a0一二三四\u00a0五六七八')).toBe('电话［号码］');
		expect(await redact('电话幺三九 -  一二三四五六七八。')).toBe('电话［号码］。');
		expect(await redact('电话幺三九 — 一二三四 — 五六七八')).toBe('电话［号码］');
		// numerals apart from a number stay: 三、四 is a list, not a spacing
		expect(await redact('一、二、三、四、五、六、七')).toBe('一、二、三、四、五、六、七');
	});

	it('replaces the complainant’s name (two characters or more) and keeps dates and short numbers', async () => {
		expect(await redact('张三于2025-03-15反映，小区3栋损失1200元', '张三')).toBe('［姓名］于2025/03/15反映，小区3栋损失1200元');
		expect(await redact('王先生反映', '王')).toBe('王先生反映');
		expect(await redact('无名氏反映', null)).toBe('无名氏反映');
		expect(await redact(null, '张三')).toBeNull();
	});

	it('numbers right after a cut would have been: the copy is redacted before any cut', async () => {
		const text = '很'.repeat(115) + '13812345678';
		const r = (await redact(text))!;
		expect(Array.from(r).slice(0, 120).join('')).toBe('很'.repeat(115) + '［号码］');
	});
});

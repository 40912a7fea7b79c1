// Severity values in traditional characters (物業投訴處理標準作業規程 exports: 輕微、重大投訴) normalise to the
// simplified canonical values the packs test (issue 14).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_DATE_FORMATS, parseExpr } from './normalize.ts';

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

describe('severity', () => {
	it('reads 輕微, 重大投訴, 嚴重 and 一般投訴 as 轻微, 重大, 重大 and 一般', async () => {
		const expr = parseExpr('severity', 'v', { dateFormats: DEFAULT_DATE_FORMATS });
		const rows = (
			await conn.runAndReadAll(`SELECT v, ${expr} AS s FROM (VALUES ('輕微'), ('輕微投訴'), ('重大'), ('重大投訴'), ('嚴重'), ('一般投訴'), ('轻微')) t(v)`)
		).getRows();
		expect(rows.map((r) => [String(r[0]), String(r[1])])).toEqual([
			['輕微', '轻微'], ['輕微投訴', '轻微'], ['重大', '重大'], ['重大投訴', '重大'], ['嚴重', '重大'], ['一般投訴', '一般'], ['轻微', '轻微']
		]);
	});
});

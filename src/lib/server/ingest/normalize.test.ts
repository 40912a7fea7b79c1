import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_DATE_FORMATS, parseExpr } from './normalize.ts';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
	instance = await DuckDBInstance.create(':memory:');
	conn = await instance.connect();
	// a value in every shape the formats cover, and near misses (a digit short, a full-width year, out of range)
	await conn.run(`CREATE TABLE v AS SELECT * FROM (VALUES ('20231124092207'), ('2023112409220'), ('202311240922'), ('20231124'),
		('2023-11-24 09:22:07'), ('2023-11-24 09:22'), ('2023-11-24'), ('2023/11/24 9:22'), ('2023/11/24 09:22:07'), ('2023/11/24'),
		('2023年11月24日'), ('2023年11月24日 09:22'), ('2023年11月24日 09:22:07'), ('2023年11月24日9时22分'), ('2023年11月24日 9时22分7秒'),
		('2023年11月24日09:22'), ('2023-11-24T09:22:07'), ('2023-11-24T09:22:07.5'), ('2023-11-24 09:22:07.25'), ('11/24/2023 9:22 AM'),
		('11/24/2023 09:22:07 PM'), ('11/24/2023 21:22'), ('11/24/2023'), ('2023.11.24 09:22'), ('2023.11.24'), ('45938.5'), ('45938'),
		('2023-11-24T09:22:07+08:00'), ('2023-11-24T01:22:07Z'), ('２０２３年11月24日'), ('20231324'), ('2023112'), ('x'), (NULL)) t(v)`);
});
afterAll(() => {
	conn.closeSync();
	instance.closeSync();
});

describe('timestamp parsing', () => {
	it('gives the same value whichever format the sample found likely (it only changes the speed)', async () => {
		const plain = parseExpr('accepted_at', 'v', { dateFormats: DEFAULT_DATE_FORMATS });
		const parsed = Number((await conn.runAndReadAll(`SELECT count(${plain}) FROM v`)).getRows()[0][0]);
		expect(parsed).toBeGreaterThan(25);
		for (const likely of DEFAULT_DATE_FORMATS) {
			const withLikely = parseExpr('accepted_at', 'v', { dateFormats: DEFAULT_DATE_FORMATS, likelyFormat: likely });
			const differing = await conn.runAndReadAll(`SELECT v, (${plain})::VARCHAR, (${withLikely})::VARCHAR FROM v WHERE (${plain}) IS DISTINCT FROM (${withLikely})`);
			expect(differing.getRows().map((r) => r.map(String)), likely).toEqual([]);
		}
	});
});

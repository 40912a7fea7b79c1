// Property: random corruption of a valid export never crashes the importer (bad input is either rows
// rejected or one clear UserInputError) and never breaks rows_total = imported + updated + unchanged + rejected.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { isUserInputError } from '../../src/lib/server/errors.ts';
import { balanced, tempDb, type TempDb } from './helpers.ts';

let t: TempDb;
beforeAll(async () => {
	t = await tempDb('ingest-prop-');
});
afterAll(() => t.close());

const VALID = [
	'投诉编号,受理时间,被投诉单位,联系电话,办结时间,投诉内容',
	...Array.from({ length: 30 }, (_, i) => {
		const day = String((i % 28) + 1).padStart(2, '0');
		return `P${i},2025-10-${day} 09:${String(i).padStart(2, '0')},县教育局,138${String(i).padStart(8, '0')},2025/11/${(i % 28) + 1},"内容${i}，含逗号, 和""引号""\n第二行"`;
	})
].join('\r\n');

const NASTY = ['"', ',', '\n', '\r', '\r\n', '\t', ';', '""', '\u0000', '\u3000', '，', '\uFEFF', '年', 'x'];

type Edit = { kind: 'insert' | 'delete' | 'replace'; at: number; len: number; piece: string } | { kind: 'bytes'; at: number; bytes: number[] };

const edit: fc.Arbitrary<Edit> = fc.oneof(
	fc.record({ kind: fc.constantFrom('insert' as const, 'delete' as const, 'replace' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }), piece: fc.constantFrom(...NASTY) }),
	fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }) })
);

function corrupt(edits: Edit[], encoding: 'utf-8' | 'gb18030'): Buffer {
	let text = VALID;
	const byteEdits: Edit[] = [];
	for (const e of edits) {
		if (e.kind === 'bytes') {
			byteEdits.push(e);
			continue;
		}
		const at = e.at % (text.length + 1);
		if (e.kind === 'insert') text = text.slice(0, at) + e.piece + text.slice(at);
		else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.len);
		else text = text.slice(0, at) + e.piece + text.slice(at + 1);
	}
	let buf = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
	for (const e of byteEdits) {
		if (e.kind !== 'bytes') continue;
		const at = e.at % (buf.length + 1);
		buf = Buffer.concat([buf.subarray(0, at), Buffer.from(e.bytes), buf.subarray(at)]);
	}
	return buf;
}

describe('random corruption', () => {
	it('never crashes and always balances', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.constantFrom('utf-8' as const, 'gb18030' as const), async (edits, encoding) => {
				const file = t.file(`c${n++}.csv`, corrupt(edits, encoding));
				const before = await t.db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
				let report;
				try {
					report = await importFile(t.db, file);
				} catch (e) {
					// only a clear, located user error is acceptable (e.g. the header itself was destroyed)
					expect(isUserInputError(e), String(e)).toBe(true);
					expect((await t.db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases'))!.n).toBe(before!.n);
					return;
				}
				expect(await balanced(t.db, report), JSON.stringify(report)).toEqual([]);
				const stored = await t.db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM import_rejects WHERE batch_id = $b', { b: report.batch_id });
				expect(stored!.n).toBe(report.rows_rejected);
				const after = await t.db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
				expect(after!.n - before!.n).toBe(report.rows_imported);
			}),
			{ numRuns: 25, seed: 20251008 }
		);
	}, 120_000);
});

/**
 * Everything an import wrote, batch timings aside: cases with their lines, rejects, warnings, history. The
 * complainant key is salted per database, so only whether a case has one is compared.
 */
async function written(db: TempDb['db']): Promise<string> {
	const rows = await db.query(`SELECT
		(SELECT md5(coalesce(string_agg(CAST(c AS VARCHAR), '\n' ORDER BY case_id), ''))
			FROM (SELECT * EXCLUDE (complainant_key), complainant_key IS NULL AS keyless FROM cases) c) AS cases,
		(SELECT md5(coalesce(string_agg(concat_ws('|', batch_id, line_no, field, column_name, reason, raw), '\n'
			ORDER BY batch_id, line_no, reason, raw), '')) FROM import_rejects) AS rejects,
		(SELECT md5(coalesce(string_agg(concat_ws('|', batch_id, case_id, line_no, warning), '\n'
			ORDER BY batch_id, case_id, warning), '')) FROM import_warnings) AS warnings,
		(SELECT count(*)::INTEGER FROM case_history) AS history`);
	return JSON.stringify(rows[0]);
}

describe('reading a UTF-8 export as it is', () => {
	let rewritten: TempDb;
	let asIs: TempDb;
	beforeAll(async () => {
		rewritten = await tempDb('ingest-rewrite-');
		asIs = await tempDb('ingest-asis-');
	});
	afterAll(() => {
		rewritten.close();
		asIs.close();
	});

	it('writes exactly what importing the rewritten file writes, lines and rejects included, whatever the corruption', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(edit, { minLength: 0, maxLength: 8 }), fc.boolean(), async (edits, lf) => {
				let buf = corrupt(edits, 'utf-8');
				if (lf) buf = Buffer.from(buf.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
				const name = `e${n++}.csv`;
				const results = await Promise.all(
					[
						{ db: rewritten, readAsIs: false },
						{ db: asIs, readAsIs: true }
					].map(async ({ db, readAsIs }) => {
						try {
							const r = await importFile(db.db, db.file(name, buf), { readAsIs });
							return { ...r, seconds: 0 };
						} catch (e) {
							return { error: String(e) };
						}
					})
				);
				expect(results[1]).toEqual(results[0]);
				expect(await written(asIs.db)).toBe(await written(rewritten.db));
			}),
			{ numRuns: 40, seed: 20261122 }
		);
	}, 170_000);
});

// After an import, the deadline results are brought up to date incrementally (only the cases the batch wrote,
// those with an open deadline and those with an open clock pause are evaluated again). The oracle: a full
// evaluation of the same database as of the same moment gives exactly the same stored results.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatePack, loadPack, DEFAULT_PACK } from '../../src/lib/server/compliance/index.ts';
import { importFile } from '../../src/lib/server/ingest/index.ts';
import { refreshAfterImport } from '../../src/lib/server/refresh.ts';
import { tempDb, type TempDb } from '../ingest/helpers.ts';

const HEADER = [
	'投诉编号', '受理时间', '投诉渠道', '被投诉单位', '办理方式', '受理决定时间', '转办时间', '答复时间', '办结时间', '报备时间',
	'是否延期', '延期天数', '延期申请时间', '延期批准时间', '中止开始时间', '中止结束时间', '中止原因'
];
const MODES = ['直办', '转办', '交办', '牵头办理'];
const AS_OF = '2025-06-30';
const LATER = '2025-09-30';

/** A small seeded generator (mulberry32): the same seed, the same files. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Case = Record<string, string>;

function moment(base: number, days: number, rnd: () => number): string {
	const d = new Date(base + days * 86400000 + Math.floor(rnd() * 9 * 3600000) + 8 * 3600000);
	return d.toISOString().slice(0, 19).replace('T', ' ');
}

function makeCase(id: string, rnd: () => number): Case {
	// received by AS_OF (30 June): a case received after the as-of moment is not evaluated at all
	const base = Date.UTC(2025, 0, 2) + Math.floor(rnd() * 170) * 86400000;
	const mode = MODES[Math.floor(rnd() * MODES.length)];
	const c: Case = { 投诉编号: id, 受理时间: moment(base, 0, rnd), 投诉渠道: rnd() < 0.5 ? '电话' : '网上', 被投诉单位: rnd() < 0.5 ? '县住建局' : '城关镇人民政府', 办理方式: mode };
	if (rnd() < 0.9) c['受理决定时间'] = moment(base, Math.floor(rnd() * 4), rnd);
	if (mode !== '直办') c['转办时间'] = moment(base, Math.floor(rnd() * 3), rnd);
	if (rnd() < 0.6) {
		const done = 1 + Math.floor(rnd() * 40);
		c['答复时间'] = moment(base, done, rnd);
		c['办结时间'] = moment(base, done + 1, rnd);
	}
	if (mode === '交办' && rnd() < 0.4) c['报备时间'] = moment(base, 5 + Math.floor(rnd() * 25), rnd);
	if (rnd() < 0.15) Object.assign(c, { 是否延期: '是', 延期天数: '10', 延期申请时间: moment(base, 5, rnd), 延期批准时间: moment(base, 6, rnd) });
	if (rnd() < 0.15) {
		c['中止开始时间'] = moment(base, 2, rnd);
		if (rnd() < 0.5) c['中止结束时间'] = moment(base, 6, rnd);
		c['中止原因'] = '等待鉴定结论';
	}
	return c;
}

/** The next export of some cases: closed, re-assigned, extended, a pause ended. */
function laterVersion(c: Case, rnd: () => number): Case {
	const n = { ...c };
	const base = Date.parse(`${c['受理时间'].replace(' ', 'T')}Z`) - 8 * 3600000;
	const r = rnd();
	if (r < 0.3 && !n['答复时间']) {
		n['答复时间'] = moment(base, 3 + Math.floor(rnd() * 30), rnd);
		n['办结时间'] = moment(base, 34, rnd);
	} else if (r < 0.5) n['办理方式'] = MODES[(MODES.indexOf(n['办理方式']) + 1) % MODES.length];
	else if (r < 0.65) Object.assign(n, { 是否延期: '是', 延期天数: '15', 延期申请时间: moment(base, 4, rnd), 延期批准时间: moment(base, 5, rnd) });
	else if (r < 0.8 && n['中止开始时间'] && !n['中止结束时间']) n['中止结束时间'] = moment(base, 9, rnd);
	else n['办结时间'] = n['办结时间'] ? '' : moment(base, 20, rnd); // reopened, or closed without a reply
	return n;
}

const csv = (rows: Case[]) => [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => r[h] ?? '').join(','))].join('\r\n') + '\r\n';

async function results(t: TempDb): Promise<string[]> {
	const rows = await t.db.query<{ r: string }>(
		`SELECT concat_ws('|', case_id, rule_id, clock_start, due_at, done_at, status, working_days_late, provisional, extended) AS r
		 FROM compliance_results WHERE pack = $1 ORDER BY case_id, rule_id`,
		[DEFAULT_PACK]
	);
	return rows.map((x) => x.r);
}

let t: TempDb | undefined;
afterEach(() => {
	t?.close();
	t = undefined;
});

describe('compliance after an import', () => {
	for (const seed of [1, 2, 3]) {
		it(`evaluates only what can have changed, with the results of a full evaluation (seed ${seed})`, async () => {
			t = await tempDb('incremental-');
			const rnd = random(seed);
			const pack = loadPack(DEFAULT_PACK);
			const first = Array.from({ length: 300 }, (_, k) => makeCase(`INC${seed}-${k}`, rnd));
			const a = await importFile(t.db, t.file('a.csv', csv(first)));
			expect(a.rows_imported).toBe(300);
			// the first results, as of a fixed date (kept by every recomputation after an import)
			const initial = await evaluatePack(t.db, pack, { asOf: AS_OF });
			expect(initial.evaluated_cases).toBe(300);

			const changed = first.filter(() => rnd() < 0.35).map((c) => laterVersion(c, rnd));
			const fresh = Array.from({ length: 40 }, (_, k) => makeCase(`INC${seed}-new-${k}`, rnd));
			const b = await importFile(t.db, t.file('b.csv', csv([...changed, ...fresh])));
			expect(b.rows_imported).toBe(40);
			expect(b.rows_updated).toBeGreaterThan(0);
			await refreshAfterImport(t.db, b.batch_id);

			const run = await t.db.queryOne<{ summary: string; as_of: string }>(
				`SELECT summary::VARCHAR AS summary, strftime(as_of, '%Y-%m-%d') AS as_of FROM compliance_runs WHERE pack = $1`,
				[DEFAULT_PACK]
			);
			const summary = JSON.parse(String(run?.summary));
			expect(run?.as_of).toBe(AS_OF);
			expect(summary.cases).toBe(340);
			// the batch's cases at least, far from all of them
			expect(summary.evaluated_cases).toBeGreaterThanOrEqual(40 + b.rows_updated);
			expect(summary.evaluated_cases).toBeLessThan(340);
			const incremental = await results(t);

			const full = await evaluatePack(t.db, pack, { asOf: AS_OF });
			expect(full.evaluated_cases).toBe(340);
			expect(incremental).toEqual(await results(t));
			expect([summary.met, summary.breached, summary.open_overdue, summary.open_within]).toEqual([
				full.met,
				full.breached,
				full.open_overdue,
				full.open_within
			]);

			// three months later: open deadlines and open pauses move with the as-of moment
			const more = first.filter(() => rnd() < 0.2).map((c) => laterVersion(c, rnd));
			const c = await importFile(t.db, t.file('c.csv', csv(more)));
			const later = await evaluatePack(t.db, pack, { asOf: LATER, batch: c.batch_id });
			expect(later.evaluated_cases).toBeLessThan(340);
			const laterIncremental = await results(t);
			const laterFull = await evaluatePack(t.db, pack, { asOf: LATER });
			expect(laterIncremental).toEqual(await results(t));
			expect(later.open_overdue).toBe(laterFull.open_overdue);
			// the later moment did change results the batch did not touch (else this would prove little)
			expect(laterFull.open_overdue).toBeGreaterThan(full.open_overdue);
		});
	}

	it('evaluates everything when the results were not current before the batch', async () => {
		t = await tempDb('incremental-');
		const rnd = random(9);
		const pack = loadPack(DEFAULT_PACK);
		const cases = Array.from({ length: 50 }, (_, k) => makeCase(`F${k}`, rnd));
		await importFile(t.db, t.file('a.csv', csv(cases.slice(0, 30))));
		await evaluatePack(t.db, pack, { asOf: AS_OF });
		// a batch whose recomputation never ran (a crash after its commit), then another one
		await importFile(t.db, t.file('b.csv', csv(cases.slice(30, 40))));
		const c = await importFile(t.db, t.file('c.csv', csv(cases.slice(40))));
		await refreshAfterImport(t.db, c.batch_id);
		const run = await t.db.queryOne<{ summary: string }>(`SELECT summary::VARCHAR AS summary FROM compliance_runs WHERE pack = $1`, [DEFAULT_PACK]);
		expect(JSON.parse(String(run?.summary)).evaluated_cases).toBe(50);
	});
});

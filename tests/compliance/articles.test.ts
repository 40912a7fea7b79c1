// The packs read as their seed articles are written (issue 14). Every date below is worked out by hand from the
// official calendar (国务院办公厅 notices) and the article, never from the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePack, explainResults, loadPack, type ExplainedResult, type RulePack } from '../../src/lib/server/compliance/index.ts';
import { insertCases, tempDb, type TempDb, type CaseInput } from './fixtures.ts';

let t: TempDb;

async function evaluate(packName: string, asOf: string, cases: CaseInput[], pack: RulePack = loadPack(packName)) {
	await t.db.run('DELETE FROM cases');
	await t.db.run('DELETE FROM case_pauses');
	await insertCases(t.db, cases);
	await evaluatePack(t.db, pack, { asOf });
	const keys = cases.flatMap((c) => pack.rules.map((r) => ({ case_id: c.case_id, rule_id: r.id })));
	const rows = await explainResults(t.db, pack, keys, `${asOf} 23:59:59.999`);
	return (caseId: string, ruleId: string): ExplainedResult => {
		const r = rows.get(`${caseId}\u0000${ruleId}`);
		if (!r) throw new Error(`no result ${caseId}/${ruleId}`);
		return r;
	};
}

beforeAll(async () => {
	t = await tempDb('articles');
});
afterAll(async () => {
	await t.close();
});

describe('county-efficiency 第二十五条: the extension covers 办结并答复 only', () => {
	it('keeps the 20-working-day 书面报备 of an extended 交办件', async () => {
		// 交办 dispatched Fri 2025-09-26 (2025 National Day and Mid-Autumn 10月1日–8日 off, 9月28日 Sun and 10月11日 Sat worked).
		// assign-reply 15 wd: 28, 29, 30 | 10月9, 10, 11, 13–17, 20–23 → 10-23; the extension approved 10-10 is in time.
		// complex-extension 30 wd: … 24, 27–31 (→ 20 wd on 10-30), 11月3–7, 10–13 → 2025-11-13.
		// assign-report stays at 20 wd → 2025-10-30; filed 11-05 → late by 31日, 11月3, 4, 5 = 4 working days.
		const get = await evaluate('county-efficiency', '2025-12-31', [
			{ case_id: 'EXT-ASSIGN', received_at: '2025-09-25 10:00', accepted_at: '2025-09-25 11:00', handling_mode: '交办', dispatched_at: '2025-09-26 09:00',
				replied_at: '2025-11-05 10:00', filed_report_at: '2025-11-05 10:00', extension_approved: true, extension_approved_at: '2025-10-10 15:00' }
		]);
		expect(get('EXT-ASSIGN', 'assign-reply').status).toBe('not-applicable');
		expect(get('EXT-ASSIGN', 'complex-extension')).toMatchObject({ status: 'met', due_at: '2025-11-13T23:59:59.999+08:00' });
		expect(get('EXT-ASSIGN', 'assign-report')).toMatchObject({ status: 'breached', due_at: '2025-10-30T23:59:59.999+08:00', working_days_late: 4 });
	});
});

describe('property-service as 物業投訴處理標準作業規程 reads', () => {
	const cases: CaseInput[] = [
		// 5.4.2: dispatched 2025-10-01 10:00 → settle (close) by 22:00. First response at 10:30 is no settlement.
		{ case_id: 'MAJ-LATE', received_at: '2025-10-01 09:00', severity: '重大', dispatched_at: '2025-10-01 10:00', first_response_at: '2025-10-01 10:30', closed_at: '2025-10-01 22:00:01' },
		{ case_id: 'MAJ-OK', received_at: '2025-10-01 09:00', severity: '重大', dispatched_at: '2025-10-01 10:00', first_response_at: '2025-10-02 09:00', closed_at: '2025-10-01 22:00:00', callback_at: null },
		// 4.1.1（2）③: received 2025-01-31 → a month runs to 2025-02-28 (no 31st), major from 2025-03-01 00:00, 12 h → 12:00.
		{ case_id: 'ESC-MET', received_at: '2025-01-31 10:00', severity: '一般', closed_at: '2025-03-01 08:00' },
		// resolved on the month's last day: never reclassified, no breach of any kind
		{ case_id: 'ESC-NONE', received_at: '2025-01-31 10:00', severity: '轻微', first_response_at: '2025-01-31 12:00', closed_at: '2025-02-28 23:00', callback_at: '2025-03-01 10:00' },
		// received 2025-04-15, still open: major from 2025-05-16 00:00, due 12:00 that day; as of 2025-05-15 not yet started
		{ case_id: 'ESC-OPEN', received_at: '2025-04-15 09:00', severity: '轻微', first_response_at: '2025-04-15 12:00' }
	];

	it('5.4.2: twelve hours from the 处置表 (dispatch) to settling with the resident (closing)', async () => {
		const get = await evaluate('property-service', '2025-12-31', cases);
		expect(get('MAJ-LATE', 'major-resolve')).toMatchObject({ status: 'breached', clock_start: '2025-10-01T10:00:00+08:00', due_at: '2025-10-01T22:00:00+08:00', done_at: '2025-10-01T22:00:01+08:00' });
		expect(get('MAJ-OK', 'major-resolve')).toMatchObject({ status: 'met', due_at: '2025-10-01T22:00:00+08:00' });
	});

	it('6.0: the callback of a major complaint comes after 24 hours, a wait and no deadline', async () => {
		const pack = loadPack('property-service');
		const get = await evaluate('property-service', '2025-12-31', cases);
		// MAJ-OK was settled and never called back: nothing but its settlement is judged
		for (const r of pack.rules.filter((x) => x.id !== 'major-resolve')) expect(get('MAJ-OK', r.id).status, r.id).toBe('not-applicable');
		expect(pack.rules.filter((r) => r.clock?.stop === 'callback_at').map((r) => r.applies_when)).toEqual([
			[{ field: 'severity', equals: '轻微' }, { field: 'closed_at', 'not-empty': true }]
		]);
	});

	it('4.1.1（2）③: a month unresolved reclassifies as major, the major clock starting then, no breach of its own', async () => {
		const pack = loadPack('property-service');
		expect(pack.rules.map((r) => r.id)).not.toContain('escalate');
		const get = await evaluate('property-service', '2025-12-31', cases);
		expect(get('ESC-MET', 'escalated-resolve')).toMatchObject({ status: 'met', clock_start: '2025-03-01T00:00:00+08:00', due_at: '2025-03-01T12:00:00+08:00' });
		for (const r of pack.rules) expect(['met', 'not-applicable'], `ESC-NONE ${r.id}`).toContain(get('ESC-NONE', r.id).status);
		expect(get('ESC-NONE', 'escalated-resolve').status).toBe('not-applicable');
		expect(get('ESC-OPEN', 'escalated-resolve')).toMatchObject({ status: 'open-overdue', clock_start: '2025-05-16T00:00:00+08:00', due_at: '2025-05-16T12:00:00+08:00' });
		const before = await evaluate('property-service', '2025-05-15', cases.filter((c) => c.case_id === 'ESC-OPEN'));
		expect(before('ESC-OPEN', 'escalated-resolve').status).toBe('not-applicable');
		const after = await evaluate('property-service', '2025-05-16', cases.filter((c) => c.case_id === 'ESC-OPEN'));
		expect(after('ESC-OPEN', 'escalated-resolve').status).toBe('open-overdue');
	});
});

describe('rural-bank 第九条（三） and 第十条', () => {
	// March 2025 has no holiday. Complex: received Mon 03-03; 7 wd: 4–7, 10–12 → target 03-12; 10 wd: 13, 14, 17 → 03-17.
	// Online: received Fri 03-07; 2 wd: 10, 11 → 03-11.
	const cases: CaseInput[] = [
		{ case_id: 'RB-T1', received_at: '2025-03-03 09:00', channel: '电话', category: '服务产品', replied_at: '2025-03-12 17:00' },
		{ case_id: 'RB-T2', received_at: '2025-03-03 09:00', channel: '电话', category: '违规操作', replied_at: '2025-03-13 09:00' },
		{ case_id: 'RB-T3', received_at: '2025-03-03 09:00', channel: '电话', category: '服务渠道' },
		{ case_id: 'RB-W', received_at: '2025-03-07 16:00', channel: '微信', category: '服务态度', dispatched_at: '2025-03-11 09:00' },
		{ case_id: 'RB-M', received_at: '2025-03-07 16:00', channel: '手机银行', category: '服务态度', dispatched_at: '2025-03-12 09:00' },
		{ case_id: 'RB-A', received_at: '2025-03-07 16:00', channel: 'APP', category: '服务态度', dispatched_at: '2025-03-10 09:00' }
	];

	it('第十条: reports the 7-working-day target beside the 10-working-day limit, a missed target no breach', async () => {
		const get = await evaluate('rural-bank', '2025-12-31', cases);
		expect(get('RB-T1', 'complex-reply')).toMatchObject({ status: 'met', due_at: '2025-03-17T23:59:59.999+08:00' });
		expect(get('RB-T1', 'complex-reply').explanation).toContain('目标7个工作日即2025年3月12日前，已达到');
		expect(get('RB-T2', 'complex-reply')).toMatchObject({ status: 'met', due_at: '2025-03-17T23:59:59.999+08:00' });
		expect(get('RB-T2', 'complex-reply').explanation).toContain('目标7个工作日即2025年3月12日前，未达到');
		const open = await evaluate('rural-bank', '2025-03-13', cases);
		expect(open('RB-T3', 'complex-reply')).toMatchObject({ status: 'open-within' });
		expect(open('RB-T3', 'complex-reply').explanation).toContain('目标7个工作日即2025年3月12日前，未达到');
	});

	it('第九条（三）: 微信, 手机银行 and APP are online channels', async () => {
		const get = await evaluate('rural-bank', '2025-12-31', cases);
		expect(get('RB-W', 'online-forward')).toMatchObject({ status: 'met', due_at: '2025-03-11T23:59:59.999+08:00' });
		expect(get('RB-M', 'online-forward')).toMatchObject({ status: 'breached', working_days_late: 1 });
		expect(get('RB-A', 'online-forward').status).toBe('met');
		expect(get('RB-T1', 'online-forward').status).toBe('not-applicable');
	});
});

describe('tender-complaints 第十八条', () => {
	// received 2025-01-10: 30 days → 2025-02-09; approved on 02-01, in time. 3 months → 2025-04-10.
	// 20 approved days: 50 days → Jan 10 + 21 = Jan 31, + 28 = Feb 28, + 1 = 2025-03-01.
	// 90 approved days: 120 days → 2025-05-10, beyond 3 months: 2025-04-10.
	const base = { received_at: '2025-01-10 10:00', accepted_at: '2025-01-13 09:00', extension_approved: true, extension_approved_at: '2025-02-01 10:00' };
	const cases: CaseInput[] = [
		{ case_id: 'TD-DAYS', ...base, extension_days: 20, closed_at: '2025-03-03 09:00' },
		{ case_id: 'TD-DAYS-OK', ...base, extension_days: 20, closed_at: '2025-03-01 18:00' },
		{ case_id: 'TD-CAP', ...base, extension_days: 90, closed_at: '2025-04-11 09:00' },
		{ case_id: 'TD-NODAYS', ...base, closed_at: '2025-04-10 09:00' }
	];

	it('30 days, with approval the approved days, never beyond 3 months from receipt', async () => {
		const get = await evaluate('tender-complaints', '2025-12-31', cases);
		expect(get('TD-DAYS', 'investigate')).toMatchObject({ status: 'breached', due_at: '2025-03-01T23:59:59.999+08:00' });
		expect(get('TD-DAYS', 'investigate').explanation).toContain('经批准延期，应自2025年1月10日起50日内（至2025年3月1日）');
		expect(get('TD-DAYS-OK', 'investigate')).toMatchObject({ status: 'met', due_at: '2025-03-01T23:59:59.999+08:00' });
		expect(get('TD-CAP', 'investigate')).toMatchObject({ status: 'breached', due_at: '2025-04-10T23:59:59.999+08:00' });
		expect(get('TD-CAP', 'investigate').explanation).toContain('3个月内（至2025年4月10日）');
		expect(get('TD-NODAYS', 'investigate')).toMatchObject({ status: 'met', due_at: '2025-04-10T23:59:59.999+08:00' });
	});
});

describe('tender-complaints 第十五条（二）6', () => {
	// 2025 劳动节: 5月1日–5日 off, Sun 4月27日 worked. Closed Fri 2025-04-25: 5 wd → 4月27日, 28, 29, 30, 5月6日 → due 2025-05-06.
	// Replied Thu 05-08: the working days after the due day up to the reply are 7 and 8 → 2 working days late.
	const named = { received_at: '2025-04-01 09:00', accepted_at: '2025-04-02 09:00', closed_at: '2025-04-25 10:00', complainant_name: '张三', complainant_phone: '13800000000' };
	const cases: CaseInput[] = [
		{ case_id: 'TG-MET', ...named, procedure: 'general', replied_at: '2025-05-06 16:00' },
		{ case_id: 'TG-LATE', ...named, procedure: 'general', replied_at: '2025-05-08 09:00' },
		{ case_id: 'TS-SIMPLE', ...named, procedure: 'simple', replied_at: '2025-06-30 09:00' },
		{ case_id: 'TA-ANON', ...named, complainant_name: '匿名', procedure: 'general', replied_at: '2025-06-30 09:00' },
		{ case_id: 'TA-NOPHONE', ...named, complainant_phone: null, procedure: 'general', replied_at: '2025-06-30 09:00' },
		{ case_id: 'TU-EMPTY', ...named, procedure: null, replied_at: '2025-06-30 09:00' },
		{ case_id: 'TU-WORD', ...named, procedure: '其他', replied_at: '2025-06-30 09:00' },
		{ case_id: 'TU-ANON', ...named, complainant_name: null, procedure: null, replied_at: '2025-06-30 09:00' }
	];

	it('the general procedure only, for a named complainant with a contact; an unknown procedure is no-data', async () => {
		const get = await evaluate('tender-complaints', '2025-12-31', cases);
		expect(get('TG-MET', 'reply-after-close')).toMatchObject({ status: 'met', clock_start: '2025-04-25T10:00:00+08:00', due_at: '2025-05-06T23:59:59.999+08:00' });
		expect(get('TG-LATE', 'reply-after-close')).toMatchObject({ status: 'breached', due_at: '2025-05-06T23:59:59.999+08:00', working_days_late: 2 });
		expect(get('TG-LATE', 'reply-after-close').explanation).toBe(
			'一般程序结案的署名举报应自2025年4月25日起5个工作日内（至2025年5月6日）答复举报人，实际于2025年5月8日答复，超期2个工作日' +
				'（劳动节假期5月1日至5日不计，4月27日调休上班计入，依据第十五条（二）6）。'
		);
		for (const id of ['TS-SIMPLE', 'TA-ANON', 'TA-NOPHONE', 'TU-ANON']) {
			const r = get(id, 'reply-after-close');
			expect(r.status, id).toBe('not-applicable');
			expect(r.explanation, id).toBe('不适用：本规则只适用于按一般程序办理、已结案、署名并留有有效联系方式的举报投诉（第十五条（二）6；（一）简易程序没有结案后答复的时限）。');
		}
		for (const id of ['TU-EMPTY', 'TU-WORD']) {
			const r = get(id, 'reply-after-close');
			expect(r, id).toMatchObject({ status: 'no-data', working_days_late: null, due_at: null });
			expect(r.explanation, id).toBe(
				'导出数据未记录本件适用简易程序还是一般程序，而第十五条只对一般程序规定结案后5个工作日内答复，无法判定本规则（数据不足）（依据第十五条（二）6）。'
			);
		}
		// the other rules do not depend on the procedure
		expect(get('TU-EMPTY', 'assign-handler').status).toBe('met');
	});

	it('an export without a procedure column: no-data naming the column, still not applicable when anonymous', async () => {
		const { carriedMask, CARRIED_BITS } = await import('../../src/lib/server/db/carried.ts');
		const mask = carriedMask(CARRIED_BITS.filter((f) => f !== 'procedure'));
		const get = await evaluate('tender-complaints', '2025-12-31', [
			{ case_id: 'TX-NAMED', ...named, replied_at: '2025-05-06 16:00', carried_mask: mask },
			{ case_id: 'TX-ANON', ...named, complainant_name: null, replied_at: '2025-05-06 16:00', carried_mask: mask }
		]);
		expect(get('TX-NAMED', 'reply-after-close')).toMatchObject({ status: 'no-data' });
		expect(get('TX-NAMED', 'reply-after-close').explanation).toBe('导出文件未包含“办理程序”，无法判定本规则（数据不足）（依据第十五条（二）6）。');
		expect(get('TX-ANON', 'reply-after-close').status).toBe('not-applicable');
	});

	it('the importer reads 处理程序 (简易/一般程序) and the export writes it back', async () => {
		const { importFile } = await import('../../src/lib/server/ingest/index.ts');
		const { exportCases } = await import('../../src/lib/server/ingest/export.ts');
		const fs = await import('node:fs');
		const path = await import('node:path');
		await t.db.run('DELETE FROM cases');
		const csv = path.join(t.dir, 'tender.csv');
		fs.writeFileSync(csv, [
			'投诉编号,受理时间,被投诉单位,投诉人,联系电话,办结时间,答复时间,处理程序',
			'P1,2025-04-01 09:00,县住建局,张三,13800000000,2025-04-25 10:00,2025-05-08 09:00,一般程序',
			'P2,2025-04-01 09:00,县住建局,李四,13800000001,2025-04-25 10:00,2025-05-08 09:00,简易',
			'P3,2025-04-01 09:00,县住建局,王五,13800000002,2025-04-25 10:00,2025-05-08 09:00,一般',
			'P4,2025-04-01 09:00,县住建局,赵六,13800000003,2025-04-25 10:00,2025-05-08 09:00,'
		].join('\n'));
		const report = await importFile(t.db, csv);
		expect(report).toMatchObject({ rows_imported: 4, rows_rejected: 0 });
		const pack = loadPack('tender-complaints');
		await evaluatePack(t.db, pack, { asOf: '2025-12-31' });
		const rows = await t.db.query<{ case_id: string; status: string }>(
			`SELECT case_id, status FROM compliance_results WHERE pack = 'tender-complaints' AND rule_id = 'reply-after-close' ORDER BY case_id`
		);
		// stored rows: the applicable and the no-data ones (P2, 简易程序, is not applicable and not stored)
		expect(rows).toEqual([
			{ case_id: 'P1', status: 'breached' },
			{ case_id: 'P3', status: 'breached' },
			{ case_id: 'P4', status: 'no-data' }
		]);
		const out = path.join(t.dir, 'export.csv');
		await exportCases(t.db, { out });
		const lines = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
		const header = lines[0].split(',');
		const at = header.indexOf('procedure');
		expect(at).toBeGreaterThan(0);
		expect(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')[at]])).toEqual([['P1', 'general'], ['P2', 'simple'], ['P3', 'general'], ['P4', '']]);
	});
});

describe('explanations', () => {
	it('cite the article, count seconds, give lateness over a day in working days', async () => {
		const get = await evaluate('property-service', '2025-12-31', [
			// callback due 2025-10-04 09:00 (24 h after closing), done one second later
			{ case_id: 'SEC', received_at: '2025-10-01 10:00', severity: '轻微', first_response_at: '2025-10-02 10:00:00', closed_at: '2025-10-03 09:00', callback_at: '2025-10-04 09:00:01' },
			// received Fri 2025-03-07 10:00, feedback due Sat 03-08 10:00, given Tue 03-11 09:00: the working days after
			// the due day up to the feedback day are Mon 10 and Tue 11 → 2 working days late
			{ case_id: 'DAYS', received_at: '2025-03-07 10:00', severity: '轻微', first_response_at: '2025-03-11 09:00' }
		]);
		expect(get('SEC', 'minor-callback').explanation).toBe(
			'已解决的轻微投诉应自2025年10月3日09:00起24小时内（至2025年10月4日09:00）回访住户，实际于2025年10月4日09:00回访，超期1秒（依据6.0）。'
		);
		expect(get('DAYS', 'minor-feedback')).toMatchObject({ status: 'breached', working_days_late: 2 });
		expect(get('DAYS', 'minor-feedback').explanation).toBe(
			'轻微投诉应自2025年3月7日10:00起24小时内（至2025年3月8日10:00）向住户反馈处理信息，实际于2025年3月11日09:00反馈，超期2个工作日（依据5.3.3）。'
		);
	});

	it('stay short for a long-open case: holidays and make-up days counted, not listed', async () => {
		// 转办 dispatched Fri 2024-12-20, still open on 2025-12-31. Due 2025-01-06 (10 wd, 元旦 off).
		// Holiday blocks in (2024-12-20, 2025-12-31] per the 2025 notice: 元旦 1月1日 (1), 春节 1月28日–2月4日 (8),
		// 清明 4月4日–6日 (3), 劳动节 5月1日–5日 (5), 端午 5月31日–6月2日 (3), 国庆中秋 10月1日–8日 (8) = 28 days, 6 blocks;
		// make-up days: 1月26日, 2月8日, 4月27日, 9月28日, 10月11日 = 5.
		const get = await evaluate('county-efficiency', '2025-12-31', [
			{ case_id: 'LONG', received_at: '2024-12-20 09:00', accepted_at: '2024-12-20 09:30', handling_mode: '转办', dispatched_at: '2024-12-20 10:00' }
		]);
		const r = get('LONG', 'transfer-reply');
		expect(r.status).toBe('open-overdue');
		expect(r.explanation).toMatch(/（节假日28天（6个假期）不计，调休上班5天计入，依据第二十五条）。$/);
	});

	it('name each pack document by one title in its source and every citation', async () => {
		const { listPacks } = await import('../../src/lib/server/compliance/index.ts');
		for (const { name } of listPacks()) {
			const pack = loadPack(name);
			const docs = [...new Set([pack.source.document, ...pack.rules.map((r) => r.citation.document), ...(pack.appraisal?.tiers ?? []).flatMap((x) => (x.citation ? [x.citation.document] : []))])];
			// a pack drawing on several documents names each by one title: no title is another's with a suffix (（篇1）)
			for (const a of docs) for (const b of docs) if (a !== b) expect(b.startsWith(a), `${name}: ${a} / ${b}`).toBe(false);
			if (pack.rules.every((r) => r.citation.seed === pack.source.seed)) expect(docs.length, name).toBeLessThanOrEqual(name === 'customer-service' || name === 'employee-grievance' ? 3 : 1);
		}
	});
});

describe('citations name the source document by one title everywhere', () => {
	it('the pack\'s title: the case timeline, the explanations, the bulletin and the appraisal workbook say the same', async () => {
		const { documentTitle, caseClocks } = await import('../../src/lib/server/compliance/index.ts');
		const { packInfo } = await import('../../src/lib/server/reports/pack.ts');
		const { appraisal } = await import('../../src/lib/server/appraisal/appraisal.ts');
		const { ADMIN } = await import('./fixtures.ts');
		const county = loadPack('county-efficiency');
		// the seed's own heading (佛冈县…) is the pack's source; the one title is the pack's title
		expect(county.source.document).toBe('佛冈县行政效能投诉处理暂行办法');
		const TITLE = '县行政效能投诉处理暂行办法';
		expect(county.title).toBe(TITLE);
		expect(documentTitle(county)).toBe(TITLE);
		for (const r of county.rules) expect(documentTitle(county, r.citation), r.id).toBe(TITLE);
		// book-title marks are the caller's: 《…》 in a title is not part of it
		expect(documentTitle({ ...county, title: `《${TITLE}》` })).toBe(TITLE);
		// a pack drawn from two documents names the other one as its rule cites it
		const cs = loadPack('customer-service');
		expect(documentTitle(cs, cs.rules.find((r) => r.id === 'quality-plan')!.citation)).toBe('公司产品投诉管理制度范本');
		expect(documentTitle(cs, cs.rules.find((r) => r.id === 'handle')!.citation)).toBe(cs.title);

		await evaluate('county-efficiency', '2025-12-31', [
			{ case_id: 'DOC-1', received_at: '2025-03-03 09:00', accepted_at: '2025-03-12 09:00', handling_mode: '转办', dispatched_at: '2025-03-03 10:00', person: '王某' }
		]);
		// the case timeline / compliance case page
		const clocks = await caseClocks(t.db, ADMIN, 'DOC-1', county, '2025-12-31');
		for (const c of clocks.clocks) expect(c.citation.document, c.rule_id).toBe(TITLE);
		// the bulletin's pack line
		expect((await packInfo('county-efficiency')).title).toBe(TITLE);
		// the appraisal workbook's 说明 sheet
		expect((await appraisal(t.db, ADMIN, { year: 2025, pack: county })).pack_title).toBe(TITLE);
		// an explanation that cites no numbered article names the document by the same title
		const due = await evaluate('source-due', '2013-12-31', [{ case_id: 'DOC-2', received_at: '2013-05-01 09:00', due_at: '2013-05-10 12:00:00', closed_at: '2013-05-10 13:00' }]);
		expect(due('DOC-2', 'due-by-source').explanation).toContain(`（依据《${documentTitle(loadPack('source-due'))}》）`);
		expect(documentTitle(loadPack('source-due'))).toBe('来源系统给定办理时限');
	});
});

describe('packs of the seeds\' other systems', () => {
	it('customer-service: 24 h and 5 working days (2.2), product quality 24 h and 7 working days (第五条)', async () => {
		// March 2025 has no holiday. Received Mon 03-03 10:00: 24 h → 03-04 10:00; 5 wd: 4, 5, 6, 7, 10 → 03-10;
		// 7 wd: … 11, 12 → 03-12.
		const get = await evaluate('customer-service', '2025-12-31', [
			{ case_id: 'CS-1', received_at: '2025-03-03 10:00', category: '服务态度', first_response_at: '2025-03-04 10:00:00', replied_at: '2025-03-11 09:00' },
			{ case_id: 'CS-Q', received_at: '2025-03-03 10:00', category: '产品质量', first_response_at: '2025-03-04 10:30', replied_at: '2025-03-12 17:00' }
		]);
		expect(get('CS-1', 'handle')).toMatchObject({ status: 'met', due_at: '2025-03-04T10:00:00+08:00' });
		expect(get('CS-1', 'notify-result')).toMatchObject({ status: 'breached', due_at: '2025-03-10T23:59:59.999+08:00', working_days_late: 1 });
		expect(get('CS-1', 'notify-result').explanation).toContain('依据2.2');
		expect(get('CS-1', 'quality-contact').status).toBe('not-applicable');
		expect(get('CS-Q', 'handle').status).toBe('not-applicable');
		expect(get('CS-Q', 'quality-contact')).toMatchObject({ status: 'breached' });
		expect(get('CS-Q', 'quality-contact').explanation).toContain('超期30分钟（依据第五条）');
		expect(get('CS-Q', 'quality-plan')).toMatchObject({ status: 'met', due_at: '2025-03-12T23:59:59.999+08:00' });
		expect(loadPack('customer-service').description).toContain('本规则包采用2.2');
	});

	it('employee-grievance: 15 or 30 working days (五), written result 5 working days after the decision (第九条)', async () => {
		// Received Fri 2025-09-26 (National Day 10月1日–8日 off, 9月28日 and 10月11日 worked): 15 wd → 10-23 (28, 29, 30,
		// 10月9, 10, 11, 13–17, 20–23); 30 wd → 11-13 (24, 27–31, 11月3–7, 10–13). Closed Mon 10-20: 5 wd → 21–24, 27 → 10-27.
		const get = await evaluate('employee-grievance', '2025-12-31', [
			{ case_id: 'EG-1', received_at: '2025-09-26 10:00', closed_at: '2025-10-20 10:00', replied_at: '2025-10-24 10:00' },
			{ case_id: 'EG-2', received_at: '2025-09-26 10:00', handling_mode: '牵头办理', replied_at: '2025-11-13 16:00' },
			{ case_id: 'EG-3', received_at: '2025-09-26 10:00', severity: '重大', replied_at: '2025-11-14 09:00' }
		]);
		expect(get('EG-1', 'general-reply')).toMatchObject({ status: 'breached', due_at: '2025-10-23T23:59:59.999+08:00', working_days_late: 1 });
		expect(get('EG-1', 'written-result')).toMatchObject({ status: 'met', due_at: '2025-10-27T23:59:59.999+08:00' });
		expect(get('EG-2', 'general-reply').status).toBe('not-applicable');
		expect(get('EG-2', 'multi-department-reply')).toMatchObject({ status: 'met', due_at: '2025-11-13T23:59:59.999+08:00' });
		expect(get('EG-3', 'major-reply')).toMatchObject({ status: 'breached', due_at: '2025-11-13T23:59:59.999+08:00', working_days_late: 1 });
		expect(get('EG-3', 'multi-department-reply').status).toBe('not-applicable');
		expect(loadPack('employee-grievance').description).toContain('本规则包采用第十条的5个工作日');
	});

	it('property-dispatch: dispatch within five minutes of the first report (第七条)', async () => {
		const get = await evaluate('property-dispatch', '2025-12-31', [
			{ case_id: 'PD-1', received_at: '2025-03-03 08:00:00', dispatched_at: '2025-03-03 08:05:00' },
			{ case_id: 'PD-2', received_at: '2025-03-03 08:00:00', dispatched_at: '2025-03-03 08:05:01' },
			{ case_id: 'PD-3', received_at: '2025-03-03 08:00:00', dispatched_at: '2025-03-03 08:12:00' }
		]);
		expect(get('PD-1', 'dispatch')).toMatchObject({ status: 'met', due_at: '2025-03-03T08:05:00+08:00' });
		expect(get('PD-2', 'dispatch').explanation).toBe(
			'投诉应自2025年3月3日08:00起5分钟内（至2025年3月3日08:05）调度相关部门处理，实际于2025年3月3日08:05调度，超期1秒（依据第七条）。'
		);
		expect(get('PD-3', 'dispatch').explanation).toContain('超期7分钟（依据第七条）');
	});

	it('are listed for the pack picker, offered to a county only when an admin adds them', async () => {
		const { offeredPackNames, validPackNames } = await import('../../src/lib/server/compliance/offered.ts');
		const added = ['customer-service', 'employee-grievance', 'property-dispatch'];
		expect(validPackNames()).toEqual(expect.arrayContaining(added));
		const offered = await offeredPackNames(t.db);
		expect(offered).toContain('county-efficiency');
		for (const p of added) expect(offered).not.toContain(p);
	});
});

describe('2027: no notice, statutory holidays known', () => {
	it('counts the statutory holidays and marks provisional only near them, only on working-day results', async () => {
		// 2027 春节 (by the 2024 办法): 2月5日 (除夕, Fri) – 8日, weekend days 6日, 7日 made up on 9日, 10日.
		// 转办 dispatched Mon 2027-02-01: 10 wd: 2, 3, 4 | 11, 12, 15, 16, 17, 18, 19 → 2027-02-19.
		// Dispatched Mon 2027-03-01: 10 wd → 03-15, more than 7 days from 清明 (4月5日): not provisional.
		const county = await evaluate('county-efficiency', '2027-12-31', [
			{ case_id: 'Y27-SF', received_at: '2027-02-01 09:00', accepted_at: '2027-02-01 09:30', handling_mode: '转办', dispatched_at: '2027-02-01 10:00', replied_at: '2027-02-19 10:00' },
			{ case_id: 'Y27-MAR', received_at: '2027-03-01 09:00', accepted_at: '2027-03-01 09:30', handling_mode: '转办', dispatched_at: '2027-03-01 10:00', replied_at: '2027-03-15 10:00' }
		]);
		const sf = county('Y27-SF', 'transfer-reply');
		expect(sf).toMatchObject({ status: 'met', provisional: true, due_at: '2027-02-19T23:59:59.999+08:00' });
		expect(sf.explanation).toContain('春节假期2月5日至10日不计');
		expect(sf.explanation).toContain('放假安排尚未公布');
		expect(county('Y27-MAR', 'transfer-reply')).toMatchObject({ status: 'met', provisional: false, due_at: '2027-03-15T23:59:59.999+08:00' });
		expect(county('Y27-MAR', 'transfer-reply').explanation).not.toContain('尚未公布');
		// a 24-hour limit on 除夕 does not depend on the working-day calendar
		const ps = await evaluate('property-service', '2027-12-31', [
			{ case_id: 'Y27-H', received_at: '2027-02-05 10:00', severity: '轻微', first_response_at: '2027-02-06 09:00' }
		]);
		expect(ps('Y27-H', 'minor-feedback')).toMatchObject({ status: 'met', provisional: false });
	});

	it('a limit in calendar days across 春节 2027 is not provisional; a working-day limit in the same pack is', async () => {
		// tender-complaints, received Wed 2027-01-20. 第十八条, 30 calendar days (no roll-forward): 20 + 30 → 2027-02-19,
		// whatever the 调休 turns out to be. 第十二条, 3 working days from Wed 2027-02-03: 4日 (Thu), then 春节 5日–10日
		// off (补假 9日, 10日), 11日, 12日 → 2027-02-12, within seven days of the holiday block: provisional.
		const get = await evaluate('tender-complaints', '2027-12-31', [
			{ case_id: 'Y27-CAL', received_at: '2027-01-20 10:00', accepted_at: '2027-01-21 09:00', closed_at: '2027-02-18 10:00' },
			{ case_id: 'Y27-WD', received_at: '2027-02-03 10:00', accepted_at: '2027-02-12 16:00', closed_at: '2027-02-20 10:00' }
		]);
		const cal = get('Y27-CAL', 'investigate');
		expect(cal).toMatchObject({ status: 'met', provisional: false, due_at: '2027-02-19T23:59:59.999+08:00' });
		expect(cal.explanation).not.toContain('临时');
		const wd = get('Y27-WD', 'assign-handler');
		expect(wd).toMatchObject({ status: 'met', provisional: true, due_at: '2027-02-12T23:59:59.999+08:00' });
		expect(wd.explanation).toContain('所涉年份国务院放假安排尚未公布，按法定节假日推算、调休未计，结果为临时');
	});
});

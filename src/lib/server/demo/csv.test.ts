import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_COLUMNS, DIRTY_KINDS, writeDemoCsv } from './csv.ts';
import { generateCases, toCanonicalRecord } from './generate.ts';

const TODAY = '2026-11-22';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-csv-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function parse(text: string): string[][] {
	const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
	expect(result.errors).toEqual([]);
	return result.data;
}

/** Reads back any of the date formats the writer uses as 'YYYY-MM-DD HH:MM[:SS]' or 'YYYY-MM-DD'. */
function readDate(value: string): string {
	let m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
	if (m) return value;
	m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(value);
	if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')} ${m[4].padStart(2, '0')}:${m[5]}`;
	m = /^(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})$/.exec(value);
	if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')} ${m[4]}:${m[5]}`;
	m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
	if (m) return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
	throw new Error(`unexpected date format: ${value}`);
}

const TIME_COLUMNS: Record<string, string> = {
	受理时间: 'received_at',
	受理决定时间: 'accepted_at',
	转办时间: 'dispatched_at',
	首次反馈时间: 'first_response_at',
	办结时间: 'closed_at',
	答复时间: 'replied_at',
	报备时间: 'filed_report_at',
	回访时间: 'callback_at',
	延期申请时间: 'extension_requested_at',
	延期批准时间: 'extension_approved_at'
};

describe('writeDemoCsv', () => {
	it('round-trips through GB18030 with CRLF, quoted multi-line contents and the generator’s values', async () => {
		const file = path.join(dir, 'gb.csv');
		const result = await writeDemoCsv(file, { rows: 3000, seed: 3, encoding: 'gb18030', today: TODAY });
		expect(result.rows).toBe(3000);
		const bytes = fs.readFileSync(file);
		expect(result.bytes).toBe(bytes.length);
		// GB18030, not UTF-8: the header's first character 投 is 0xCD 0xB6
		expect([...bytes.subarray(0, 2)]).toEqual([0xcd, 0xb6]);
		const text = iconv.decode(bytes, 'gb18030');
		expect(text.split('\r\n')[0]).toBe(DEMO_COLUMNS.map((c) => c.standard).join(','));
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = parse(text);
		expect(rows).toHaveLength(3001);
		const header = rows[0];
		const col = (name: string) => header.indexOf(name);
		const generator = generateCases({ rows: 3000, seed: 3, today: TODAY });
		let i = 1;
		let multiLine = 0;
		let withQuotes = 0;
		let withComma = 0;
		for (const c of generator) {
			const row = rows[i++];
			const canonical = toCanonicalRecord(generator, c);
			expect(row).toHaveLength(DEMO_COLUMNS.length);
			expect(row[col('投诉编号')]).toBe(c.caseId);
			expect(row[col('被投诉单位')]).toBe(c.unitLabel);
			expect(row[col('投诉内容')]).toBe(c.content);
			expect(row[col('联系电话')].replace(/[- ]/g, '')).toBe(c.complainantPhone ?? '');
			expect(row[col('办理方式')]).toBe(c.handlingMode);
			expect(row[col('是否延期')]).toBe(c.extensionApproved ? '是' : '否');
			for (const [header, field] of Object.entries(TIME_COLUMNS)) {
				const cell = row[col(header)];
				const expected = canonical[field] as string | null;
				if (expected === null) expect(cell).toBe('');
				else {
					const read = readDate(cell);
					expect(expected.startsWith(read)).toBe(true);
				}
			}
			if (c.content.includes('\n')) multiLine++;
			if (c.content.includes('"')) withQuotes++;
			if (c.content.includes(',')) withComma++;
		}
		expect(multiLine).toBeGreaterThan(0);
		expect(withQuotes).toBeGreaterThan(0);
		expect(withComma).toBeGreaterThan(0);
		// Several date formats, as real exports mix them
		expect(rows[1][col('受理决定时间')]).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/);
		expect(rows.some((r) => /^\d{14}$/.test(r[col('回访时间')]))).toBe(true);
		expect(rows.some((r) => /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(r[col('报备时间')]))).toBe(true);
	});

	it('writes one ISO format everywhere when asked, the alternate headers, and a UTF-8 BOM', async () => {
		const file = path.join(dir, 'iso.csv');
		await writeDemoCsv(file, { rows: 500, seed: 4, dateStyle: 'iso', headerStyle: 'alternate', bom: true, today: TODAY });
		const bytes = fs.readFileSync(file);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parse(bytes.toString('utf8').slice(1));
		expect(rows[0]).toEqual(DEMO_COLUMNS.map((c) => c.alternate));
		const timeIndices = ['来电时间', '签收时间', '派单时间', '结案时间', '回复时间', '回访时间'].map((h) => rows[0].indexOf(h));
		for (const row of rows.slice(1)) for (const i of timeIndices) expect(row[i]).toMatch(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/);
	});

	it('makes about 1% of rows dirty, every kind at least once, spread through the file', async () => {
		const file = path.join(dir, 'dirty.csv');
		const result = await writeDemoCsv(file, { rows: 2000, seed: 8, encoding: 'gb18030', dirty: true, today: TODAY });
		const total = DIRTY_KINDS.reduce((s, k) => s + result.dirty[k].length, 0);
		expect(total).toBe(20);
		for (const kind of DIRTY_KINDS) expect(result.dirty[kind].length).toBeGreaterThanOrEqual(2);
		const rows = parse(iconv.decode(fs.readFileSync(file), 'gb18030'));
		expect(rows).toHaveLength(2001);
		const header = rows[0];
		const ids = rows.slice(1).map((r) => r[header.indexOf('投诉编号')]);
		expect(ids.filter((id) => id === '').length).toBe(result.dirty['missing-id'].length);
		expect(ids.length - new Set(ids.filter(Boolean)).size - result.dirty['missing-id'].length).toBe(result.dirty['duplicate-id'].length);
		const units = rows.slice(1).map((r) => r[header.indexOf('被投诉单位')]);
		expect(units.filter((u) => u === '').length).toBe(result.dirty['missing-unit'].length);
		expect(units.filter((u) => u !== u.trim()).length).toBe(result.dirty['padded-unit'].length);
		const received = rows.slice(1).map((r) => r[header.indexOf('受理时间')]);
		expect(received.filter((r) => r.includes('-13-45')).length).toBe(result.dirty['bad-date'].length);
		expect(received.filter((r) => /[０-９]/.test(r)).length).toBe(result.dirty['full-width-digits'].length);
		const closedBefore = rows.slice(1).filter((r) => {
			const closed = r[header.indexOf('办结时间')];
			const recv = r[header.indexOf('受理时间')];
			return closed !== '' && /^\d{4}-\d{2}-\d{2}/.test(recv) && !recv.includes('-13-45') && closed < recv;
		});
		expect(closedBefore.length).toBe(result.dirty['closed-before-received'].length);
		// spread: dirty rows in both halves of the file
		const firstHalf = new Set(ids.slice(0, 1000));
		expect(result.dirty['bad-date'].some((id) => firstHalf.has(id)) || result.dirty['missing-unit'].some((id) => firstHalf.has(id))).toBe(true);
	});

	it('leaves no temporary file behind and replaces an existing file whole', async () => {
		const file = path.join(dir, 'replace.csv');
		fs.writeFileSync(file, 'old');
		await writeDemoCsv(file, { rows: 50, seed: 1, today: TODAY });
		expect(fs.readFileSync(file, 'utf8').startsWith('投诉编号')).toBe(true);
		expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	});
});

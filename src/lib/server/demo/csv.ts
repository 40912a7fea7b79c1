// Writes generated cases as a CSV export the way complaint systems write them: Chinese headers, CRLF,
// quoted multi-line contents, mixed date formats, UTF-8 or GB18030, optionally with dirty rows.
// Streams in chunks with backpressure, so a million rows (≈290 MB) take seconds and flat memory.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { generateCases, type DemoCase } from './generate.ts';
import { SECONDS_PER_DAY, type DateStyle } from './format.ts';
import { Random } from './random.ts';

export type HeaderStyle = 'standard' | 'alternate';

export interface WriteDemoCsvOptions {
	rows: number;
	seed?: number;
	encoding?: 'utf-8' | 'gb18030';
	/**
	 * Make about 1% of the rows (at least one of each DirtyKind) deliberately dirty, evenly spread through the
	 * file and cycling through the kinds, so every kind is present and the count is predictable.
	 */
	dirty?: boolean;
	/** 'standard' uses 投诉编号/受理时间/…; 'alternate' the other common variants (工单编号/来电时间/…). */
	headerStyle?: HeaderStyle;
	/** 'mixed' (default): each time column in the format real exports use for it; 'iso': all 'YYYY-MM-DD HH:MM:SS'. */
	dateStyle?: 'mixed' | 'iso';
	/** Write a UTF-8 byte-order mark (as Excel's "CSV UTF-8" does). */
	bom?: boolean;
	/** The export date (Shanghai); defaults to today. */
	today?: string;
	/** Case id prefix (default 'TS'); a different prefix keeps a sample from overlapping another data set. */
	idPrefix?: string;
	/** Called every few thousand rows. */
	onProgress?: (rowsWritten: number, rowsTotal: number) => void;
}

export const DIRTY_KINDS = [
	'missing-unit',
	'bad-date',
	'closed-before-received',
	'full-width-digits',
	'duplicate-id',
	'missing-id',
	'padded-unit'
] as const;
export type DirtyKind = (typeof DIRTY_KINDS)[number];

export interface WriteDemoCsvResult {
	path: string;
	/** Data rows written (the header line not counted). */
	rows: number;
	bytes: number;
	encoding: 'utf-8' | 'gb18030';
	/** The generated case ids of the rows that were made dirty, by kind (a duplicate-id row carries its predecessor's id). */
	dirty: Record<DirtyKind, string[]>;
	seconds: number;
}

interface Column {
	standard: string;
	alternate: string;
}

/** Header variants per column, in file order. */
export const DEMO_COLUMNS: readonly Column[] = [
	{ standard: '投诉编号', alternate: '工单编号' },
	{ standard: '受理时间', alternate: '来电时间' },
	{ standard: '投诉渠道', alternate: '来源' },
	{ standard: '投诉人', alternate: '来电人' },
	{ standard: '联系电话', alternate: '来电号码' },
	{ standard: '身份证号', alternate: '身份证号' },
	{ standard: '被投诉单位', alternate: '承办单位' },
	{ standard: '被投诉人', alternate: '责任人' },
	{ standard: '投诉类别', alternate: '问题类型' },
	{ standard: '办理方式', alternate: '办理方式' },
	{ standard: '投诉等级', alternate: '重要程度' },
	{ standard: '受理决定时间', alternate: '签收时间' },
	{ standard: '转办时间', alternate: '派单时间' },
	{ standard: '首次反馈时间', alternate: '首次联系时间' },
	{ standard: '办结时间', alternate: '结案时间' },
	{ standard: '答复时间', alternate: '回复时间' },
	{ standard: '报备时间', alternate: '书面报告时间' },
	{ standard: '回访时间', alternate: '回访时间' },
	{ standard: '是否延期', alternate: '延期' },
	{ standard: '延期天数', alternate: '延期天数' },
	{ standard: '延期申请时间', alternate: '延期申请时间' },
	{ standard: '延期批准时间', alternate: '延期批准时间' },
	{ standard: '处理结果', alternate: '核查结论' },
	{ standard: '满意度', alternate: '回访结果' },
	{ standard: '投诉内容', alternate: '诉求内容' },
	// last, so the columns before it keep their places in older scripts that read the demo export by position
	{ standard: '二级分类', alternate: '诉求小类' }
];

/** The format each time column is written in ('mixed' style), as different modules of one system do. */
const MIXED_STYLES = {
	received: 'iso',
	accepted: 'slash',
	dispatched: 'iso-minutes',
	firstResponse: 'slash',
	closed: 'iso-minutes',
	replied: 'iso',
	filedReport: 'chinese',
	callback: 'compact',
	extensionRequested: 'iso-minutes',
	extensionApproved: 'iso-minutes'
} as const satisfies Record<string, DateStyle>;
type TimeColumn = keyof typeof MIXED_STYLES;

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
function toFullWidthDigits(s: string): string {
	let out = '';
	for (const ch of s) out += ch >= '0' && ch <= '9' ? FULL_WIDTH_DIGITS[ch.charCodeAt(0) - 48] : ch;
	return out;
}

function quote(s: string): string {
	return '"' + (s.includes('"') ? s.replaceAll('"', '""') : s) + '"';
}

const ROWS_PER_CHUNK = 512;

/** Streams `rows` generated cases to `file` (written under a temporary name, then renamed). */
export async function writeDemoCsv(file: string, options: WriteDemoCsvOptions): Promise<WriteDemoCsvResult> {
	const started = performance.now();
	const encoding = options.encoding ?? 'utf-8';
	const headerStyle = options.headerStyle ?? 'standard';
	const mixed = (options.dateStyle ?? 'mixed') === 'mixed';
	const generator = generateCases({ rows: options.rows, seed: options.seed, today: options.today, idPrefix: options.idPrefix });
	const fmt = generator.formatter;
	const style = (column: TimeColumn): DateStyle => (mixed ? MIXED_STYLES[column] : 'iso');
	const styles = Object.fromEntries(Object.keys(MIXED_STYLES).map((k) => [k, style(k as TimeColumn)])) as Record<TimeColumn, DateStyle>;
	const noise = new Random((generator.seed ^ 0xc5f) >>> 0);
	const dirty = Object.fromEntries(DIRTY_KINDS.map((k) => [k, [] as string[]])) as Record<DirtyKind, string[]>;

	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const temp = `${file}.${process.pid}.tmp`;
	const out = fs.createWriteStream(temp);
	let bytes = 0;
	const write = async (text: string) => {
		const buffer = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
		bytes += buffer.length;
		if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', resolve));
	};

	const finished = new Promise<void>((resolve, reject) => {
		out.on('finish', resolve);
		out.on('error', reject);
	});

	try {
		const header = DEMO_COLUMNS.map((c) => c[headerStyle]).join(',') + '\r\n';
		await write((options.bom && encoding === 'utf-8' ? '\ufeff' : '') + header);
		let chunk = '';
		let inChunk = 0;
		let written = 0;
		let previousId: string | null = null;
		const dirtyCount = options.dirty ? Math.min(options.rows, Math.max(DIRTY_KINDS.length, Math.round(options.rows * 0.01))) : 0;
		const dirtyEvery = dirtyCount > 0 ? options.rows / dirtyCount : 0;
		let nextDirty = dirtyCount > 0 ? Math.floor(dirtyEvery / 2) : -1;
		let dirtyDone = 0;
		for (const c of generator) {
			let kind: DirtyKind | null = null;
			// never the first row: a duplicate id needs a predecessor
			if (written === nextDirty && written > 0) {
				kind = DIRTY_KINDS[dirtyDone % DIRTY_KINDS.length];
				dirtyDone++;
				nextDirty = dirtyDone < dirtyCount ? Math.max(written + 1, Math.floor(dirtyEvery / 2 + dirtyDone * dirtyEvery)) : -1;
			} else if (written === nextDirty) nextDirty++;
			chunk += row(c, styles, mixed, noise, kind, previousId);
			if (kind) dirty[kind].push(c.caseId);
			previousId = c.caseId;
			written++;
			if (++inChunk === ROWS_PER_CHUNK) {
				await write(chunk);
				chunk = '';
				inChunk = 0;
				if (options.onProgress && written % (ROWS_PER_CHUNK * 16) === 0) options.onProgress(written, options.rows);
			}
		}
		if (chunk) await write(chunk);
		options.onProgress?.(written, options.rows);
		out.end();
		await finished;
		fs.renameSync(temp, file);
		return { path: file, rows: written, bytes, encoding, dirty, seconds: (performance.now() - started) / 1000 };
	} catch (e) {
		out.destroy();
		fs.rmSync(temp, { force: true });
		throw e;
	}

	function row(
		c: DemoCase,
		st: Record<TimeColumn, DateStyle>,
		mixedDates: boolean,
		random: Random,
		kind: DirtyKind | null,
		previous: string | null
	): string {
		let caseId = c.caseId;
		// A few clerks type the receipt time by hand in the slash form.
		let received = fmt.format(c.receivedAt, mixedDates && random.chance(0.015) ? 'slash' : st.received);
		let phone = c.complainantPhone ?? '';
		if (phone && random.chance(0.06)) phone = random.chance(0.6) ? `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` : `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
		let unit = c.unitLabel;
		let closed = fmt.formatOrEmpty(c.closedAt, st.closed);
		switch (kind) {
			case 'missing-unit':
				unit = '';
				break;
			case 'bad-date':
				received = `${fmt.day(Math.floor(c.receivedAt / SECONDS_PER_DAY)).slice(0, 4)}-13-45 10:00:00`;
				break;
			case 'closed-before-received':
				closed = fmt.format(c.receivedAt - 3 * SECONDS_PER_DAY, 'iso');
				break;
			case 'full-width-digits':
				received = toFullWidthDigits(received);
				phone = toFullWidthDigits(phone || '13800000000');
				break;
			case 'duplicate-id':
				if (previous) caseId = previous;
				break;
			case 'missing-id':
				caseId = '';
				break;
			case 'padded-unit':
				unit = `　${unit} `;
				break;
		}
		return (
			caseId +
			',' +
			received +
			',' +
			c.channel +
			',' +
			(c.complainantName ?? '') +
			',' +
			phone +
			',' +
			(c.complainantIdNo ?? '') +
			',' +
			unit +
			',' +
			(c.person ?? '') +
			',' +
			c.category +
			',' +
			c.handlingMode +
			',' +
			c.severity +
			',' +
			fmt.formatOrEmpty(c.acceptedAt, st.accepted) +
			',' +
			fmt.formatOrEmpty(c.dispatchedAt, st.dispatched) +
			',' +
			fmt.formatOrEmpty(c.firstResponseAt, st.firstResponse) +
			',' +
			closed +
			',' +
			fmt.formatOrEmpty(c.repliedAt, st.replied) +
			',' +
			fmt.formatOrEmpty(c.filedReportAt, st.filedReport) +
			',' +
			fmt.formatOrEmpty(c.callbackAt, st.callback) +
			',' +
			(c.extensionApproved ? '是' : '否') +
			',' +
			(c.extensionDays ?? '') +
			',' +
			fmt.formatOrEmpty(c.extensionRequestedAt, st.extensionRequested) +
			',' +
			fmt.formatOrEmpty(c.extensionApprovedAt, st.extensionApproved) +
			',' +
			(c.outcome ?? '') +
			',' +
			(c.satisfaction ?? '') +
			',' +
			quote(c.content) +
			',' +
			c.subCategory +
			'\r\n'
		);
	}
}

// Decode step for Excel: the first worksheet of an XLSX workbook, read with exceljs's streaming reader, written
// as the same line-prefixed UTF-8 CSV the text path produces (the prefix is the sheet's row number).
// Date-typed cells become 'YYYY-MM-DD HH:MM:SS' wall-clock text; plain numbers stay numbers (serials are parsed in SQL).
import fs from 'node:fs';
import { UserInputError } from '../errors.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';

export interface XlsxResult {
	headers: string[];
	records: number;
}

/** The text of a cell as the analyst saw it. Dates: exceljs gives the sheet's wall-clock time as a UTC instant. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return '';
		const iso = value.toISOString();
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
	}
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (typeof value === 'object') {
		const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; hyperlink?: string };
		if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
		if (v.text !== undefined) return cellText(v.text);
		if (v.result !== undefined) return cellText(v.result);
		if (v.error) return String(v.error);
		if (v.hyperlink) return String(v.hyperlink);
		return '';
	}
	return String(value);
}

function csvField(s: string): string {
	return /[",\n\r]/.test(s) || /^\s/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Streams the first sheet to `out`; rows are prefixed with their sheet row number. */
export async function xlsxToPrefixedCsv(
	src: string,
	out: string,
	opts: { displayName: string; onProgress?: (fraction: number) => void }
): Promise<XlsxResult> {
	const { default: ExcelJS } = await import('exceljs');
	const size = fs.statSync(src).size;
	const input = fs.createReadStream(src);
	let readBytes = 0;
	input.on('data', (b) => {
		readBytes += b.length;
		opts.onProgress?.(size > 0 ? Math.min(1, readBytes / size) : 1);
	});
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
		worksheets: 'emit',
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'ignore'
	});
	const output = fs.createWriteStream(out);
	let headers: string[] | null = null;
	let records = 0;
	let buffer: string[] = [];
	const flush = async () => {
		if (buffer.length === 0) return;
		const ok = output.write(buffer.join(''));
		buffer = [];
		if (!ok) await new Promise<void>((r) => output.once('drain', () => r()));
	};
	try {
		for await (const worksheet of reader) {
			for await (const row of worksheet) {
				const values = row.values as unknown[];
				const cells: string[] = [];
				for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
				if (!cells.some((x) => x.trim() !== '')) continue;
				if (headers === null) {
					headers = cells.map((h) => h.trim());
					continue;
				}
				while (cells.length < headers.length) cells.push('');
				records++;
				buffer.push(`${row.number},${cells.map(csvField).join(',')}\n`);
				if (buffer.length >= 2000) await flush();
			}
			break; // the first worksheet only
		}
		await flush();
		await new Promise<void>((resolve, reject) => output.end((err?: Error | null) => (err ? reject(err) : resolve())));
	} catch (e) {
		output.destroy();
		input.destroy();
		if (e instanceof UserInputError) throw e;
		throw new UserInputError('xlsx_unreadable', ingestText.xlsxUnreadable((e as Error).message ?? String(e)), { file: opts.displayName });
	}
	if (!headers) throw new UserInputError('xlsx_empty', ingestText.xlsxEmpty, { file: opts.displayName });
	return { headers, records };
}

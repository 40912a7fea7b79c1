import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/types.ts';
import { discardUpload, getUpload, receiveUpload, sniffContent, UploadTooLargeError } from './jobs.ts';

const analyst: SessionUser = { userId: 1, name: 'analyst', displayName: null, role: 'analyst', units: [], pii: true };
const other: SessionUser = { ...analyst, userId: 2, name: 'other' };

/** A body arriving in chunks without a declared length (chunked transfer encoding). */
function chunked(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
	let i = 0;
	return new ReadableStream({
		pull(controller) {
			if (i < chunks.length) controller.enqueue(chunks[i++]);
			else controller.close();
		}
	});
}

describe('receiveUpload', () => {
	it('streams the body to a temp file named only by its extension, owned by the uploader', async () => {
		const text = Buffer.from('投诉编号,受理时间\nA-1,2025-10-08\n', 'utf8');
		const upload = await receiveUpload(chunked([text.subarray(0, 5), text.subarray(5)]), { fileName: '../../etc/十月导出.CSV', owner: 'analyst' });
		expect(upload.fileName).toBe('十月导出.CSV');
		expect(upload.path.endsWith('upload.csv')).toBe(true);
		expect(fs.readFileSync(upload.path).equals(text)).toBe(true);
		expect(upload.bytes).toBe(text.length);
		expect(getUpload(upload.id, analyst)?.id).toBe(upload.id);
		expect(getUpload(upload.id, other)).toBeUndefined();
		discardUpload(upload.id);
		expect(fs.existsSync(upload.dir)).toBe(false);
	});

	it('stops a body without a declared length as soon as it passes the limit, leaving nothing behind', async () => {
		const before = fs.readdirSync(os.tmpdir()).filter((f: string) => f.startsWith('complaints-upload-')).length;
		const chunk = new Uint8Array(4096).fill(0x41);
		let pulled = 0;
		const endless = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				controller.enqueue(chunk);
			}
		});
		await expect(receiveUpload(endless, { fileName: 'a.csv', owner: 'analyst', maxBytes: 10_000 })).rejects.toBeInstanceOf(UploadTooLargeError);
		expect(pulled).toBeLessThan(10);
		const after = fs.readdirSync(os.tmpdir()).filter((f: string) => f.startsWith('complaints-upload-')).length;
		expect(after).toBe(before);
	});

	it('refuses a declared length over the limit before reading', async () => {
		await expect(receiveUpload(chunked([]), { fileName: 'a.csv', owner: 'analyst', declaredBytes: 2 ** 31, maxBytes: 1024 })).rejects.toThrow(/上限/);
	});

	it('refuses other extensions and empty bodies with Chinese messages', async () => {
		await expect(receiveUpload(chunked([new Uint8Array([1])]), { fileName: 'x.exe', owner: 'analyst' })).rejects.toThrow(/类型不受支持/);
		await expect(receiveUpload(chunked([]), { fileName: 'x.csv', owner: 'analyst' })).rejects.toThrow(/空/);
	});
});

describe('sniffContent', () => {
	const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
	it('wants a zip container behind .xlsx', () => {
		expect(() => sniffContent(zip, 'xlsx', 'a.xlsx')).not.toThrow();
		expect(() => sniffContent(Buffer.from('a,b\n'), 'xlsx', 'a.xlsx')).toThrow(/不是 Excel 工作簿/);
	});
	it('refuses binary content behind a text extension (workbook, old .xls, UTF-16)', () => {
		expect(() => sniffContent(zip, 'text', 'a.csv')).toThrow(/不是文本文件/);
		expect(() => sniffContent(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), 'text', 'a.csv')).toThrow(/不是文本文件/);
		expect(() => sniffContent(new Uint8Array(Buffer.from('\ufeff投诉', 'utf16le')), 'text', 'a.csv')).toThrow(/不是文本文件/);
		expect(() => sniffContent(new Uint8Array(Buffer.from('编号,时间\n1,2', 'utf16le')), 'text', 'a.csv')).toThrow(/不是文本文件/);
		expect(() => sniffContent(new Uint8Array([0xcd, 0xb6, 0xcb, 0xdf]), 'text', 'a.csv')).not.toThrow();
	});
});

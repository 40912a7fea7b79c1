import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { gb18030ToUtf8 } from './transcode.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcode-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function transcode(file: string, chunk: number): Promise<{ text: string; read: number; pieces: number }> {
	const parts: Buffer[] = [];
	let read = 0;
	for await (const piece of gb18030ToUtf8(file, chunk)) {
		parts.push(piece.chunk);
		read += piece.read;
	}
	return { text: Buffer.concat(parts).toString('utf8'), read, pieces: parts.length };
}

describe('GB18030 on a worker thread', () => {
	const text = '投诉编号,被投诉单位,投诉内容\r\nA1,县住建局,"物业费（２０２５年）乱收费，€ 与 𠮷 也在"\r\n'.repeat(200);
	const file = path.join(dir, 'gb.csv');
	fs.writeFileSync(file, iconv.encode(text, 'gb18030'));

	it('gives the same text as a whole-file decode, whatever the chunk size, and accounts for every byte', async () => {
		for (const chunk of [7, 64, 1 << 20]) {
			const out = await transcode(file, chunk);
			expect(out.text).toBe(text);
			expect(out.read).toBe(fs.statSync(file).size);
		}
	});

	it('reports a file it cannot read', async () => {
		await expect(transcode(path.join(dir, 'missing.csv'), 64)).rejects.toThrow(/ENOENT/);
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFile } from './decode.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(name: string, content: string | Buffer) {
	const file = path.join(dir, name);
	fs.writeFileSync(file, content);
	const decoded = await decodeFile(file, { direct: true });
	try {
		const scan = decoded.direct ? await decoded.direct.takeScan() : null;
		// the record start lines as a plain list, for comparison
		const lines = scan?.ok ? { ok: true, starts: scan.starts.toArray() } : scan;
		return { direct: decoded.direct?.newline ?? null, scan: lines, headers: decoded.headers };
	} finally {
		decoded.cleanup();
	}
}

describe('reading an export as it is', () => {
	it('is chosen for UTF-8 with LF or CRLF, and gives the line each record starts on', async () => {
		const lf = await read('lf.csv', 'a,b\n1,"x\ny"\n\n2,z\n3,w');
		expect(lf.direct).toBe('\n');
		expect(lf.scan).toEqual({ ok: true, starts: [2, 5, 6] });
		const crlf = await read('crlf.csv', '\uFEFFa,b\r\n1,"x\ny"\r\n2,z\r\n');
		expect(crlf.direct).toBe('\r\n');
		expect(crlf.headers).toEqual(['a', 'b']);
		expect(crlf.scan).toEqual({ ok: true, starts: [2, 4] });
	});

	it('gives way to the rewrite when CRs would be read differently, or the header spans lines', async () => {
		expect((await read('mixed.csv', 'a,b\r\n1,x\n2,y\r\n')).scan).toMatchObject({ ok: false });
		expect((await read('cr-in-quotes.csv', 'a,b\r\n1,"x\r\ny"\r\n')).scan).toMatchObject({ ok: false });
		expect((await read('stray-cr.csv', 'a,b\n1,x\ry\n')).scan).toMatchObject({ ok: false });
		expect((await read('blank-crlf.csv', 'a,b\r\n\r\n1,x\r\n')).scan).toMatchObject({ ok: false });
		expect((await read('header.csv', '"a\nb",c\n1,2\n')).direct).toBeNull();
		expect((await read('gb.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xd6, 0xd0, 0x2c, 0x31, 0x0a]))).direct).toBeNull();
	});
});

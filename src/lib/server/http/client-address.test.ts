import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, resolveClientAddress } from './client-address.ts';

describe('the client address', () => {
	const none = parseTrustedProxies(undefined);
	const proxy = parseTrustedProxies('10.0.0.5, ::1, not-an-address');

	it('is the socket address when no proxy is trusted, whatever the client writes in X-Forwarded-For', () => {
		expect(resolveClientAddress('192.0.2.7', '203.0.113.9', none)).toBe('192.0.2.7');
		expect(resolveClientAddress('::ffff:192.0.2.7', null, none)).toBe('192.0.2.7');
	});

	it('is the address a trusted proxy saw: the right-most X-Forwarded-For entry that is not a trusted proxy', () => {
		expect([...proxy]).toEqual(['10.0.0.5', '::1']);
		expect(resolveClientAddress('10.0.0.5', '203.0.113.9', proxy)).toBe('203.0.113.9');
		// a client-forged first entry is not believed: the proxy appended the real peer after it
		expect(resolveClientAddress('10.0.0.5', '198.51.100.1, 203.0.113.9', proxy)).toBe('203.0.113.9');
		// two trusted hops
		expect(resolveClientAddress('::ffff:10.0.0.5', '203.0.113.9, ::1', proxy)).toBe('203.0.113.9');
	});

	it('ignores X-Forwarded-For from a peer that is not a trusted proxy, and garbage from one that is', () => {
		expect(resolveClientAddress('192.0.2.7', '203.0.113.9', proxy)).toBe('192.0.2.7');
		expect(resolveClientAddress('10.0.0.5', 'evil', proxy)).toBe('10.0.0.5');
		expect(resolveClientAddress('10.0.0.5', '', proxy)).toBe('10.0.0.5');
	});
});

describe('one client address for the whole app', () => {
	it('no route asks adapter-node for the address itself (it would bypass the trusted-proxy rule): only hooks.server.ts', async () => {
		const { readdirSync, readFileSync } = await import('node:fs');
		const { join } = await import('node:path');
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const e of readdirSync(dir, { withFileTypes: true })) {
				const p = join(dir, e.name);
				if (e.isDirectory()) walk(p);
				else if (/\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts') && /getClientAddress/.test(readFileSync(p, 'utf8'))) offenders.push(p);
			}
		};
		walk('src/routes');
		walk('src/lib');
		expect(offenders).toEqual([]);
	});
});

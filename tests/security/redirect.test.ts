// Issue 17, open redirect: after log-in only same-origin paths are followed. A browser parses the Location header
// with the WHATWG URL parser (tabs and line breaks dropped, `\` read as `/`), so the property checks the target
// the way a browser would follow it, from a page of ours.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from '../../src/lib/server/auth/cookie.ts';

const ORIGIN = 'https://app.example';

/** Where a browser on one of our pages goes when it follows `Location: target`. */
function followed(target: string): URL {
	return new URL(target, ORIGIN + '/login?redirectTo=x');
}

const PIECES = [
	'/', '//', '\\', '\\\\', '\t', '\n', '\r', ' ', '\u0000', '\u000b', '\u00a0', '\u3000', '\ufeff', '／', '．', '%2F', '%2f', '%5C', '%09', '%0A',
	'%252F', '.', '..', './', '../', 'evil.example', 'evil.example:443', '@', ':', 'http:', 'https:', 'javascript:', 'alert(1)', '#', '?',
	'cases', 'login', '%00', '@evil.example', 'user:pass@', '[::1]', 'xn--', '0x7f.1'
];

const nasty = fc
	.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 })
	.map((parts) => parts.join(''))
	.chain((s) => fc.constantFrom(s, '/' + s, decodeSafely(s)));

function decodeSafely(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

describe('safeRedirectTarget', () => {
	it('never leaves our origin, whatever is typed (property)', () => {
		fc.assert(
			fc.property(fc.oneof(nasty, fc.string(), fc.string({ unit: 'binary' })), (input) => {
				const target = safeRedirectTarget(input);
				expect(target.startsWith('/')).toBe(true);
				expect(target.startsWith('//')).toBe(false);
				expect(target).not.toMatch(/[\u0000-\u0020\\\u007f]/);
				const url = followed(target);
				expect(url.origin).toBe(ORIGIN);
				// And it is a path of ours as the browser sees it, not the log-in page again.
				expect(url.pathname === '/login' || url.pathname.startsWith('/login/')).toBe(false);
			}),
			{ numRuns: 5000 }
		);
	});

	it('refuses the known tricks', () => {
		for (const bad of [
			'/\t/evil.example/phish',
			decodeURIComponent('%2F%09%2Fevil.example%2Fphish'),
			'/\n/evil.example',
			'/\r\n/evil.example',
			'//evil.example',
			'/\\evil.example',
			'\\\\evil.example',
			'/.//evil.example',
			'/./\\evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			' /evil',
			'/login',
			'/login?redirectTo=//evil.example'
		]) {
			expect(followed(safeRedirectTarget(bad)).origin, JSON.stringify(bad)).toBe(ORIGIN);
			expect(safeRedirectTarget(bad), JSON.stringify(bad)).toBe('/');
		}
	});

	it('keeps ordinary paths with their query and hash', () => {
		expect(safeRedirectTarget('/cases?unit=%E5%8E%BF&page=2')).toBe('/cases?unit=%E5%8E%BF&page=2');
		expect(safeRedirectTarget('/compliance/overdue#top')).toBe('/compliance/overdue#top');
		expect(safeRedirectTarget('/units/县住房和城乡建设局')).toBe('/units/' + encodeURIComponent('县住房和城乡建设局'));
		expect(safeRedirectTarget('/')).toBe('/');
		expect(safeRedirectTarget(null)).toBe('/');
	});
});

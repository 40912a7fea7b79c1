import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download.ts';

describe('fileNameOf', () => {
	it('prefers the UTF-8 name of an RFC 6266 header and falls back to the plain one', () => {
		const name = '2026年11月全县行政效能投诉情况通报.pdf';
		expect(fileNameOf(`attachment; filename="bulletin-2026-11.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)).toBe(name);
		expect(fileNameOf('attachment; filename="bulletin-2026-11.docx"')).toBe('bulletin-2026-11.docx');
		expect(fileNameOf("attachment; filename=b.html; filename*=UTF-8''%E0%A4%A")).toBe('b.html');
		expect(fileNameOf(null)).toBeNull();
	});
});

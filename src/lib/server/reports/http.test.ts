// The bulletin scope in the query string: the short parameters of links and the page's one-select picker.
import { describe, expect, it } from 'vitest';
import { attachment, scopeFromQuery, scopeQuery } from './http.ts';

const q = (s: string) => scopeFromQuery(new URLSearchParams(s));

describe('bulletin scope from the query string', () => {
	it('reads group, units and the picker, units first', () => {
		expect(q('')).toEqual({});
		expect(q('group=乡镇')).toEqual({ group: '乡镇' });
		expect(q('unit=县教育局&unit=县民政局')).toEqual({ units: ['县教育局', '县民政局'] });
		expect(q('scope=group:县直部门')).toEqual({ group: '县直部门' });
		expect(q('scope=unit:县教育局')).toEqual({ units: ['县教育局'] });
		expect(q('scope=')).toEqual({});
		expect(q('group=乡镇&unit=县教育局')).toEqual({ units: ['县教育局'] });
	});

	it('writes the scope back as a query string that reads the same', () => {
		for (const s of [{}, { group: '乡镇' }, { units: ['县教育局', '县民政局'] }]) expect(q(scopeQuery(s).slice(1))).toEqual(s);
		expect(scopeQuery({})).toBe('');
	});

	it('names the download in ASCII and in UTF-8', () => {
		expect(attachment('2026年10月全县行政效能投诉情况通报.pdf', 'bulletin-2026-10.pdf')).toBe(
			`attachment; filename="bulletin-2026-10.pdf"; filename*=UTF-8''${encodeURIComponent('2026年10月全县行政效能投诉情况通报.pdf')}`
		);
	});
});

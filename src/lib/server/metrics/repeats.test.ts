import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/types.ts';
import { compileQuery, validateFilters } from './compile.ts';
import { bigramsSql, hanSql, jaccardSql, repeatPredicate } from './repeats.ts';

const admin: SessionUser = { userId: 1, name: 'a', displayName: null, role: 'admin', units: [], pii: true };

describe('repeat SQL', () => {
	it('re-derives the repeat rule from the previous-case columns of the chosen relation, window bound', () => {
		const same = repeatPredicate(true);
		expect(same).toContain('f.repeat_of IS NOT NULL');
		expect(same).toContain('f.received_at <= f.same_prev_received_at + to_days($rep_window::INTEGER)');
		expect(same).toContain('f.same_prev_closed_at <= f.received_at AND f.received_at <= f.same_prev_closed_at + to_days($rep_window::INTEGER)');
		const any = repeatPredicate(false);
		expect(any).toContain('f.any_prev_case_id IS NOT NULL');
		expect(any).not.toContain('same_prev');
	});
	it('similarity SQL works on Han characters and bigram lists', () => {
		expect(hanSql('c.content')).toBe("regexp_replace(coalesce(c.content, ''), '[^\\p{Han}]', '', 'g')");
		expect(bigramsSql('h')).toContain('list_distinct(list_transform(range(1, length(h))');
		expect(jaccardSql('a', 'b')).toContain('length(list_intersect(a, b)) / nullif(length(list_distinct(list_concat(a, b))), 0)');
	});
});

describe('duration range filters (histogram cross-filters)', () => {
	it('bind the bounds, leave the day × unit rollup out, and reject malformed ranges', () => {
		const q = compileQuery({ measures: ['cases'], filters: { wd: '3-5', hrs: '240-' } }, admin);
		expect(q.sql).toContain('FROM case_facts f');
		expect(q.sql).toContain('f.work_days >= $f_wd_lo AND f.work_days < $f_wd_hi');
		expect(q.sql).toContain('f.hours >= $f_hrs_lo');
		expect(q.sql).not.toContain('$f_hrs_hi');
		expect(q.params).toMatchObject({ f_wd_lo: 3, f_wd_hi: 5, f_hrs_lo: 240 });
		for (const bad of ['5-3', '3', 'x-1', '1-2; DROP', '-5']) expect(() => validateFilters({ wd: bad }), bad).toThrow();
	});
});

import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/types.ts';
import { compileQuery, compileWhere, validateFilters, validateSpec } from './compile.ts';
import { MEASURES } from './catalog.ts';

const admin: SessionUser = { userId: 1, name: 'a', displayName: null, role: 'admin', units: [], pii: true };
const unitUser: SessionUser = { userId: 2, name: 'u', displayName: null, role: 'unit', units: ['县住房和城乡建设局'], pii: false };

describe('metrics compiler', () => {
	it('compiles measures and dimensions to one grouped SELECT over case_facts', () => {
		const { sql, params } = compileQuery({ measures: ['cases', 'median_work_days'], dimensions: ['month'] }, admin);
		expect(sql).toMatch(/^SELECT strftime\(f\.month, '%Y-%m'\) AS "month", count\(\*\)::INTEGER AS "cases", quantile_cont/);
		expect(sql).toContain('FROM case_facts f WHERE true GROUP BY 1 ORDER BY "month" ASC NULLS LAST LIMIT 5000');
		expect(params).toEqual({});
	});

	it('answers additive measures by date and unit from the day × unit rollup, everything else from case_facts', () => {
		const rollup = compileQuery({ measures: ['cases', 'on_time_rate', 'score'], dimensions: ['unit'], filters: { from: '2025-01-01', units: ['甲'] }, minCases: 5 }, unitUser);
		expect(rollup.sql).toContain('sum(f.n)::INTEGER AS "cases"');
		expect(rollup.sql).toContain('FROM case_rollup f');
		expect(rollup.sql).toContain('HAVING sum(f.n) >= $min_cases');
		expect(rollup.sql).toContain('list_contains($scope_units::VARCHAR[], f.unit)');
		for (const spec of [
			{ measures: ['cases'], filters: { category: ['工作作风'] } },
			{ measures: ['cases'], filters: { flag: 'open' as const } },
			{ measures: ['cases', 'p90_work_days'] },
			{ measures: ['cases'], dimensions: ['channel'] }
		]) {
			expect(compileQuery(spec, admin).sql, JSON.stringify(spec)).toContain('FROM case_facts f');
		}
	});

	it('binds every filter value as a parameter and never puts it in the SQL text', () => {
		const evil = "x'); DROP TABLE cases; --";
		const { sql, params } = compileQuery(
			{
				measures: ['cases'],
				filters: { from: '2025-01-01', to: '2025-03-31', units: [evil, 'B'], category: [evil], channel: ['电话'], mode: ['转办'], unit_group: evil, month: '2025-02', q: evil }
			},
			admin
		);
		expect(sql).not.toContain(evil);
		expect(sql).not.toContain('DROP');
		expect(sql).toContain('f.received_date >= $f_from::DATE');
		expect(sql).toContain('f.received_date <= $f_to::DATE');
		expect(sql).toContain('list_contains($f_units::VARCHAR[], f.unit)');
		expect(sql).toContain('f.category = $f_category');
		expect(sql).toContain('f.unit_group = $f_unit_group');
		expect(params.f_from).toBe('2025-01-01');
		expect(params.f_category).toBe(evil);
		expect((params.f_units as { items: unknown[] }).items).toEqual([evil, 'B']);
		expect(params.f_q_like).toBe(`%${evil}%`);
	});

	it('filters on 二级分类 as a bound parameter, from case_facts (the rollup has no sub-category), inside the unit scope', () => {
		const evil = "审批超期' OR 1=1 --";
		const one = compileQuery({ measures: ['cases'], dimensions: ['sub_category'], filters: { sub_category: [evil] } }, unitUser);
		expect(one.sql).not.toContain(evil);
		expect(one.sql).toContain('f.sub_category = $f_sub_category');
		expect(one.sql).toMatch(/^SELECT f\.sub_category AS "sub_category"/);
		expect(one.sql).toContain('FROM case_facts f');
		expect(one.sql).toContain('list_contains($scope_units::VARCHAR[], f.unit)');
		expect(one.params.f_sub_category).toBe(evil);
		const two = compileWhere(validateFilters({ sub_category: ['审批超期', '答复拖延'] }), admin);
		expect(two.sql).toBe('list_contains($f_sub_category::VARCHAR[], f.sub_category)');
		expect((two.params.f_sub_category as { items: unknown[] }).items).toEqual(['审批超期', '答复拖延']);
		// the cases-only spec the rollup answers when no sub-category is chosen must leave the rollup once one is
		expect(compileQuery({ measures: ['cases'], dimensions: ['unit'] }, admin).sql).toContain('FROM case_rollup f');
		expect(compileQuery({ measures: ['cases'], dimensions: ['unit'], filters: { sub_category: ['审批超期'] } }, admin).sql).toContain('FROM case_facts f');
	});

	it('escapes LIKE wildcards in the content search', () => {
		const { params } = compileWhere(validateFilters({ q: '100%_a' }), admin);
		expect(params.f_q_like).toBe('%100\\%\\_a%');
	});

	it('always ANDs the unit scope in for unit users, whatever the filters say', () => {
		for (const filters of [{}, { units: ['县教育局'] }, { q: 'x', flag: 'open' as const }]) {
			const { sql, params } = compileQuery({ measures: ['cases'], dimensions: ['unit'], filters }, unitUser);
			expect(sql).toContain('list_contains($scope_units::VARCHAR[], f.unit)');
			expect((params.scope_units as { items: unknown[] }).items).toEqual(['县住房和城乡建设局']);
		}
		expect(compileQuery({ measures: ['cases'] }, admin).sql).not.toContain('scope_units');
	});

	it('rejects unknown measure and dimension names and malformed filters as bad input', () => {
		expect(() => validateSpec({ measures: ['cases; DROP TABLE x'] })).toThrow(/未知的指标/);
		expect(() => validateSpec({ measures: ['cases'], dimensions: ['complainant_phone'] })).toThrow(/未知的维度/);
		expect(() => validateSpec({ measures: [] })).toThrow();
		expect(() => validateSpec({ measures: ['cases'], filters: { from: '2025/01/01' } })).toThrow();
		expect(() => validateSpec({ measures: ['cases'], filters: { evil: 1 } })).toThrow();
		expect(() => validateSpec({ measures: ['cases'], orderBy: [{ by: 'score' }] })).toThrow(/排序/);
		try {
			validateSpec({ measures: ['nope'] });
		} catch (e) {
			expect((e as { code: string }).code).toBe('unknown_measure');
		}
	});

	it('compiles score weights, minimum group size, ordering and periods as parameters', () => {
		const { sql, params } = compileQuery(
			{ measures: ['score', 'cases'], dimensions: ['unit'], orderBy: [{ by: 'score', desc: true }], limit: 5, minCases: 10, weights: { on_time: 1 } },
			admin
		);
		expect(sql).toContain('HAVING sum(f.n) >= $min_cases');
		expect(sql).toContain('ORDER BY "score" DESC NULLS LAST, "unit" ASC NULLS LAST LIMIT 5');
		expect(params).toMatchObject({ min_cases: 10, w_on_time: 1, w_satisfaction: 0.3, w_not_repeat: 0.15, w_not_overdue: 0.15 });
		const p = compileQuery({ measures: ['cases'], periods: [{ name: 'current', from: '2025-01-01', to: '2025-01-31' }, { name: 'previous', from: '2024-12-01', to: '2024-12-31' }] }, admin);
		expect(p.sql).toContain('CASE WHEN f.received_date BETWEEN $p0_from::DATE AND $p0_to::DATE THEN $p0_name');
		expect(p.sql).toContain('GROUP BY 1');
		expect(p.sql).not.toContain('$f_from');
	});

	it('declares every measure with a Chinese label and a format', () => {
		for (const m of Object.values(MEASURES)) {
			expect(m.label).toMatch(/[\u4e00-\u9fa5]/);
			expect(['integer', 'percent', 'decimal1', 'score']).toContain(m.format);
		}
	});
});

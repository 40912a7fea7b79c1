// Every route the app has is decided by the policy table: a route id no rule covers would be denied to
// everyone (default deny), which is safe but means someone forgot to say who may use it.
import { describe, expect, it } from 'vitest';
import { ROUTE_POLICY, allowedRoles, isCovered, matchesPattern, ruleFor } from '../../src/lib/server/auth/policy.ts';
import { discoverRoutes, urlFor } from './routes.ts';

describe('route policy coverage', () => {
	const routes = discoverRoutes();

	it('discovers the routes of src/routes, including this area’s own', () => {
		const ids = routes.map((r) => r.id);
		for (const id of ['/login', '/api/auth/login', '/api/auth/logout', '/api/auth/view-as', '/admin/users', '/admin/audit', '/api/admin/audit.csv']) {
			expect(ids).toContain(id);
		}
		expect(routes.find((r) => r.id === '/api/auth/login')?.methods).toEqual(['POST']);
		expect(routes.find((r) => r.id === '/admin/users' && r.kind === 'page')?.methods).toEqual(['GET', 'POST']);
	});

	it('covers every discovered route id and method with a rule', () => {
		const uncovered = routes.flatMap((r) => r.methods.filter((m) => !ruleFor(r.id, m)).map((m) => `${m} ${r.id}`));
		expect(uncovered, `routes without a policy rule (add them to src/lib/server/auth/policy.ts): ${uncovered.join(', ')}`).toEqual([]);
		for (const r of routes) expect(isCovered(r.id)).toBe(true);
	});

	it('keeps the 临期 list and the deadline exports case-level: no leader, unit users scoped inside', () => {
		const ids = routes.map((r) => r.id);
		for (const id of ['/compliance/nearly', '/api/compliance/nearly.xlsx', '/api/compliance/overdue.xlsx']) {
			expect(ids).toContain(id);
			expect(allowedRoles(id, 'GET')).toEqual(['admin', 'analyst', 'inspector', 'unit']);
		}
	});

	it('lets those who prepare or sign the appraisal publish it, lets the appraisal roles read its versions, never a unit', () => {
		expect(routes.find((r) => r.id === '/api/appraisal/versions')?.methods).toEqual(['GET', 'POST']);
		expect(allowedRoles('/api/appraisal/versions', 'POST')).toEqual(['admin', 'inspector', 'leader']);
		expect(allowedRoles('/api/appraisal/versions', 'GET')).toEqual(['admin', 'analyst', 'inspector', 'leader']);
	});

	it('has no rule shadowed by an earlier one (each specific rule is reachable)', () => {
		ROUTE_POLICY.forEach((rule, i) => {
			if (rule.pattern.endsWith('/**')) return;
			const earlier = ROUTE_POLICY.slice(0, i).find((r) => matchesPattern(r.pattern, rule.pattern) && !r.methods);
			expect(earlier, `${rule.pattern} is shadowed by ${earlier?.pattern}`).toBeUndefined();
		});
	});

	it('builds concrete URLs from route ids', () => {
		expect(urlFor('/units/[unit]', { unit: '县水利局' })).toBe('/units/' + encodeURIComponent('县水利局'));
		expect(urlFor('/(app)/cases/[id=caseid]', { id: 'A-1' })).toBe('/cases/A-1');
		expect(urlFor('/', {})).toBe('/');
	});
});

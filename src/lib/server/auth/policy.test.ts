import { describe, expect, it } from 'vitest';
import { allowedRoles, authorize, maxBodyBytes, MAX_UPLOAD_BYTES, navFor, normaliseRouteId, streamsBody } from './policy.ts';
import type { Role, SessionUser } from './types.ts';

const as = (role: Role): SessionUser => ({ userId: 1, name: role, displayName: null, role, units: role === 'unit' ? ['县水利局'] : [], pii: false });

describe('route policy', () => {
	it('denies a route id that no rule names, to everyone including admin', () => {
		expect(allowedRoles('/secret')).toEqual([]);
		expect(authorize('/secret', 'GET', as('admin'))).toEqual({ allowed: false, status: 403 });
		expect(authorize('/secret', 'GET', null)).toEqual({ allowed: false, status: 401 });
	});

	it('keeps leaders away from case-level data and units away from appraisal and bulletins', () => {
		expect(authorize('/cases/[id]', 'GET', as('leader')).allowed).toBe(false);
		expect(authorize('/api/cases.csv', 'GET', as('leader')).allowed).toBe(false);
		expect(authorize('/api/cases/[id]', 'GET', as('unit')).allowed).toBe(true);
		expect(authorize('/bulletin', 'GET', as('unit')).allowed).toBe(false);
		expect(authorize('/api/bulletin/[month]', 'GET', as('leader')).allowed).toBe(true);
		expect(authorize('/compliance/rules', 'GET', as('leader')).allowed).toBe(false);
	});

	it('lets the specific typical-case rule win over the case prefix', () => {
		expect(allowedRoles('/api/cases/[id]/typical', 'POST')).toEqual(['admin', 'analyst']);
		expect(authorize('/api/cases/[id]/typical', 'POST', as('inspector')).allowed).toBe(false);
	});

	it('allows the calendar API for reading only', () => {
		expect(authorize('/api/calendar/[year]', 'GET', as('unit')).allowed).toBe(true);
		expect(authorize('/api/calendar/[year]', 'HEAD', as('unit')).allowed).toBe(true);
		expect(authorize('/api/calendar/[year]', 'POST', as('admin')).allowed).toBe(false);
	});

	it('ignores route groups', () => {
		expect(normaliseRouteId('/(app)/(dash)/units/[unit]')).toBe('/units/[unit]');
		expect(normaliseRouteId('/(app)')).toBe('/');
		expect(authorize('/(app)/admin/users', 'GET', as('analyst')).allowed).toBe(false);
	});

	it('admin pages and import are not reachable by prefix tricks', () => {
		expect(authorize('/administrator', 'GET', as('admin')).allowed).toBe(false);
		expect(authorize('/importer', 'GET', as('analyst')).allowed).toBe(false);
		expect(authorize('/import', 'POST', as('inspector')).allowed).toBe(false);
	});

	it('builds the menu from the same table', () => {
		const hrefs = (r: Role) => navFor(as(r)).map((n) => n.href);
		expect(hrefs('admin')).toContain('/admin/users');
		expect(hrefs('analyst')).toContain('/import');
		expect(hrefs('analyst')).not.toContain('/admin/audit');
		expect(hrefs('leader')).toEqual(['/', '/handling', '/repeats', '/hotspots', '/units', '/appraisal', '/bulletin']);
		expect(hrefs('unit')).toEqual(['/', '/handling', '/repeats', '/hotspots', '/units', '/cases', '/compliance', '/findings']);
		expect(navFor(null)).toEqual([]);
		for (const n of navFor(as('admin'))) expect(n.label).toMatch(/[\u4e00-\u9fff]/);
	});

	it('allows large bodies only on the upload route; log-in and JSON APIs get kilobytes', () => {
		expect(maxBodyBytes('/api/import/uploads')).toBe(MAX_UPLOAD_BYTES);
		expect(streamsBody('/api/import/uploads')).toBe(true);
		for (const id of ['/api/auth/login', '/login', '/api/import/jobs', '/api/import/profiles', '/api/cases/[id]/typical', '/admin/users', null]) {
			expect(maxBodyBytes(id), String(id)).toBe(64 * 1024);
			expect(streamsBody(id)).toBe(false);
		}
		expect(maxBodyBytes('/api/import/mapping')).toBe(4 * 1024 * 1024);
	});
});

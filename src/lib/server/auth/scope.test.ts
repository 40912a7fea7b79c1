import { describe, expect, it } from 'vitest';
import { canSeePii, unitScope } from './scope.ts';
import type { SessionUser } from './types.ts';

const base: SessionUser = { userId: 1, name: 'u', displayName: null, role: 'unit', units: ['县住房和城乡建设局'], pii: false };

describe('scope', () => {
	it('grants PII only to admin, analyst and inspectors with the grant', () => {
		expect(canSeePii({ ...base, role: 'admin' })).toBe(true);
		expect(canSeePii({ ...base, role: 'inspector' })).toBe(false);
		expect(canSeePii({ ...base, role: 'inspector', pii: true })).toBe(true);
		expect(canSeePii({ ...base, role: 'leader', pii: true })).toBe(false);
		expect(canSeePii({ ...base, role: 'unit', pii: true })).toBe(false);
	});
	it('restricts unit users to their units through a bound parameter', () => {
		expect(unitScope({ ...base, role: 'analyst' })).toBeNull();
		const scope = unitScope(base)!;
		expect(scope.sql).toBe('list_contains($scope_units::VARCHAR[], unit)');
		expect(scope.params.scope_units.items).toEqual(['县住房和城乡建设局']);
	});
});

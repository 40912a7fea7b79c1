import { describe, expect, it } from 'vitest';
import { canSeePii, maskFreeText, unitScope } from './scope.ts';
import type { SessionUser } from './types.ts';

const base: SessionUser = { userId: 1, name: 'u', displayName: null, role: 'unit', units: ['县住房和城乡建设局'], pii: false };

describe('scope', () => {
	it('masks mobile, landline and ID numbers in free text', () => {
		const text = '投诉人电话13812345678，座机0571-88776655，身份证330102199001011234，编号2025001';
		const masked = maskFreeText(text)!;
		expect(masked).not.toContain('13812345678');
		expect(masked).toContain('138****5678');
		expect(masked).not.toContain('88776655');
		expect(masked).toContain('330102********1234');
		expect(masked).toContain('2025001');
	});
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

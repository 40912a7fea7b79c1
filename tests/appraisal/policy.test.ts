// Who may open the review pages (the role × route table of src/lib/server/auth/policy.ts): the queue is for the
// inspector who proposes and the leader who approves; a unit reads only its own notified findings.
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/lib/server/auth/policy.ts';
import { ROLES, type Role, type SessionUser } from '../../src/lib/server/auth/types.ts';

const as = (role: Role): SessionUser => ({ userId: 1, name: role, displayName: null, role, units: role === 'unit' ? ['县农业局'] : [], pii: false });
const allowed = (route: string, method: string) => ROLES.filter((r) => authorize(route, method, as(r)).allowed);

describe('review routes', () => {
	it('opens the queue to inspector, leader and admin only (GET and the form actions)', () => {
		expect(allowed('/appraisal/review', 'GET')).toEqual(['admin', 'inspector', 'leader']);
		expect(allowed('/appraisal/review', 'POST')).toEqual(['admin', 'inspector', 'leader']);
		expect(authorize('/appraisal/review', 'GET', null)).toEqual({ allowed: false, status: 401 });
	});

	it('opens the notified findings to unit users only', () => {
		expect(allowed('/findings', 'GET')).toEqual(['unit']);
		expect(allowed('/findings', 'POST')).toEqual(['unit']);
	});

	it('opens the review API as the pages: the queue and its steps to inspector, leader and admin; a unit its own findings', () => {
		for (const m of ['GET', 'POST']) {
			expect(allowed('/api/findings', m)).toEqual(['admin', 'inspector', 'leader']);
			expect(allowed('/api/findings/unit', m)).toEqual(['unit']);
		}
		expect(authorize('/api/findings', 'GET', null)).toEqual({ allowed: false, status: 401 });
	});
});

// 部署设置: the deployment's default pack and offered packs (settings `default_pack`, `offered_packs`): read by
// every surface, changed by an admin only (audited), a new default evaluated and the dashboards rebuilt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { authorize } from '../../src/lib/server/auth/policy.ts';
import { defaultPackName } from '../../src/lib/server/settings.ts';
import { offeredPackNames } from '../../src/lib/server/compliance/offered.ts';
import { deploymentSettings, saveDeploymentSettings } from '../../src/lib/server/deployment.ts';
import { ensureEvaluated, loadPack } from '../../src/lib/server/compliance/index.ts';
import { refreshRollups } from '../../src/lib/server/metrics/facts.ts';
import { complianceView, packChoices, packOf, parseComplianceQuery } from '../../src/lib/server/screens/compliance.ts';
import { errorResponse } from '../../src/lib/server/errors.ts';
import { appraisalList, parseAppraisalQuery } from '../../src/lib/server/screens/appraisal.ts';
import { ADMIN, insertCases, tempDb, type TempDb } from './fixtures.ts';

let t: TempDb;
const as = (role: SessionUser['role']): SessionUser => ({ userId: 9, name: role, displayName: null, role, units: role === 'unit' ? ['县人社局'] : [], pii: false });
// Every shipped pack offered by default, by hand (data/packs; customer-service, employee-grievance and property-dispatch are offered on request).
const ALL_PACKS = ['agency-accountability', 'cfpb', 'county-efficiency', 'finance-bureau-conduct', 'property-service', 'rural-bank', 'source-due', 'telecom-users', 'tender-complaints'];
const COUNTY = ['county-efficiency', 'agency-accountability', 'finance-bureau-conduct'];

async function facts() {
	return (await t.db.queryOne<{ met: number; breached: number }>('SELECT sum(met)::INTEGER AS met, sum(breached_n)::INTEGER AS breached FROM case_facts'))!;
}
async function auditRows() {
	return t.db.query<{ user_name: string; action: string; target: string; detail: string }>(
		`SELECT user_name, action, target, detail::VARCHAR AS detail FROM audit_log WHERE action = 'deployment_settings' ORDER BY audit_id`
	);
}

beforeAll(async () => {
	t = await tempDb('deployment');
	// Three 转办 cases received Mon 2025-03-03 (official 2025 calendar, no holiday in March):
	// D1 accepted next day, replied and closed 03-06: county-efficiency accept met + transfer met; agency-accountability
	//    accept met + decision met.
	// D2 as D1 but closed 2025-06-30, long after the 30 working days from 03-04 (→ 04-15): county met 2; agency
	//    accept met, decision breached.
	// D3 accepted 03-20, 13 working days after receipt (limit 5): county accept breached, transfer met (reply next
	//    day); agency accept breached, decision met.
	// county-efficiency: met 5, breached 1; agency-accountability: met 4, breached 2.
	const base = { handling_mode: '转办', unit: '县人社局' };
	await insertCases(t.db, [
		{ case_id: 'D1', received_at: '2025-03-03 09:00', accepted_at: '2025-03-04 09:00', dispatched_at: '2025-03-04 10:00', replied_at: '2025-03-06 10:00', closed_at: '2025-03-06 10:00', ...base },
		{ case_id: 'D2', received_at: '2025-03-03 09:00', accepted_at: '2025-03-04 09:00', dispatched_at: '2025-03-04 10:00', replied_at: '2025-03-10 10:00', closed_at: '2025-06-30 10:00', ...base },
		{ case_id: 'D3', received_at: '2025-03-03 09:00', accepted_at: '2025-03-20 09:00', dispatched_at: '2025-03-20 10:00', replied_at: '2025-03-21 10:00', closed_at: '2025-03-21 10:00', ...base }
	]);
	await ensureEvaluated(t.db, loadPack('county-efficiency'));
	await refreshRollups(t.db);
});
afterAll(async () => {
	await t.close();
});

describe('deployment settings', () => {
	it('unset: county-efficiency is the default and every valid pack is offered', async () => {
		expect(await defaultPackName(t.db)).toBe('county-efficiency');
		expect(await offeredPackNames(t.db)).toEqual(ALL_PACKS);
		const choices = await packChoices(t.db);
		expect(choices.map((c) => c.name)).toEqual(['county-efficiency', ...ALL_PACKS.filter((p) => p !== 'county-efficiency')]);
		expect(choices.filter((c) => c.default).map((c) => c.name)).toEqual(['county-efficiency']);
		expect(await facts()).toEqual({ met: 5, breached: 1 });
	});

	it('refuses every role but admin, changing nothing', async () => {
		for (const role of ['analyst', 'inspector', 'leader', 'unit'] as const) {
			await expect(saveDeploymentSettings(t.db, as(role), { default_pack: 'cfpb', offered_packs: ['cfpb'] })).rejects.toMatchObject({ code: 'forbidden' });
			// and the route itself is closed to them
			expect(authorize('/admin/settings', 'POST', as(role)).allowed).toBe(false);
		}
		expect(authorize('/admin/settings', 'POST', as('admin')).allowed).toBe(true);
		expect(await t.db.query("SELECT key FROM settings WHERE key IN ('default_pack', 'offered_packs')")).toEqual([]);
		expect(await auditRows()).toEqual([]);
		expect(await defaultPackName(t.db)).toBe('county-efficiency');
	});

	it('rejects an unknown pack, a default that is not offered and an empty offer', async () => {
		await expect(saveDeploymentSettings(t.db, ADMIN, { default_pack: 'no-such-pack', offered_packs: ['no-such-pack'] })).rejects.toMatchObject({ code: 'unknown_pack' });
		await expect(saveDeploymentSettings(t.db, ADMIN, { default_pack: 'county-efficiency', offered_packs: ['../../etc/passwd'] })).rejects.toMatchObject({ code: 'unknown_pack' });
		await expect(saveDeploymentSettings(t.db, ADMIN, { default_pack: 'cfpb', offered_packs: COUNTY })).rejects.toMatchObject({ code: 'default_not_offered' });
		await expect(saveDeploymentSettings(t.db, ADMIN, { default_pack: 'county-efficiency', offered_packs: [] })).rejects.toMatchObject({ code: 'no_pack_offered' });
		expect(await auditRows()).toEqual([]);
	});

	it('offered packs: the pickers list only them, and a pack not offered is a 400 naming the field', async () => {
		const r = await saveDeploymentSettings(t.db, ADMIN, { default_pack: 'county-efficiency', offered_packs: COUNTY }, '10.0.0.1');
		expect(r.recomputed).toBe(false);
		expect(r.settings).toMatchObject({ default_pack: 'county-efficiency', offered_packs: ['agency-accountability', 'county-efficiency', 'finance-bureau-conduct'] });
		expect((await packChoices(t.db)).map((c) => c.name)).toEqual(['county-efficiency', 'agency-accountability', 'finance-bureau-conduct']);
		for (const pack of ['cfpb', 'rural-bank', 'property-service']) {
			const e = await packOf(t.db, pack).catch((x: unknown) => x);
			expect(e).toMatchObject({ code: 'pack_not_offered', location: { field: 'pack' } });
			const res = errorResponse(e);
			expect(res.status).toBe(400);
			expect(await res.json()).toMatchObject({ code: 'pack_not_offered', field: 'pack' });
			await expect(complianceView(t.db, ADMIN, parseComplianceQuery(new URLSearchParams({ pack })))).rejects.toMatchObject({ code: 'pack_not_offered' });
			await expect(appraisalList(t.db, ADMIN, parseAppraisalQuery(new URLSearchParams({ year: '2025', pack })))).rejects.toMatchObject({ code: 'pack_not_offered' });
		}
		// an offered pack still works, and no pack means the default
		expect((await packOf(t.db, 'agency-accountability')).name).toBe('agency-accountability');
		expect((await complianceView(t.db, ADMIN, parseComplianceQuery(new URLSearchParams()))).pack).toBe('county-efficiency');
		const audit = await auditRows();
		expect(audit.map((a) => [a.user_name, a.target])).toEqual([['admin', 'county-efficiency']]);
		expect(JSON.parse(audit[0].detail)).toMatchObject({ after: { offered_packs: ['agency-accountability', 'county-efficiency', 'finance-bureau-conduct'] }, recomputed: false });
	});

	it('a new default pack is evaluated and the dashboards are rebuilt on it at once', async () => {
		expect(await t.db.queryOne("SELECT count(*)::INTEGER AS n FROM compliance_runs WHERE pack = 'agency-accountability'")).toEqual({ n: 0 });
		const r = await saveDeploymentSettings(t.db, ADMIN, { default_pack: 'agency-accountability', offered_packs: COUNTY });
		expect(r.recomputed).toBe(true);
		expect(await defaultPackName(t.db)).toBe('agency-accountability');
		expect(await t.db.queryOne("SELECT count(*)::INTEGER AS n FROM compliance_runs WHERE pack = 'agency-accountability'")).toEqual({ n: 1 });
		// case_facts now counts agency-accountability's results (by hand above), with no other trigger
		expect(await facts()).toEqual({ met: 4, breached: 2 });
		expect((await packChoices(t.db)).filter((c) => c.default).map((c) => c.name)).toEqual(['agency-accountability']);
		expect((await complianceView(t.db, ADMIN, parseComplianceQuery(new URLSearchParams()))).pack).toBe('agency-accountability');
		expect((await deploymentSettings(t.db)).set).toEqual({ default_pack: true, offered_packs: true });
		expect((await auditRows()).map((a) => a.target)).toEqual(['county-efficiency', 'agency-accountability']);
	});
});

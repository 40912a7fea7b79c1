// 部署设置: the admin reads and changes the deployment's default pack and offered packs (src/lib/server/settings.ts
// reads them everywhere). A new default pack is evaluated and the dashboards' derived tables are rebuilt at
// once, as after an import, so no page shows figures of the old pack.
import type { Database } from './db/index.ts';
import type { SessionUser } from './auth/types.ts';
import { audit } from './auth/audit.ts';
import { ForbiddenError, UserInputError } from './errors.ts';
import { ensureEvaluated, listPacks, loadPack } from './compliance/index.ts';
import { refreshRollups } from './metrics/facts.ts';
import { DEFAULT_PACK, DEFAULT_PACK_KEY, MAX_NEARLY_DAYS, NEARLY_DAYS_KEY, OFFERED_PACKS_KEY, defaultPackName, nearlyDays } from './settings.ts';
import { offeredPackNames, validPackNames } from './compliance/offered.ts';
import { nearlyText } from '../i18n/zh/nearly.ts';
import { settingsUi } from '../i18n/zh/settings.ts';

export interface DeploymentSettings {
	default_pack: string;
	offered_packs: string[];
	/** whether each key is set (else the built-in fallback applies) */
	set: { default_pack: boolean; offered_packs: boolean };
	fallback_pack: string;
	packs: { name: string; title: string; rules: number; has_appraisal: boolean; error: string | null }[];
}

export async function deploymentSettings(db: Database): Promise<DeploymentSettings> {
	const keys = await db.query<{ key: string }>('SELECT key FROM settings WHERE key IN ($a, $b)', { a: DEFAULT_PACK_KEY, b: OFFERED_PACKS_KEY });
	const has = (k: string) => keys.some((r) => r.key === k);
	return {
		default_pack: await defaultPackName(db),
		offered_packs: await offeredPackNames(db),
		set: { default_pack: has(DEFAULT_PACK_KEY), offered_packs: has(OFFERED_PACKS_KEY) },
		fallback_pack: DEFAULT_PACK,
		packs: listPacks().map((p) => ({ name: p.name, title: p.title, rules: p.rules, has_appraisal: p.has_appraisal, error: p.error ?? null }))
	};
}

export interface DeploymentInput {
	default_pack: string;
	offered_packs: string[];
}

/**
 * Saves both settings (admin only, checked here whatever the route policy says), audited. A changed default
 * pack is evaluated if its results are not current, then case_facts and the rollup are rebuilt.
 */
export async function saveDeploymentSettings(
	db: Database,
	user: SessionUser,
	input: DeploymentInput,
	ip: string | null = null
): Promise<{ settings: DeploymentSettings; recomputed: boolean }> {
	if (user.role !== 'admin') throw new ForbiddenError(settingsUi.adminOnly);
	const valid = validPackNames();
	const offered = [...new Set(input.offered_packs.map((s) => String(s).trim()).filter(Boolean))];
	const def = String(input.default_pack ?? '').trim();
	for (const name of [def, ...offered]) {
		if (!valid.includes(name)) throw new UserInputError('unknown_pack', settingsUi.unknownPack(name), { field: name === def ? 'default_pack' : 'offered_packs' });
	}
	if (!offered.length) throw new UserInputError('no_pack_offered', settingsUi.noneOffered, { field: 'offered_packs' });
	if (!offered.includes(def)) throw new UserInputError('default_not_offered', settingsUi.defaultNotOffered(def), { field: 'default_pack' });
	const before = await deploymentSettings(db);
	const ordered = valid.filter((n) => offered.includes(n));
	await db.transaction(async (conn) => {
		await conn.run('INSERT OR REPLACE INTO settings (key, value) VALUES ($k, $v)', { k: DEFAULT_PACK_KEY, v: def });
		await conn.run('INSERT OR REPLACE INTO settings (key, value) VALUES ($k, $v)', { k: OFFERED_PACKS_KEY, v: JSON.stringify(ordered) });
	});
	const recomputed = before.default_pack !== def;
	if (recomputed) {
		// As after an import: the new default's results current, then the dashboards' derived tables rebuilt.
		await ensureEvaluated(db, loadPack(def));
		await refreshRollups(db);
	}
	await audit(db, {
		user,
		action: 'deployment_settings',
		target: def,
		detail: { before: { default_pack: before.default_pack, offered_packs: before.offered_packs }, after: { default_pack: def, offered_packs: ordered }, recomputed },
		ip
	});
	return { settings: await deploymentSettings(db), recomputed };
}

/**
 * Saves N of 临期预警 (working days, 0–30; admin only, audited) and rebuilds the dashboards' derived tables, so the
 * 临期 list and KPIs count with the new N at once.
 */
export async function saveNearlyDays(db: Database, user: SessionUser, input: string, ip: string | null = null): Promise<number> {
	if (user.role !== 'admin') throw new UserInputError('forbidden', settingsUi.adminOnly);
	const v = String(input ?? '').trim();
	const n = /^\d{1,2}$/.test(v) ? Number(v) : NaN;
	if (!Number.isInteger(n) || n < 0 || n > MAX_NEARLY_DAYS) throw new UserInputError('bad_nearly_days', nearlyText.settingBad(v, MAX_NEARLY_DAYS), { field: NEARLY_DAYS_KEY });
	const before = await nearlyDays(db);
	await db.run('INSERT OR REPLACE INTO settings (key, value) VALUES ($k, $v)', { k: NEARLY_DAYS_KEY, v: String(n) });
	await refreshRollups(db);
	await audit(db, { user, action: 'deployment_settings', target: NEARLY_DAYS_KEY, detail: { before, after: n }, ip });
	return n;
}

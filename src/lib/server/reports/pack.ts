// Titles and limits of a rule pack's rules as the bulletin names them ("受理决定", "5个工作日"), read from the
// pack's data file (data/packs/<name>.yaml). A pack that cannot be read leaves the rule ids as they are.
import fs from 'node:fs/promises';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { DATA_DIR } from '../paths.ts';
import { unitLabels } from '../../i18n/zh/compliance.ts';

export interface PackInfo {
	name: string;
	/** The regulation the pack comes from, e.g. 县行政效能投诉处理暂行办法 (null when unknown). */
	title: string | null;
	/** Rule id → title and limit, in the pack's order. */
	rules: Map<string, { title: string; limit: string }>;
}

const cache = new Map<string, { mtime: number; info: PackInfo }>();

function text(v: unknown): string | null {
	return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** "5个工作日", "24小时" from the usual shapes of a limit ({value, unit}, {working_days: 5}, 5 + unit). */
function limitText(rule: Record<string, unknown>): string {
	const l = rule.limit;
	const fmt = (n: unknown, unit: unknown) => (typeof n === 'number' && typeof unit === 'string' && unitLabels[unit] ? `${n}${unitLabels[unit]}` : '');
	if (l && typeof l === 'object') {
		const o = l as Record<string, unknown>;
		const direct = fmt(o.value ?? o.amount ?? o.n, o.unit);
		if (direct) return direct;
		for (const unit of Object.keys(unitLabels)) if (typeof o[unit] === 'number') return fmt(o[unit], unit);
	}
	if (typeof l === 'number') return fmt(l, rule.unit ?? rule.limit_unit);
	if (text(l)) return text(l) as string;
	// An extension rule carries its limit under extension.limit.
	const ext = rule.extension as Record<string, unknown> | undefined;
	return ext?.limit ? limitText({ limit: ext.limit }) : '';
}

export async function packInfo(name: string): Promise<PackInfo> {
	const empty: PackInfo = { name, title: null, rules: new Map() };
	if (!/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(name)) return empty;
	for (const ext of ['yaml', 'yml', 'json']) {
		const file = path.join(DATA_DIR, 'packs', `${name}.${ext}`);
		const stat = await fs.stat(file).catch(() => null);
		if (!stat) continue;
		const hit = cache.get(file);
		if (hit && hit.mtime === stat.mtimeMs) return hit.info;
		try {
			const doc = loadYaml(await fs.readFile(file, 'utf8')) as Record<string, unknown> | null;
			const source = (doc?.source ?? doc?.regulation) as Record<string, unknown> | string | undefined;
			const title =
				text(doc?.regulation_title) ??
				text(typeof source === 'object' && source ? (source.title ?? source.name) : source) ??
				text(doc?.title) ??
				text(doc?.name_zh) ??
				null;
			const rules = new Map<string, { title: string; limit: string }>();
			for (const r of Array.isArray(doc?.rules) ? (doc.rules as Record<string, unknown>[]) : []) {
				const id = text(r?.id);
				if (!id) continue;
				rules.set(id, { title: text(r.title) ?? text(r.name) ?? text(r.label) ?? id, limit: limitText(r) });
			}
			const info: PackInfo = { name, title: title ? title.replace(/^《|》$/g, '') : null, rules };
			cache.set(file, { mtime: stat.mtimeMs, info });
			return info;
		} catch {
			return empty;
		}
	}
	return empty;
}

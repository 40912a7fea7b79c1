// Titles and limits of a rule pack's rules as the bulletin names them ("受理决定时限", "5个工作日"), from the
// compliance engine's validated pack (data/packs/<name>.yaml). A pack that cannot be loaded leaves the rule ids.
import { documentTitle, loadPack, type Limit, type Rule } from '../compliance/pack.ts';
import { unitLabels } from '../../i18n/zh/compliance.ts';

export interface PackInfo {
	name: string;
	/** The regulation the pack comes from, e.g. 县行政效能投诉处理暂行办法 (null when unknown). */
	title: string | null;
	/** Rule id → title and limit, in the pack's order. */
	rules: Map<string, { title: string; limit: string }>;
}

const limitText = (l: Limit | undefined): string => (l ? `${l.value}${unitLabels[l.unit] ?? l.unit}` : '');

/** A rule's own limit, or for an extension rule the limit it grants. */
function ruleLimit(rule: Rule): string {
	return limitText(rule.limit) || limitText(rule.extension?.limit);
}

export async function packInfo(name: string): Promise<PackInfo> {
	try {
		const pack = loadPack(name);
		return {
			name,
			title: documentTitle(pack),
			rules: new Map(pack.rules.map((r) => [r.id, { title: r.title, limit: ruleLimit(r) }]))
		};
	} catch {
		// An unknown or broken pack must not stop the bulletin: its results are still shown under their rule ids.
		return { name, title: null, rules: new Map() };
	}
}

// The fields a rule needs to be judged, and which rules a set of carried fields (one export, or one case's
// batches: db/carried.ts) cannot support. A rule missing any of them is no-data (数据不足) for the case,
// never open or breached: an absent column says nothing about whether a step happened.
import type { PackData, Rule } from './pack.ts';
import { baseRules } from './pack.ts';
import { fieldLabels } from '../../i18n/zh/compliance.ts';

/** Fields the rule's conditions test (they decide whether the rule applies at all). */
export function conditionFields(rule: Rule): string[] {
	return [...new Set(rule.applies_when.flatMap((c) => (c['not-same-day-as'] ? [c.field, c['not-same-day-as']] : [c.field])))];
}

/** Fields of the rule's clock: start, stop, and the source's own due moment for a given-due rule. */
export function clockFields(rule: Rule): string[] {
	if (!rule.clock) return [];
	return [...new Set([rule.clock.start, rule.clock.stop, ...(rule.type === 'given-due' ? ['due_at'] : [])])];
}

/** Every field the rule needs (an extension rule: those of its base rules), conditions first. */
export function neededFields(pack: PackData, rule: Rule): string[] {
	return [...new Set(baseRules(pack, rule).flatMap((r) => [...conditionFields(r), ...clockFields(r)]))];
}

export interface UnsupportedRule {
	rule_id: string;
	title: string;
	/** the canonical fields the rule needs and the data does not carry */
	missing: string[];
	/** their Chinese names */
	missing_labels: string[];
}

/** The rules of the pack that data carrying only these fields cannot support, in pack order. */
export function unsupportedRules(pack: PackData, carried: Iterable<string>): UnsupportedRule[] {
	const have = new Set(carried);
	return pack.rules.flatMap((rule) => {
		const missing = neededFields(pack, rule).filter((f) => !have.has(f));
		if (!missing.length) return [];
		return [{ rule_id: rule.id, title: rule.title, missing, missing_labels: missing.map((f) => fieldLabels[f] ?? f) }];
	});
}

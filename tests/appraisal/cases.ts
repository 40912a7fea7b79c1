// Cases for the appraisal tests, whose scores, ranks and tiers are worked out by hand.
import type { CaseInput } from '../compliance/fixtures.ts';

/**
 * n cases of a unit received 3–5 March of `year` (a Monday to Wednesday in 2025), accepted within the hour (当场:
 * accept-decision does not apply) and answered and closed a week later (直办: direct-reply met), so every unit has
 * the same on-time, overdue and repeat components; `satisfied` of them 满意 and the rest 不满意: with every other
 * component 1, the composite score is 70 + 30 × satisfaction. Case ids `<unit>-<year>-<i>`; `extra` changes case i.
 */
export function unitCases(unit: string, n: number, satisfied: number, extra: (i: number) => Partial<CaseInput> = () => ({}), year = 2025): CaseInput[] {
	return Array.from({ length: n }, (_, i) => ({
		case_id: `${unit}-${year}-${i}`,
		received_at: `${year}-03-0${3 + (i % 3)} 09:00`,
		unit,
		handling_mode: '直办',
		accepted_at: `${year}-03-0${3 + (i % 3)} 10:00`,
		replied_at: `${year}-03-1${i % 3} 10:00`,
		closed_at: `${year}-03-1${i % 3} 10:00`,
		satisfaction: i < satisfied ? '满意' : '不满意',
		...extra(i)
	}));
}

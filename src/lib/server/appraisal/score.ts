// A scheme's unit score and ranks (issue 13): the 单位效能 ranking of the metrics layer under the scheme's weights and
// minimum, less the scheme's deductions for the findings counted in the period. The appraisal list and the 单位效能
// page (score, rank, 红榜/黑榜) both ask this one function, so the two pages agree by construction.
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import type { RulePack } from '../compliance/pack.ts';
import type { FilterState } from '../../model/filters.ts';
import { viewPeriod } from '../../model/dashboards.ts';
import { shanghaiToday } from '../time.ts';
import type { ScoreWeights } from '../metrics/catalog.ts';
import { unitRanks, type UnitRank } from '../metrics/ranks.ts';
import { measureDeduction, type Scheme } from './scheme.ts';
import { counts, isPending, periodFlags } from './review.ts';

/** The flags of every unit are read to work out deductions (no complainant field is selected there). */
const EVERY_UNIT: SessionUser = { userId: 0, name: 'scheme-score', displayName: null, role: 'analyst', units: [], pii: false };

export interface UnitDeduction {
	/** points off the unit's score */
	points: number;
	/** the findings that deducted (件 or 件次, as the scheme counts) */
	findings: number;
}

/**
 * Each unit's deduction for the findings of the cases received in the period: a counted finding takes off its
 * measure's points (an unreviewed flag in the preview takes the scheme's default measure for its kind). Counted by
 * 件次, every finding deducts; by 件, one case deducts once, its heaviest finding. Also the flags still pending.
 */
export async function unitDeductions(
	db: Database,
	pack: RulePack,
	scheme: Scheme,
	period: { from: string; to: string },
	includePending: boolean
): Promise<{ byUnit: Map<string, UnitDeduction>; pending: number }> {
	const byUnit = new Map<string, UnitDeduction>();
	if (scheme.units.deduct_findings === 'none') return { byUnit, pending: 0 };
	const flags = await periodFlags(db, EVERY_UNIT, pack, period);
	// unit → case → points of each counted finding of the case
	const perCase = new Map<string, Map<string, number[]>>();
	let pending = 0;
	for (const f of flags) {
		if (isPending(f)) pending++;
		if (!counts(f, includePending)) continue;
		const measure = f.measure ?? scheme.default_measure[f.kind as keyof Scheme['default_measure']];
		const points = measureDeduction(scheme, measure, f.kind);
		if (points <= 0) continue;
		const cases = perCase.get(f.unit) ?? new Map<string, number[]>();
		cases.set(f.case_id, [...(cases.get(f.case_id) ?? []), points]);
		perCase.set(f.unit, cases);
	}
	for (const [unit, cases] of perCase) {
		let points = 0;
		let findings = 0;
		for (const p of cases.values()) {
			if (scheme.count_by === '件') {
				points += Math.max(...p);
				findings += 1;
			} else {
				points += p.reduce((a, b) => a + b, 0);
				findings += p.length;
			}
		}
		byUnit.set(unit, { points: Math.round(points * 100) / 100, findings });
	}
	return { byUnit, pending };
}

export interface SchemeRanks {
	ranks: UnitRank[];
	/** flags of the period not decided by a standing approval (0 when the scheme does not deduct) */
	pending: number;
	/** whether pending flags were counted as findings (预评) */
	preview: boolean;
	deductions: Map<string, UnitDeduction>;
}

/**
 * Every unit the user may see with the scheme's score and its rank in its group for a period. `weights` tries a
 * variant (the 单位效能 page's sliders) without changing the scheme; `includePending` counts flags not yet decided
 * as findings (预评, as `appraisal --include-pending`).
 */
export async function schemeRanks(
	db: Database,
	user: SessionUser,
	pack: RulePack,
	scheme: Scheme,
	filters: FilterState,
	opts: { weights?: Partial<ScoreWeights>; includePending?: boolean; today?: string; measures?: readonly string[]; unit?: string } = {}
): Promise<SchemeRanks> {
	const today = opts.today ?? shanghaiToday();
	const period = viewPeriod(filters, today);
	const includePending = opts.includePending === true;
	const { byUnit, pending } = await unitDeductions(db, pack, scheme, period, includePending);
	const ranks = await unitRanks(db, user, filters, { ...scheme.units.weights, ...(opts.weights ?? {}) }, {
		today,
		measures: opts.measures,
		unit: opts.unit,
		minCases: scheme.units.min_cases,
		deductions: new Map([...byUnit].map(([u, d]) => [u, d.points]))
	});
	return { ranks, pending, preview: includePending && pending > 0, deductions: byUnit };
}

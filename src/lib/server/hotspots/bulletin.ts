// The bulletin's 热点诉求 section: the month's top matters with counts and 环比, the sudden rises and the largest
// duplicate groups, from the same queries as the 热点诉求 page (views.ts) in the reader's scope, and the paragraph a
// clerk would write from them ("本月群众反映集中的问题主要有…"). No case ids or texts: a bulletin is read by leaders.
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import type { FilterState } from '../../model/filters.ts';
import { hotspotBulletin as H } from '../../i18n/zh/hotspots.ts';
import { duplicateGroups, hotspotRises, hotspotTerms, type DuplicateGroup, type RiseRow, type TermRow } from './views.ts';

export const BULLETIN_TOP_TERMS = 5;
export const BULLETIN_TOP_RISES = 3;
export const BULLETIN_TOP_GROUPS = 3;

export interface HotspotSection {
	/** Cases of the period in scope (the terms' shares are of these). */
	total: number;
	terms: Pick<TermRow, 'term' | 'label' | 'cases' | 'share' | 'prev_cases' | 'change'>[];
	rises: Pick<RiseRow, 'kind' | 'item' | 'count' | 'expected' | 'ratio'>[];
	/** Rises over the 30 days up to the period's end. */
	risesFrom: string;
	groups: Omit<DuplicateGroup, 'case_ids' | 'sample'>[];
	grouped_cases: number;
}

/** The section's figures for a period (filters with from/to: a bulletin month and its scope) as `user` may see them. */
export async function hotspotSection(db: Database, user: SessionUser, filters: FilterState, today?: string): Promise<HotspotSection> {
	const terms = await hotspotTerms(db, user, filters, today, BULLETIN_TOP_TERMS);
	const rises = await hotspotRises(db, user, filters, 'month', today);
	const dups = await duplicateGroups(db, user, filters, today);
	return {
		total: terms.total,
		terms: terms.rows.map(({ term, label, cases, share, prev_cases, change }) => ({ term, label, cases, share, prev_cases, change })),
		rises: rises.rows.slice(0, BULLETIN_TOP_RISES).map(({ kind, item, count, expected, ratio }) => ({ kind, item, count, expected, ratio })),
		risesFrom: rises.from,
		groups: dups.rows.slice(0, BULLETIN_TOP_GROUPS).map(({ group_no, kind, cases, complainants, units, first_at, last_at }) => ({ group_no, kind, cases, complainants, units, first_at, last_at })),
		grouped_cases: dups.grouped_cases
	};
}

/** The paragraph: only the sentences that have something to say. */
export function hotspotParagraph(s: HotspotSection): string {
	if (s.terms.length === 0) return H.none;
	const parts = [H.terms(s.terms.map((r) => H.termEntry(r.label, r.cases, r.prev_cases)))];
	if (s.rises.length) parts.push(H.rises(s.rises.map((r) => H.riseEntry(r.kind, r.item, r.count, r.ratio))));
	if (s.groups.length) {
		const g = s.groups[0];
		parts.push(H.groups(s.grouped_cases, s.total, g.cases, g.units, g.kind, g.first_at, g.last_at));
	}
	return parts.join('');
}

// The bulletin's 热点诉求 paragraph, written as a clerk would: "本月群众反映集中的问题主要有…". Built from the same
// queries as the page (views.ts), in the reader's scope. Not yet wired into reports/bulletin.ts (BulletinData).
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { emptyFilters, type FilterState } from '../../model/filters.ts';
import { duplicateGroups, hotspotRises, hotspotTerms } from './views.ts';

export const BULLETIN_TOP_TERMS = 5;

function changeText(cases: number, prev: number): string {
	if (!prev) return '上期无';
	const c = (cases - prev) / prev;
	if (c === 0) return '与上期持平';
	return `环比${c > 0 ? '上升' : '下降'}${(Math.abs(c) * 100).toFixed(1)}%`;
}

/** The paragraph for a period (a bulletin month) and scope. */
export async function hotspotParagraph(db: Database, user: SessionUser, period: { from: string; to: string }, filters: FilterState = emptyFilters(), today?: string): Promise<string> {
	const f = { ...filters, from: period.from, to: period.to, month: undefined };
	const terms = await hotspotTerms(db, user, f, today, BULLETIN_TOP_TERMS);
	if (terms.rows.length === 0) return '本月没有可归纳的群众反映集中问题。';
	const parts = [`本月群众反映集中的问题主要有：${terms.rows.map((r) => `“${r.term}”（${r.cases}件，${changeText(r.cases, r.prev_cases)}）`).join('、')}。`];
	const rises = await hotspotRises(db, user, f, 'month', today);
	if (rises.rows.length) parts.push(`近30天明显增多的有：${rises.rows.slice(0, 3).map((r) => `“${r.item}”（${r.count}件，约为常态的${r.ratio.toFixed(1)}倍）`).join('、')}。`);
	const dups = await duplicateGroups(db, user, f, today);
	const big = dups.rows.filter((g) => g.kind === '集中诉求');
	if (big.length) parts.push(`另有${big.length}组内容相近的集中诉求，最大一组${big[0].cases}件，涉及${big[0].units}，可考虑并单办理。`);
	return parts.join('');
}

// What the overview page (首页) asks: the metrics layer's figures of the period, and beside them the 红榜/黑榜 of the
// appraisal scheme — score, rank in group and list from appraisal/score.ts `schemeRanks`, the one ranking 单位效能
// and the monthly bulletin show — with pending flags counted as `appraisal --include-pending` counts them (预评).
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import type { FilterState } from '../../model/filters.ts';
import { shanghaiToday } from '../time.ts';
import { overview, overviewPeriod, type Overview } from '../metrics/overview.ts';
import type { UnitRank } from '../metrics/ranks.ts';
import { loadScheme, type DeductMode, type Scheme } from '../appraisal/scheme.ts';
import { schemeRanks } from '../appraisal/score.ts';
import { packOf } from './compliance.ts';

/** The unit figures the 红榜/黑榜 show beside the score: measured by the ranking query itself. */
export const LIST_MEASURES = ['on_time_rate', 'satisfaction_rate', 'repeat_rate', 'overdue_open'] as const;

/** The scheme a ranking was made under, as the pages say it (title, minimum, deductions, 预评). */
export interface RankingScheme {
	title: string;
	version: string;
	countBy: string;
	deduct: DeductMode;
	minCases: number;
	/** flags of the period not yet decided */
	pending: number;
	/** pending flags were counted as findings: the lists are a preview (预评) */
	preview: boolean;
}

export interface OverviewScreen extends Overview {
	/** 红榜: each group's best (rank 1 = best in its group), best first */
	best: Row[];
	/** 黑榜: each group's worst, worst first */
	worst: Row[];
	scheme: RankingScheme;
}

export function rankingScheme(scheme: Scheme, ranked: { pending: number; preview: boolean }): RankingScheme {
	return {
		title: scheme.title,
		version: scheme.version,
		countBy: scheme.count_by,
		deduct: scheme.units.deduct_findings,
		minCases: scheme.units.min_cases,
		pending: ranked.pending,
		preview: ranked.preview
	};
}

/** A ranked unit as the overview's lists show it. */
function listRow(r: UnitRank): Row {
	return { unit: r.unit, ...r.metrics, cases: r.cases, score: r.score, deduction: r.deduction, unit_group: r.unit_group, rank: r.rank, ranked_units: r.of };
}

export async function overviewScreen(
	db: Database,
	user: SessionUser,
	filters: FilterState,
	opts: { charts?: boolean; scheme?: Scheme; today?: string } = {}
): Promise<OverviewScreen> {
	const scheme = opts.scheme ?? loadScheme();
	const today = opts.today ?? shanghaiToday();
	const { filters: f } = await overviewPeriod(db, filters);
	const [ov, ranked] = await Promise.all([
		overview(db, user, filters, { charts: opts.charts }),
		schemeRanks(db, user, await packOf(db), scheme, f, { includePending: true, today, measures: LIST_MEASURES })
	]);
	const listed = (list: 'red' | 'black') => ranked.ranks.filter((r) => r.list === list).map(listRow);
	const byName = (a: Row, b: Row) => String(a.unit).localeCompare(String(b.unit));
	return {
		...ov,
		best: listed('red').sort((a, b) => Number(b.score) - Number(a.score) || byName(a, b)),
		worst: listed('black').sort((a, b) => Number(a.score) - Number(b.score) || byName(b, a)),
		scheme: rankingScheme(scheme, ranked)
	};
}

// 临期预警 (product.md 2.0): the open evaluations of the default pack about to break. Built with case_facts (facts.ts)
// from the stored compliance results as of the build moment, so the 临期 measure (catalog.ts), the overview and unit
// KPIs and the list below count the same rows; the list reads them through compileWhere (the one unit scope).
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database, Row } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { canSeeCases } from '../auth/scope.ts';
import { UserInputError } from '../errors.ts';
import type { FilterState } from '../../model/filters.ts';
import type { RulePack } from '../compliance/pack.ts';
import { documentTitle, loadPack } from '../compliance/pack.ts';
import { toIsoShanghai } from '../time.ts';
import { nearlyText } from '../../i18n/zh/nearly.ts';
import { compileWhere, validateFilters } from './compile.ts';
import { cachedQuery } from './query.ts';
import { effectivePeriod } from './overview.ts';

export interface NearlyRow {
	case_id: string;
	unit: string;
	received_at: string;
	rule_id: string;
	rule_title: string;
	/** the source document by its one title (documentTitle) */
	document: string;
	article: string;
	clock_start: string | null;
	due_at: string;
	/** counted in days: working days left after today (0: due today); counted in hours: null */
	working_days_left: number | null;
	/** hours left, for every row (one decimal on screen) */
	hours_left: number;
	/** the limit in hours when counted in hours */
	limit_hours: number | null;
	extended: boolean;
	provisional: boolean;
}

export interface NearlyList {
	as_of: string | null;
	days: number;
	pack: string | null;
	period: { from: string; to: string };
	total: number;
	rows: NearlyRow[];
	by_unit: { unit: string; n: number }[];
	by_rule: { rule_id: string; rule_title: string; document: string; article: string; n: number }[];
}

export interface NearlyQuery {
	filters: FilterState;
	/** one rule of the default pack (a cross-filter of the list) */
	rule?: string | null;
	limit?: number;
	offset?: number;
}

/** The sources of the list: nearly_facts of cases in the filters and the user's scope (compileWhere), all bound. */
function listSource(q: NearlyQuery, user: SessionUser): { sql: string; params: Record<string, DuckDBValue>; period: { from: string; to: string } } {
	const f = effectivePeriod(validateFilters(q.filters) as FilterState);
	const where = compileWhere(validateFilters(f), user);
	const params: Record<string, DuckDBValue> = { ...where.params };
	let sql = `FROM nearly_facts n JOIN case_facts f USING (case_id) WHERE ${where.sql}`;
	if (q.rule) {
		if (q.rule.length > 100) throw new UserInputError('bad_rule', nearlyText.badRule(q.rule.slice(0, 20)), { field: 'rule' });
		sql += ' AND n.rule_id = $n_rule';
		params.n_rule = q.rule;
	}
	return { sql, params, period: { from: f.from, to: f.to } };
}

const ruleInfo = (pack: RulePack | null, id: string) => {
	const r = pack?.rules.find((x) => x.id === id);
	return { rule_title: r?.title ?? id, document: r && pack ? documentTitle(pack, r.citation) : '', article: r?.citation.article ?? '' };
};

function packOrNull(name: string | null): RulePack | null {
	if (!name) return null;
	try {
		return loadPack(name);
	} catch {
		return null;
	}
}

/**
 * The 临期 list of the user's scope under the dashboards' filters (default period: the overview's), with its counts
 * by unit and by rule; no complainant identity. Its total equals the 临期 measure under the same filters.
 */
export async function nearlyList(db: Database, user: SessionUser, q: NearlyQuery): Promise<NearlyList> {
	if (!canSeeCases(user)) throw new UserInputError('forbidden', nearlyText.forbidden);
	const src = listSource(q, user);
	const limit = Math.min(Math.max(Math.trunc(q.limit ?? 200), 1), 1_048_575);
	const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
	const [meta] = await cachedQuery<{ as_of: string; days: number; pack: string }>(
		db,
		"SELECT strftime(as_of, '%Y-%m-%d %H:%M:%S') AS as_of, days, pack FROM nearly_meta",
		{}
	);
	const [rows, byUnit, byRule, total] = await Promise.all([
		cachedQuery(
			db,
			`SELECT n.case_id, f.unit, strftime(f.received_at, '%Y-%m-%d %H:%M:%S') AS received_at, n.rule_id,
				strftime(n.clock_start, '%Y-%m-%d %H:%M:%S') AS clock_start, strftime(n.due_at, '%Y-%m-%d %H:%M:%S.%g') AS due_at,
				n.working_days_left, n.hours_left, n.limit_hours, n.extended, n.provisional
			 ${src.sql} ORDER BY n.due_at, f.unit_sort, f.unit, n.case_id, n.rule_id LIMIT ${limit} OFFSET ${offset}`,
			src.params
		),
		cachedQuery<{ unit: string; n: number }>(db, `SELECT f.unit, count(*)::INTEGER AS n ${src.sql} GROUP BY f.unit ORDER BY n DESC, f.unit`, src.params),
		cachedQuery<{ rule_id: string; n: number }>(db, `SELECT n.rule_id, count(*)::INTEGER AS n ${src.sql} GROUP BY n.rule_id ORDER BY n DESC, n.rule_id`, src.params),
		cachedQuery<{ n: number }>(db, `SELECT count(*)::INTEGER AS n ${src.sql}`, src.params)
	]);
	const pack = packOrNull(meta?.pack ?? null);
	return {
		as_of: meta ? toIsoShanghai(meta.as_of) : null,
		days: Number(meta?.days ?? 0),
		pack: meta?.pack ?? null,
		period: src.period,
		total: Number(total[0]?.n ?? 0),
		rows: rows.map((r: Row) => ({
			case_id: String(r.case_id),
			unit: String(r.unit),
			received_at: toIsoShanghai(String(r.received_at)),
			rule_id: String(r.rule_id),
			...ruleInfo(pack, String(r.rule_id)),
			clock_start: r.clock_start ? toIsoShanghai(String(r.clock_start)) : null,
			due_at: toIsoShanghai(String(r.due_at)),
			working_days_left: r.working_days_left === null ? null : Number(r.working_days_left),
			hours_left: Math.round(Number(r.hours_left) * 10) / 10,
			limit_hours: r.limit_hours === null ? null : Number(r.limit_hours),
			extended: Boolean(r.extended),
			provisional: Boolean(r.provisional)
		})),
		by_unit: byUnit.map((r) => ({ unit: String(r.unit), n: Number(r.n) })),
		by_rule: byRule.map((r) => ({ rule_id: String(r.rule_id), ...ruleInfo(pack, String(r.rule_id)), n: Number(r.n) }))
	};
}

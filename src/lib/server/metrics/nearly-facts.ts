// The 临期 facts (product.md 2.0) built beside case_facts: which stored open evaluations of the default pack are about
// to break at the build moment. Kept apart from the list (nearly.ts) so that facts.ts can import it without a cycle.
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Rule, RulePack } from '../compliance/pack.ts';
import { loadPack } from '../compliance/pack.ts';

type Limit = NonNullable<Rule['limit']>;

/** The limit a stored result was judged by, per rule and whether it was extended: hours, or null (counted in days). */
export interface NearlyLimit {
	rule_id: string;
	extended: boolean;
	/** the limit in hours when it is counted in hours (quarter rule); null: counted in days (N working days) */
	hours: number | null;
}

const extendedLimit = (base: Limit, ext: { limit?: Limit; add?: number }): Limit => ext.limit ?? { ...base, value: base.value + (ext.add ?? 0) };

/**
 * The limits of a pack's rules as its results were judged: the rule's own, or (extended) the extension's. A rule
 * without a limit (given-due: the export's own due moment) counts in days.
 */
export function nearlyLimits(pack: RulePack): NearlyLimit[] {
	const out: NearlyLimit[] = [];
	const hoursOf = (l: Limit | undefined) => (l && l.unit === 'hours' ? l.value : null);
	for (const rule of pack.rules) {
		if (rule.extension?.of) {
			const base = pack.rules.find((r) => rule.extension!.of!.includes(r.id) && r.limit)?.limit;
			const limit = base ? extendedLimit(base, rule.extension) : rule.extension.limit;
			for (const extended of [false, true]) out.push({ rule_id: rule.id, extended, hours: hoursOf(limit) });
			continue;
		}
		out.push({ rule_id: rule.id, extended: false, hours: hoursOf(rule.limit) });
		const ext = rule.extension && rule.limit ? extendedLimit(rule.limit, rule.extension) : rule.limit;
		out.push({ rule_id: rule.id, extended: true, hours: hoursOf(ext) });
	}
	return out;
}

/**
 * nearly_facts: one row per stored open-within evaluation of the pack that is 临期 at $n_now — counted in days: due
 * within the next $n_days working days (working days after today's date up to the due date, so due today = 0);
 * counted in hours: at most a quarter of the limit left. nearly_meta holds the moment, N and the pack.
 */
export const NEARLY_SQL = /* sql */ `
CREATE OR REPLACE TABLE nearly_facts AS
WITH lim AS (
	SELECT unnest($n_rule_ids::VARCHAR[]) AS rule_id, unnest($n_extended::BOOLEAN[]) AS extended, unnest($n_hours::DOUBLE[]) AS limit_hours
),
today AS (SELECT workday_index AS wi FROM calendar_days WHERE day = $n_now::TIMESTAMP::DATE),
open AS (
	SELECT cr.case_id, cr.rule_id, cr.clock_start, cr.due_at, cr.extended, cr.provisional, lim.limit_hours,
		(d.workday_index - (SELECT wi FROM today))::INTEGER AS wd_left,
		(epoch(cr.due_at) - epoch($n_now::TIMESTAMP)) / 3600.0 AS h_left
	FROM compliance_results cr
	LEFT JOIN lim ON lim.rule_id = cr.rule_id AND lim.extended = cr.extended
	LEFT JOIN calendar_days d ON d.day = cr.due_at::DATE
	WHERE cr.pack = $n_pack AND cr.status = 'open-within' AND cr.done_at IS NULL AND cr.due_at >= $n_now::TIMESTAMP
)
SELECT case_id, rule_id, clock_start, due_at, extended, provisional, limit_hours,
	CASE WHEN limit_hours IS NULL THEN wd_left END AS working_days_left,
	h_left::DOUBLE AS hours_left
FROM open
WHERE CASE WHEN limit_hours IS NOT NULL THEN h_left <= limit_hours / 4.0 ELSE wd_left <= $n_days::INTEGER END
ORDER BY case_id, rule_id;
CREATE OR REPLACE TABLE nearly_meta AS SELECT $n_now::TIMESTAMP AS as_of, $n_days::INTEGER AS days, $n_pack::VARCHAR AS pack;
`;

/** The bound parameters of NEARLY_SQL for the pack (a pack that no longer loads: no limits, only day rules count). */
export function nearlyParams(packName: string, now: string, days: number): Record<string, DuckDBValue> {
	let limits: NearlyLimit[] = [];
	try {
		limits = nearlyLimits(loadPack(packName));
	} catch {
		limits = [];
	}
	return {
		n_pack: packName,
		n_now: now,
		n_days: days,
		n_rule_ids: listValue(limits.map((l) => l.rule_id)),
		n_extended: listValue(limits.map((l) => l.extended)),
		n_hours: listValue(limits.map((l) => l.hours))
	};
}

/** Builds nearly_facts and nearly_meta on a connection (inside the facts rebuild's transaction). */
export async function buildNearlyFacts(conn: DuckDBConnection, params: Record<string, DuckDBValue>): Promise<void> {
	for (const statement of NEARLY_SQL.split(';').map((s) => s.trim()).filter(Boolean)) await conn.run(statement, pick(statement, params));
}

function pick(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
	return Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`$${k}`)));
}

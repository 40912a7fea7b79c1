// The evaluations the rates count: a pack's stored results less those an approved 不予认定 (a data error, issue 13)
// took out. Every figure built on deadline results (case_facts, eval_facts, eval_rollup, the compliance summary,
// the bulletin, the overdue list, the appraisal's counts) reads its results through this one wrapper, so that
// removing a flag changes every surface together. The review queue itself reads the results unwrapped: it must
// still show the flag it decided on.

/**
 * An approved 不予认定 on (pack, rule, case) stands while the evaluation is still one it judged: breached or
 * open-overdue with the same due moment (review.ts yearFlags sends any other back for re-review, and then the
 * evaluation counts again as it reads).
 */
const rejectedSql = (r: string, packSql: string) => `EXISTS (SELECT 1 FROM findings d
	WHERE d.pack = ${packSql} AND d.rule_id = ${r}.rule_id AND d.case_id = ${r}.case_id AND d.decision = 'reject' AND d.state = 'approved'
		AND ${r}.status IN ('breached', 'open-overdue') AND d.flag_due_at IS NOT DISTINCT FROM ${r}.due_at)`;

/**
 * `rel` (a relation with compliance_results' columns, e.g. a ResultSource's rel, with or without a pack column)
 * without the evaluations removed by an approved 不予认定 of the pack named by `packSql` (a bound parameter such
 * as `$pack`, or a column).
 */
export function ratedResults(rel: string, packSql: string): string {
	return `(SELECT rated.* FROM ${rel} rated WHERE NOT ${rejectedSql('rated', packSql)})`;
}

/** The stored results of every pack, less the removed ones (a relation with compliance_results' columns). */
export const RATED_STORED = `(SELECT rated.* FROM compliance_results rated WHERE NOT ${rejectedSql('rated', 'rated.pack')})`;

/** What the rated results depend on beyond the stored ones: part of the data version of the derived tables. */
export const REJECTED_VERSION_SQL = `(SELECT count(*)::VARCHAR || '/' || coalesce(sum(finding_id), 0)::VARCHAR FROM findings
	WHERE decision = 'reject' AND state = 'approved')`;

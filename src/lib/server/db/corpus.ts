// The corpus of cases as one string, for a derived table to record what it was built from and for its readers to
// tell whether it still is: every batch that writes a case (new or rewritten) gives it its own, larger batch id, so
// the largest batch id of the cases and their count change with every import that changes a case, and with nothing else.
export const CASES_STAMP_SQL = /* sql */ `(SELECT coalesce(max(batch_id), 0)::VARCHAR || '/' || count(*)::VARCHAR FROM cases)`;

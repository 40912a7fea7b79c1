// Findings (认定): an inspector's proposal on a flag (a breached or open-overdue evaluation, or a substantiated
// complaint), its approval, the unit's notification and its one written explanation. Keyed on (pack, rule_id,
// case_id) — rule_id 'substantiated' for a substantiated complaint — so decisions survive re-imports and
// recomputations. One current row per key (state proposed or approved); a reversal marks the row withdrawn and
// every step is also in audit_log. No index or key constraint: DuckDB rewrites indexed rows on UPDATE.
export const sql = /* sql */ `
CREATE SEQUENCE finding_id_seq START 1;
CREATE TABLE findings (
	finding_id BIGINT NOT NULL DEFAULT nextval('finding_id_seq'),
	pack VARCHAR NOT NULL,
	rule_id VARCHAR NOT NULL,         -- a rule of the pack, or 'substantiated'
	case_id VARCHAR NOT NULL,
	unit VARCHAR,                     -- the case's unit when proposed (the unit user's view)
	person VARCHAR,                   -- 责任人 when the data names one
	flag_status VARCHAR NOT NULL,     -- breached | open-overdue | substantiated, as judged
	flag_due_at TIMESTAMP,            -- the due moment as judged; a change sends the decision back for re-review
	decision VARCHAR NOT NULL,        -- finding (认定) | exempt (免责) | reject (不予认定: a data error)
	measure VARCHAR,                  -- handling measure of a finding (批评教育 …)
	reason VARCHAR,                   -- exemption reason, or why the flag is a data error
	article VARCHAR,                  -- the article an exemption cites
	note VARCHAR,
	state VARCHAR NOT NULL,           -- proposed | approved | withdrawn
	proposed_by VARCHAR NOT NULL,
	proposed_at TIMESTAMP NOT NULL,
	approved_by VARCHAR,
	approved_at TIMESTAMP,
	doc_no VARCHAR,                   -- 文号 of the approval
	notified_at TIMESTAMP,            -- 告知 the unit
	explanation_due DATE,             -- last day for the unit's explanation
	explanation VARCHAR,              -- the unit's one written explanation (情况说明)
	explained_by VARCHAR,
	explained_at TIMESTAMP
);
`;

// The official calendar as a table, and one compliance result per case, pack and rule.
export const sql = /* sql */ `
CREATE TABLE calendar_days (
	day DATE PRIMARY KEY,
	is_workday BOOLEAN NOT NULL,
	kind VARCHAR NOT NULL,            -- workday | weekend | holiday | makeup_workday
	holiday_name VARCHAR,
	official BOOLEAN NOT NULL,        -- false: the year has not been announced, Monday–Friday is provisional
	workday_index INTEGER NOT NULL,   -- number of working days up to and including this day
	source VARCHAR
);
CREATE TABLE compliance_results (
	pack VARCHAR NOT NULL,
	case_id VARCHAR NOT NULL,
	rule_id VARCHAR NOT NULL,
	clock_start TIMESTAMP,
	due_at TIMESTAMP,
	done_at TIMESTAMP,
	status VARCHAR NOT NULL,          -- met | breached | open-overdue | open-within | not-applicable
	working_days_late INTEGER,
	explanation VARCHAR NOT NULL,
	provisional BOOLEAN NOT NULL DEFAULT false,
	as_of TIMESTAMP NOT NULL,
	computed_at TIMESTAMP NOT NULL
);
CREATE INDEX compliance_case_idx ON compliance_results (case_id);
CREATE TABLE compliance_runs (
	pack VARCHAR PRIMARY KEY,
	pack_version VARCHAR,
	calendar_version VARCHAR,
	as_of TIMESTAMP NOT NULL,
	computed_at TIMESTAMP NOT NULL,
	cases BIGINT,
	evaluations BIGINT
);
`;

// The official calendar as tables (the notices, one row per day, the holiday blocks), and one
// compliance result per case, pack and rule with the runs that produced them.
export const sql = /* sql */ `
-- One State Council notice per year: shipped under data/calendar/ or loaded by an admin.
CREATE TABLE calendar_notices (
	year INTEGER PRIMARY KEY,
	official BOOLEAN NOT NULL,
	source VARCHAR NOT NULL,          -- 国务院办公厅关于YYYY年部分节假日安排的通知
	content JSON NOT NULL,            -- the validated notice (holidays, makeup_workdays)
	sha256 VARCHAR NOT NULL,
	origin VARCHAR NOT NULL,          -- file | import
	file_sha256 VARCHAR,              -- the data/calendar file last synced for this year (a changed file wins again)
	loaded_by VARCHAR,
	loaded_at TIMESTAMP NOT NULL
);
CREATE TABLE calendar_days (
	day DATE PRIMARY KEY,
	is_workday BOOLEAN NOT NULL,
	kind VARCHAR NOT NULL,            -- workday | weekend | holiday | makeup_workday
	holiday_name VARCHAR,
	official BOOLEAN NOT NULL,        -- false: the year has not been announced, Monday–Friday is provisional
	workday_index INTEGER NOT NULL,   -- number of working days up to and including this day
	unofficial_index INTEGER NOT NULL,-- number of days of unannounced years up to and including this day
	source VARCHAR
);
-- Consecutive holiday days, named as an explanation reads them (国庆中秋假期).
CREATE TABLE calendar_blocks (
	first_day DATE NOT NULL,
	last_day DATE NOT NULL,
	name VARCHAR NOT NULL
);
-- String columns are stored uncompressed: compressing a million cases' results on every recomputation cost
-- more than the whole evaluation (measured), and the table is rebuilt per pack anyway.
CREATE TABLE compliance_results (
	pack VARCHAR USING COMPRESSION 'uncompressed' NOT NULL,
	case_id VARCHAR USING COMPRESSION 'uncompressed' NOT NULL,
	rule_id VARCHAR USING COMPRESSION 'uncompressed' NOT NULL,
	clock_start TIMESTAMP,
	due_at TIMESTAMP,
	done_at TIMESTAMP,
	status VARCHAR USING COMPRESSION 'uncompressed' NOT NULL, -- met | breached | open-overdue | open-within (not-applicable is not stored)
	working_days_late INTEGER,
	explanation VARCHAR USING COMPRESSION 'uncompressed', -- NULL when stored by evaluatePack: built by the same SQL when read
	provisional BOOLEAN NOT NULL DEFAULT false,
	extended BOOLEAN NOT NULL DEFAULT false, -- an approved, timely extension set the limit
	as_of TIMESTAMP NOT NULL,
	computed_at TIMESTAMP NOT NULL
);
-- No index: an ART index on 7M rows makes the per-pack DELETE and INSERT of a recomputation very slow.
CREATE TABLE compliance_runs (
	pack VARCHAR PRIMARY KEY,
	pack_source VARCHAR,              -- name of a shipped pack or the path of a custom pack file
	pack_version VARCHAR,
	calendar_version VARCHAR,
	as_of TIMESTAMP NOT NULL,
	as_of_explicit BOOLEAN NOT NULL DEFAULT false, -- false: "now" at the time of the run, recomputations use the new now
	computed_at TIMESTAMP NOT NULL,
	data_version VARCHAR,             -- cases count and last batch at the run: a later import makes it stale
	cases BIGINT,
	evaluations BIGINT,
	summary JSON,
	seconds DOUBLE
);
`;

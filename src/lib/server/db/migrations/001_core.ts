// Core schema: import batches, the canonical case record with its history, rejects, units and settings.
// All timestamps are TIMESTAMP without zone holding Asia/Shanghai wall-clock time (product.md §3).
export const sql = /* sql */ `
CREATE SEQUENCE batch_id_seq START 1;

CREATE TABLE import_batches (
	batch_id INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
	file_name VARCHAR NOT NULL,
	file_sha256 VARCHAR,
	file_bytes BIGINT,
	encoding VARCHAR,
	delimiter VARCHAR,
	profile VARCHAR,
	mapping JSON,
	started_at TIMESTAMP NOT NULL,
	finished_at TIMESTAMP,
	status VARCHAR NOT NULL,          -- 'committed' (only committed batches exist: a failed batch rolls back whole)
	rows_total BIGINT NOT NULL DEFAULT 0,
	rows_imported BIGINT NOT NULL DEFAULT 0,
	rows_updated BIGINT NOT NULL DEFAULT 0,
	rows_unchanged BIGINT NOT NULL DEFAULT 0,
	rows_rejected BIGINT NOT NULL DEFAULT 0,
	rows_warned BIGINT NOT NULL DEFAULT 0,
	imported_by VARCHAR,
	seconds DOUBLE
);

-- case_id is unique by construction (the import merge keeps one row per id: the last valid occurrence in a
-- file, matched against the stored case), so it carries no PRIMARY KEY: maintaining that ART index cost a
-- 1,000,000-row import about as much as DuckDB's whole read_csv, and point lookups are served by zone maps.
CREATE TABLE cases (
	case_id VARCHAR NOT NULL,
	received_at TIMESTAMP NOT NULL,
	channel VARCHAR,
	complainant_name VARCHAR,
	complainant_phone VARCHAR,
	complainant_id_no VARCHAR,
	complainant_key VARCHAR,          -- salted SHA-256 of the normalised phone, else ID number: repeat detection without identity
	unit VARCHAR NOT NULL,
	person VARCHAR,
	category VARCHAR,
	handling_mode VARCHAR,
	severity VARCHAR,
	accepted_at TIMESTAMP,
	dispatched_at TIMESTAMP,
	first_response_at TIMESTAMP,
	closed_at TIMESTAMP,
	replied_at TIMESTAMP,
	filed_report_at TIMESTAMP,
	callback_at TIMESTAMP,
	due_at TIMESTAMP,
	extension_approved BOOLEAN,
	extension_days INTEGER,
	extension_requested_at TIMESTAMP,
	extension_approved_at TIMESTAMP,
	extension_approved_by VARCHAR,
	outcome VARCHAR,
	satisfaction VARCHAR,
	content VARCHAR,
	source_verdict VARCHAR,           -- the source system's own verdict, e.g. CFPB "Timely response?"
	extra JSON,                       -- unmapped columns of the export, kept verbatim
	quality_warnings VARCHAR[],       -- data-quality warnings (e.g. closed before received); the case is kept
	row_hash VARCHAR NOT NULL,        -- hash of the normalised record: unchanged re-imports are detected by it
	first_batch_id INTEGER NOT NULL,
	batch_id INTEGER NOT NULL,        -- the batch that last changed the case
	source_line BIGINT,
	typical BOOLEAN NOT NULL DEFAULT false,
	typical_summary VARCHAR
);
-- No secondary ART indexes on received_at/unit: DuckDB filters those by zone maps, never by an ART index
-- for ranges or low-selectivity values, and maintaining them made a 1,000,000-row import three times slower.

-- Previous versions of a case, one row each time a later export changed it.
CREATE TABLE case_history (
	case_id VARCHAR NOT NULL,
	superseded_by_batch INTEGER NOT NULL,
	superseded_at TIMESTAMP NOT NULL,
	batch_id INTEGER NOT NULL,
	record JSON NOT NULL
);
CREATE INDEX case_history_case_idx ON case_history (case_id);

-- Time excluded from deadline clocks (waiting for the complainant, expert appraisal …).
CREATE TABLE case_pauses (
	case_id VARCHAR NOT NULL,
	start_at TIMESTAMP NOT NULL,
	end_at TIMESTAMP,
	reason VARCHAR,
	batch_id INTEGER
);
CREATE INDEX case_pauses_case_idx ON case_pauses (case_id);

-- Every rejected row of every batch, with its raw content so nothing is ever lost.
CREATE TABLE import_rejects (
	batch_id INTEGER NOT NULL,
	line_no BIGINT,
	field VARCHAR,
	column_name VARCHAR,
	reason VARCHAR NOT NULL,
	raw VARCHAR
);
CREATE INDEX import_rejects_batch_idx ON import_rejects (batch_id);

-- Warnings on kept rows (e.g. impossible chronology), per batch, for the report.
CREATE TABLE import_warnings (
	batch_id INTEGER NOT NULL,
	case_id VARCHAR NOT NULL,
	line_no BIGINT,
	field VARCHAR,
	warning VARCHAR NOT NULL
);

CREATE TABLE units (
	name VARCHAR PRIMARY KEY,
	unit_group VARCHAR,               -- 局/委/办 (county bureaus) or 乡镇 (towns), for grouping in filters
	sort_order INTEGER
);
CREATE TABLE unit_aliases (
	alias VARCHAR PRIMARY KEY,
	unit VARCHAR NOT NULL
);

CREATE TABLE settings (
	key VARCHAR PRIMARY KEY,
	value VARCHAR NOT NULL
);
`;

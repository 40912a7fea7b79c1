// Storage of the cases table, chosen for the import's speed (measured on 1,000,000 cases; DuckDB otherwise tries
// every compression method on every column segment it writes and keeps the best):
// - nearly-unique text (ids, names, phone and ID numbers, the complainant key, the content, the row hash) is
//   stored uncompressed: dictionary and FSST do not pay there (2.1 s → 1.4 s to write the cases, the file
//   177 → 314 MB per million cases);
// - timestamps are bit-packed and the grouping columns (unit, category, channel …) dictionary-encoded without
//   trying the other methods (1.4 s → about 1.1 s, the same size; the dashboards' group-bys are as fast).
// DuckDB cannot change a column's compression in place, so the table is rebuilt with the same columns, in the
// same order, and its rows copied.
export const sql = /* sql */ `
CREATE TABLE cases_v4 (
	case_id VARCHAR USING COMPRESSION 'uncompressed' NOT NULL,
	received_at TIMESTAMP USING COMPRESSION 'bitpacking' NOT NULL,
	channel VARCHAR USING COMPRESSION 'dictionary',
	complainant_name VARCHAR USING COMPRESSION 'uncompressed',
	complainant_phone VARCHAR USING COMPRESSION 'uncompressed',
	complainant_id_no VARCHAR USING COMPRESSION 'uncompressed',
	complainant_key VARCHAR USING COMPRESSION 'uncompressed',
	unit VARCHAR USING COMPRESSION 'dictionary' NOT NULL,
	person VARCHAR USING COMPRESSION 'dictionary',
	category VARCHAR USING COMPRESSION 'dictionary',
	handling_mode VARCHAR USING COMPRESSION 'dictionary',
	severity VARCHAR USING COMPRESSION 'dictionary',
	accepted_at TIMESTAMP USING COMPRESSION 'bitpacking',
	dispatched_at TIMESTAMP USING COMPRESSION 'bitpacking',
	first_response_at TIMESTAMP USING COMPRESSION 'bitpacking',
	closed_at TIMESTAMP USING COMPRESSION 'bitpacking',
	replied_at TIMESTAMP USING COMPRESSION 'bitpacking',
	filed_report_at TIMESTAMP USING COMPRESSION 'bitpacking',
	callback_at TIMESTAMP USING COMPRESSION 'bitpacking',
	due_at TIMESTAMP USING COMPRESSION 'bitpacking',
	extension_approved BOOLEAN,
	extension_days INTEGER,
	extension_requested_at TIMESTAMP USING COMPRESSION 'bitpacking',
	extension_approved_at TIMESTAMP USING COMPRESSION 'bitpacking',
	extension_approved_by VARCHAR USING COMPRESSION 'dictionary',
	outcome VARCHAR USING COMPRESSION 'dictionary',
	satisfaction VARCHAR USING COMPRESSION 'dictionary',
	content VARCHAR USING COMPRESSION 'uncompressed',
	source_verdict VARCHAR USING COMPRESSION 'dictionary',
	extra JSON,
	quality_warnings VARCHAR[],
	row_hash VARCHAR USING COMPRESSION 'uncompressed' NOT NULL,
	first_batch_id INTEGER NOT NULL,
	batch_id INTEGER NOT NULL,
	source_line BIGINT,
	typical BOOLEAN NOT NULL DEFAULT false,
	typical_summary VARCHAR
);
INSERT INTO cases_v4 SELECT * FROM cases;
DROP TABLE cases;
ALTER TABLE cases_v4 RENAME TO cases;
`;

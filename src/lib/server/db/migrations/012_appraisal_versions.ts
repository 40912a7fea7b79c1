// Published appraisals (issue 13): publishing a year's appraisal freezes it as a numbered version — the whole list
// with its evidence as the appraisal computed it then, so later imports and reviews never change it; publishing
// again makes the next number. Keyed on (year, pack, subject: unit | person). No complainant field is stored.
export const sql = /* sql */ `
CREATE SEQUENCE appraisal_version_id_seq START 1;
CREATE TABLE appraisal_versions (
	version_id BIGINT NOT NULL DEFAULT nextval('appraisal_version_id_seq'),
	year INTEGER NOT NULL,
	pack VARCHAR NOT NULL,
	subject VARCHAR NOT NULL,        -- unit | person (the list's "by")
	version_no INTEGER NOT NULL,     -- 1, 2, … per (year, pack, subject)
	scheme VARCHAR NOT NULL,
	scheme_version VARCHAR NOT NULL,
	published_by VARCHAR NOT NULL,
	published_at TIMESTAMP NOT NULL,
	note VARCHAR,
	content VARCHAR NOT NULL         -- the appraisal as published (JSON: rows and evidence)
);
`;

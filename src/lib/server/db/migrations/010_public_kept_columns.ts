// Kept columns the analyst marked 不含个人信息 (issue 15): the export's columns that map to no field stay
// complainant data in cases.extra, read only with the PII grant; those marked "not personal" on the import page,
// in the profile or by --public-column are stored apart in cases.extra_public (header → cell), which every role
// that sees the case reads. Keeping them in their own column means no reader without the grant ever touches
// cases.extra. import_batches.public_columns records which headers the batch marked.
export const sql = /* sql */ `
ALTER TABLE cases ADD COLUMN extra_public JSON;
ALTER TABLE import_batches ADD COLUMN public_columns VARCHAR[];
`;

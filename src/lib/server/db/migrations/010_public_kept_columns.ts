// Kept columns the analyst marked 不含个人信息 (issue 15): the export's columns that map to no field stay
// complainant data in cases.extra, read only with the PII grant; those marked "not personal" on the import page,
// in the profile or by --public-column are stored apart in cases.extra_public (header → cell), which every role
// that sees the case reads. Keeping them in their own column means no reader without the grant ever touches
// cases.extra. import_batches.public_columns records which headers the batch marked.
// Each batch's data-quality scores, 0–100, worked out when it is imported over the cases it wrote (README, 数据导入):
// completeness (the share of the cells of mapped optional fields that are filled) and consistency (the share of
// the cases without a data-quality warning); NULL when the batch wrote no case (or mapped no optional field).
export const sql = /* sql */ `
ALTER TABLE cases ADD COLUMN extra_public JSON;
ALTER TABLE import_batches ADD COLUMN public_columns VARCHAR[];
ALTER TABLE import_batches ADD COLUMN completeness DOUBLE;
ALTER TABLE import_batches ADD COLUMN consistency DOUBLE;
`;

// The canonical fields of 12345 work orders and 网络问政 messages (product.md §4, issue 15), one column each in cases:
// the classification's lower level, the message title, the reply text, whether the complainant called the matter
// solved, the co-handling units, the send-back record, and the procedure (stored as 'simple' / 'general').
// Existing cases get NULL: no batch carried these fields (carried_mask bits 31–37, ingest/carried.ts).
// import_batches.constants: the fields a batch gave one value for every row (--set, 固定值), as JSON field → value.
export const sql = /* sql */ `
ALTER TABLE cases ADD COLUMN sub_category VARCHAR;
ALTER TABLE cases ADD COLUMN title VARCHAR;
ALTER TABLE cases ADD COLUMN reply_text VARCHAR;
ALTER TABLE cases ADD COLUMN resolved VARCHAR;
ALTER TABLE cases ADD COLUMN co_units VARCHAR;
ALTER TABLE cases ADD COLUMN returned VARCHAR;
ALTER TABLE cases ADD COLUMN "procedure" VARCHAR;
ALTER TABLE import_batches ADD COLUMN constants JSON;
`;

// Storage of the cases table, second step (after 004): the grouping columns (unit, category, channel …) are stored
// uncompressed too. Dictionary-encoding them cost about 0.3 CPU s per million cases written (measured on 1,000,000
// cases: 1.86 → 1.55 CPU s for the whole write) for ~100 MB less per million; the dashboards read their own derived
// table (case_facts), not these columns, so only the write and the file size change.
// The table is 004's, column for column (004 is shipped and never changes): only 'dictionary' becomes 'uncompressed'.
import { sql as v4 } from './004_case_storage.ts';

const columns = /CREATE TABLE cases_v4 \(([\s\S]*?)\n\);/.exec(v4)?.[1];
if (!columns || !columns.includes("'dictionary'")) throw new Error('migration 005: the cases table of 004 not found');

export const sql = /* sql */ `
CREATE TABLE cases_v5 (${columns.replaceAll("USING COMPRESSION 'dictionary'", "USING COMPRESSION 'uncompressed'")}
);
INSERT INTO cases_v5 SELECT * FROM cases;
DROP TABLE cases;
ALTER TABLE cases_v5 RENAME TO cases;
`;

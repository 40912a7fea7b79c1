// 集中诉求 (issue 16): which cases the stored near-duplicate groups (case_concentrated, migration 011) were built
// from, so a reader can tell them from groups of an older corpus. One row, written by the hot-spot build in the
// transaction that writes the groups; empty until the first build (no figure can be read from it then).
export const sql = /* sql */ `
CREATE TABLE IF NOT EXISTS case_concentrated_meta (cases_stamp VARCHAR NOT NULL);
`;

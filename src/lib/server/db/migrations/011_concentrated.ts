// 集中诉求 (issue 16): the cases that belong to a near-duplicate group with two or more complainants, as the
// hot-spot build (hotspots/build.ts) last found them over the whole corpus. A derived table like case_terms, but
// created here so the metrics layer's measure concentrated_rate can read it before the first hot-spot build (it
// is then empty: no case counted).
export const sql = /* sql */ `
CREATE TABLE IF NOT EXISTS case_concentrated (case_id VARCHAR NOT NULL, received_date DATE NOT NULL, group_seed VARCHAR NOT NULL);
`;

// Redaction rule 4 (runs of 7 or more digits, server/pii/redact.ts) now takes every kind of space between the digits:
// RE2's \s is ASCII only, so 138　1234　5678 typed with the ideographic space U+3000 (or the no-break space) stayed in
// the redacted copy a unit user reads. The copies a database holds are refilled where the text holds such a space,
// as migrations 016 and 019 did for the Chinese-numeral rule.
import { NON_ASCII_SPACE, redactSql } from '../../pii/redact.ts';

const space = `'[${NON_ASCII_SPACE}]'`;

export const sql = /* sql */ `
UPDATE cases SET content_redacted = ${redactSql('content', 'complainant_name')} WHERE content IS NOT NULL AND regexp_matches(content, ${space});
UPDATE cases SET typical_summary_redacted = ${redactSql('typical_summary', 'complainant_name')}
	WHERE typical_summary IS NOT NULL AND regexp_matches(typical_summary, ${space});
UPDATE case_pauses SET reason_redacted = ${redactSql('case_pauses.reason', 'c.complainant_name')}
	FROM cases c WHERE c.case_id = case_pauses.case_id AND case_pauses.reason IS NOT NULL AND regexp_matches(case_pauses.reason, ${space});
`;

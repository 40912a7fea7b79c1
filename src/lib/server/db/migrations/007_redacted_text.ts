// Redacted copies of the free texts (server/pii/redact.ts): what roles without the PII grant see, search and export.
// - cases.content_redacted: the complaint text without the complainant's name, phone, ID, card numbers, e-mail;
// - cases.typical_summary_redacted: the same for the 典型案例 summary an analyst wrote (leaders read it in the bulletin);
// - case_pauses.reason_redacted: the same for pause reasons (named with the case's complainant).
// The import writes them with every case it writes; this migration fills them for the cases a database already holds,
// in SQL by the redactor's rules of this release (a later change of those rules ships with a migration that refills).
// Stored uncompressed like content (004): nearly unique text, written fastest that way.
import { redactSql } from '../../pii/redact.ts';

export const sql = /* sql */ `
ALTER TABLE cases ADD COLUMN content_redacted VARCHAR USING COMPRESSION 'uncompressed';
ALTER TABLE cases ADD COLUMN typical_summary_redacted VARCHAR;
ALTER TABLE case_pauses ADD COLUMN reason_redacted VARCHAR;
UPDATE cases SET content_redacted = ${redactSql('content', 'complainant_name')} WHERE content IS NOT NULL;
UPDATE cases SET typical_summary_redacted = ${redactSql('typical_summary', 'complainant_name')} WHERE typical_summary IS NOT NULL;
UPDATE case_pauses SET reason_redacted = ${redactSql('case_pauses.reason', 'c.complainant_name')}
	FROM cases c WHERE c.case_id = case_pauses.case_id AND case_pauses.reason IS NOT NULL;
UPDATE case_pauses SET reason_redacted = ${redactSql('reason')} WHERE reason IS NOT NULL AND reason_redacted IS NULL;
`;

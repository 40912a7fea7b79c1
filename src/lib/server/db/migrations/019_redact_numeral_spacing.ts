// Redaction rule 5 (numbers typed in Chinese numerals, server/pii/redact.ts) now takes any spacing between the
// numerals: the ideographic space U+3000 a Chinese input method types, the no-break space, more than two separators.
// RE2's \s is ASCII only, so 幺三九　一二三四　五六七八 stayed in the redacted copy a unit user reads. The copies a
// database holds are refilled where the text holds such a run, as migration 016 did for the rule itself.
import { PATTERNS, redactSql } from '../../pii/redact.ts';

const run = `'${PATTERNS.chineseNumeralRun}'`;

export const sql = /* sql */ `
UPDATE cases SET content_redacted = ${redactSql('content', 'complainant_name')} WHERE content IS NOT NULL AND regexp_matches(content, ${run});
UPDATE cases SET typical_summary_redacted = ${redactSql('typical_summary', 'complainant_name')}
	WHERE typical_summary IS NOT NULL AND regexp_matches(typical_summary, ${run});
UPDATE case_pauses SET reason_redacted = ${redactSql('case_pauses.reason', 'c.complainant_name')}
	FROM cases c WHERE c.case_id = case_pauses.case_id AND case_pauses.reason IS NOT NULL AND regexp_matches(case_pauses.reason, ${run});
`;

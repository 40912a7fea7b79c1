// Versioned schema migrations, applied in order at start-up; a migration is never edited once shipped.
import { sql as core } from './001_core.ts';
import { sql as auth } from './002_auth.ts';
import { sql as compliance } from './003_compliance.ts';
import { sql as caseStorage } from './004_case_storage.ts';
import { sql as groupingStorage } from './005_case_storage_grouping.ts';
import { sql as carriedFields } from './006_carried_fields.ts';
import { sql as redactedText } from './007_redacted_text.ts';
import { sql as caseFields12345 } from './008_case_fields_12345.ts';
import { sql as findings } from './009_findings.ts';
import { sql as publicKeptColumns } from './010_public_kept_columns.ts';
import { sql as concentrated } from './011_concentrated.ts';
import { sql as appraisalVersions } from './012_appraisal_versions.ts';
import { sql as concentratedStamp } from './015_concentrated_stamp.ts';
import { sql as redactChineseNumerals } from './016_redact_chinese_numerals.ts';
import { sql as redactNumeralSpacing } from './019_redact_numeral_spacing.ts';
import { sql as redactDigitSpacing } from './021_redact_digit_spacing.ts';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const migrations: Migration[] = [
	{ version: 1, name: 'core', sql: core },
	{ version: 2, name: 'auth', sql: auth },
	{ version: 3, name: 'compliance', sql: compliance },
	{ version: 4, name: 'case storage', sql: caseStorage },
	{ version: 5, name: 'case storage: grouping columns', sql: groupingStorage },
	{ version: 6, name: 'carried fields', sql: carriedFields },
	{ version: 7, name: 'redacted free text', sql: redactedText },
	{ version: 8, name: 'case fields of 12345 and 问政 exports', sql: caseFields12345 },
	{ version: 9, name: 'findings', sql: findings },
	{ version: 10, name: 'kept columns marked not personal; batch quality scores', sql: publicKeptColumns },
	{ version: 11, name: 'concentrated complaints (集中诉求)', sql: concentrated },
	{ version: 12, name: 'published appraisal versions', sql: appraisalVersions },
	{ version: 15, name: 'the corpus the concentrated complaints were grouped from', sql: concentratedStamp },
	{ version: 16, name: 'redacted text: numbers in Chinese numerals', sql: redactChineseNumerals },
	{ version: 19, name: 'redacted text: numbers in Chinese numerals with any spacing', sql: redactNumeralSpacing },
	{ version: 21, name: 'redacted text: digit numbers spaced beyond ASCII', sql: redactDigitSpacing }
];

// What stands in a redacted free text (complaint content, pause reasons, typical-case summaries) where the
// complainant's identity was: stored in the redacted copies at import (server/pii/redact.ts). No digits in here.

export const REDACTED = {
	/** the complainant's own name where it appears in the text */
	name: '［姓名］',
	/** phone numbers in any form, ID and bank card numbers, any other run of seven or more digits */
	number: '［号码］',
	email: '［邮箱］'
} as const;

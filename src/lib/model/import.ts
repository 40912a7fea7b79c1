// What an import is, as both sides see it: the canonical fields, the phases, the batch report and the mapping
// proposal (the upload page and the Chinese labels use them too, so they are model, not server-only code).

/** Canonical fields of the case record (product.md §4). */
export const CANONICAL_FIELDS = [
	'case_id',
	'received_at',
	'channel',
	'complainant_name',
	'complainant_phone',
	'complainant_id_no',
	'unit',
	'person',
	'category',
	'handling_mode',
	'severity',
	'accepted_at',
	'dispatched_at',
	'first_response_at',
	'closed_at',
	'replied_at',
	'filed_report_at',
	'callback_at',
	'due_at',
	'extension_approved',
	'extension_days',
	'extension_requested_at',
	'extension_approved_at',
	'extension_approved_by',
	'pause_start_at',
	'pause_end_at',
	'pause_reason',
	'outcome',
	'satisfaction',
	'content',
	'source_verdict',
	// product.md §4 fields of 12345 / 网络问政 exports (issue 15): appended, so export's columns stay in order
	'sub_category',
	'title',
	'reply_text',
	'resolved',
	'co_units',
	'returned',
	'procedure'
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

export type ImportPhase = 'decode' | 'parse' | 'validate' | 'merge' | 'compliance' | 'done';

export interface ImportProgress {
	phase: ImportPhase;
	/** 0..1 over the whole import. */
	fraction: number;
	message: string;
}

/** The batch report; the CLI's `import --json` line is exactly these fields (docs/cli.md). */
export interface BatchReport {
	batch_id: number;
	file: string;
	encoding: string;
	rows_total: number;
	rows_imported: number;
	rows_updated: number;
	rows_unchanged: number;
	rows_rejected: number;
	seconds: number;
}

/** What a preview (browser or CLI dry run) needs before the import: headers and proposed mapping. */
export interface MappingProposal {
	headers: string[];
	/** Canonical field → header found for it (from the profile, --map, or the Chinese aliases). */
	mapping: Partial<Record<CanonicalField, string>>;
	/** Headers mapped to no field: kept verbatim in cases.extra. */
	unmapped: string[];
	/** Required fields (case_id, received_at, unit) with no header and no constant. */
	missingRequired: CanonicalField[];
	/** Fields given one value for every row (the profile's constants, --set). */
	constants?: Partial<Record<CanonicalField, string>>;
	/** Kept columns the profile marks 不含个人信息 (shown to every role that sees the case). */
	publicColumns?: string[];
}

// The import pipeline's public contract: what callers (CLI, upload API, demo, bench) pass and get back.

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

export interface ImportOptions {
	/** A profile name under data/profiles/ or a path to a profile JSON file. */
	profile?: string;
	/** Canonical field → header in the file; wins over the profile and over alias detection. */
	map?: Partial<Record<CanonicalField, string>>;
	/** Canonical field → one value for every row (--set, 固定值); wins over the profile's constants and any column. */
	constants?: Partial<Record<CanonicalField, string>>;
	/** strptime formats (--date-format) tried first, before the profile's and DuckDB's own reading. */
	dateFormats?: string[];
	encoding?: EncodingChoice;
	/** Name recorded in import_batches (defaults to the file's base name). */
	displayName?: string;
	importedBy?: string;
	/** Called with phase and fraction 0..1 as the import advances. */
	onProgress?: (progress: ImportProgress) => void;
	/**
	 * Let DuckDB read a UTF-8 export as it is when the file allows it (default true; decode.ts). False always
	 * rewrites the file first: the tests import both ways and compare.
	 */
	readAsIs?: boolean;
	/** For tests: throw inside the transaction after this phase, to prove atomicity. */
	failAfterPhase?: ImportPhase;
	/**
	 * Runs inside the batch's transaction after the merge (phase 'compliance'), e.g. to re-evaluate the
	 * compliance of the cases this batch wrote (cases.batch_id = batchId). A throw rolls the whole batch back.
	 */
	afterMerge?: (conn: import('@duckdb/node-api').DuckDBConnection, info: { batchId: number }) => Promise<void>;
}

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
}

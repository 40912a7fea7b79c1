// The import pipeline's public contract: what callers (CLI, upload API, demo, bench) pass and get back. The
// shapes the browser shares (fields, phases, report) are in the model.
import type { CanonicalField, EncodingChoice, ImportPhase, ImportProgress } from '../../model/import.ts';

export {
	CANONICAL_FIELDS,
	type BatchReport,
	type CanonicalField,
	type EncodingChoice,
	type ImportPhase,
	type ImportProgress,
	type MappingProposal
} from '../../model/import.ts';

export interface ImportOptions {
	/** A profile name, a path to a profile JSON file (command line only), or a profile already resolved. */
	profile?: string | import('./profiles.ts').ImportProfile;
	/** Canonical field → header in the file; wins over the profile and over alias detection. */
	map?: Partial<Record<CanonicalField, string>>;
	/** Canonical field → one value for every row (--set, 固定值); wins over the profile's constants and any column. */
	constants?: Partial<Record<CanonicalField, string>>;
	/**
	 * Headers of kept columns (mapped to no field) the analyst marked 不含个人信息 (--public-column, the mapping
	 * step's checkbox): stored in cases.extra_public, which roles without the PII grant read. Added to the profile's.
	 */
	publicColumns?: string[];
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

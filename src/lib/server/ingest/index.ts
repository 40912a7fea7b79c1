// The import pipeline: decode → parse → validate/normalise → merge, as ONE DuckDB transaction per batch, so a
// failure or a killed process leaves the database exactly as before. Every row is accounted for:
// rows_total = imported + updated + unchanged + rejected.
import path from 'node:path';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import { UserInputError } from '../errors.ts';
import { shanghaiNow } from '../time.ts';
import { decodeFile, type DecodedFile } from './decode.ts';
import { buildMapping, findHeader, uniqueHeaders } from './mapping.ts';
import { DEFAULT_DATE_FORMATS, safeDateFormat } from './normalize.ts';
import { resolveProfile, type ImportProfile } from './profiles.ts';
import { newSalt, storedSalt, storeSalt } from './salt.ts';
import { collectParseRejects, createColumnsTable, csvSource, hasRejectTable, keepingOrder, scanFailure } from './stage.ts';
import { buildNorm, collectFieldRejects, resolveUnits, UNITS, type ColumnPlan } from './validate.ts';
import { attachLines } from './lines.ts';
import { findHeaderRows, recognizerFor, type HeaderRecognizer } from './header-row.ts';
import { mergeBatch } from './merge.ts';
import { batchScores } from './quality.ts';
import { CARRIED_BITS, carriedMask } from '../db/carried.ts';
import { createUnitLookupSnapshot, ensureUnits } from './units.ts';
import type { BatchReport, CanonicalField, ImportOptions, ImportPhase, MappingProposal } from './types.ts';
import { FIELD_NAMES, ingestText } from '../../i18n/zh/ingest.ts';

export { detectEncoding, type EncodingDetection } from './encoding.ts';
export { batchQuality, qualityCsv, type BatchQuality } from './quality.ts';
export { listRejects, rejectsCsv, listBatches, batchExists, batchCarried, type RejectRow, type BatchRow } from './rejects.ts';
export { exportCases, type ExportOptions, type ExportResult } from './export.ts';
export { loadProfiles, saveProfile, resolveProfile, savedProfile, profilesDir, savedProfilesDir, type ImportProfile, type ProfileMeta } from './profiles.ts';
export { ensureUnits } from './units.ts';
export { CARRIED_BITS, carriedMask, fieldBit, fieldsOfMask } from '../db/carried.ts';
export { parseMapArgs, parseFieldArgs, normalizeHeader, HEADER_ALIASES } from './mapping.ts';
export { findHeaderRows, HEADER_SEARCH_ROWS } from './header-row.ts';
export * from './types.ts';

/** Share of the whole import each phase ends at (for one progress bar). */
const PHASE_END: Record<ImportPhase, number> = {
	decode: 0.3,
	parse: 0.6,
	validate: 0.75,
	merge: 0.95,
	compliance: 0.99,
	done: 1
};
const PHASE_START: Record<ImportPhase, number> = {
	decode: 0,
	parse: 0.3,
	validate: 0.6,
	merge: 0.75,
	compliance: 0.95,
	done: 1
};
const PHASE_MESSAGE: Record<ImportPhase, string> = {
	decode: ingestText.phaseDecode,
	parse: ingestText.phaseParse,
	validate: ingestText.phaseValidate,
	merge: ingestText.phaseMerge,
	compliance: ingestText.phaseCompliance,
	done: ingestText.phaseDone
};

/** Imports run one at a time per database (two concurrent merges would conflict on the same cases). */
const queues = new WeakMap<Database, Promise<unknown>>();

function serialize<T>(db: Database, fn: () => Promise<T>): Promise<T> {
	const prev = queues.get(db) ?? Promise.resolve();
	const next = prev.catch(() => undefined).then(fn);
	queues.set(db, next);
	return next;
}

function profileOf(profile: ImportOptions['profile'] | ImportProfile | undefined): ImportProfile | undefined {
	if (profile === undefined || profile === '') return undefined;
	return typeof profile === 'string' ? resolveProfile(profile) : profile;
}

/**
 * The mapping the importer would use for these headers: --map, then the profile (name, path or object),
 * then the Chinese header aliases. Repeated or empty headers are made unique first, as the import does.
 */
export function proposeMapping(
	headers: string[],
	opts: { profile?: string | ImportProfile; map?: Partial<Record<CanonicalField, string>>; constants?: Partial<Record<CanonicalField, string>> } = {}
): MappingProposal {
	const profile = profileOf(opts.profile);
	const constants = { ...profile?.constants, ...opts.constants };
	const { timeColumns: _time, ...proposal } = buildMapping(uniqueHeaders(headers), { profile: profile?.mapping, map: opts.map, constants });
	// the profile's kept columns marked 不含个人信息, as this file names them (the page ticks their boxes)
	const publicColumns = publicKept(proposal.unmapped, profile?.publicColumns ?? []);
	return {
		...proposal,
		...(Object.keys(constants).length ? { constants } : {}),
		...(publicColumns.length ? { publicColumns } : {})
	};
}

/**
 * A saved or shipped profile that fits headers the aliases cannot read (a CFPB or 311 export dropped on the page
 * with no profile chosen): among the profiles giving every required field a column or a value, the one that maps
 * the most fields. None when the headers need no profile or no profile fits them; `rows` (the file's first rows)
 * lets each profile find its own header row, as the import would.
 */
export function suggestProfile(headers: string[], rows: string[][] | undefined, profiles: readonly ImportProfile[]): string | undefined {
	if (proposeMapping(headers).missingRequired.length === 0) return undefined;
	let best: { name: string; mapped: number } | undefined;
	for (const profile of profiles) {
		const own = rows ? findHeaderRows(rows, headerRecognizer({ profile })).headers : headers;
		const proposal = proposeMapping(own, { profile });
		if (proposal.missingRequired.length > 0) continue;
		const mapped = Object.keys(proposal.mapping).length;
		if (!best || mapped > best.mapped) best = { name: profile.name, mapped };
	}
	return best?.name;
}

/** The kept columns among `wanted` (matched as a profile's headers are: ignoring case, spaces and punctuation). */
function publicKept(unmapped: string[], wanted: string[]): string[] {
	const found = new Set(wanted.map((h) => findHeader(unmapped, h)).filter((h): h is string => h !== undefined));
	return unmapped.filter((h) => found.has(h));
}

/**
 * How many of a row's cells name a case field for this import (--map's headers, the profile's, the Chinese
 * aliases): the header row is the first of the first non-empty rows naming two (header-row.ts).
 */
export function headerRecognizer(
	opts: { profile?: string | ImportProfile; map?: Partial<Record<CanonicalField, string>> } = {}
): HeaderRecognizer {
	return recognizerFor({ profile: profileOf(opts.profile)?.mapping, map: opts.map });
}

function injectedFailure(phase: ImportPhase): Error {
	return new Error(`injected failure after phase ${phase}`);
}

/** Loads one export file as one batch; see the module comment for the guarantees. */
export function importFile(db: Database, filePath: string, opts: ImportOptions = {}): Promise<BatchReport> {
	return serialize(db, () => runImport(db, filePath, opts));
}

async function runImport(db: Database, filePath: string, opts: ImportOptions): Promise<BatchReport> {
	const started = performance.now();
	const startedAt = shanghaiNow();
	const shown = opts.displayName ?? path.basename(filePath);
	const profile = profileOf(opts.profile);
	// The bar never moves back: a direct read's scan reports parse progress while decoding is still being
	// acknowledged, and a fallback to the rewrite decodes again.
	let reached = 0;
	const progress = (phase: ImportPhase, within = 1) => {
		const fraction = PHASE_START[phase] + (PHASE_END[phase] - PHASE_START[phase]) * Math.min(1, Math.max(0, within));
		reached = Math.max(reached, fraction);
		opts.onProgress?.({ phase, fraction: reached, message: PHASE_MESSAGE[phase] });
	};
	const checkpoint = (phase: ImportPhase) => {
		progress(phase, 1);
		if (opts.failAfterPhase === phase) throw injectedFailure(phase);
	};

	progress('decode', 0);
	// A direct read's scan runs while DuckDB parses: its progress is the parse phase's.
	let scanPhase: ImportPhase = 'decode';
	const decode = (direct: boolean) =>
		decodeFile(filePath, {
			encoding: opts.encoding,
			delimiterHint: profile?.delimiter,
			encodingHint: opts.encoding && opts.encoding !== 'auto' ? undefined : profile?.encoding,
			displayName: shown,
			direct,
			onProgress: (f) => progress(scanPhase, f),
			recognize: headerRecognizer({ profile, map: opts.map })
		});
	let decoded: DecodedFile = await decode(opts.readAsIs ?? true);
	if (decoded.direct) scanPhase = 'parse';
	const cleanups = [decoded.cleanup];
	try {
		const headers = uniqueHeaders(decoded.headers);
		for (const [field, header] of Object.entries(opts.map ?? {})) {
			if (header && findHeader(headers, header) === undefined) {
				throw new UserInputError('map_header_missing', ingestText.mapHeaderMissing(field, header, headers), { file: shown, line: decoded.headerLine, column: header, field }, { headers });
			}
		}
		const constants: Partial<Record<CanonicalField, string>> = { ...profile?.constants, ...opts.constants };
		// A profile none of whose headers the file has is the wrong profile: say so rather than guess by aliases.
		// Not when the caller maps the columns itself (the page's mapping step): the profile is then only a hint.
		const profileHeaders = Object.values(profile?.mapping ?? {}).flat();
		const mapsItself = Object.values(opts.map ?? {}).some(Boolean);
		if (profile && !mapsItself && profileHeaders.length && !profileHeaders.some((h) => findHeader(headers, h) !== undefined)) {
			throw new UserInputError('profile_fits_nothing', ingestText.profileFitsNothing(profile.name, headers), { file: shown, line: decoded.headerLine }, { headers });
		}
		const proposal = buildMapping(headers, { profile: profile?.mapping, map: opts.map, constants });
		// A header the analyst marked 不含个人信息 by hand must be a kept column of this file (a profile's may be absent).
		for (const header of opts.publicColumns ?? []) {
			if (findHeader(proposal.unmapped, header) === undefined) {
				const mappedTo = findHeader(headers, header);
				throw new UserInputError(
					'public_column_not_kept',
					ingestText.publicColumnNotKept(header, mappedTo !== undefined, proposal.unmapped),
					{ file: shown, line: decoded.headerLine, column: header },
					{ headers, kept: proposal.unmapped }
				);
			}
		}
		const publicColumns = new Set(publicKept(proposal.unmapped, [...(profile?.publicColumns ?? []), ...(opts.publicColumns ?? [])]));
		if (proposal.missingRequired.length) {
			const names = proposal.missingRequired.map((f) => FIELD_NAMES[f]);
			const noUnit = proposal.missingRequired.includes('unit');
			const message = noUnit
				? ingestText.missingUnit(proposal.missingRequired.filter((f) => f !== 'unit').map((f) => FIELD_NAMES[f]))
				: ingestText.missingRequired(names);
			// One code for callers keyed on it; details.offer says the constant is the way out.
			throw new UserInputError('missing_required', message, {
				file: shown,
				line: decoded.headerLine,
				field: proposal.missingRequired.join(', ')
			}, { headers, mapping: proposal.mapping, missing: proposal.missingRequired, ...(noUnit ? { offer: 'set_unit' } : {}) });
		}
		const index = new Map(headers.map((h, k) => [h, k + 1]));
		const fields: ColumnPlan['fields'] = {};
		for (const [f, h] of Object.entries(proposal.mapping) as [CanonicalField, string][]) fields[f] = index.get(h)!;
		const timeColumns: NonNullable<ColumnPlan['timeColumns']> = {};
		for (const [f, pair] of Object.entries(proposal.timeColumns) as [CanonicalField, { date: string; time: string }][]) {
			timeColumns[f] = { date: index.get(pair.date)!, time: index.get(pair.time)! };
		}
		for (const fmt of opts.dateFormats ?? []) {
			if (!safeDateFormat(fmt)) throw new UserInputError('bad_date_format', ingestText.badDateFormat(fmt), { file: shown, field: 'date-format' });
		}
		const preferredFormats = [...new Set([...(opts.dateFormats ?? []), ...(profile?.dateFormats ?? []).filter(safeDateFormat)])];
		const dateFormats = [...new Set([...preferredFormats, ...DEFAULT_DATE_FORMATS])];
		// What this file carries: the fields a column was mapped to, and those given one value for every row.
		const carriedFields = CARRIED_BITS.filter((f) => fields[f] !== undefined || constants[f] !== undefined);

		// Parse, clean, parse values and validate touch only temporary tables of this connection, so they run
		// BEFORE the batch's transaction: DuckDB scans a temporary table created inside a transaction on one
		// thread, and the insert of a million cases from it then took twice as long. The database itself is
		// written only inside the transaction below (a failure or a kill anywhere still changes nothing).
		return await db.withConnection(async (conn) => {
			checkpoint('decode');
			const existingSalt = await storedSalt(conn);
			const salt = existingSalt ?? newSalt();

			// Parse, clean, parse values and validate in one DuckDB scan of the file.
			progress('parse', 0);
			await createColumnsTable(conn, headers);
			const hasUnit = fields.unit !== undefined || constants.unit !== undefined;
			if (hasUnit) await createUnitLookupSnapshot(conn, UNITS);
			const plan: ColumnPlan = {
				fields,
				constants,
				timeColumns,
				extra: proposal.unmapped.map((h) => ({ index: index.get(h)!, header: h, public: publicColumns.has(h) })),
				dateFormats,
				preferredFormats,
				salt,
				columnCount: headers.length,
				delimiter: decoded.delimiter
			};
			if (!(decoded.direct && (await readDirect(conn, decoded, plan)))) {
				if (decoded.direct) {
					// The export could not be read as it is after all: rewrite it, as any other.
					scanPhase = 'decode';
					decoded = await decode(false);
					cleanups.push(decoded.cleanup);
					if (uniqueHeaders(decoded.headers).join('\u0000') !== headers.join('\u0000')) throw new Error('header changed between reads');
					await resetParse(conn);
				}
				try {
					await buildNorm(conn, plan, csvSource(decoded.path, headers.length, decoded.delimiter, { rejects: true }));
				} catch (e) {
					throw scanFailure(e, shown);
				}
			}
			if (hasUnit) await resolveUnits(conn);
			const parseRejects = await collectParseRejects(conn, decoded.delimiter, decoded.encoding, Boolean(decoded.direct));
			const parsedRows = Number((await conn.runAndReadAll('SELECT count(*) FROM ingest_norm')).getRows()[0][0]);
			checkpoint('parse');

			await collectFieldRejects(conn);
			checkpoint('validate');

			await conn.run('BEGIN TRANSACTION');
			try {
				const report = await writeBatch(conn, salt, parseRejects, parsedRows);
				await conn.run('COMMIT');
				return report;
			} catch (e) {
				await conn.run('ROLLBACK').catch(() => undefined);
				throw e;
			}
		});

		async function writeBatch(conn: DuckDBConnection, salt: string, parseRejects: number, parsedRows: number): Promise<BatchReport> {
			const batchId = await insertBatch(conn, {
				file: shown,
				bytes: decoded.sourceBytes,
				encoding: decoded.encoding,
				delimiter: decoded.delimiter,
				profile: profile?.name ?? null,
				mapping: JSON.stringify(proposal.mapping),
				constants: Object.keys(constants).length ? JSON.stringify(constants) : null,
				carried: carriedFields,
				publicColumns: [...publicColumns],
				startedAt,
				importedBy: opts.importedBy ?? null
			});
			await ensureUnits(conn);
			await storeSalt(conn, salt);

			const counts = await mergeBatch(conn, {
				batchId,
				now: startedAt,
				mapped: new Set(carriedFields),
				carriedMask: carriedMask(carriedFields),
				hasExtra: proposal.unmapped.length > 0,
				caseIdHeader: proposal.mapping.case_id!,
				columnCount: headers.length,
				delimiter: decoded.delimiter,
				source: csvSource(decoded.path, headers.length, decoded.delimiter, { rejects: false, direct: decoded.direct })
			});
			const scores = await batchScores(conn, batchId, Object.keys(fields) as CanonicalField[]);
			checkpoint('merge');

			if (opts.afterMerge) {
				progress('compliance', 0);
				await opts.afterMerge(conn, { batchId });
				checkpoint('compliance');
			}

			const total = parsedRows + parseRejects;
			const report: BatchReport = {
				batch_id: batchId,
				file: shown,
				encoding: decoded.encoding,
				rows_total: total,
				rows_imported: counts.imported,
				rows_updated: counts.updated,
				rows_unchanged: counts.unchanged,
				rows_rejected: counts.rejected,
				seconds: 0
			};
			if (report.rows_imported + report.rows_updated + report.rows_unchanged + report.rows_rejected !== total) {
				// Never commit a batch whose rows do not add up.
				throw new Error(`row accounting broken: ${JSON.stringify(report)}`);
			}
			await dropTemps(conn);
			report.seconds = Math.round((performance.now() - started) / 10) / 100;
			await conn.run(
				`UPDATE import_batches SET finished_at = CAST($finished AS TIMESTAMP), rows_total = $total, rows_imported = $imported,
					rows_updated = $updated, rows_unchanged = $unchanged, rows_rejected = $rejected, rows_warned = $warned, seconds = $seconds,
					completeness = $completeness, consistency = $consistency
				WHERE batch_id = $b`,
				{
					finished: shanghaiNow(),
					total,
					imported: report.rows_imported,
					updated: report.rows_updated,
					unchanged: report.rows_unchanged,
					rejected: report.rows_rejected,
					warned: counts.warned,
					seconds: report.seconds,
					completeness: scores.completeness,
					consistency: scores.consistency,
					b: batchId
				}
			);
			checkpoint('done');
			return report;
		}
	} finally {
		for (const cleanup of cleanups) cleanup();
	}
}

/**
 * Reads an export as it is (decode.ts, direct): DuckDB's parse and the scan for record lines run together, with
 * the file's row order kept. False when the file has to be rewritten after all (the scan
 * found a CR, bytes that are not UTF-8, or records DuckDB split otherwise) — or DuckDB could not read it, which
 * the rewritten file will report.
 */
async function readDirect(conn: DuckDBConnection, decoded: DecodedFile, plan: ColumnPlan): Promise<boolean> {
	const [norm, scan] = await keepingOrder(conn, () =>
		Promise.allSettled([
			buildNorm(conn, plan, csvSource(decoded.path, plan.columnCount, plan.delimiter, { rejects: true, direct: decoded.direct })),
			decoded.direct!.takeScan()
		])
	);
	if (norm.status === 'rejected' || scan.status === 'rejected' || !scan.value.ok) return false;
	return attachLines(conn, decoded.path, scan.value.starts, await hasRejectTable(conn));
}

/** The temporary tables one parse of the file leaves. */
const PARSE_TABLES = ['ingest_norm', 'ingest_reject_errors', 'ingest_reject_scans', 'ingest_reject_lines'];

async function dropTables(conn: DuckDBConnection, tables: string[]): Promise<void> {
	for (const t of tables) await conn.run(`DROP TABLE IF EXISTS ${t}`);
}

/** Drops what a parse left behind (before the file is parsed again). */
async function resetParse(conn: DuckDBConnection): Promise<void> {
	await dropTables(conn, PARSE_TABLES);
}

async function insertBatch(
	conn: DuckDBConnection,
	b: {
		file: string;
		bytes: number;
		encoding: string;
		delimiter: string;
		profile: string | null;
		mapping: string;
		constants: string | null;
		carried: CanonicalField[];
		publicColumns: string[];
		startedAt: string;
		importedBy: string | null;
	}
): Promise<number> {
	const res = await conn.runAndReadAll(
		`INSERT INTO import_batches (file_name, file_bytes, encoding, delimiter, profile, mapping, constants, carried, public_columns, started_at, status, imported_by)
		VALUES ($file, $bytes, $encoding, $delimiter, $profile, CAST($mapping AS JSON), CAST($constants AS JSON), $carried::VARCHAR[],
			CAST(CAST($publicColumns AS JSON) AS VARCHAR[]), CAST($startedAt AS TIMESTAMP), 'committed', $importedBy)
		RETURNING batch_id`,
		{ ...b, carried: listValue(b.carried), publicColumns: JSON.stringify(b.publicColumns) }
	);
	return Number(res.getRows()[0][0]);
}

async function dropTemps(conn: DuckDBConnection): Promise<void> {
	await dropTables(conn, ['ingest_changed', 'ingest_dups', 'ingest_field_rejects', 'ingest_units', 'ingest_parse_rejects', 'ingest_columns', ...PARSE_TABLES]);
}

// Browser import intake: streams an uploaded export to a temporary file (size- and type-checked, never held
// in memory), then runs importFile as a job, one at a time per process, with progress the page can poll.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { audit } from '../auth/audit.ts';
import { isUserInputError, UserInputError, type AppErrorJson } from '../errors.ts';
import { importFile } from './index.ts';
import { sheetHead } from './xlsx.ts';
import { findHeaderRows, HEADER_SEARCH_ROWS, nonEmptyRow } from './header-row.ts';
import type { ImportProfile } from './profiles.ts';
import type { BatchReport, CanonicalField, EncodingChoice, ImportPhase } from './types.ts';
import { formatBytes, t } from '../../i18n/zh/import.ts';

export { DEFAULT_MAX_UPLOAD_BYTES, maxUploadBytes } from '../http/upload-limit.ts';
import { maxUploadBytes } from '../http/upload-limit.ts';
const TEXT_EXTENSIONS = ['.csv', '.tsv', '.txt'];
const SNIFF_BYTES = 64 * 1024;
/** Uploads nobody imported are deleted after this long; finished jobs are forgotten after it too. */
const RETENTION_MS = 2 * 60 * 60 * 1000;

export type UploadKind = 'text' | 'xlsx';

export interface StoredUpload {
	id: string;
	/** The name the analyst's file had; recorded as the batch's file name. */
	fileName: string;
	path: string;
	dir: string;
	bytes: number;
	kind: UploadKind;
	owner: string;
	createdAt: number;
}

/** Thrown for uploads over the size limit: HTTP 413 rather than 400. */
export class UploadTooLargeError extends UserInputError {
	constructor(fileName: string, limit: number) {
		super('upload_too_large', t.apiTooLarge(formatBytes(limit)), { file: fileName });
	}
}

const uploads = new Map<string, StoredUpload>();
// Uploads kept for a retry must not outlive the server process in the temp directory.
process.once('exit', () => {
	for (const upload of uploads.values()) fs.rmSync(upload.dir, { recursive: true, force: true });
});

function extensionOf(fileName: string): string {
	return path.extname(fileName).toLowerCase();
}

/** Checks the name before a byte is read, so a wrong file is refused at once. */
export function uploadKindFor(fileName: string): UploadKind {
	const ext = extensionOf(fileName);
	if (ext === '.xlsx') return 'xlsx';
	if (TEXT_EXTENSIONS.includes(ext)) return 'text';
	throw new UserInputError('upload_type', t.apiWrongExt(fileName), { file: fileName });
}

/** Checks the first bytes match what the extension promises (a renamed .xls, a zip or a UTF-16 file are refused). */
export function sniffContent(head: Uint8Array, kind: UploadKind, fileName: string): void {
	const isZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
	if (kind === 'xlsx') {
		if (!isZip) throw new UserInputError('upload_not_xlsx', t.apiNotXlsx(fileName), { file: fileName });
		return;
	}
	const isOle = head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
	const isUtf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
	if (isZip || isOle || isUtf16 || head.includes(0)) {
		throw new UserInputError('upload_binary', t.apiBinaryText(fileName), { file: fileName });
	}
}

function sweepExpired(now = Date.now()): void {
	for (const [id, upload] of uploads) {
		if (now - upload.createdAt > RETENTION_MS && !jobUsesUpload(id)) discardUpload(id);
	}
	for (const [id, job] of jobs) {
		if (job.finishedAt !== null && now - job.finishedAt > RETENTION_MS) jobs.delete(id);
	}
}

/**
 * Streams a request body to a temporary file under os.tmpdir(). Refuses a wrong extension before reading,
 * a declared or actual size over the limit while reading, and content that does not match the extension.
 */
export async function receiveUpload(
	body: ReadableStream<Uint8Array> | null,
	opts: { fileName: string; owner: string; declaredBytes?: number; maxBytes?: number }
): Promise<StoredUpload> {
	sweepExpired();
	const fileName = path.basename(opts.fileName.replace(/\\/g, '/')).trim();
	if (!fileName) throw new UserInputError('upload_no_name', t.apiNoFileName);
	const kind = uploadKindFor(fileName);
	const limit = opts.maxBytes ?? maxUploadBytes();
	if (opts.declaredBytes !== undefined && opts.declaredBytes > limit) throw new UploadTooLargeError(fileName, limit);
	if (!body) throw new UserInputError('upload_empty', t.apiEmptyBody, { file: fileName });

	const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'complaints-upload-'));
	// The temp name keeps only the extension: the analyst's file name never becomes a path.
	const filePath = path.join(dir, 'upload' + extensionOf(fileName));
	let received = 0;
	const headChunks: Buffer[] = [];
	let headBytes = 0;
	let sniffed = false;
	// Read by hand rather than piped: on a refusal the body is released, not cancelled (cancelling destroys the
	// socket on the Node adapter, and the browser would see a reset connection instead of the JSON error). The
	// route then answers with `connection: close`, which drops the unread rest.
	const reader = body.getReader();
	const out = fs.createWriteStream(filePath);
	const outError = new Promise<never>((_, reject) => out.once('error', reject));
	outError.catch(() => undefined);
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			received += value.byteLength;
			if (received > limit) throw new UploadTooLargeError(fileName, limit);
			const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
			if (!sniffed) {
				headChunks.push(chunk);
				headBytes += chunk.length;
				// Sniff as soon as enough bytes arrived, so a wrong file stops the upload early.
				if (headBytes >= SNIFF_BYTES) {
					sniffed = true;
					sniffContent(Buffer.concat(headChunks).subarray(0, SNIFF_BYTES), kind, fileName);
				}
			}
			if (!out.write(chunk)) await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), outError]);
		}
		await Promise.race([new Promise<void>((r) => out.end(r)), outError]);
		if (received === 0) throw new UserInputError('upload_empty', t.apiEmptyBody, { file: fileName });
		if (!sniffed) sniffContent(Buffer.concat(headChunks), kind, fileName);
	} catch (e) {
		reader.releaseLock();
		out.destroy();
		await fs.promises.rm(dir, { recursive: true, force: true });
		throw e;
	}
	const upload: StoredUpload = {
		id: crypto.randomUUID(),
		fileName,
		path: filePath,
		dir,
		bytes: received,
		kind,
		owner: opts.owner,
		createdAt: Date.now()
	};
	uploads.set(upload.id, upload);
	return upload;
}

/** The upload if it exists and belongs to this user (an admin may use anyone's). */
export function getUpload(id: string, user: SessionUser): StoredUpload | undefined {
	const upload = uploads.get(id);
	if (!upload) return undefined;
	if (upload.owner !== user.name && user.role !== 'admin') return undefined;
	return upload;
}

export function discardUpload(id: string): void {
	const upload = uploads.get(id);
	if (!upload) return;
	uploads.delete(id);
	fs.rmSync(upload.dir, { recursive: true, force: true });
}

export interface UploadPreview {
	headers: string[];
	rows: string[][];
	/** Non-empty rows above the header row (a title, an export date): not imported. */
	titleRows: number;
}

/**
 * The first rows of an uploaded workbook's first sheet from its header row on (title rows above it left out, as
 * the import does), read from the first rows of the sheet and the shared strings they need (never the whole workbook).
 */
export async function previewXlsx(upload: StoredUpload, maxRows = 20): Promise<UploadPreview> {
	const table: string[][] = [];
	try {
		for (const row of await sheetHead(upload.path, { rows: HEADER_SEARCH_ROWS + 1 + maxRows })) {
			const cells = row.cells.map((x) => x.trim());
			// a sheet may have blank cells at the end of a row, or a row of blank cells
			if (nonEmptyRow(cells)) table.push(cells);
			if (table.length >= HEADER_SEARCH_ROWS + 1 + maxRows) break; // + a two-row header's lower half
		}
	} catch (e) {
		throw new UserInputError('xlsx_unreadable', t.apiNotXlsx(upload.fileName), { file: upload.fileName }, String(e));
	}
	const found = findHeaderRows(table);
	const headers = table.length ? found.headers : [];
	const rows = table.slice(found.index + found.rows, found.index + found.rows + maxRows);
	const width = headers.length;
	return { headers, rows: rows.map((r) => (r.length < width ? [...r, ...Array(width - r.length).fill('')] : r)), titleRows: found.index };
}

// ---------------------------------------------------------------------------------------------------------
// Jobs

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJob {
	id: string;
	uploadId: string;
	fileName: string;
	owner: string;
	status: JobStatus;
	phase: ImportPhase | 'queued';
	/** 0..1 over the server-side import. */
	fraction: number;
	message: string;
	report: BatchReport | null;
	error: AppErrorJson | null;
	createdAt: number;
	finishedAt: number | null;
}

export interface StartJobOptions {
	map?: Partial<Record<CanonicalField, string>>;
	/** 固定值: fields given one value for every row. */
	constants?: Partial<Record<CanonicalField, string>>;
	/** Kept columns the analyst marked 不含个人信息 (ImportOptions.publicColumns). */
	publicColumns?: string[];
	/** Resolved by the caller from a saved name (savedProfile): over HTTP never a path. */
	profile?: ImportProfile;
	encoding?: EncodingChoice;
	user: SessionUser;
	ip?: string;
	/**
	 * What follows a batch that changed cases (deadline results, dashboard tables): given by the caller that
	 * orchestrates (the upload route passes server/refresh.ts), so the importer never calls up into compliance
	 * or metrics. Awaited before the job is done.
	 */
	afterImport: (db: Database, batch: number) => Promise<void>;
}

const jobs = new Map<string, ImportJob>();
/** Share of the progress bar for importFile; the compliance recomputation fills the rest. */
const IMPORT_SHARE = 0.9;
/** One import at a time per process: each job waits for the one before it. */
let queueTail: Promise<void> = Promise.resolve();

function jobUsesUpload(uploadId: string): boolean {
	for (const job of jobs.values()) if (job.uploadId === uploadId && job.finishedAt === null) return true;
	return false;
}

export function getJob(id: string, user: SessionUser): ImportJob | undefined {
	const job = jobs.get(id);
	if (!job) return undefined;
	if (job.owner !== user.name && user.role !== 'admin') return undefined;
	return job;
}

/** Queues the import of an upload; the returned job is updated in place as it advances. */
export function startImportJob(db: Database, upload: StoredUpload, opts: StartJobOptions): ImportJob {
	if (jobUsesUpload(upload.id)) {
		for (const job of jobs.values()) if (job.uploadId === upload.id && job.finishedAt === null) return job;
	}
	const job: ImportJob = {
		id: crypto.randomUUID(),
		uploadId: upload.id,
		fileName: upload.fileName,
		owner: opts.user.name,
		status: 'queued',
		phase: 'queued',
		fraction: 0,
		message: '',
		report: null,
		error: null,
		createdAt: Date.now(),
		finishedAt: null
	};
	jobs.set(job.id, job);
	queueTail = queueTail.then(() => runJob(db, upload, job, opts));
	return job;
}

async function runJob(db: Database, upload: StoredUpload, job: ImportJob, opts: StartJobOptions): Promise<void> {
	job.status = 'running';
	job.phase = 'decode';
	try {
		const report = await importFile(db, upload.path, {
			map: opts.map,
			constants: opts.constants,
			publicColumns: opts.publicColumns,
			profile: opts.profile,
			encoding: opts.encoding ?? 'auto',
			displayName: upload.fileName,
			importedBy: opts.user.name,
			onProgress: (p) => {
				// importFile's own 'done' is not ours yet: the compliance recomputation below still follows.
				job.phase = p.phase === 'done' ? 'compliance' : p.phase;
				job.fraction = Math.max(job.fraction, Math.min(1, p.fraction) * IMPORT_SHARE);
				job.message = p.message;
			}
		});
		if (report.rows_imported + report.rows_updated > 0) {
			job.phase = 'compliance';
			job.message = t.recomputing;
			await opts.afterImport(db, report.batch_id);
		}
		job.report = report;
		job.status = 'done';
		job.phase = 'done';
		job.fraction = 1;
		discardUpload(upload.id);
		await recordAudit(db, { user: opts.user, target: upload.fileName, detail: report, ip: opts.ip });
	} catch (e) {
		job.status = 'failed';
		job.error = toErrorJson(e, upload);
		if (!isUserInputError(e)) console.error(`import of ${upload.fileName} failed`, e);
		await recordAudit(db, { user: opts.user, target: upload.fileName, detail: { error: job.error }, ip: opts.ip });
	} finally {
		// A failed upload is kept (until it expires) so the analyst can fix the mapping and retry without re-sending it.
		job.finishedAt = Date.now();
	}
}

/** A failure as the page shows it: the analyst's file name, never the temporary path. */
function toErrorJson(e: unknown, upload: StoredUpload): AppErrorJson {
	if (isUserInputError(e)) {
		const json = e.toJSON();
		const file = json.file && path.basename(json.file) === path.basename(upload.path) ? upload.fileName : (json.file ?? upload.fileName);
		return { ...json, file, message: json.message.split(upload.path).join(upload.fileName) };
	}
	return { code: 'internal', message: t.apiInternal, file: upload.fileName };
}

async function recordAudit(
	db: Database,
	entry: { user: SessionUser; action?: string; target: string; detail: unknown; ip?: string }
): Promise<void> {
	try {
		await audit(db, { user: entry.user, action: entry.action ?? 'import', target: entry.target, detail: entry.detail, ip: entry.ip });
	} catch (e) {
		console.error(`audit of ${entry.action ?? 'import'} failed`, e);
	}
}

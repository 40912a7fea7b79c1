// The demo data set: generates a county's three years of complaints, loads them through the real importer
// (so the demo exercises the same path as a user's export), writes a dirty GB18030 sample for the import
// page, and evaluates the county-efficiency pack when the compliance engine is present.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Database } from '../db/index.ts';
import { DATA_DIR } from '../paths.ts';
import { importFile } from '../ingest/index.ts';
import type { BatchReport, ImportProgress } from '../ingest/types.ts';
import { writeDemoCsv, type WriteDemoCsvResult } from './csv.ts';
import { registerCountyUnits } from './units.ts';
import { defaultPackName } from '../settings.ts';

export { writeDemoCsv, DEMO_COLUMNS, DIRTY_KINDS, type WriteDemoCsvOptions, type WriteDemoCsvResult, type DirtyKind } from './csv.ts';
export { generateCases, toCanonicalRecord, demoDeadlineChecks, DemoGenerator, COUNTY_LIMITS, type DemoCase, type GenerateOptions } from './generate.ts';
export { loadCountyUnits, registerCountyUnits, type CountyUnit } from './units.ts';

export const DEFAULT_DEMO_ROWS = 60_000;
export const DEFAULT_DEMO_SEED = 20240601;
export const SAMPLE_ROWS = 2_000;
export const SAMPLE_FILE_NAME = '示例导出-GB18030.csv';

export interface RunDemoOptions {
	rows?: number;
	seed?: number;
	/** The export date (Shanghai 'YYYY-MM-DD'); defaults to today. */
	today?: string;
	/** Where the GB18030 sample goes (default data/demo/). */
	sampleDir?: string;
	onGenerate?: (rowsWritten: number, rowsTotal: number) => void;
	onImport?: (progress: ImportProgress) => void;
}

export interface RunDemoResult {
	/** Cases loaded (imported + updated + unchanged). */
	rows: number;
	/** The database file. */
	db: string;
	batch: BatchReport;
	/** The dirty GB18030 sample export for the import page. */
	sample: WriteDemoCsvResult;
	/** Whether the county-efficiency pack was evaluated (false while the compliance engine is absent). */
	complianceEvaluated: boolean;
	/** The engine's summary of that evaluation (counts per status), when it ran. */
	compliance: Record<string, unknown> | null;
	seconds: number;
}

export async function runDemo(db: Database, options: RunDemoOptions = {}): Promise<RunDemoResult> {
	const started = performance.now();
	const rows = options.rows ?? DEFAULT_DEMO_ROWS;
	const seed = options.seed ?? DEFAULT_DEMO_SEED;
	await registerCountyUnits(db);

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-demo-'));
	let batch: BatchReport;
	try {
		const file = path.join(dir, 'demo.csv');
		await writeDemoCsv(file, { rows, seed, today: options.today, encoding: 'utf-8', onProgress: options.onGenerate });
		batch = await importFile(db, file, { displayName: 'demo', importedBy: 'demo', onProgress: options.onImport });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}

	const sampleDir = options.sampleDir ?? path.join(DATA_DIR, 'demo');
	const sample = await writeDemoCsv(path.join(sampleDir, SAMPLE_FILE_NAME), {
		rows: SAMPLE_ROWS,
		seed: seed + 1,
		today: options.today,
		encoding: 'gb18030',
		dirty: true,
		headerStyle: 'alternate',
		// its own ids: trying the sample on the import page adds cases instead of rewriting the demo's
		idPrefix: 'YB'
	});

	const compliance = await evaluateCountyPack(db);
	return {
		rows: batch.rows_imported + batch.rows_updated + batch.rows_unchanged,
		db: db.path,
		batch,
		sample,
		complianceEvaluated: compliance !== null,
		compliance,
		seconds: (performance.now() - started) / 1000
	};
}

interface ComplianceModule {
	evaluatePack?: (db: Database, pack: unknown) => Promise<Record<string, unknown>>;
	loadPack?: (name: string) => unknown;
}

/**
 * Evaluates the deployment's default pack (county-efficiency unless set) when the compliance engine exists;
 * returns the engine's summary, or null when there is no engine.
 */
async function evaluateCountyPack(db: Database): Promise<Record<string, unknown> | null> {
	const moduleFile = fileURLToPath(new URL('../compliance/index.ts', import.meta.url));
	if (!fs.existsSync(moduleFile)) return null;
	const compliance = (await import(/* @vite-ignore */ pathToFileURL(moduleFile).href)) as ComplianceModule;
	if (typeof compliance.evaluatePack !== 'function' || typeof compliance.loadPack !== 'function') return null;
	return await compliance.evaluatePack(db, await compliance.loadPack(await defaultPackName(db)));
}

// Import benchmark (product.md §5): on one N-row Chinese complaint export, times DuckDB's own read_csv into a
// table and the full import (importFile, then the compliance recomputation), in the same run, each several times
// (BENCH_IMPORT_REPEATS, default 3), reporting medians; the import runs in a child process so its peak RSS is its own.
// Run as a script (`tsx scripts/bench/import.ts --child <csv> <db>`) it is that child.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { writeDemoCsv } from '../../src/lib/server/demo/index.ts';

export interface BenchContext {
	dir: string;
	rows: number;
	csvPath: string;
}

/** Peak resident set size of this process in MB (Linux VmHWM; maxRSS elsewhere). */
function peakRssMb(): number {
	try {
		const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		if (m) return Number(m[1]) / 1024;
	} catch {
		/* not Linux */
	}
	return process.resourceUsage().maxRSS / 1024;
}

/** Deletes a database file and its write-ahead log, if there. */
function removeDatabase(dbPath: string): void {
	for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
}

/**
 * DuckDB alone: read_csv with its own sniffing into a table of a fresh database file, with the settings the
 * application runs DuckDB with (no insertion order kept: the stricter yardstick), or with DuckDB's defaults.
 */
async function duckdbReadCsv(csvPath: string, dir: string, defaults = false): Promise<number> {
	const dbPath = path.join(dir, 'read_csv.duckdb');
	removeDatabase(dbPath);
	const instance = await DuckDBInstance.create(
		dbPath,
		defaults ? {} : { memory_limit: process.env.DUCKDB_MEMORY_LIMIT ?? '1500MB', preserve_insertion_order: 'false' }
	);
	const conn = await instance.connect();
	try {
		const started = performance.now();
		await conn.run('CREATE TABLE complaints AS SELECT * FROM read_csv($file)', { file: csvPath });
		await conn.run('CHECKPOINT');
		return (performance.now() - started) / 1000;
	} finally {
		conn.closeSync();
		instance.closeSync();
		removeDatabase(dbPath);
	}
}

function runChild(
	csvPath: string,
	dbPath: string
): Promise<{ import_s: number; load_s: number; refresh_s: number; peak_rss_mb: number; rows_total: number }> {
	const self = fileURLToPath(import.meta.url);
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			['--import', 'tsx', self, '--child', csvPath, dbPath],
			{ maxBuffer: 16 * 1024 * 1024, env: process.env },
			(err, stdout, stderr) => {
				if (err) return reject(new Error(`import child failed: ${err.message}\n${stderr}`));
				const lines = stdout.trim().split('\n');
				resolve(JSON.parse(lines[lines.length - 1]));
			}
		);
	});
}

/** A generated file on disk before anything is timed: its write-back would otherwise land inside the timings. */
function syncToDisk(file: string): void {
	const fd = fs.openSync(file, 'r+');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/** Median of a non-empty list. */
function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
	fs.mkdirSync(ctx.dir, { recursive: true });
	if (!fs.existsSync(ctx.csvPath)) {
		process.stderr.write(`import bench: writing ${ctx.rows} rows to ${ctx.csvPath}\n`);
		await writeDemoCsv(ctx.csvPath, { rows: ctx.rows, seed: 42, encoding: 'utf-8' });
	}
	syncToDisk(ctx.csvPath);
	const bytes = fs.statSync(ctx.csvPath).size;
	// Warm the page cache for both contenders alike.
	await duckdbReadCsv(ctx.csvPath, ctx.dir);
	// The machines are shared and noisy: both contenders run `repeats` times, alternating, and the medians count.
	const repeats = Math.max(1, Number(process.env.BENCH_IMPORT_REPEATS ?? 3));
	const readCsv: number[] = [];
	const imports: Awaited<ReturnType<typeof runChild>>[] = [];
	const importOnce = async (csvPath: string) => {
		const dbPath = path.join(ctx.dir, 'import.duckdb');
		removeDatabase(dbPath);
		const child = await runChild(csvPath, dbPath);
		removeDatabase(dbPath);
		if (child.rows_total !== ctx.rows) throw new Error(`import of ${csvPath} counted ${child.rows_total} rows, expected ${ctx.rows}`);
		return child;
	};
	for (let k = 0; k < repeats; k++) {
		readCsv.push(await duckdbReadCsv(ctx.csvPath, ctx.dir));
		const child = await importOnce(ctx.csvPath);
		imports.push(child);
		process.stderr.write(`import bench: run ${k + 1}/${repeats}: read_csv ${readCsv[k].toFixed(2)} s, import ${child.import_s.toFixed(2)} s\n`);
	}
	const readCsvS = median(readCsv);
	// BENCH_READ_CSV_DEFAULTS=1: read_csv once more with DuckDB's default settings, for reference (the ratio
	// stays against the application's settings).
	const defaults: Record<string, number> = {};
	if (process.env.BENCH_READ_CSV_DEFAULTS === '1') defaults.duckdb_read_csv_defaults_s = round2(await duckdbReadCsv(ctx.csvPath, ctx.dir, true));
	const importS = median(imports.map((c) => c.import_s));
	const loadS = median(imports.map((c) => c.load_s));
	// BENCH_GB18030=1: the same rows as Excel on Chinese Windows writes them, imported once (DuckDB cannot read
	// GB18030, so there is no read_csv of that file: the ratio is to read_csv of the UTF-8 file).
	const gb: Record<string, number> = {};
	if (process.env.BENCH_GB18030 === '1') {
		const gbPath = ctx.csvPath.replace(/\.csv$/, '-gb18030.csv');
		if (!fs.existsSync(gbPath)) {
			process.stderr.write(`import bench: writing ${ctx.rows} rows in GB18030 to ${gbPath}\n`);
			await writeDemoCsv(gbPath, { rows: ctx.rows, seed: 42, encoding: 'gb18030' });
		}
		syncToDisk(gbPath);
		const child = await importOnce(gbPath);
		gb.gb18030_mb = Math.round(fs.statSync(gbPath).size / 1e5) / 10;
		gb.import_gb18030_s = round2(child.import_s);
		gb.gb18030_ratio = round2(child.import_s / readCsvS);
		gb.gb18030_peak_rss_mb = Math.round(child.peak_rss_mb);
	}
	// BENCH_XLSX=1: the same rows as an Excel workbook (every cell text, in shared strings, as Excel stores them),
	// imported once: its time as a ratio to the CSV import's median (xlsx_ratio), its peak memory, and the time the
	// import page's preview of it takes.
	const xlsx: Record<string, number> = {};
	if (process.env.BENCH_XLSX === '1') {
		const xlsxPath = ctx.csvPath.replace(/\.csv$/, '.xlsx');
		if (!fs.existsSync(xlsxPath)) {
			process.stderr.write(`import bench: writing ${ctx.rows} rows as XLSX to ${xlsxPath}\n`);
			await writeXlsx(ctx.csvPath, xlsxPath);
		}
		syncToDisk(xlsxPath);
		const child = await importOnce(xlsxPath);
		xlsx.xlsx_mb = Math.round(fs.statSync(xlsxPath).size / 1e5) / 10;
		xlsx.import_xlsx_s = round2(child.import_s);
		// the workbook against the CSV import of the same rows in this run (goal: at most 3)
		xlsx.xlsx_ratio = round2(child.import_s / median(imports.map((c) => c.import_s)));
		xlsx.xlsx_peak_rss_mb = Math.round(child.peak_rss_mb);
		// the import page's preview of the workbook (its first rows and the shared strings they use)
		const { sheetHead } = await import('../../src/lib/server/ingest/xlsx.ts');
		const previewStarted = performance.now();
		await sheetHead(xlsxPath, { rows: 31 });
		xlsx.xlsx_preview_s = round2((performance.now() - previewStarted) / 1000);
	}
	return {
		rows: ctx.rows,
		csv_mb: Math.round(bytes / 1e5) / 10,
		import_repeats: repeats,
		duckdb_read_csv_s: round2(readCsvS),
		// import_s: decode, parse, validate, normalise, merge, then compute compliance (end to end)
		import_s: round2(importS),
		ratio: round2(importS / readCsvS),
		// the same split: importFile alone (decode … merge) and the compliance recomputation that follows it
		import_load_s: round2(loadS),
		load_ratio: round2(loadS / readCsvS),
		import_refresh_s: round2(median(imports.map((c) => c.refresh_s))),
		peak_rss_mb: Math.round(Math.max(...imports.map((c) => c.peak_rss_mb))),
		...defaults,
		...gb,
		...xlsx
	};
}

/** The rows of a CSV file as one sheet of a workbook written as Excel writes it (shared strings). */
async function writeXlsx(csvPath: string, xlsxPath: string): Promise<void> {
	const temp = `${xlsxPath}.${process.pid}.tmp`;
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useSharedStrings: true });
	const sheet = workbook.addWorksheet('导出');
	await new Promise<void>((resolve, reject) => {
		Papa.parse<string[]>(fs.createReadStream(csvPath, 'utf8'), {
			skipEmptyLines: true,
			step: (result) => sheet.addRow(result.data).commit(),
			complete: () => resolve(),
			error: reject
		});
	});
	await sheet.commit();
	await workbook.commit();
	fs.renameSync(temp, xlsxPath);
}

/** The child: one import into a fresh database, reporting its time and this process's peak RSS. */
async function child(csvPath: string, dbPath: string): Promise<void> {
	const { Database } = await import('../../src/lib/server/db/index.ts');
	const { importFile } = await import('../../src/lib/server/ingest/index.ts');
	const { refreshAfterImport } = await import('../../src/lib/server/refresh.ts');
	const { syncCalendar } = await import('../../src/lib/server/calendar/index.ts');
	const { shanghaiToday } = await import('../../src/lib/server/time.ts');
	const db = await Database.open(dbPath);
	// The database as a running app has it: the official calendar is loaded once per database (by its first
	// compliance run, as the demo's), not by each import.
	await syncCalendar(db, { coverUntilYear: Number(shanghaiToday().slice(0, 4)) + 1 });
	const started = performance.now();
	const report = await importFile(db, csvPath, { importedBy: 'bench' });
	const loaded = performance.now();
	// End to end as product.md §5 counts it: the deadline results follow every import.
	await refreshAfterImport(db, report.batch_id);
	const done = performance.now();
	db.close();
	process.stdout.write(
		JSON.stringify({
			import_s: (done - started) / 1000,
			load_s: (loaded - started) / 1000,
			refresh_s: (done - loaded) / 1000,
			peak_rss_mb: peakRssMb(),
			rows_total: report.rows_total
		}) + '\n'
	);
}

if (process.argv[2] === '--child') {
	child(process.argv[3], process.argv[4]).catch((e) => {
		process.stderr.write(String(e?.stack ?? e) + '\n');
		process.exit(2);
	});
}

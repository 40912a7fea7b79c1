// Shared plumbing of the CLI commands: argument parsing, the --db option, a progress bar on stderr.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import fs from 'node:fs';
import { Database, getDb, closeDb } from '../../src/lib/server/db/index.ts';
import { dbPathFromEnv } from '../../src/lib/server/paths.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { closeBrowser } from '../../src/lib/server/reports/pdf.ts';

export interface CommandContext {
	json: boolean;
	argv: string[];
}

export interface CommandModule {
	run(ctx: CommandContext): Promise<Record<string, unknown>>;
	/** Human-readable summary for stdout when --json is not given. */
	describe?(result: Record<string, unknown>): string;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags; every command accepts --db. Unknown flags are bad input (exit 1). */
export function parse<O extends Options>(ctx: CommandContext, options: O, allowPositionals = true) {
	try {
		return parseArgs({
			args: ctx.argv,
			options: { db: { type: 'string' }, ...options },
			allowPositionals,
			strict: true
		});
	} catch (e) {
		throw new UserInputError('bad_arguments', `参数有误：${(e as Error).message}`);
	}
}

const opened = new Set<string>();

export function resolveDbPath(db: string | undefined): string {
	return db ? path.resolve(db) : dbPathFromEnv();
}

export async function openDb(db: string | undefined): Promise<Database> {
	const p = resolveDbPath(db);
	opened.add(p);
	return getDb(p);
}

const readOnly: Database[] = [];

/** The --db file opened so that nothing this process does can change it (commands that only read). */
export async function openDbReadOnly(db: string | undefined): Promise<Database> {
	const p = resolveDbPath(db);
	if (!fs.existsSync(p)) throw new UserInputError('no_database', `数据库文件不存在：${p}`, { field: 'db' });
	const d = await Database.openReadOnly(p);
	readOnly.push(d);
	return d;
}

export async function closeAll(): Promise<void> {
	for (const p of opened) await closeDb(p);
	opened.clear();
	for (const d of readOnly.splice(0)) d.close();
	// The bulletin's Chromium is kept warm for the process; a command ends with it closed.
	await closeBrowser();
}

/** A progress bar on stderr (only when stderr is a terminal, or always with force). */
export function progressBar(label: string, force = false): (done: number, total: number) => void {
	const tty = process.stderr.isTTY || force;
	let last = -1;
	return (done, total) => {
		if (!tty) return;
		const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
		if (pct === last) return;
		last = pct;
		const width = 30;
		const filled = Math.round((pct / 100) * width);
		process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%`);
		if (pct >= 100) process.stderr.write('\n');
	};
}

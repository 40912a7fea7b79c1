// The one DuckDB instance of this process, its migrations, and a parameterised query helper.
// Every query takes user input only as bound parameters ($1, $2 … or $name).
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations/index.ts';
import { dbPathFromEnv } from '../paths.ts';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** DuckDB's memory limit unless DUCKDB_MEMORY_LIMIT says otherwise. */
export const DEFAULT_MEMORY_LIMIT = '1200MB';

export class Database {
	readonly path: string;
	readonly instance: DuckDBInstance;
	/** Run on every new connection (the read-only view's search path). */
	private readonly connectSql: string | null;
	private constructor(dbPath: string, instance: DuckDBInstance, connectSql: string | null = null) {
		this.path = dbPath;
		this.instance = instance;
		this.connectSql = connectSql;
	}

	static async open(dbPath: string): Promise<Database> {
		if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
		const instance = await DuckDBInstance.create(dbPath, {
			// No TimeZone setting: it needs the ICU extension, which cannot be downloaded here. All timestamps are
			// TIMESTAMP without zone holding Asia/Shanghai wall-clock time, so DuckDB never converts zones.
			// DuckDB's own allocations outside its buffer pool come on top (about 0.7 GB while a 10,000,000-row
			// import writes the cases, measured): 1200 MB keeps the whole process under 2 GB for any file size.
			memory_limit: process.env.DUCKDB_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
			preserve_insertion_order: 'false'
		});
		const db = new Database(dbPath, instance);
		await db.migrate();
		return db;
	}

	/**
	 * A database file that this process can never change (the `figures` CLI): the file is attached READ_ONLY to an
	 * in-memory database, which is where anything created goes (derived tables rebuilt for a stale file included).
	 * No migration runs: a file that lacks one is refused.
	 */
	static async openReadOnly(dbPath: string): Promise<Database> {
		if (!fs.existsSync(dbPath)) throw new Error(`database file not found: ${dbPath}`);
		const instance = await DuckDBInstance.create(':memory:', {
			memory_limit: process.env.DUCKDB_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
			preserve_insertion_order: 'false'
		});
		const conn = await instance.connect();
		try {
			await conn.run(`ATTACH '${dbPath.replace(/'/g, "''")}' AS ro_file (READ_ONLY)`);
		} finally {
			conn.closeSync();
		}
		const db = new Database(dbPath, instance, "SET search_path = 'memory.main,ro_file.main'");
		const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
		const missing = migrations.filter((m) => !done.has(m.version));
		if (missing.length) {
			db.close();
			throw new Error(`database needs migrations ${missing.map((m) => m.version).join(', ')}; a read-only open does not apply them`);
		}
		return db;
	}

	/** A fresh connection; DuckDB connections are cheap and one is needed per concurrent transaction. */
	async connect(): Promise<DuckDBConnection> {
		const conn = await this.instance.connect();
		if (this.connectSql) await conn.run(this.connectSql);
		return conn;
	}

	async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
		const conn = await this.connect();
		try {
			return await fn(conn);
		} finally {
			conn.closeSync();
		}
	}

	/** Rows as plain JS objects (BIGINT → number when safe, timestamps → JS values as DuckDB's JSON converter gives). */
	async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
		return this.withConnection(async (conn) => {
			const reader = await conn.runAndReadAll(sql, params);
			return reader.getRowObjectsJson() as T[];
		});
	}

	async queryOne<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
		const rows = await this.query<T>(sql, params);
		return rows[0];
	}

	async run(sql: string, params?: Params): Promise<void> {
		await this.withConnection(async (conn) => {
			await conn.run(sql, params);
		});
	}

	/** One transaction on its own connection: everything in fn commits together or not at all. */
	async transaction<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
		return this.withConnection(async (conn) => {
			await conn.run('BEGIN TRANSACTION');
			try {
				const result = await fn(conn);
				await conn.run('COMMIT');
				return result;
			} catch (e) {
				await conn.run('ROLLBACK').catch(() => undefined);
				throw e;
			}
		});
	}

	private async migrate(): Promise<void> {
		await this.run(
			`CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP + INTERVAL 8 HOUR))`
		);
		const done = new Set(
			(await this.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version))
		);
		for (const m of migrations) {
			if (done.has(m.version)) continue;
			await this.transaction(async (conn) => {
				await conn.run(m.sql);
				await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
			});
		}
	}

	close(): void {
		this.instance.closeSync();
	}
}

const open = new Map<string, Promise<Database>>();

/** The process-wide instance for a path (the server's, or the CLI's --db). */
export function getDb(dbPath: string = dbPathFromEnv()): Promise<Database> {
	const key = dbPath === ':memory:' ? dbPath : path.resolve(dbPath);
	let db = open.get(key);
	if (!db) {
		db = Database.open(key);
		open.set(key, db);
		db.catch(() => open.delete(key));
	}
	return db;
}

export async function closeDb(dbPath: string = dbPathFromEnv()): Promise<void> {
	const key = dbPath === ':memory:' ? dbPath : path.resolve(dbPath);
	const db = open.get(key);
	open.delete(key);
	if (db) (await db).close();
}

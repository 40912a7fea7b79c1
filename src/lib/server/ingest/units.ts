// Normalise step, unit names: the units and unit_aliases tables (县住建局 = 县住房和城乡建设局), seeded from
// data/units/*.json when empty, and the folded lookup the import joins against.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DATA_DIR } from '../paths.ts';
import { cleanExpr } from './normalize.ts';

export interface UnitDefinition {
	name: string;
	group?: string;
	aliases?: string[];
}

export function unitsDir(): string {
	return path.join(DATA_DIR, 'units');
}

/** Every unit definition in data/units/*.json (files in name order); absent folder or files give []. */
export function readUnitFiles(dir = unitsDir()): UnitDefinition[] {
	if (!fs.existsSync(dir)) return [];
	const out: UnitDefinition[] = [];
	for (const f of fs.readdirSync(dir).sort()) {
		if (!f.endsWith('.json')) continue;
		const json = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
		if (!Array.isArray(json)) continue;
		for (const u of json as UnitDefinition[]) {
			if (u && typeof u.name === 'string' && u.name.trim()) out.push(u);
		}
	}
	return out;
}

/**
 * Seeds units and unit_aliases from data/units when the units table is empty (inside the caller's
 * transaction). An alias claimed by two different units is ambiguous and left out.
 */
export async function ensureUnits(conn: DuckDBConnection, dir = unitsDir()): Promise<number> {
	const count = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM units');
	if (Number(count.getRowObjects()[0].n) > 0) return 0;
	const defs = readUnitFiles(dir);
	if (defs.length === 0) return 0;
	const names = new Set<string>();
	const aliasOwners = new Map<string, Set<string>>();
	const unitRows: { name: string; group: string | null; order: number }[] = [];
	defs.forEach((u, order) => {
		const name = u.name.trim();
		if (names.has(name)) return;
		names.add(name);
		unitRows.push({ name, group: u.group?.trim() || null, order });
		for (const a of u.aliases ?? []) {
			const alias = typeof a === 'string' ? a.trim() : '';
			if (!alias || alias === name) continue;
			if (!aliasOwners.has(alias)) aliasOwners.set(alias, new Set());
			aliasOwners.get(alias)!.add(name);
		}
	});
	const unitAppender = await conn.createAppender('units');
	for (const u of unitRows) {
		unitAppender.appendVarchar(u.name);
		if (u.group === null) unitAppender.appendNull();
		else unitAppender.appendVarchar(u.group);
		unitAppender.appendInteger(u.order);
		unitAppender.endRow();
	}
	unitAppender.closeSync();
	const aliasAppender = await conn.createAppender('unit_aliases');
	for (const [alias, owners] of aliasOwners) {
		if (owners.size !== 1 || names.has(alias)) continue; // ambiguous, or itself a unit's name
		aliasAppender.appendVarchar(alias);
		aliasAppender.appendVarchar([...owners][0]);
		aliasAppender.endRow();
	}
	aliasAppender.closeSync();
	return unitRows.length;
}

/** Every unit name and alias, folded exactly as imported values are, with its canonical unit (unambiguous keys). */
function lookupSelect(): string {
	const key = (col: string) => cleanExpr('unit', col);
	return `SELECT k, min(unit) AS unit FROM (
			SELECT ${key('name')} AS k, name AS unit FROM units
			UNION ALL
			SELECT ${key('alias')} AS k, unit FROM unit_aliases WHERE ${key('alias')} NOT IN (SELECT ${key('name')} FROM units)
		) WHERE k IS NOT NULL GROUP BY k HAVING count(DISTINCT unit) = 1`;
}

/**
 * A temporary table `tableName(k, unit)` of lookupSelect(), so that an imported unit name matches whatever its
 * width or surrounding spaces. Built OUTSIDE any transaction from the units as the import's transaction will
 * see them (seeded from data/units first when the table is empty): the seeding runs in a transaction that is
 * rolled back, so nothing is stored here; the import's own transaction seeds them for real.
 */
export async function createUnitLookupSnapshot(conn: DuckDBConnection, tableName: string, dir = unitsDir()): Promise<void> {
	let rows: [string, string][];
	await conn.run('BEGIN TRANSACTION');
	try {
		await ensureUnits(conn, dir);
		const res = await conn.runAndReadAll(lookupSelect());
		rows = res.getRows().map((r) => [String(r[0]), String(r[1])]);
	} finally {
		await conn.run('ROLLBACK');
	}
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${tableName} (k VARCHAR, unit VARCHAR)`);
	const app = await conn.createAppender(tableName);
	for (const [k, unit] of rows) {
		app.appendVarchar(k);
		app.appendVarchar(unit);
		app.endRow();
	}
	app.closeSync();
}

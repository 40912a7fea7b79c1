// The demo county's government units (data/units/county.json): full names, group, common abbreviations.
import fs from 'node:fs';
import path from 'node:path';
import { listValue } from '@duckdb/node-api';
import { DATA_DIR } from '../paths.ts';
import type { Database } from '../db/index.ts';

export interface CountyUnit {
	name: string;
	group: '县直部门' | '乡镇';
	aliases: string[];
}

export function countyUnitsPath(): string {
	return path.join(DATA_DIR, 'units', 'county.json');
}

export function loadCountyUnits(file = countyUnitsPath()): CountyUnit[] {
	const units = JSON.parse(fs.readFileSync(file, 'utf8')) as CountyUnit[];
	if (!Array.isArray(units) || units.length === 0) throw new Error(`${file}: expected a non-empty array of units`);
	return units;
}

/**
 * Registers the county's units and their aliases (existing entries are kept), so the importer resolves
 * 县住建局 to 县住房和城乡建设局 and unit users can be assigned by either name.
 */
export async function registerCountyUnits(db: Database, units: CountyUnit[] = loadCountyUnits()): Promise<void> {
	const names = units.map((u) => u.name);
	const groups = units.map((u) => u.group);
	const order = units.map((_, i) => i + 1);
	const aliases = units.flatMap((u) => u.aliases.map((alias) => ({ alias, unit: u.name })));
	await db.transaction(async (conn) => {
		await conn.run(
			`INSERT OR IGNORE INTO units (name, unit_group, sort_order)
			 SELECT unnest($names::VARCHAR[]), unnest($groups::VARCHAR[]), unnest($order::INTEGER[])`,
			{ names: listValue(names), groups: listValue(groups), order: listValue(order) }
		);
		await conn.run(
			`INSERT OR IGNORE INTO unit_aliases (alias, unit)
			 SELECT unnest($aliases::VARCHAR[]), unnest($units::VARCHAR[])`,
			{ aliases: listValue(aliases.map((a) => a.alias)), units: listValue(aliases.map((a) => a.unit)) }
		);
	});
}

// The demo county's government units (data/units/county.json): full names, group, common abbreviations.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../paths.ts';

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

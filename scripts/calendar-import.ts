// Converts the per-year JSON of the chinese-days package into our versioned calendar files
// data/calendar/YYYY.json (holidays with names, make-up workdays, the State Council notice).
// Only the package's data files are read: its date functions interpret dates in the server's TZ.
// Usage: npx tsx scripts/calendar-import.ts [sourceDir] [outDir]
import fs from 'node:fs';
import path from 'node:path';

const sourceDir = process.argv[2] ?? path.join('node_modules', 'chinese-days', 'dist', 'years');
const outDir = process.argv[3] ?? path.join('data', 'calendar');

// chinese-days writes short names; the notices use these.
const OFFICIAL_NAMES: Record<string, string> = {
	元旦: '元旦',
	春节: '春节',
	清明: '清明节',
	劳动节: '劳动节',
	端午: '端午节',
	中秋: '中秋节',
	国庆节: '国庆节',
};

function chineseName(value: string, date: string): string {
	const zh = value.split(',')[1]?.trim();
	if (!zh) throw new Error(`${date}: no Chinese name in "${value}"`);
	return OFFICIAL_NAMES[zh] ?? zh;
}

fs.mkdirSync(outDir, { recursive: true });
const files = fs.readdirSync(sourceDir).filter((f) => /^\d{4}\.json$/.test(f));
for (const file of files.sort()) {
	const year = Number(file.slice(0, 4));
	const raw = JSON.parse(fs.readFileSync(path.join(sourceDir, file), 'utf8')) as {
		holidays: Record<string, string>;
		workdays: Record<string, string>;
	};
	const entries = (o: Record<string, string>) =>
		Object.entries(o)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([date, v]) => ({ date, name: chineseName(v, date) }));
	const out = {
		year,
		official: true,
		source: `国务院办公厅关于${year}年部分节假日安排的通知`,
		holidays: entries(raw.holidays),
		makeup_workdays: entries(raw.workdays)
	};
	fs.writeFileSync(path.join(outDir, `${year}.json`), JSON.stringify(out, null, '\t') + '\n');
}
process.stderr.write(`${files.length} years written to ${outDir}\n`);

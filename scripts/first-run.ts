// First run of `npm start` (called by scripts/start.js before the server starts): on a database without users,
// load the demo data set if there are no cases yet, then create one user per role with random passwords
// (ADMIN_PASSWORD for admin if set) and print them ONCE to stderr. Nothing is printed on later runs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeDb, getDb, type Database } from '../src/lib/server/db/index.ts';
import { dbPathFromEnv, ROOT } from '../src/lib/server/paths.ts';
import { countUsers, createOrUpdateUser } from '../src/lib/server/auth/users.ts';
import { randomPassword } from '../src/lib/server/auth/password.ts';
import type { Role } from '../src/lib/server/auth/types.ts';
import { FIRST_RUN, ROLE_LABELS } from '../src/lib/i18n/zh/auth.ts';
import { progressBar } from './commands/context.ts';

interface Seed {
	name: string;
	displayName: string;
	role: Role;
	units?: string[];
	pii?: boolean;
	password: string;
	note: string;
}

async function runDemoIfEmpty(db: Database): Promise<void> {
	const cases = await db.queryOne<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM cases');
	if (Number(cases?.n) > 0) return;
	const demoPath = path.join(ROOT, 'src/lib/server/demo/index.ts');
	if (!fs.existsSync(demoPath)) throw new Error(`${FIRST_RUN.demoMissing}（${demoPath}）`);
	type Progress = (done: number, total: number) => void;
	const demo = (await import(pathToFileURL(demoPath).href)) as {
		runDemo?: (db: Database, options?: { onGenerate?: Progress; onImport?: (p: { fraction: number }) => void }) => Promise<unknown>;
	};
	if (typeof demo.runDemo !== 'function') throw new Error(FIRST_RUN.demoMissing);
	process.stderr.write(FIRST_RUN.creatingDemo + '\n');
	const generate = progressBar('生成演示数据');
	const load = progressBar('导入演示数据');
	await demo.runDemo(db, { onGenerate: generate, onImport: (p) => load(Math.round(p.fraction * 1000), 1000) });
}

/** Two real units of the data for the two unit users: the busiest, preferring two different unit groups (a bureau and a town). */
async function twoUnits(db: Database): Promise<string[]> {
	const rows = await db.query<{ unit: string; grp: string | null }>(
		`SELECT c.unit, u.unit_group AS grp, count(*) AS n FROM cases c LEFT JOIN units u ON u.name = c.unit
		 GROUP BY ALL ORDER BY n DESC, c.unit LIMIT 50`
	);
	const first = rows[0];
	if (!first) return [];
	const second = rows.find((r) => r.unit !== first.unit && r.grp !== first.grp) ?? rows.find((r) => r.unit !== first.unit);
	return second ? [first.unit, second.unit] : [first.unit];
}

/** Terminal width of a string: CJK characters take two columns. */
function width(s: string): number {
	let w = 0;
	for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
	return w;
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i]))));
	const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ');
	const rule = widths.map((w) => '─'.repeat(w)).join('  ');
	return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
	const dbPath = dbPathFromEnv();
	const db = await getDb(dbPath);
	try {
		if ((await countUsers(db)) > 0) return;
		await runDemoIfEmpty(db);
		const units = await twoUnits(db);
		const adminPassword = process.env.ADMIN_PASSWORD;
		const seeds: Seed[] = [
			{ name: 'admin', displayName: '系统管理员', role: 'admin', password: adminPassword || randomPassword(), note: '' },
			{ name: 'analyst', displayName: '数据分析员', role: 'analyst', password: randomPassword(), note: '' },
			{ name: 'inspector', displayName: '纪检监察员（已授权）', role: 'inspector', pii: true, password: randomPassword(), note: FIRST_RUN.piiGranted },
			{ name: 'inspector2', displayName: '纪检监察员', role: 'inspector', password: randomPassword(), note: FIRST_RUN.piiNotGranted },
			{ name: 'leader', displayName: '分管领导', role: 'leader', password: randomPassword(), note: '' },
			...units.map((unit, i) => ({ name: `unit${i + 1}`, displayName: unit, role: 'unit' as const, units: [unit], password: randomPassword(), note: unit }))
		];
		for (const s of seeds) {
			await createOrUpdateUser(db, { name: s.name, displayName: s.displayName, role: s.role, units: s.units, pii: s.pii, password: s.password });
		}
		// A password the operator supplied is not echoed back to the terminal.
		const shown = (s: Seed) => (s.name === 'admin' && adminPassword ? FIRST_RUN.adminFromEnv : s.password);
		const rows = [[...FIRST_RUN.columns], ...seeds.map((s) => [s.name, ROLE_LABELS[s.role], s.note || '—', shown(s)])];
		process.stderr.write(`\n${FIRST_RUN.usersCreated}\n数据库：${dbPath}\n\n${table(rows)}\n\n`);
		if (!units.length) process.stderr.write(FIRST_RUN.noUnits + '\n');
	} finally {
		await closeDb(dbPath);
	}
}

main().catch((e) => {
	process.stderr.write(`首次启动初始化失败：${e instanceof Error ? e.message : String(e)}\n`);
	process.exitCode = 1;
});

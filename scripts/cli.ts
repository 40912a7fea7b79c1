// Command-line entry: `npm run cli -- <command> [flags]` (docs/cli.md). Each command lives in
// scripts/commands/<name>.ts and is a thin wrapper over src/lib/server.
// Exit status: 0 success, 1 bad input, 2 internal error. With --json the last stdout line is one JSON object.
import { isUserInputError } from '../src/lib/server/errors.ts';
import { closeAll, type CommandContext, type CommandModule } from './commands/context.ts';

const commands: Record<string, () => Promise<CommandModule>> = {
	import: () => import('./commands/import.ts'),
	rejects: () => import('./commands/rejects.ts'),
	export: () => import('./commands/export.ts'),
	demo: () => import('./commands/demo.ts'),
	compliance: () => import('./commands/compliance.ts'),
	appraisal: () => import('./commands/appraisal.ts'),
	findings: () => import('./commands/findings.ts'),
	calendar: () => import('./commands/calendar.ts'),
	bulletin: () => import('./commands/bulletin.ts'),
	figures: () => import('./commands/figures.ts'),
	hotspots: () => import('./commands/hotspots.ts'),
	nearly: () => import('./commands/nearly.ts'),
	user: () => import('./commands/user.ts')
};

function usage(): string {
	return `用法: npm run cli -- <命令> [参数]\n命令: ${Object.keys(commands).join(', ')}\n见 docs/cli.md`;
}

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h') {
		process.stderr.write(usage() + '\n');
		return name ? 0 : 1;
	}
	const load = commands[name];
	if (!load) {
		process.stderr.write(`未知命令：${name}\n${usage()}\n`);
		return 1;
	}
	const json = rest.includes('--json');
	const ctx: CommandContext = { json, argv: rest.filter((a) => a !== '--json') };
	try {
		const mod = await load();
		const result = await mod.run(ctx);
		if (json) process.stdout.write(JSON.stringify(result) + '\n');
		else if (mod.describe) process.stdout.write(mod.describe(result) + '\n');
		else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
		return 0;
	} catch (e) {
		if (isUserInputError(e)) {
			process.stderr.write(`错误：${e.describe()}\n`);
			if (json) process.stdout.write(JSON.stringify({ error: e.toJSON() }) + '\n');
			return 1;
		}
		process.stderr.write(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
		if (json) process.stdout.write(JSON.stringify({ error: { code: 'internal', message: String(e) } }) + '\n');
		return 2;
	} finally {
		await closeAll();
	}
}

main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
});

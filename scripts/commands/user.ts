// `user add --name <n> --role <role> [--unit <name>]... [--pii] [--display-name <s>] --password-stdin`:
// creates or updates a user (cli.md). The password is read from stdin only, never from the command line.
// `user list` prints the users (no hashes).
import { UserInputError } from '../../src/lib/server/errors.ts';
import { createOrUpdateUser, listUsers } from '../../src/lib/server/auth/users.ts';
import { openDb, parse, type CommandContext } from './context.ts';

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY) process.stderr.write('请输入密码并回车：');
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
		// A terminal never sends EOF on its own: the first line is enough.
		if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
	}
	return Buffer.concat(chunks).toString('utf8');
}

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values, positionals } = parse(ctx, {
		name: { type: 'string' },
		role: { type: 'string' },
		unit: { type: 'string', multiple: true },
		pii: { type: 'boolean' },
		'display-name': { type: 'string' },
		'password-stdin': { type: 'boolean' }
	});
	const sub = positionals[0];
	if (sub === 'list') {
		const users = await listUsers(await openDb(values.db));
		return { users: users.map((u) => ({ user: u.name, role: u.role, units: u.units ?? [], pii: u.pii, disabled: u.disabled })) };
	}
	if (sub !== 'add') throw new UserInputError('bad_arguments', '用法：user add --name <用户名> --role <admin|analyst|inspector|leader|unit> [--unit <单位>]... [--pii] --password-stdin；或 user list');
	if (!values.name) throw new UserInputError('bad_arguments', '缺少 --name', { field: 'name' });
	if (!values.role) throw new UserInputError('bad_arguments', '缺少 --role', { field: 'role' });
	if (!values['password-stdin']) throw new UserInputError('bad_arguments', '密码只能通过标准输入提供：请加 --password-stdin，并把密码写入标准输入', { field: 'password' });
	// First line of stdin, without its line ending; the rest (if any) is ignored.
	const password = (await readStdin()).split(/\r?\n/)[0];
	const units = (values.unit ?? []).flatMap((u) => u.split(/[,，]/)).map((u) => u.trim()).filter(Boolean);
	const db = await openDb(values.db);
	const { user, created } = await createOrUpdateUser(db, {
		name: values.name,
		role: values.role,
		units,
		pii: values.pii ?? false,
		password,
		displayName: values['display-name'] ?? null
	});
	return { user: user.name, role: user.role, units: user.units, pii: user.pii, created };
}

export function describe(result: Record<string, unknown>): string {
	if (Array.isArray(result.users)) {
		return (result.users as { user: string; role: string; units: string[]; pii: boolean; disabled: boolean }[])
			.map((u) => `${u.user}\t${u.role}${u.units.length ? '\t' + u.units.join('、') : ''}${u.pii ? '\tPII' : ''}${u.disabled ? '\t已停用' : ''}`)
			.join('\n');
	}
	const units = (result.units as string[]).length ? `，单位：${(result.units as string[]).join('、')}` : '';
	return `${result.created ? '已创建' : '已更新'}用户 ${result.user}（${result.role}${units}${result.pii ? '，可查看投诉人信息' : ''}）`;
}

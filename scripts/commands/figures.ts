// `figures --from YYYY-MM-DD --to YYYY-MM-DD [--unit <name>] [--as-user <name>] [--as-of YYYY-MM-DD]`: the shared
// figures of a period exactly as the overview shows them (cli.md). Reads the database file READ_ONLY: it never
// writes (no migration, no compliance run, no facts rebuild in the file; a stale file's facts are rebuilt in memory).
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { getUserByName, toSessionUser } from '../../src/lib/server/auth/users.ts';
import { UserInputError } from '../../src/lib/server/errors.ts';
import { figures } from '../../src/lib/server/metrics/figures.ts';
import { endOfDay } from '../../src/lib/model/periods.ts';
import { FIGURES_TEXT } from '../../src/lib/i18n/zh/periods.ts';
import { openDbReadOnly, parse, type CommandContext } from './context.ts';

const CLI_ADMIN: SessionUser = { userId: 0, name: 'cli', displayName: null, role: 'admin', units: [], pii: true };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function run(ctx: CommandContext): Promise<Record<string, unknown>> {
	const { values } = parse(
		ctx,
		{ from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, 'as-user': { type: 'string' }, 'as-of': { type: 'string' } },
		false
	);
	for (const k of ['from', 'to'] as const) {
		if (!values[k] || !DATE.test(values[k])) throw new UserInputError('bad_arguments', FIGURES_TEXT.badDate(k, values[k] ?? ''), { field: k });
	}
	const asOfArg = values['as-of'];
	if (asOfArg !== undefined && !DATE.test(asOfArg)) throw new UserInputError('bad_arguments', FIGURES_TEXT.badDate('as-of', asOfArg), { field: 'as-of' });
	const db = await openDbReadOnly(values.db);
	let user = CLI_ADMIN;
	if (values['as-user']) {
		const row = await getUserByName(db, values['as-user']);
		if (!row) throw new UserInputError('unknown_user', FIGURES_TEXT.unknownUser(values['as-user']), { field: 'as-user' });
		user = toSessionUser(row);
	}
	// --as-of names a day: the figures are as of its last moment (Shanghai), never later than now.
	const result = await figures(db, user, { from: values.from!, to: values.to!, unit: values.unit, asOf: asOfArg ? endOfDay(asOfArg) : undefined });
	return result as unknown as Record<string, unknown>;
}

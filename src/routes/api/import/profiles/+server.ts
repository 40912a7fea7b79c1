// GET the saved mapping profiles; POST {name, mapping} saves the current mapping as a named profile.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { saveProfile } from '$lib/server/ingest';
import { CANONICAL_FIELDS } from '$lib/server/ingest/types';
import { shanghaiToday } from '$lib/server/time';
import { t } from '$lib/i18n/zh/import';
import type { RequestHandler } from './$types';
import { UserInputError } from '$lib/server/errors';
import { handle, readJson, requireImporter } from '../http';
import { profileViews } from '../views';

const SaveProfile = z.object({
	name: z.string().trim().regex(/^[\p{Script=Han}\w-]{1,60}$/u),
	mapping: z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().min(1).max(500)),
	constants: z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().trim().min(1).max(500)).optional(),
	/** Kept columns marked 不含个人信息. */
	publicColumns: z.array(z.string().trim().min(1).max(500)).max(500).optional()
});

export const GET: RequestHandler = ({ locals }) =>
	handle(async () => {
		requireImporter(locals.user);
		return json(profileViews());
	});

export const POST: RequestHandler = ({ request, locals }) =>
	handle(async () => {
		const user = requireImporter(locals.user);
		const parsed = SaveProfile.safeParse(await readJson(request));
		if (!parsed.success) throw new UserInputError('bad_request', t.apiProfileName);
		await saveProfile(parsed.data.name, parsed.data.mapping, {
			description: t.profileDescription(user.displayName ?? user.name, shanghaiToday()),
			constants: parsed.data.constants,
			publicColumns: parsed.data.publicColumns
		});
		return json(profileViews());
	});

// POST {headers, rows?, profile?}: the proposed mapping of canonical fields to the file's headers. With `rows` (the
// first non-empty rows of a text export, as the preview parsed them) the header is found among them as the import
// finds it (title rows above it are not data): `headerRow` is its index in `rows`, `headerRows` 1 or 2 (a two-row
// header), and `headers` the column names.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { findHeaderRows, headerRecognizer, HEADER_SEARCH_ROWS, loadProfiles, proposeMapping, savedProfile, suggestProfile } from '$lib/server/ingest';
import { t } from '$lib/i18n/zh/import';
import { HEADER_CELL_CHARS } from '$lib/import-limits';
import type { RequestHandler } from './$types';
import { UserInputError } from '$lib/server/errors';
import { handle, readJson, requireImporter } from '../http';

const Propose = z.object({
	headers: z.array(z.string().max(500)).min(1).max(2000),
	// a data cell in the first rows may be long (a complaint narrative): only its opening matters to the header search
	rows: z
		.array(z.array(z.string().max(100_000).transform((cell) => cell.slice(0, HEADER_CELL_CHARS))).max(2000))
		.min(1)
		.max(HEADER_SEARCH_ROWS * 4)
		.optional(),
	profile: z.string().min(1).max(60).optional()
});

export const POST: RequestHandler = ({ request, locals }) =>
	handle(async () => {
		requireImporter(locals.user);
		const parsed = Propose.safeParse(await readJson(request));
		if (!parsed.success) throw new UserInputError('bad_request', t.apiHeadersNeeded);
		const { headers, rows } = parsed.data;
		// With no profile chosen, a profile that fits headers the aliases cannot read is proposed (`suggestedProfile`).
		const suggested = parsed.data.profile === undefined ? suggestProfile(headers, rows, loadProfiles()) : undefined;
		// A saved profile's name, never a path: the server opens no file the caller names.
		const name = parsed.data.profile ?? suggested;
		const profile = name === undefined ? undefined : savedProfile(name);
		const extra = suggested ? { suggestedProfile: suggested } : {};
		if (!rows) return json({ ...proposeMapping(headers, { profile }), ...extra });
		const found = findHeaderRows(rows, headerRecognizer({ profile }));
		return json({ ...proposeMapping(found.headers, { profile }), headerRow: found.index, headerRows: found.rows, ...extra });
	});

// Map step, remembered: a profile is a named mapping (field → header) with hints on delimiter, encoding and
// date formats, stored as a versioned JSON file under data/profiles/ so an analyst maps a foreign export once.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.ts';
import { UserInputError } from '../errors.ts';
import { CANONICAL_FIELDS, type CanonicalField } from './types.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';

export interface ImportProfile {
	name: string;
	description?: string;
	/** ',' | '\t' | ';' — otherwise sniffed from the header line. */
	delimiter?: string;
	encoding?: 'utf-8' | 'gb18030';
	/** strptime formats tried before the built-in list (e.g. '%m/%d/%Y %I:%M:%S %p'). */
	dateFormats?: string[];
	mapping: Partial<Record<CanonicalField, string>>;
	/** Where it was loaded from. */
	path?: string;
}

export type ProfileMeta = Omit<ImportProfile, 'name' | 'mapping' | 'path'>;

const fieldEnum = z.enum(CANONICAL_FIELDS);
const profileSchema = z.object({
	name: z.string().min(1),
	description: z.string().optional(),
	delimiter: z.enum([',', '\t', ';']).optional(),
	encoding: z.enum(['utf-8', 'gb18030']).optional(),
	dateFormats: z.array(z.string().min(2)).optional(),
	mapping: z.partialRecord(fieldEnum, z.string().min(1))
});

export const PROFILE_NAME = /^[\p{Script=Han}A-Za-z0-9_-]{1,60}$/u;

export function profilesDir(): string {
	return path.join(DATA_DIR, 'profiles');
}

function parseProfile(file: string): ImportProfile {
	let json: unknown;
	try {
		json = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		throw new UserInputError('profile_invalid', ingestText.profileInvalid(String((e as Error).message)), { file });
	}
	const parsed = profileSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new UserInputError('profile_invalid', ingestText.profileInvalid(`${issue.path.join('.')}: ${issue.message}`), { file });
	}
	return { ...parsed.data, mapping: parsed.data.mapping as Partial<Record<CanonicalField, string>>, path: file };
}

/** Every profile under data/profiles/, sorted by name. A broken file is skipped here (loading it by name reports why). */
export function loadProfiles(dir = profilesDir()): ImportProfile[] {
	if (!fs.existsSync(dir)) return [];
	const out: ImportProfile[] = [];
	for (const f of fs.readdirSync(dir).sort()) {
		if (!f.endsWith('.json')) continue;
		try {
			out.push(parseProfile(path.join(dir, f)));
		} catch {
			/* listed as unusable by resolveProfile when asked for by name */
		}
	}
	return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** A profile by name (data/profiles/<name>.json or a profile's "name") or by path to a JSON file. */
export function resolveProfile(nameOrPath: string, dir = profilesDir()): ImportProfile {
	const looksLikePath = nameOrPath.endsWith('.json') || nameOrPath.includes('/') || nameOrPath.includes(path.sep);
	if (looksLikePath) {
		const file = path.resolve(nameOrPath);
		if (!fs.existsSync(file)) throw new UserInputError('profile_not_found', ingestText.profileNotFound(nameOrPath), { file: nameOrPath });
		return parseProfile(file);
	}
	if (PROFILE_NAME.test(nameOrPath)) {
		const file = path.join(dir, `${nameOrPath}.json`);
		if (fs.existsSync(file)) return parseProfile(file);
	}
	const byName = loadProfiles(dir).find((p) => p.name === nameOrPath);
	if (byName) return byName;
	throw new UserInputError('profile_not_found', ingestText.profileNotFound(nameOrPath), {}, {
		available: loadProfiles(dir).map((p) => p.name)
	});
}

/** Saves (or replaces) a profile as data/profiles/<name>.json, written to a temporary name and renamed. */
export function saveProfile(
	name: string,
	mapping: Partial<Record<CanonicalField, string>>,
	meta: ProfileMeta = {},
	dir = profilesDir()
): ImportProfile {
	if (!PROFILE_NAME.test(name)) throw new UserInputError('profile_name', ingestText.profileName);
	const clean: Partial<Record<CanonicalField, string>> = {};
	for (const f of CANONICAL_FIELDS) {
		const h = mapping[f];
		if (typeof h === 'string' && h.trim()) clean[f] = h;
	}
	const profile = profileSchema.parse({ name, ...meta, mapping: clean });
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.json`);
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, JSON.stringify(profile, null, '\t') + '\n');
	fs.renameSync(tmp, file);
	return { ...profile, mapping: clean, path: file };
}

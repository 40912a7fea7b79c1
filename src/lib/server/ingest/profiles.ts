// Map step, remembered: a profile is a named mapping (field → header) with hints on delimiter, encoding and
// date formats, so an analyst maps a foreign export once. The profiles shipped with the app are versioned JSON
// files under data/profiles/; those saved from the import page live with the database (savedProfilesDir: beside
// DB_PATH), never in the repository, which a `git pull` would fight with.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATA_DIR, dbPathFromEnv } from '../paths.ts';
import { UserInputError } from '../errors.ts';
import { CANONICAL_FIELDS, type CanonicalField } from '../../model/import.ts';
import { ingestText } from '../../i18n/zh/ingest.ts';

export interface ImportProfile {
	name: string;
	/** What the import page lists it as (中文): the name is an id for the command line (cfpb, nyc311). */
	title?: string;
	description?: string;
	/** ',' | '\t' | ';' — a hint: the delimiter the header line is split into most columns by wins. */
	delimiter?: string;
	/** A hint: detection of the file's encoding wins when the file disagrees. */
	encoding?: 'utf-8' | 'gb18030';
	/** strptime formats tried before DuckDB's own reading and the built-in list (e.g. '%d-%m-%y'). */
	dateFormats?: string[];
	/** field → header, or several headers (the first the file has is used); matched ignoring case, spaces and punctuation. */
	mapping: Partial<Record<CanonicalField, string | string[]>>;
	/** Fields given one value for every row (固定值; --set on the command line). */
	constants?: Partial<Record<CanonicalField, string>>;
	/**
	 * Kept columns (mapped to no field) marked 不含个人信息: every role that sees the case sees them. Any other
	 * kept column is complainant data (PII grant only). Headers the file lacks are ignored.
	 */
	publicColumns?: string[];
	/** Where it was loaded from. */
	path?: string;
}

export type ProfileMeta = Omit<ImportProfile, 'name' | 'mapping' | 'path'>;

const headerNames = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const fieldEnum = z.enum(CANONICAL_FIELDS);
const profileSchema = z.object({
	name: z.string().min(1),
	title: z.string().trim().min(1).max(100).optional(),
	description: z.string().optional(),
	delimiter: z.enum([',', '\t', ';']).optional(),
	encoding: z.enum(['utf-8', 'gb18030']).optional(),
	dateFormats: z.array(z.string().min(2)).optional(),
	mapping: z.partialRecord(fieldEnum, headerNames),
	constants: z.partialRecord(fieldEnum, z.string().trim().min(1)).optional(),
	publicColumns: z.array(z.string().trim().min(1).max(500)).max(500).optional()
});

export const PROFILE_NAME = /^[\p{Script=Han}A-Za-z0-9_-]{1,60}$/u;

/** The shipped, versioned profiles. */
export function profilesDir(): string {
	return path.join(DATA_DIR, 'profiles');
}

/** Profiles saved from the import page: beside the database file (data/complaints.duckdb → data/complaints-profiles/). */
export function savedProfilesDir(dbPath = dbPathFromEnv()): string {
	return path.join(path.dirname(dbPath), path.basename(dbPath, path.extname(dbPath)) + '-profiles');
}

/** Where profiles are looked up by name: the shipped ones, then the saved ones (a saved one wins on a name clash). */
export function profileDirs(): string[] {
	return [profilesDir(), savedProfilesDir()];
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
	return { ...parsed.data, mapping: parsed.data.mapping as ImportProfile['mapping'], constants: parsed.data.constants as ImportProfile['constants'], path: file };
}

/** Every profile in these directories, one per name (the later directory wins), sorted by name. A broken file is skipped here (loading it by name reports why). */
export function loadProfiles(dirs: string | readonly string[] = profileDirs()): ImportProfile[] {
	const byName = new Map<string, ImportProfile>();
	for (const dir of typeof dirs === 'string' ? [dirs] : dirs) {
		if (!fs.existsSync(dir)) continue;
		for (const f of fs.readdirSync(dir).sort()) {
			if (!f.endsWith('.json')) continue;
			try {
				const p = parseProfile(path.join(dir, f));
				byName.set(p.name, p);
			} catch {
				/* listed as unusable by resolveProfile when asked for by name */
			}
		}
	}
	return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A saved profile by its name, for the HTTP API: never a path. The name must be one of the listed profiles (the
 * list is read from the profile directories, and only that list's entries are opened), so `/etc/shadow`,
 * `../x` or `/dev/zero` cannot make the server open a file of its choosing.
 */
export function savedProfile(name: string, dirs: string | readonly string[] = profileDirs()): ImportProfile {
	const found = PROFILE_NAME.test(name) ? loadProfiles(dirs).find((p) => p.name === name) : undefined;
	if (found) return found;
	throw new UserInputError('profile_not_found', ingestText.profileNotFound(PROFILE_NAME.test(name) ? name : '?'), {}, {
		available: loadProfiles(dirs).map((p) => p.name)
	});
}

/** A profile by name (<dir>/<name>.json or a profile's "name") or by path to a JSON file: for the command line only. */
export function resolveProfile(nameOrPath: string, dirs: string | readonly string[] = profileDirs()): ImportProfile {
	const looksLikePath = nameOrPath.endsWith('.json') || nameOrPath.includes('/') || nameOrPath.includes(path.sep);
	if (looksLikePath) {
		const file = path.resolve(nameOrPath);
		if (!fs.existsSync(file)) throw new UserInputError('profile_not_found', ingestText.profileNotFound(nameOrPath), { file: nameOrPath });
		return parseProfile(file);
	}
	if (PROFILE_NAME.test(nameOrPath)) {
		for (const dir of [...(typeof dirs === 'string' ? [dirs] : dirs)].reverse()) {
			const file = path.join(dir, `${nameOrPath}.json`);
			if (fs.existsSync(file)) return parseProfile(file);
		}
	}
	const byName = loadProfiles(dirs).find((p) => p.name === nameOrPath);
	if (byName) return byName;
	throw new UserInputError('profile_not_found', ingestText.profileNotFound(nameOrPath), {}, {
		available: loadProfiles(dirs).map((p) => p.name)
	});
}

/** Saves (or replaces) a profile as <saved profiles dir>/<name>.json, written to a temporary name and renamed. */
export function saveProfile(
	name: string,
	mapping: ImportProfile['mapping'],
	meta: ProfileMeta = {},
	dir = savedProfilesDir()
): ImportProfile {
	if (!PROFILE_NAME.test(name)) throw new UserInputError('profile_name', ingestText.profileName);
	const clean: ImportProfile['mapping'] = {};
	for (const f of CANONICAL_FIELDS) {
		const h = mapping[f];
		if (typeof h === 'string' && h.trim()) clean[f] = h;
		else if (Array.isArray(h) && h.some((x) => x.trim())) clean[f] = h.filter((x) => x.trim());
	}
	const constants: Partial<Record<CanonicalField, string>> = {};
	for (const f of CANONICAL_FIELDS) {
		const v = meta.constants?.[f];
		if (typeof v === 'string' && v.trim()) constants[f] = v.trim();
	}
	const publicColumns = [...new Set((meta.publicColumns ?? []).map((h) => h.trim()).filter(Boolean))];
	const profile = profileSchema.parse({
		name,
		...meta,
		mapping: clean,
		constants: Object.keys(constants).length ? constants : undefined,
		publicColumns: publicColumns.length ? publicColumns : undefined
	});
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.json`);
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, JSON.stringify(profile, null, '\t') + '\n');
	fs.renameSync(tmp, file);
	return { ...profile, mapping: clean, constants: profile.constants as ImportProfile['constants'], path: file };
}

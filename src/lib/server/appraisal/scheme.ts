// Appraisal schemes (考核方案): data files under data/schemes/, validated on load. A scheme gives the unit
// indicators' weights (the metrics layer's score components), the tier bands by rank share within a group, the
// handling measures an inspector may propose, the exemption reasons and the explanation period. Person-level
// ladders stay in the rule packs (finance bureau 第十二条) and apply to persons only.
import fs from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { z } from 'zod';
import { DATA_DIR } from '../paths.ts';
import { UserInputError } from '../errors.ts';
import { SCORE_COMPONENTS, SCORE_MIN_CASES, type ScoreWeights } from '../metrics/catalog.ts';
import { schemeText } from '../../i18n/zh/appraisal.ts';

export const SCHEMES_DIR = path.join(DATA_DIR, 'schemes');
export const DEFAULT_SCHEME = 'county-default';

const weight = z.number().min(0).max(100);
/** How findings bear on a unit's score (units.deduct_findings). */
export const DEDUCT_MODES = ['none', 'all', 'outside-rates'] as const;
export type DeductMode = (typeof DEDUCT_MODES)[number];
const schemeSchema = z
	.object({
		name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
		title: z.string().min(1),
		version: z.string().min(1),
		source: z.object({ seed: z.string().min(1), document: z.string().min(1), article: z.string().min(1) }).strict(),
		units: z
			.object({
				weights: z.object(Object.fromEntries(Object.keys(SCORE_COMPONENTS).map((k) => [k, weight])) as Record<keyof ScoreWeights, typeof weight>).strict(),
				weights_note: z.string().optional(),
				/** a unit with fewer cases in the year is not ranked (未参与排名); unset: the 单位效能 page's minimum */
				min_cases: z.number().int().min(1).max(1_000_000).default(SCORE_MIN_CASES),
				tiers: z.array(z.object({ tier: z.string().min(1), up_to_share: z.number().gt(0).max(1) }).strict()).min(1),
				/**
				 * Whether a counted finding deducts its measure's points from the unit's score on top of the rates:
				 * none; all findings; or outside-rates — only the findings no rate of the score already counts
				 * (substantiated complaints), so a late case is not punished twice. `false`/`true` read as none/all.
				 */
				deduct_findings: z.preprocess((v) => (v === false ? 'none' : v === true ? 'all' : v), z.enum(DEDUCT_MODES))
			})
			.strict(),
		count_by: z.enum(['件', '件次']),
		measures: z
			.array(
				z
					.object({
						measure: z.string().min(1),
						severity: z.number().int().min(1),
						article: z.string().min(1),
						/** points off the unit's score per counted finding with this measure (when the scheme deducts) */
						deduction: z.number().min(0).max(100).default(0)
					})
					.strict()
			)
			.min(1),
		default_measure: z.object({ breached: z.string(), 'open-overdue': z.string(), substantiated: z.string() }).strict(),
		exemptions: z.array(z.object({ reason: z.string().min(1), article: z.string().min(1) }).strict()).min(1),
		explanation_days: z.number().int().min(1).max(60).default(5),
		/** consequences for persons that follow from the measures of their findings (agency rules 第六、七条) */
		person_consequences: z
			.object({
				pack: z.string().min(1),
				min_severity: z.number().int().min(1),
				tier: z.string().min(1),
				article: z.string().min(1),
				otherwise: z.string().min(1),
				heavier_after: z.number().int().min(1),
				heavier_article: z.string().min(1)
			})
			.strict()
			.optional()
	})
	.strict()
	.superRefine((s, ctx) => {
		const bands = s.units.tiers;
		bands.forEach((b, i) => {
			if (i > 0 && b.up_to_share <= bands[i - 1].up_to_share)
				ctx.addIssue({ code: 'custom', path: ['units', 'tiers', i, 'up_to_share'], message: schemeText.bandsOrder });
		});
		if (bands[bands.length - 1].up_to_share !== 1)
			ctx.addIssue({ code: 'custom', path: ['units', 'tiers', bands.length - 1, 'up_to_share'], message: schemeText.lastBand });
		const names = new Set(s.measures.map((m) => m.measure));
		for (const [k, v] of Object.entries(s.default_measure))
			if (!names.has(v)) ctx.addIssue({ code: 'custom', path: ['default_measure', k], message: schemeText.unknownMeasure(v) });
	});

export type Scheme = z.infer<typeof schemeSchema> & { file: string };

/** Loads a scheme by name (data/schemes/<name>.yaml) or path; errors name the file and the field. */
export function loadScheme(nameOrPath: string = DEFAULT_SCHEME, dir = SCHEMES_DIR): Scheme {
	const isPath = /[\\/]/.test(nameOrPath) || /\.(ya?ml|json)$/.test(nameOrPath);
	const file = isPath ? path.resolve(nameOrPath) : [`${nameOrPath}.yaml`, `${nameOrPath}.yml`, `${nameOrPath}.json`].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
	if (!file || !fs.existsSync(file)) throw new UserInputError('scheme_not_found', schemeText.notFound(nameOrPath), { field: 'scheme' });
	let raw: unknown;
	try {
		raw = loadYaml(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		const mark = (e as { mark?: { line: number; column: number } }).mark;
		throw new UserInputError('scheme_invalid', schemeText.invalid(path.basename(file), mark ? `第${mark.line + 1}行第${mark.column + 1}列` : '', (e as Error).message), { file: path.basename(file) });
	}
	const parsed = schemeSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
		throw new UserInputError('scheme_invalid', schemeText.invalid(path.basename(file), field, issue.message), { file: path.basename(file), field });
	}
	return { ...parsed.data, file };
}

/**
 * The unit tier of a rank among `of` ranked units of its group: the first band whose share covers the middle of
 * the unit's place, (rank − 0.5) ÷ of (1st of 4 → 0.125, 4th of 4 → 0.875; the only ranked unit → 0.5).
 */
export function rankShare(rank: number, of: number): number {
	return (rank - 0.5) / of;
}

export function unitTier(scheme: Scheme, rank: number | null, of: number): string | null {
	if (rank === null || of <= 0) return null;
	const share = rankShare(rank, of);
	return (scheme.units.tiers.find((b) => share <= b.up_to_share + 1e-12) ?? scheme.units.tiers[scheme.units.tiers.length - 1]).tier;
}

/** Points a counted finding with this measure takes off the unit's score (0 when the scheme does not deduct for it). */
export function measureDeduction(scheme: Scheme, measure: string | null | undefined, kind: string | null): number {
	const mode = scheme.units.deduct_findings;
	if (mode === 'none' || kind === null) return 0;
	// outside-rates: a late or open-overdue case already lowered the on-time rate; a substantiated complaint no rate counts
	if (mode === 'outside-rates' && kind !== 'substantiated') return 0;
	return scheme.measures.find((m) => m.measure === measure)?.deduction ?? 0;
}

/** A measure's place on the scheme's ladder (0 when unknown). */
export function measureSeverity(scheme: Scheme, measure: string | null | undefined): number {
	return scheme.measures.find((m) => m.measure === measure)?.severity ?? 0;
}

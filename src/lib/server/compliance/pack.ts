// Rule packs: data files (YAML or JSON) under data/packs/, validated with zod on load. Errors name the
// file, the rule id and the field so an analyst can fix a custom pack.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { load as loadYaml } from 'js-yaml';
import { z } from 'zod';
import { DATA_DIR } from '../paths.ts';
import { UserInputError } from '../errors.ts';
import { packText } from '../../i18n/zh/compliance.ts';
// The built-in fallback only: the deployment's default pack is settings.defaultPackName (部署设置).
import { DEFAULT_PACK } from '../settings.ts';

export { DEFAULT_PACK };
export const PACKS_DIR = path.join(DATA_DIR, 'packs');

/** Case columns a rule may start or stop a clock on. */
export const TIMESTAMP_FIELDS = [
	'received_at',
	'accepted_at',
	'dispatched_at',
	'first_response_at',
	'closed_at',
	'replied_at',
	'filed_report_at',
	'callback_at',
	'due_at'
] as const;
/** Case columns a condition may test (never a free-text column). */
export const CONDITION_FIELDS = [
	...TIMESTAMP_FIELDS,
	'extension_requested_at',
	'extension_approved_at',
	'extension_approved',
	'extension_days',
	'extension_approved_by',
	'channel',
	'unit',
	'person',
	'category',
	'handling_mode',
	'severity',
	'outcome',
	'satisfaction',
	'source_verdict',
	'complainant_name',
	'complainant_phone',
	'complainant_id_no',
	'procedure'
] as const;

const timestampField = z.enum(TIMESTAMP_FIELDS, { message: `须为时间字段之一：${TIMESTAMP_FIELDS.join(', ')}` });
const conditionField = z.enum(CONDITION_FIELDS, { message: `须为案件字段之一：${CONDITION_FIELDS.join(', ')}` });
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const OPERATORS = ['equals', 'not-equals', 'in', 'not-in', 'not-empty', 'empty', 'not-same-day-as'] as const;

export const conditionSchema = z
	.object({
		field: conditionField,
		equals: scalar.optional(),
		'not-equals': scalar.optional(),
		in: z.array(scalar).min(1).optional(),
		'not-in': z.array(scalar).min(1).optional(),
		'not-empty': z.literal(true).optional(),
		empty: z.literal(true).optional(),
		/** true when the field is empty or falls on another calendar day than the other field */
		'not-same-day-as': timestampField.optional(),
		/**
		 * The values that decide the condition (招标投标第十五条: 简易程序 or 一般程序). A case holding any other value
		 * (an empty cell, a word the importer did not recognise) cannot be judged by the rule: no-data (数据不足), as
		 * when the export lacks the column, unless another condition already rules the rule out.
		 */
		known: z.array(scalar).min(1).optional()
	})
	.strict()
	.refine((c) => OPERATORS.filter((op) => c[op] !== undefined).length === 1, { message: packText.oneOperator })
	.refine((c) => !c.known || c.equals !== undefined || c['not-equals'] !== undefined || c.in !== undefined || c['not-in'] !== undefined, {
		message: packText.knownOperator
	});

export const limitSchema = z
	.object({
		value: z.number().int().positive(),
		unit: z.enum(['working_days', 'calendar_days', 'hours', 'minutes', 'months']),
		/** calendar days / months: a due day on a non-working day moves to the next working day */
		roll_forward: z.boolean().default(false),
		/**
		 * A shorter target the article sets within the limit (农商银行第十条: 七至十个工作日 → target 7, limit 10), in
		 * the limit's unit: reported in the explanation (达到/未达到), never a breach of its own.
		 */
		target: z.number().int().positive().optional()
	})
	.strict()
	.refine((l) => l.target === undefined || l.target < l.value, { message: '目标时限须短于期限' });

const citationSchema = z.object({ seed: z.string().min(1), document: z.string().min(1), article: z.string().min(1) }).strict();

const extensionSchema = z
	.object({
		/** the limit that replaces the rule's own when an extension was approved in time */
		limit: limitSchema.optional(),
		/** or: units added to the rule's own limit (30 + 15 working days) */
		add: z.number().int().positive().optional(),
		/** for an extension rule: the rules whose limit it replaces */
		of: z.array(z.string()).min(1).optional(),
		/**
		 * The approved number of days (extension_days, where the export gives one) is added to the rule's own limit,
		 * `limit` being the ceiling (招标投标第十八条: 30日, 经批准适当延长, 不得超过3个月); without a number, `limit`.
		 */
		approved_days: z.boolean().optional()
	})
	.strict()
	.refine((e) => (e.limit ? 1 : 0) + (e.add ? 1 : 0) === 1, { message: packText.extensionBoth });

const wordingSchema = z
	.object({
		/** 转办件 */
		subject: z.string().min(1),
		/** 办结答复 */
		action: z.string().min(1),
		/** 答复 */
		done: z.string().min(1)
	})
	.strict();

export const ruleSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '规则编号只能用小写字母、数字和连字符' }),
		title: z.string().min(1),
		citation: citationSchema,
		/** deadline: a limit counted from the clock start; given-due: the stop must not be after the case's due_at */
		type: z.enum(['deadline', 'given-due']).default('deadline'),
		applies_when: z.array(conditionSchema).default([]),
		/** how an inspector reads the conditions (used when the rule does not apply) */
		applies_note: z.string().optional(),
		/** why a case whose condition value is not one of `known` is no-data (the explanation's sentence) */
		unknown_note: z.string().optional(),
		clock: z
			.object({
				start: timestampField,
				stop: timestampField,
				/**
				 * A reclassification (物业 4.1.1（2）③: unresolved for a month → a major complaint): the clock starts when
				 * this period counted from `start` has run out (day periods: at the start of the next day, hours: exactly),
				 * and the rule applies only to cases whose stop had not happened by then.
				 */
				after: z.object({ value: z.number().int().positive(), unit: z.enum(['hours', 'calendar_days', 'months']) }).strict().optional()
			})
			.strict()
			.optional(),
		limit: limitSchema.optional(),
		extension: extensionSchema.optional(),
		wording: wordingSchema.optional(),
		note: z.string().optional()
	})
	.strict();

const tierMetric = z.enum(['substantiated', 'breaches', 'open_overdue', 'findings']);

export const tierSchema = z
	.object({
		tier: z.string().min(1),
		/** all given bounds must hold; metrics are per unit or person and year */
		when: z
			.object({ metric: tierMetric, min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
			.strict(),
		/** Chinese; {n} is replaced by the metric's value */
		reason: z.string().min(1),
		citation: citationSchema.optional()
	})
	.strict();

export const appraisalSchema = z
	.object({
		/** who the tiers apply to by default */
		by: z.enum(['unit', 'person']).default('unit'),
		description: z.string().optional(),
		/** the first tier whose condition holds wins: list the severest first */
		tiers: z.array(tierSchema).min(1),
		otherwise: z.object({ tier: z.string().min(1), reason: z.string().min(1) }).strict()
	})
	.strict();

export const packSchema = z
	.object({
		name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '规则包名称只能用小写字母、数字和连字符' }),
		title: z.string().min(1),
		version: z.string().min(1),
		description: z.string().optional(),
		source: z.object({ seed: z.string().min(1), document: z.string().min(1) }).strict(),
		/**
		 * Offered when the deployment has not chosen its packs (offered_packs unset). Packs for other kinds of
		 * organisation (a company's customer service, staff grievances) say false: a county is not offered them
		 * unless an admin adds them.
		 */
		offered_by_default: z.boolean().default(true),
		rules: z.array(ruleSchema),
		appraisal: appraisalSchema.optional()
	})
	.strict();

export type Condition = z.infer<typeof conditionSchema>;
export type Limit = z.infer<typeof limitSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type PackData = z.infer<typeof packSchema>;

export interface RulePack extends PackData {
	/** the file it was loaded from */
	file: string;
	/** `version` of the file plus a hash of its content: any edit changes it and triggers recomputation */
	packVersion: string;
	/** name of a shipped pack, or the absolute path of a custom pack */
	sourceRef: string;
}

function fieldPath(p: PropertyKey[]): string {
	return p.map((x) => (typeof x === 'number' ? `[${x}]` : `.${String(x)}`)).join('').replace(/^\./, '');
}

function invalid(file: string, raw: unknown, p: PropertyKey[], message: string): UserInputError {
	const base = path.basename(file);
	let ruleId: string | null = null;
	let field = fieldPath(p);
	if (p[0] === 'rules' && typeof p[1] === 'number') {
		const r = (raw as { rules?: { id?: unknown }[] })?.rules?.[p[1]];
		ruleId = typeof r?.id === 'string' ? r.id : `#${p[1] + 1}`;
		field = fieldPath(p.slice(2));
	}
	return new UserInputError('pack_invalid', packText.invalid(base, ruleId, field, message), {
		file: base,
		field: ruleId ? `${ruleId}.${field}` : field
	});
}

/** Validates a parsed pack document: schema first, then cross-rule checks. */
export function validatePack(raw: unknown, file: string): PackData {
	const parsed = packSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw invalid(file, raw, issue.path, issue.message);
	}
	const pack = parsed.data;
	const ids = new Set<string>();
	pack.rules.forEach((r, i) => {
		const at = (field: PropertyKey[], msg: string) => invalid(file, raw, ['rules', i, ...field], msg);
		if (ids.has(r.id)) throw at(['id'], packText.duplicateRule(r.id));
		ids.add(r.id);
		const ext = r.extension;
		if (ext?.of) {
			for (const base of ext.of) {
				const target = pack.rules.find((x) => x.id === base);
				if (!target) throw at(['extension', 'of'], packText.unknownRule(base));
				if (target.extension) throw at(['extension', 'of'], packText.extendsItself);
			}
		} else {
			if (!r.clock) throw at(['clock'], packText.clockRequired);
			if (!r.wording) throw at(['wording'], packText.wordingRequired);
			if (r.type === 'deadline' && !r.limit) throw at(['limit'], packText.limitRequired);
			if (r.type === 'given-due' && r.clock.stop === 'due_at') throw at(['clock', 'stop'], packText.givenDueStop);
		}
		if (ext?.add && !ext.of && r.limit?.unit === 'months') throw at(['extension', 'add'], packText.extensionUnit);
		if (ext?.approved_days && (ext.of || !ext.limit || !r.limit || r.limit.unit !== 'calendar_days'))
			throw at(['extension', 'approved_days'], '批准天数只适用于按日计算、并给出延长上限（limit）的规则');
	});
	for (const r of pack.rules)
		if (r.extension?.of)
			for (const base of r.extension.of)
				if (pack.rules.some((x) => x.id !== r.id && x.extension?.of?.includes(base)))
					throw invalid(file, raw, ['rules', pack.rules.indexOf(r), 'extension', 'of'], packText.extendsItself);
	return pack;
}

export function parsePackText(text: string, file: string): PackData {
	let raw: unknown;
	try {
		raw = file.endsWith('.json') ? JSON.parse(text) : loadYaml(text);
	} catch (e) {
		throw new UserInputError('pack_invalid', packText.badFile(path.basename(file), (e as Error).message), {
			file: path.basename(file)
		});
	}
	return validatePack(raw, file);
}

function packFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => /\.(ya?ml|json)$/.test(f))
		.sort();
}

/** A shipped pack by name (data/packs/<name>.yaml) or a custom pack file by path. */
export function loadPack(nameOrPath: string = DEFAULT_PACK, dir = PACKS_DIR): RulePack {
	const looksLikePath = /[\\/]/.test(nameOrPath) || /\.(ya?ml|json)$/.test(nameOrPath);
	let file: string | undefined;
	if (looksLikePath) {
		file = path.resolve(nameOrPath);
		if (!fs.existsSync(file)) throw new UserInputError('pack_not_found', packText.notFound(nameOrPath, listPackNames(dir)), { file: nameOrPath });
	} else {
		const hit = packFiles(dir).find((f) => f.replace(/\.(ya?ml|json)$/, '') === nameOrPath);
		if (!hit) throw new UserInputError('pack_not_found', packText.notFound(nameOrPath, listPackNames(dir)), { field: 'pack' });
		file = path.join(dir, hit);
	}
	const text = fs.readFileSync(file, 'utf8');
	const data = parsePackText(text, file);
	const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
	return { ...data, file, packVersion: `${data.version}+${hash}`, sourceRef: looksLikePath ? file : data.name };
}

function listPackNames(dir: string): string[] {
	return packFiles(dir).map((f) => f.replace(/\.(ya?ml|json)$/, ''));
}

export interface PackListing {
	name: string;
	title: string;
	version: string;
	rules: number;
	has_appraisal: boolean;
	default: boolean;
	/** offered while the deployment's offered_packs is unset */
	offered_by_default: boolean;
	file: string;
	/** a file that failed validation is listed with its error, so the analyst sees why */
	error?: string;
}

/** Every pack file under data/packs/ for the UI's pack picker. */
export function listPacks(dir = PACKS_DIR): PackListing[] {
	return packFiles(dir).map((f) => {
		const name = f.replace(/\.(ya?ml|json)$/, '');
		try {
			const p = loadPack(name, dir);
			return {
				name: p.name,
				title: p.title,
				version: p.version,
				rules: p.rules.length,
				has_appraisal: Boolean(p.appraisal),
				default: p.name === DEFAULT_PACK,
				offered_by_default: p.offered_by_default,
				file: f
			};
		} catch (e) {
			return { name, title: name, version: '', rules: 0, has_appraisal: false, default: false, offered_by_default: false, file: f, error: (e as Error).message };
		}
	});
}

/**
 * The one title a pack's source document is named by wherever a citation shows it: the case timeline and the
 * compliance case page, the explanations (依据《…》), the deadline and appraisal workbooks, the bulletin. It is the
 * pack's `title`, without book-title marks (callers add 《》 where they quote it). A rule citing another document than
 * the pack's source (a pack drawn from two company policies) names that document as its citation writes it.
 */
export function documentTitle(pack: Pick<PackData, 'title' | 'source'>, citation?: { document: string }): string {
	if (citation && citation.document !== pack.source.document) return citation.document;
	return pack.title.trim().replace(/^《(.*)》$/, '$1');
}

/** The rules a rule's clock and conditions come from (an extension rule borrows its base rules'). */
export function baseRules(pack: PackData, rule: Rule): Rule[] {
	return rule.extension?.of ? rule.extension.of.map((id) => pack.rules.find((r) => r.id === id)!) : [rule];
}

/** The rule extending `rule` (complex-extension for transfer-reply), if any. */
export function extendedBy(pack: PackData, rule: Rule): Rule | undefined {
	return pack.rules.find((r) => r.extension?.of?.includes(rule.id));
}

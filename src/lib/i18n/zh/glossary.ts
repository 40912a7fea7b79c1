// The shared words of product.md 2.0: the status of a case × rule evaluation and what a count counts.
// Every screen, export, bulletin and explanation takes its status words from here.

/** The status of one case × rule evaluation. */
export const STATUS_WORDS = {
	met: '按期办结',
	breached: '超期办结',
	'open-overdue': '超期未办结',
	'open-within': '在办未超期',
	'no-data': '数据不足',
	'not-applicable': '不适用'
} as const;
export type StatusWord = keyof typeof STATUS_WORDS;

/** 件 counts cases; 件次 counts case × rule evaluations. A figure says which. */
export const COUNT_UNITS = { cases: '件', evaluations: '件次' } as const;

/** Tooltips of figures that count evaluations, and of those beside them that count cases. */
export const COUNT_HELP = {
	cases: '件：按投诉计数，一件投诉只计一次。',
	evaluations: '件次：按“投诉 × 时限规则”计数，一件投诉适用几条时限规则就评价几次，因此件次可能多于件数。'
} as const;

/** A status figure counted in evaluations, e.g. 超期未办结（件次）. */
export const statusEvaluations = (status: StatusWord): string => `${STATUS_WORDS[status]}（${COUNT_UNITS.evaluations}）`;

/**
 * A kept column (an export's column mapped to no field) the analyst marked as holding no complainant data: every
 * role that sees the case sees it. Unmarked kept columns are complainant data (PII grant only).
 */
export const NOT_PERSONAL = '不含个人信息';

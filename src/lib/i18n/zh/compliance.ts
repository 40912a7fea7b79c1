// User-facing Chinese text of the calendar, the compliance engine and the appraisal exports.
import { FIELD_LABELS } from './fields.ts';
import { STATUS_WORDS } from './glossary.ts';

export const calendarText = {
	invalid: (file: string, field: string, reason: string) => `日历文件 ${file} 字段 ${field || '（根）'}：${reason}`,
	badJson: (file: string, reason: string) => `日历文件 ${file} 不是有效的 JSON：${reason}`,
	yearMismatch: (file: string, year: number) => `日历文件 ${file} 的年份为 ${year}，文件名须为 ${year}.json`,
	badYear: (year: string) => `年份 ${year} 无效，须为 2000 年以后的四位年份`
};

export const statusLabels: Record<string, string> = { ...STATUS_WORDS };

/** The explanation of a no-data result: 导出文件未包含“受理决定时间”，无法判定本规则（数据不足）（依据第八条）。 */
export const noDataText = {
	before: '导出文件未包含',
	field: (label: string) => `“${label}”`,
	separator: '、',
	after: '，无法判定本规则（数据不足）',
	/** a carried field whose value is empty or not one the rule can decide on (condition `known`) */
	unknown: (label: string, known: string[]) => `“${label}”为空或不是${known.map((k) => `“${k}”`).join('、')}，无法判定本规则（数据不足）`
};

export const unitLabels: Record<string, string> = {
	working_days: '个工作日',
	calendar_days: '日',
	hours: '小时',
	minutes: '分钟',
	months: '个月'
};

/**
 * Chinese names of the case fields a rule can name (clock fields, conditions): the canonical fields' labels
 * (fields.ts), some of them worded as a rule's sentence needs them.
 */
export const fieldLabels: Record<string, string> = {
	...FIELD_LABELS,
	dispatched_at: '转办/交办时间',
	extension_approved: '是否批准延期',
	complainant_name: '投诉人姓名',
	complainant_phone: '投诉人联系电话',
	complainant_id_no: '投诉人身份证号'
};

export const packText = {
	notFound: (name: string, known: string[]) => `找不到规则包「${name}」。可用：${known.join('、')}`,
	badFile: (file: string, reason: string) => `规则包文件 ${file} 无法解析：${reason}`,
	invalid: (file: string, rule: string | null, field: string, reason: string) =>
		`规则包文件 ${file}${rule ? ` 规则 ${rule}` : ''} 字段 ${field || '（根）'}：${reason}`,
	duplicateRule: (id: string) => `规则编号 ${id} 重复`,
	unknownRule: (id: string) => `引用了不存在的规则 ${id}`,
	limitRequired: '期限型规则须填写 limit（时限）',
	clockRequired: '须填写 clock（起算与截止字段）',
	wordingRequired: '须填写 wording（说明用语）',
	givenDueStop: 'given-due 规则的截止时间字段不能是 due_at',
	oneOperator: '每个条件须且只能有一种比较：equals、not-equals、in、not-in、not-empty、empty、not-same-day-as',
	knownOperator: 'known（可判定的取值）只能与 equals、not-equals、in、not-in 同用',
	extensionBoth: '延期须写 limit（替换时限）或 add（在原时限上增加），二者取一',
	extensionUnit: 'add 只能用于工作日、日或小时时限',
	extendsItself: '延期规则不能再被其他延期规则延期，也不能同时写 extension',
	badAsOf: (v: string) => `--as-of 须为 YYYY-MM-DD 格式的日期，收到：${v}`,
	forbidden: '当前角色无权查看案件明细',
	badYear: (v: string) => `年份须为四位数字，收到：${v}`,
	badBy: (v: string) => `--by 只能是 unit 或 person，收到：${v}`,
	badOut: (v: string) => `输出文件须以 .csv 或 .xlsx 结尾，收到：${v}`,
	badCsvOut: (v: string) => `输出文件须以 .csv 结尾，收到：${v}`,
	caseNotFound: (id: string) => `找不到案件 ${id}，或无权查看`
};

/** Headers of the compliance CSV are fixed by docs/cli.md (English); the appraisal exports are in Chinese. */
export const appraisalText = {
	summarySheet: '汇总',
	evidenceSheet: '证据',
	aboutSheet: '说明',
	title: (year: number, pack: string) => `${year}年度考核 — ${pack}`,
	summaryHeaders: {
		rank: '排名',
		unit: '单位',
		person: '责任人',
		cases: '投诉件数',
		substantiated: '属实件数',
		breaches: '超期办结件次',
		breaches_by_rule: '各规则超期办结件次',
		open_overdue: '超期未办结件次',
		tier: '考核等次',
		tier_reason: '依据'
	},
	evidenceHeaders: {
		unit: '单位',
		person: '责任人',
		case_id: '投诉编号',
		received_at: '受理时间',
		category: '投诉类别',
		outcome: '处理结果',
		rule_id: '规则编号',
		rule_title: '规则',
		clock_start: '起算时间',
		due_at: '期限',
		done_at: '办结/答复时间',
		status: '结论',
		working_days_late: '超期工作日',
		provisional: '日历为临时',
		explanation: '说明'
	},
	about: {
		pack: '规则包',
		packTitle: '规则包名称',
		packVersion: '规则包版本',
		calendarVersion: '日历版本',
		year: '考核年度',
		by: '考核对象',
		generatedAt: '生成时间',
		asOf: '评价截止日',
		basis: '口径',
		basisText:
			'按受理时间所在年度统计；属实件数指处理结果为「属实」或「部分属实」的投诉；超期办结件次为时限评价结论为「超期办结」的件次；超期未办结件次为截至评价截止日仍未办结且已超过时限的件次；件次按“投诉 × 时限规则”计数，一件投诉可计多个件次。',
		privacy: '本文件不含投诉人身份信息。',
		provisionalNote: '含临时日历（放假安排尚未公布的年份按法定节假日推算、调休未计）的件次',
		byUnit: '单位',
		byPerson: '个人'
	},
	substantiatedOnly: '投诉属实',
	noTier: '本规则包未规定考核等次',
	unnamedPerson: '（未注明）'
};

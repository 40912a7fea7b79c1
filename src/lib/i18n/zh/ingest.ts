// User-facing text of the import pipeline (reject reasons, warnings, errors, CLI summaries), zh-CN.
import type { CanonicalField } from '../../model/import.ts';
import { FIELD_LABELS } from './fields.ts';

/** Field names as reject reasons and warnings show them (the import page's labels). */
export const FIELD_NAMES: Record<CanonicalField, string> = FIELD_LABELS;

export const ingestText = {
	// encoding detection
	encodingBom: '文件以 UTF-8 BOM 开头。',
	encodingUtf8: '抽样内容按 UTF-8 严格解码成功。',
	encodingGb: '抽样内容不是合法的 UTF-8，按 GB18030（兼容 GBK）解码成功。',
	encodingAscii: '抽样内容只有英文字符，按 UTF-8 读取。',
	encodingMixedUtf8: '抽样内容大部分是 UTF-8，个别字节无法解码，相关行会被拒绝。',
	encodingMixedGb: '抽样内容既不是合法的 UTF-8 也不是合法的 GB18030，按 GB18030 读取，无法解码的字符显示为 �。',
	encodingForced: (enc: string) => `按指定的编码 ${enc} 读取。`,

	// file-level errors (the import stops, nothing is written)
	fileNotFound: '文件不存在或无法读取。',
	fileEmpty: '文件是空的，没有表头。',
	noHeader: '第一行没有列名。',
	unsupportedFile: '不支持的文件类型：请使用 CSV、TSV、TXT 或 XLSX。',
	xlsUnsupported: '这是旧版 Excel 97-2003 工作簿（.xls），不能直接导入：请在 Excel 或 WPS 中「另存为」.xlsx 或 CSV 后再导入。',
	utf16Unsupported: '文件是 UTF-16 编码（Excel「Unicode 文本」格式），不能直接导入：请在 Excel 中「另存为」CSV（逗号分隔）或 CSV UTF-8 后再导入。',
	xlsxUnreadable: (msg: string) => `无法读取 Excel 文件：${msg}`,
	xlsxEmpty: 'Excel 文件的第一个工作表是空的。',
	missingRequired: (names: string[]) =>
		`找不到必填字段 ${names.join('、')} 对应的列。请用 --map 字段=列名 指定，或选择合适的映射方案（--profile）。`,
	publicColumnNotKept: (header: string, mapped: boolean, kept: string[]) =>
		`标为“不含个人信息”（--public-column）的列「${header}」${mapped ? '已对应某个字段，不是附加列' : '不在文件表头中'}。` +
		(kept.length ? `此文件的附加列（未映射的列）：${kept.join('、')}。` : '此文件没有附加列（未映射的列）。'),
	mapHeaderMissing: (field: string, header: string, headers: string[]) =>
		`--map 指定的列「${header}」（字段 ${field}）不在文件表头中。文件中的列：${headers.join('、')}。`,
	mapUnknownField: (entries: string[], fields: readonly string[]) =>
		`无法识别的 --map 参数：${entries.join('，')}。格式为 字段=列名，可用的字段名：${fields.join(', ')}。`,
	setUnknownField: (entries: string[], fields: readonly string[]) =>
		`无法识别的 --set 参数：${entries.join('，')}。格式为 字段=固定值，可用的字段名：${fields.join(', ')}。`,
	missingUnit: (others: string[]) =>
		`文件中没有被投诉单位列。若文件中的案件都针对同一单位（如本单位自己的投诉台账），请用 --set unit=单位名称 给出（导入页映射步骤中的「固定值」）；不要把其他列映射为被投诉单位。` +
		(others.length ? `另外还找不到必填字段 ${others.join('、')} 对应的列。` : ''),
	profileFitsNothing: (name: string, headers: string[]) => `方案 ${name} 的列在此文件中一个也没有找到。文件中的列：${headers.join('、')}。`,
	encodingMismatch: (enc: string, headers: string[]) =>
		`文件不是有效的 ${enc === 'utf-8' ? 'UTF-8' : 'GB18030'} 编码，请改用 --encoding auto（自动识别）。按 ${enc} 解码后的表头为：${headers.join('、')}。`,
	badDateFormat: (fmt: string) => `日期格式「${fmt}」无效：应为 strftime 格式，如 %d-%m-%y 或 %Y年%m月%d日。`,
	parserFailed: (msg: string) => `CSV 解析失败：${msg}`,
	profileNotFound: (name: string) => `找不到映射方案「${name}」。`,
	profileInvalid: (msg: string) => `映射方案文件格式有误：${msg}`,
	profileName: '方案名称只能包含中文、字母、数字、下划线和连字符，长度 1–60。',

	// reject reasons (one per rejected row)
	rejectMissing: (field: string) => `缺少必填字段「${field}」`,
	rejectTimestamp: (field: string) => `「${field}」不是可识别的日期时间`,
	rejectYear: (field: string) => `「${field}」的年份不在 1900–2100 之间`,
	rejectBoolean: (field: string) => `「${field}」应为 是/否`,
	rejectInteger: (field: string) => `「${field}」应为非负整数`,
	rejectPhone: (field: string) => `「${field}」不是可识别的电话号码`,
	rejectIdNo: (field: string) => `「${field}」不是可识别的证件号码`,
	rejectDuplicate: (line: number | string) => `文件内重复编号，以第 ${line} 行为准`,
	rejectTooManyColumns: '列数多于表头（可能有未加引号的分隔符）',
	rejectMissingColumns: '列数少于表头',
	rejectQuote: '引号不匹配（字段中有未转义的引号，或引号未闭合）',
	rejectEncoding: (enc: string) => `含有无法按 ${enc} 解码的字节`,
	rejectLineTooLong: '行过长，超出读取上限',
	rejectParser: (msg: string) => `无法解析：${msg}`,

	// data-quality warnings (the case is kept)
	warnBeforeReceived: (field: string) => `${field}早于受理时间`,
	warnPauseEnd: '中止结束时间早于中止开始时间',

	// progress
	phaseDecode: '解码与分行',
	phaseParse: '读取 CSV',
	phaseValidate: '规范化与校验',
	phaseMerge: '合并入库',
	phaseCompliance: '计算时限',
	phaseDone: '完成',

	// CLI summaries
	importSummary: (r: {
		batch_id: number;
		file: string;
		encoding: string;
		rows_total: number;
		rows_imported: number;
		rows_updated: number;
		rows_unchanged: number;
		rows_rejected: number;
		seconds: number;
	}) =>
		`批次 ${r.batch_id}：${r.file}（${r.encoding}）共 ${r.rows_total} 行 = 新增 ${r.rows_imported} + 更新 ${r.rows_updated} + 未变 ${r.rows_unchanged} + 拒绝 ${r.rows_rejected}，用时 ${r.seconds.toFixed(1)} 秒` +
		(r.rows_rejected > 0 ? `\n查看被拒绝的行：npm run cli -- rejects ${r.batch_id}` : ''),
	rejectsSummary: (batchId: number, rows: number, out?: string) =>
		out ? `批次 ${batchId} 的 ${rows} 行被拒绝记录已写入 ${out}` : `批次 ${batchId} 共 ${rows} 行被拒绝`,
	exportSummary: (rows: number, out: string) => `已导出 ${rows} 件案件到 ${out}`,
	batchNotFound: (id: string) => `批次 ${id} 不存在。`,
	badBatchId: (id: string) => `批次编号应为正整数：${id}`,
	exportOutNeeded: '请用 --out 指定输出文件（.csv 或 .parquet）。',
	exportBadExt: (out: string) => `输出文件「${out}」的扩展名应为 .csv 或 .parquet。`,
	badDate: (flag: string, v: string) => `${flag} 应为 YYYY-MM-DD 格式的日期：${v}`,
	importFileNeeded: '请指定要导入的文件：npm run cli -- import <文件>',
	badEncoding: (v: string) => `--encoding 只能是 auto、utf-8 或 gb18030：${v}`
};

/** Column headers of the rejects CSV download. */
export const REJECT_HEADERS = { line: '行号', field: '字段', fieldLabel: '字段名称', column: '列', reason: '原因', raw: '原始内容' };
export const QUALITY_HEADERS = { line: '行号', caseId: '投诉编号', warning: '数据质量提示' };

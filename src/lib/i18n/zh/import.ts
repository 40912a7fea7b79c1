// User-facing text of the import page and its API (zh-CN). A translation is a copy of this file.
import type { ImportPhase } from '../../model/import.ts';

export { FIELD_LABELS } from './fields.ts';
import { NOT_PERSONAL } from './glossary.ts';

export const PHASE_LABELS: Record<ImportPhase | 'upload' | 'queued', string> = {
	upload: '上传',
	queued: '排队等待',
	decode: '解码',
	parse: '解析',
	validate: '校验',
	merge: '合并',
	compliance: '计算时限',
	done: '完成'
};

export const ENCODING_LABELS: Record<string, string> = {
	'utf-8': 'UTF-8',
	'utf-8-bom': 'UTF-8（带 BOM）',
	gb18030: 'GB18030（Excel 中文版导出）'
};

export const t = {
	title: '导入投诉数据',
	intro: '上传案件办理系统导出的 CSV、TSV 或 Excel（XLSX）文件。系统自动识别编码和字段，导入前可核对预览与字段映射；同一文件重复导入不会产生重复案件。',
	steps: { file: '选择文件', preview: '预览', mapping: '字段映射', run: '导入', report: '导入报告' },

	dropHere: '将导出文件拖到这里',
	orPick: '或',
	pickFile: '选择文件',
	accepted: '支持 .csv / .tsv / .txt / .xlsx，单个文件不超过 1 GB；更大的导出文件请由管理员用命令行导入（npm run cli -- import <文件>）',
	fileInfo: (name: string, size: string) => `${name}（${size}）`,
	changeFile: '更换文件',
	wrongType: (name: string) => `文件「${name}」的类型不受支持：请上传 .csv、.tsv、.txt 或 .xlsx 文件。`,
	oldExcel: (name: string) => `「${name}」是旧版 Excel 工作簿（.xls / .et），不能直接导入：请在 Excel 或 WPS 中「另存为」.xlsx 或 CSV 后再上传。`,
	tooLarge: (name: string) => `文件「${name}」超过 1 GB 的上限，请按月份拆分后分别导入。`,

	encodingDetected: '检测到编码：',
	encodingForce: '指定编码',
	encodingAuto: '自动识别',
	encodingXlsx: 'Excel 文件自带编码，无需选择',
	garbled: '按当前编码解码出现乱码（�），请切换编码后再核对预览。',

	previewTitle: (n: number) => `前 ${n} 行预览`,
	previewLoading: '正在读取文件开头…',
	previewNote: '预览只读取文件开头部分，完整文件在导入时由服务器处理。',
	titleRowsSkipped: (n: number) => `表头在第 ${n + 1} 个非空行：上方 ${n} 行（标题、导出时间等）不是案件，不导入。`,
	previewEmpty: '文件开头没有可预览的数据行。',
	previewFailed: '预览失败：',
	xlsxUploading: '正在上传 Excel 文件以生成预览…',

	mappingTitle: '字段映射',
	mappingHelp: '左侧是系统字段，右侧选择文件中对应的列。红色为必填字段（投诉编号、受理时间、被投诉单位）；未映射的列原样保留在案件的附加信息中。',
	fieldCol: '系统字段',
	headerCol: '文件中的列',
	notMapped: '（不导入）',
	constantOption: '固定值…',
	constantLabel: (field: string) => `${field}的固定值`,
	constantPlaceholder: '每一行都取此值，如 某某物业公司',
	required: '必填',
	missingRequired: (labels: string[]) => `缺少必填字段：${labels.join('、')}。请在右侧选择对应的列，否则无法导入。`,
	/** beside missingRequired when the file has no unit column: a constant, never another column (it may be the complainant's) */
	noUnitColumn: '文件中若没有被投诉单位列（如本单位自己的投诉台账），请在「被投诉单位」一行选择「固定值…」并填写单位名称；不要把其他列（如用户编号）映射为被投诉单位，单位用户会看到它。',
	keptTitle: '未映射的列（原样保留为附加列）',
	keptHelp: `附加列默认按投诉人信息处理，只有有权查看投诉人信息的用户可见、可搜索、可导出。确认某列${NOT_PERSONAL}（如 所属街道、诉求来源）后勾选，被投诉单位的联络员也能看到该列。`,
	keptPublic: NOT_PERSONAL,
	keptPublicLabel: (header: string) => `「${header}」${NOT_PERSONAL}`,
	showAllFields: '显示全部字段',
	showMappedOnly: '只显示必填和已映射字段',
	profile: '映射方案',
	profileNone: '自动识别（不使用方案）',
	profileShipped: '内置方案',
	profileSavedGroup: '已保存的方案',
	profileSaveName: '方案名称',
	profileSave: '保存为方案',
	profileSuggested: (name: string) => `此文件的列名与映射方案「${name}」相符，已自动选用；可改选其他方案。`,
	profileSaved: (name: string) => `已保存映射方案「${name}」，下次导入同类文件时可直接选用。`,
	profileNameNeeded: '请填写方案名称。',
	profileDescription: (who: string, date: string) => `${who} 于 ${date} 在导入页面保存`,

	start: '开始导入',
	cancel: '取消上传',
	progressTitle: '导入进度',
	uploading: (done: string, total: string) => `正在上传：${done} / ${total}`,
	serverPhase: (phase: string) => `服务器处理中：${phase}`,
	queuedMsg: '前面还有导入任务，正在排队…',
	recomputing: '正在按时限规则重新计算合规结果…',
	uploadFailed: '上传失败：',
	networkError: '网络中断，上传未完成。请检查网络后重试。',
	cancelled: '已取消上传。',

	reportTitle: '导入报告',
	reportFile: '文件',
	reportEncoding: '编码',
	reportSeconds: '用时',
	secondsUnit: (s: number) => `${s.toFixed(1)} 秒`,
	rowsTotal: '总行数',
	rowsImported: '新增',
	rowsUpdated: '更新',
	rowsUnchanged: '未变',
	rowsRejected: '拒绝',
	rowsWarned: '数据质量提示',
	identity: '总行数 = 新增 + 更新 + 未变 + 拒绝',
	rejectsTitle: (shown: number, total: number) =>
		total > shown ? `被拒绝的行（显示前 ${shown} 行，共 ${total} 行）` : `被拒绝的行（共 ${total} 行）`,
	rejectsNone: '没有被拒绝的行。',
	unsupportedTitle: (n: number) => `本文件无法支持的时限规则（${n} 条）`,
	unsupportedHelp: '文件中没有下列规则所需的列，这些规则对本批案件显示为「数据不足」，不计为超期。',
	unsupportedMissing: (labels: string[]) => `缺少：${labels.join('、')}`,
	rejectLine: '行号',
	rejectField: '字段',
	rejectColumn: '列',
	rejectReason: '原因',
	rejectRaw: '原始内容',
	downloadRejects: '下载全部被拒绝的行（CSV）',
	qualityTitle: '数据质量',
	qualityWarnings: '数据质量提示（按类型）',
	qualityNoWarnings: '没有数据质量提示。',
	qualityWarningCases: (n: number) => `${n} 件`,
	downloadQuality: '下载全部数据质量提示（CSV）',
	qualityFields: '已映射字段的空值与无效值',
	qualityField: '字段',
	qualityHeader: '文件中的列',
	qualityEmpty: '空值',
	qualityInvalid: '无效（被拒绝的行）',
	qualityKept: `未映射但已保留的列（除标为“${NOT_PERSONAL}”的列外，按投诉人信息处理，仅有权查看投诉人信息的用户可见）`,
	qualityKeptPersonal: '个人信息',
	qualityKeptIsPublic: NOT_PERSONAL,
	qualityKeptIsPersonal: '按投诉人信息处理',
	qualityKeptFilled: '有值',
	qualityKeptNone: '文件中的列都已映射到字段。',
	qualityCases: (n: number) => `以下按本批次写入的 ${n} 件统计。`,
	importAnother: '继续导入其他文件',

	errorTitle: '导入失败',
	errorWhere: (file?: string, line?: number, column?: string | number, field?: string) =>
		[
			file ? `文件「${file}」` : '',
			line !== undefined && line !== null ? `第 ${line} 行` : '',
			column !== undefined && column !== null && column !== '' ? `列「${column}」` : '',
			field ? `字段「${field}」` : ''
		]
			.filter(Boolean)
			.join('，'),
	dismiss: '关闭',

	batchesTitle: '历史导入批次',
	batchesEmpty: '还没有导入过文件。',
	batchId: '批次',
	batchTime: '导入时间',
	batchUser: '导入人',
	batchFile: '文件',
	batchRows: '行数',
	batchDownload: '被拒绝的行',
	batchCompleteness: '完整性',
	batchConsistency: '一致性',
	batchCompletenessHelp: '完整性（0–100）：已映射的可选字段中有值单元格的占比，按本批次写入的案件计。',
	batchConsistencyHelp: '一致性（0–100）：本批次写入的案件中没有数据质量提示的占比。',
	batchScore: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
	batchShowRejects: '查看',
	batchHideRejects: '收起',
	batchNoRejects: '无',

	// API errors (HTTP 400/401/403/404/413)
	apiUnauthenticated: '请先登录。',
	apiForbidden: '只有管理员和数据分析员可以导入数据。',
	apiNoFileName: '缺少文件名：请通过导入页面上传文件。',
	apiEmptyBody: '上传的文件是空的。',
	apiTooLarge: (limit: string) => `文件超过 ${limit} 的上限，请拆分后分别导入。`,
	apiBodyLimit: '服务器拒绝了过大的请求体：请以 npm start 启动服务（它会放开请求体大小限制），或设置环境变量 BODY_SIZE_LIMIT=Infinity。',
	apiWrongExt: (name: string) => `文件「${name}」的类型不受支持：只接受 .csv、.tsv、.txt 或 .xlsx 文件。`,
	apiNotXlsx: (name: string) => `文件「${name}」扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是旧版 .xls 或已损坏），请在 Excel 中另存为 .xlsx 或 CSV。`,
	apiBinaryText: (name: string) =>
		`文件「${name}」不是文本文件（内容含二进制数据；可能是 Excel 工作簿、压缩包或 UTF-16 编码文件）。请导出为 CSV（UTF-8 或 GB18030）或 .xlsx。`,
	apiUploadGone: '上传的文件已过期或不存在，请重新选择文件。',
	apiJobGone: '导入任务不存在（服务器可能已重启），请查看下方的历史批次。',
	apiBadRequest: '请求格式不正确。',
	apiBatchGone: '批次不存在。',
	apiHeadersNeeded: '请提供文件的列名。',
	apiProfileName: '方案名称只能包含中文、字母、数字、下划线和连字符，长度 1–60。',
	apiInternal: '服务器内部错误，导入未完成，数据库没有任何改动。',
	apiInternalOther: '服务器内部错误，请稍后重试；如果反复出现，请联系管理员。'
};

/** 1.5 MB, 820 KB … for file sizes in the page. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
	if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

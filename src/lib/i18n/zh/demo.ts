// User-facing text of the demo data command (zh-CN). A translation is a copy of this file.
export const DEMO = {
	progress: {
		generate: '生成示例数据',
		import: '导入示例数据'
	},
	errors: {
		badRows: (value: string) => `--rows 应为正整数，收到「${value}」`,
		badSeed: (value: string) => `--seed 应为整数，收到「${value}」`,
		badToday: (value: string) => `--today 应为 YYYY-MM-DD 格式的日期，收到「${value}」`,
		rejected: (count: number, batchId: number) => `示例数据有 ${count} 行未能导入（批次 ${batchId}），请用 rejects 命令查看原因`
	},
	summary: (r: { rows: number; db: string; sample: string; seconds: number; complianceEvaluated: boolean }) =>
		[
			`已生成并导入示例数据 ${r.rows.toLocaleString('zh-CN')} 件，用时 ${r.seconds.toFixed(1)} 秒`,
			`数据库：${r.db}`,
			`可试用的 GB18030 导出样例（含少量问题行）：${r.sample}`,
			r.complianceEvaluated ? '已按「县行政效能投诉处理暂行办法」计算时限合规' : '时限合规模块尚未就绪，未计算合规结果'
		].join('\n')
} as const;

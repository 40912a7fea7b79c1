// User-facing text of log-in, roles, navigation, user administration and the audit log (zh-CN).
import type { Role } from '../../model/user.ts';

export const ROLE_LABELS: Record<Role, string> = {
	admin: '系统管理员',
	analyst: '数据分析员',
	inspector: '纪检监察员',
	leader: '领导',
	unit: '单位用户'
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	admin: '管理用户与系统，可查看全部数据',
	analyst: '导入数据，可查看全部数据',
	inspector: '可查看全部案件；仅在授权后可查看投诉人身份信息',
	leader: '查看汇总指标、年度考核与月度通报，不含案件明细',
	unit: '仅可查看本单位案件，不含投诉人身份信息'
};

export const NAV_LABELS = {
	home: '总览',
	handling: '办理时长',
	repeats: '重复投诉',
	units: '单位效能',
	cases: '案件查询',
	compliance: '时限合规',
	findings: '问题认定告知',
	appraisal: '年度考核',
	bulletin: '月度通报',
	import: '数据导入',
	users: '用户管理',
	audit: '审计日志',
	settings: '部署设置'
} as const;

export const LOGIN = {
	title: '登录',
	heading: '投诉办理分析系统',
	name: '用户名',
	password: '密码',
	submit: '登录',
	submitting: '正在登录…',
	invalid: '用户名或密码错误',
	locked: (minutes: number) => `登录失败次数过多，账号已暂时锁定，请 ${minutes} 分钟后再试`,
	missing: '请输入用户名和密码',
	badRequest: '请求格式有误，应为 JSON：{"name", "password"}',
	hint: '首次启动时，各角色的初始密码已打印在启动服务的终端中。'
} as const;

export const SESSION = {
	unauthenticated: '尚未登录或登录已过期，请重新登录',
	forbidden: '当前角色无权访问此页面或接口',
	forbiddenTitle: '无权访问',
	backHome: '返回首页',
	logout: '退出登录',
	crossSite: '拒绝来自其他站点的请求',
	tooLarge: (limit: string) => `请求内容过大（上限 ${limit}）`,
	internal: (id: string) => `服务器内部错误，请稍后再试或联系管理员（错误编号：${id}）`
} as const;

export const VIEW_AS = {
	label: '以他人身份查看',
	choose: '选择用户…',
	apply: '切换',
	leave: '退出查看',
	banner: (name: string, role: string) => `您正在以「${name}」（${role}）的身份查看，所见即该用户所见`,
	onlyAdmin: '只有系统管理员可以切换查看身份',
	unknownUser: '找不到该用户，或该用户已停用',
	notSelf: '不能以自己的身份查看'
} as const;

export const USER_MENU = {
	signedInAs: '当前用户',
	realUser: '实际登录',
	menu: '账户'
} as const;

export const USERS = {
	title: '用户管理',
	add: '新增用户',
	edit: '编辑',
	save: '保存',
	cancel: '取消',
	name: '用户名',
	displayName: '姓名',
	role: '角色',
	units: '所属单位',
	unitsHint: '单位用户须选择至少一个单位（可多选）',
	pii: '可查看投诉人身份信息',
	piiHint: '仅对纪检监察员有效；管理员与分析员始终可见，领导与单位用户始终不可见',
	password: '密码',
	newPassword: '新密码',
	resetPassword: '重置密码',
	disable: '停用',
	enable: '启用',
	status: '状态',
	active: '正常',
	disabled: '已停用',
	lockedUntil: (t: string) => `锁定至 ${t}`,
	createdAt: '创建时间',
	actions: '操作',
	none: '暂无用户',
	saved: '已保存',
	created: (name: string) => `已创建用户 ${name}`,
	passwordReset: (name: string) => `已重置 ${name} 的密码`,
	disabledDone: (name: string) => `已停用 ${name}`,
	enabledDone: (name: string) => `已启用 ${name}`,
	errors: {
		name: '用户名须为 1–64 个字符（字母、数字、汉字、点、下划线、连字符或 @）',
		role: '角色无效，应为 admin、analyst、inspector、leader 或 unit 之一',
		unitRequired: '单位用户须至少指定一个单位',
		unknownUnit: (names: string[]) => `单位不存在：${names.join('、')}`,
		passwordShort: '密码至少 8 个字符',
		passwordLong: '密码不能超过 256 个字符',
		passwordCommon: '密码过于常见或简单（如 12345678、aaaaaaaa、password），请换一个',
		passwordName: '密码不能包含用户名',
		notFound: '用户不存在',
		exists: (name: string) => `用户名 ${name} 已存在`,
		self: '不能停用自己或取消自己的管理员角色',
		lastAdmin: '至少需要保留一名启用的系统管理员'
	}
} as const;

export const AUDIT = {
	title: '审计日志',
	when: '时间',
	who: '用户',
	role: '角色',
	asUser: '查看身份',
	action: '操作',
	target: '对象',
	detail: '详情',
	ip: '来源地址',
	from: '开始日期',
	to: '结束日期',
	allActions: '全部操作',
	filter: '筛选',
	reset: '清除',
	exportCsv: '导出 CSV',
	none: '没有符合条件的记录',
	total: (n: number) => `共 ${n} 条`,
	page: (p: number, pages: number) => `第 ${p} / ${pages} 页`,
	prev: '上一页',
	next: '下一页',
	readOnly: '审计记录只读，任何人都不能在系统中修改或删除。',
	badDate: '日期格式应为 YYYY-MM-DD'
} as const;

/** Chinese names of audit actions; unknown actions (added by other areas) show their code. */
export const AUDIT_ACTIONS: Record<string, string> = {
	login: '登录',
	login_failed: '登录失败',
	login_locked: '账号锁定',
	logout: '退出登录',
	user_change: '用户变更',
	view_as: '切换查看身份',
	import: '导入数据',
	export: '导出数据',
	pii_view: '查看投诉人信息',
	bulletin_download: '下载通报',
	appraisal_download: '下载考核表',
	deployment_settings: '部署设置'
};

export const FIRST_RUN = {
	creatingDemo: '数据库为空，正在生成演示数据…',
	demoMissing: '无法生成演示数据：缺少 src/lib/server/demo/index.ts 中的 runDemo',
	usersCreated: '已创建以下初始用户（密码仅显示这一次，请妥善保存并及时修改）：',
	columns: ['用户名', '角色', '单位 / 权限', '密码'],
	piiGranted: '可查看投诉人信息',
	piiNotGranted: '不可查看投诉人信息',
	noUnits: '演示数据中没有单位，无法创建单位用户',
	adminFromEnv: '（环境变量 ADMIN_PASSWORD 的值）'
} as const;

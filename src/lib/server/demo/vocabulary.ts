// Words the demo data is built from: names, places, the matters each unit is complained about, and
// complaint texts per category. Data, not logic; the generator combines them deterministically.

export const CHANNELS = ['电话', '来信', '网上', '走访', '传真', '电子邮件'] as const;
export type Channel = (typeof CHANNELS)[number];

export const HANDLING_MODES = ['直办', '转办', '交办', '牵头办理'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];

export const SEVERITIES = ['一般', '重大', '轻微'] as const;
export const OUTCOMES = ['属实', '部分属实', '不属实'] as const;
export const SATISFACTIONS = ['满意', '基本满意', '不满意'] as const;

export const CATEGORIES = [
	'办事拖拉',
	'推诿扯皮',
	'服务态度',
	'乱收费',
	'吃拿卡要',
	'政策落实不到位',
	'工作作风',
	'不作为慢作为',
	'违规执法'
] as const;
export type Category = (typeof CATEGORIES)[number];
/** How often each category occurs (same order as CATEGORIES). */
export const CATEGORY_WEIGHTS = [26, 14, 18, 5, 3, 13, 8, 9, 4];
/** Categories about a person's conduct name the staff member more often. */
export const PERSONAL_CATEGORIES: ReadonlySet<string> = new Set(['服务态度', '吃拿卡要', '工作作风', '违规执法']);

export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
export const GIVEN_CHARS = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉梅文斌辉鹏飞宇浩俊峰海波春燕雪琴凤琳晶婷林新民德福宏亮成兵云龙'];

export const TOWNS = ['城关镇', '青石镇', '柳河镇', '双桥镇', '白沙镇', '桃源乡', '石门乡', '东岭乡'];
export const VILLAGES = ['东关村', '西关村', '新民村', '李家庄村', '王家湾村', '河口村', '高桥村', '杨柳村', '石桥村', '前进村', '红旗村', '枣林村', '大营村', '三里铺村', '南坡村', '北岭村'];
export const COMMUNITIES = ['锦绣花园', '阳光小区', '幸福家园', '滨河苑', '金色华庭', '翠苑小区', '书香名邸', '盛世名城', '御景湾', '东方明珠小区', '康乐新村', '文化路家属院'];
export const ROADS = ['人民路', '建设路', '解放路', '中山路', '文化路', '滨河路', '迎宾大道', '环城东路', '工业园区纬二路', '车站街'];
export const PROJECTS = ['城北片区棚户区改造项目', '老旧小区改造工程', '县城污水管网改造工程', '农村饮水安全巩固提升工程', '高标准农田建设项目', '县第二实验学校建设项目', '乡村道路硬化工程', '滨河公园提升工程'];
export const COMPANIES = ['县宏达建筑公司', '县鑫源置业有限公司', '县顺通物流公司', '县恒信食品厂', '县美佳超市', '县永安建材公司', '县绿源养殖合作社', '县康泰药房'];

/**
 * Matters each unit is complained about. Placeholders: {town} {village} {community} {road} {project} {company}.
 * Towns (乡镇) share the generic list under '乡镇'.
 */
export const MATTERS: Record<string, string[]> = {
	县住房和城乡建设局: ['{community}房产证（不动产权证）迟迟办不下来', '{project}拆迁安置房交付延期', '{community}物业维修资金申请审批', '{road}{project}施工扬尘和夜间噪声', '{community}公租房申请审核', '{company}承建工程拖欠农民工工资'],
	县自然资源局: ['{town}{village}宅基地审批', '{community}不动产登记过户', '{town}{village}土地确权登记', '{project}征地补偿标准', '{town}{village}违法占用耕地'],
	县市场监督管理局: ['{company}营业执照变更登记', '{company}食品经营许可证办理', '{road}商户缺斤少两', '{company}销售过期食品的举报', '{road}加油站计量问题'],
	县人力资源和社会保障局: ['{company}拖欠农民工工资', '{company}工伤认定', '养老保险关系转移接续', '{town}灵活就业人员社保补贴发放', '{company}劳动合同纠纷仲裁'],
	县公安局: ['{town}户口迁移办理', '身份证异地补办', '{road}交通违法处理窗口', '{town}{village}邻里纠纷报警处置', '居住证办理'],
	县教育局: ['{community}学区划片与入学登记', '{town}中心小学校车安排', '县第二实验学校建设项目进度', '{town}{village}幼儿园收费', '学生资助金发放'],
	县卫生健康局: ['县人民医院门诊服务', '{town}卫生院医生态度', '{town}{village}卫生室药品价格', '出生医学证明办理', '{company}职业病诊断'],
	县交通运输局: ['{town}乡村道路硬化工程', '{road}公交线路调整', '城乡客运班车停运', '{company}货车超限检测站执法', '出租车计价器不打表'],
	县生态环境局: ['{company}排放废气', '{town}{village}养殖场污水直排', '{road}餐饮油烟扰民', '{company}夜间施工噪声', '{town}河道垃圾倾倒'],
	县农业农村局: ['{town}{village}耕地地力保护补贴发放', '{town}{village}农机购置补贴', '{project}施工质量', '{town}{village}种子质量纠纷', '{town}农村厕所改造验收'],
	县城市管理局: ['{road}占道经营', '{community}违章搭建', '{road}路灯长期不亮', '{community}周边垃圾清运不及时', '{road}停车收费'],
	县民政局: ['{town}{village}低保资格认定', '{town}{village}特困人员供养金', '婚姻登记预约', '{town}养老院服务', '残疾人两项补贴发放'],
	县医疗保障局: ['异地就医备案', '{town}门诊慢特病认定', '医保报销进度', '{town}{village}城乡居民医保缴费', '县人民医院医保结算'],
	县税务局: ['{company}增值税发票领用', '个人所得税汇算退税', '{community}二手房交易契税', '{company}税务注销办理', '社保费缴纳系统'],
	县行政审批服务局: ['{company}施工许可审批', '{company}环评审批', '政务服务大厅窗口排队', '{company}工程建设项目竣工验收', '一网通办事项线上审批'],
	县水利局: ['{project}供水中断', '{town}{village}灌溉渠道维修', '{town}河道采砂', '{town}{village}饮水工程水质', '{town}防汛设施'],
	县退役军人事务局: ['{town}{village}优抚金发放', '退役士兵安置', '退役军人就业补助', '{town}{village}光荣牌悬挂', '伤残等级评定'],
	乡镇: ['{village}土地征收补偿款', '{village}危房改造补助', '{village}道路硬化', '{village}低保评定', '{village}村务公开', '{village}人居环境整治', '{village}集体土地承包', '{village}拆迁安置']
};

/**
 * Complaint texts per category. {matter} is the matter text; {unit} the unit as the complainant calls it;
 * {staff} the staff member or 工作人员; {months} a number; {amount} a fee in yuan.
 */
export const TEMPLATES: Record<Category, string[]> = {
	办事拖拉: [
		'反映{matter}，{months}个月前已向{unit}交齐材料，至今未办结。',
		'{matter}，{unit}超过承诺时限仍未办理，一再拖延。',
		'{matter}，{unit}以"系统升级"为由反复推迟，跑了{months}趟仍未办成。'
	],
	推诿扯皮: [
		'{matter}，{unit}称不归其管，让找乡镇，乡镇又让找{unit}，来回推诿。',
		'关于{matter}，{unit}与相关部门互相推诿，无人处理。'
	],
	服务态度: [
		'到{unit}办理{matter}，{staff}态度恶劣，让"回去等通知"。',
		'投诉{unit}{staff}：{matter}过程中冷漠敷衍，询问三次才答复。'
	],
	乱收费: [
		'办理{matter}时{unit}收取"加急费"{amount}元，未开正规票据。',
		'反映{unit}在{matter}中超标准收费{amount}元，收费项目未公示。'
	],
	吃拿卡要: [
		'实名举报{unit}{staff}在{matter}中暗示"表示表示"，否则刁难。',
		'反映{staff}在{matter}中要求请客吃饭后才给办理。'
	],
	政策落实不到位: [
		'{matter}，相关政策已出台{months}个月，{unit}仍未落实。',
		'反映{matter}，{unit}称"没有接到上级文件"，政策不落实。'
	],
	工作作风: [
		'反映{unit}工作人员上班脱岗，办理{matter}多次找不到人。',
		'投诉{unit}{staff}处理{matter}敷衍了事，回访记录与实际不符。'
	],
	不作为慢作为: [
		'{matter}问题已持续{months}个月，多次向{unit}反映，只登记不处理。',
		'关于{matter}，{unit}迟迟不到现场核实，问题越拖越严重。'
	],
	违规执法: [
		'{unit}{staff}在{matter}执法中未出示证件，程序不规范。',
		'反映{unit}处理{matter}时执法粗暴，暂扣物品未开清单。'
	]
};

/** Said by a complainant who has already complained about the same matter. */
export const REPEAT_PREFIXES = [
	'再次反映：',
	'重复来电，上次反映后无进展：',
	'第二次反映，',
	'多次反映未果，'
];

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
/**
 * 二级分类 under each category, as 问政 and 12345 exports carry a two-level classification (the demo's own wording;
 * no GB/T 39666-2020 codes). A case's sub-category follows from its matter, so repeats about one matter share it.
 */
export const SUB_CATEGORIES: Record<Category, readonly string[]> = {
	办事拖拉: ['审批超期', '答复拖延', '材料反复要求'],
	推诿扯皮: ['部门互相推诿', '多头管理'],
	服务态度: ['态度生硬', '窗口服务', '电话服务'],
	乱收费: ['超标准收费', '无依据收费'],
	吃拿卡要: ['索要财物', '故意刁难'],
	政策落实不到位: ['补贴发放', '惠民政策', '就业社保'],
	工作作风: ['上班纪律', '形式主义'],
	不作为慢作为: ['投诉未处理', '整改不到位', '监管缺位'],
	违规执法: ['执法程序不当', '处罚不当']
};
/** How often each category occurs (same order as CATEGORIES). */
export const CATEGORY_WEIGHTS = [26, 14, 18, 5, 3, 13, 8, 9, 4];
/** Categories about a person's conduct name the staff member more often. */
export const PERSONAL_CATEGORIES: ReadonlySet<string> = new Set(['服务态度', '吃拿卡要', '工作作风', '违规执法']);

export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
export const GIVEN_CHARS = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉梅文斌辉鹏飞宇浩俊峰海波春燕雪琴凤琳晶婷林新民德福宏亮成兵云龙'];

export const TOWNS = ['城关镇', '青石镇', '柳河镇', '双桥镇', '白沙镇', '桃源乡', '石门乡', '东岭乡'];
export const VILLAGES = [
	'东关村', '西关村', '新民村', '李家庄村', '王家营村', '河口村', '高桥村', '杨柳村', '石桥村', '胜利村', '红旗村', '枣林村', '大营村', '三里铺村', '南坡村', '北岭村',
	'马家寨村', '孙庄村', '槐树村', '沙河村', '白杨村', '刘家沟村', '黄土岗村', '小河村', '官庄村', '新店村', '杏花村', '张集村', '龙泉村', '桑树村',
	'赵庄村', '梨树村', '何寨村', '双井村', '油坊村', '孟庄村', '柿子树村', '苗圃村', '大王庄村', '韩岗村', '牛家村', '邓营村', '花园村', '郭集村', '榆林村'
];
export const COMMUNITIES = [
	'锦绣花园', '阳光小区', '幸福家园', '滨河苑', '金色华庭', '翠竹小区', '书香苑', '盛世名城', '御景湾', '东方明珠小区', '康乐新村', '教师家属院',
	'碧水蓝湾', '金桂苑', '香樟小区', '丽景花园', '世纪新城', '太平小区', '供电局家属院', '建业城', '紫荆苑', '北辰新村', '南湖家园', '鑫源小区',
	'凤凰城', '天悦华庭', '银河花园', '清华苑', '铂金湾', '开元小区', '春晖家园', '兴隆新村', '绿城小区', '泰和苑', '龙湖花园', '锦江华庭', '水岸新城', '枫林小区', '恒大名城', '棉纺厂家属院'
];
export const ROADS = [
	'人民路', '建设路', '解放路', '泰山路', '文化路', '滨河路', '迎宾大道', '振兴东路', '工业园区纬二路', '车站街',
	'新华路', '长江路', '光明街', '府东街', '健康路', '育才路', '光华西路', '兴业大道', '北关街', '南门街'
];
export const PROJECTS = ['城北片区棚户区改造项目', '老旧小区改造工程', '县城污水管网改造工程', '农村饮水安全巩固提升工程', '高标准农田建设项目', '县第二实验学校建设项目', '乡村道路硬化工程', '滨河公园提升工程'];
export const COMPANIES = [
	'县宏达建筑公司', '县鑫源置业有限公司', '县顺通物流公司', '县恒信食品厂', '县美佳超市', '县永安建材公司', '县绿源养殖合作社', '县康泰药房',
	'县金鼎房地产开发公司', '县兴旺劳务公司', '县华润纺织厂', '县天成汽修厂', '县福满家商贸公司', '县昌盛混凝土公司', '县利民粮油公司', '县佳和装饰公司'
];
/** Shops and small businesses residents name (not registered company names). */
export const SHOPS = [
	'好又多超市', '老王烧烤', '李记面馆', '惠民大药房', '星光网吧', '一品香饭店', '快乐宝贝幼儿园', '顺发五金店', '鑫鑫洗车行', '红星家电城',
	'便民菜市场', '万家福超市', '小肥羊火锅', '金辉驾校', '天天鲜水果店', '蓝天加油站', '悦来宾馆', '同心诊所'
];

/**
 * Matters each unit is complained about: one string per matter, its ways of putting it separated by '|'.
 * Placeholders, fixed per matter: {town} {village} {community} {road} {project} {company} {shop} {n} (2–9)
 * {days} (3–40) {temp} (12–17). Towns (乡镇) share the generic list under '乡镇'.
 */
export const MATTERS: Record<string, string[]> = {
	县住房和城乡建设局: [
		'{community}房产证（不动产权证）迟迟办不下来|在{community}买的房子交房{n}年了还拿不到房产证|{community}业主的不动产权证开发商一直不给办',
		'{project}拆迁安置房交付延期|{project}的安置房说好去年交房，到现在还没交|拆迁户等{project}安置房等了{n}年',
		'{community}物业维修资金申请审批|{community}电梯坏了，申请动用维修资金一直批不下来|{community}楼顶漏水，维修资金申请递上去{days}天没消息',
		'{road}{project}施工扬尘和夜间噪声|{road}工地晚上十一点以后还在打桩|{road}附近工地灰尘大，窗户都不敢开',
		'{community}公租房申请审核|申请公租房材料交了{n}个月，审核没有结果|家里困难申请公租房，一直说在排队',
		'{company}承建工程拖欠农民工工资|在{company}的工地干活，工钱{n}个月没结|{company}包工头跑了，我们十几个人的工资没人管'
	],
	县自然资源局: [
		'{town}{village}宅基地审批|{town}{village}申请建房的宅基地手续办了{n}个月|在{village}翻建老房子，宅基地审批卡着不批',
		'{community}不动产登记过户|{community}二手房过户排了{days}天还没办好|不动产登记中心说{community}的房子资料不全不能过户',
		'{town}{village}土地确权登记|{village}的承包地确权面积登错了|{town}{village}土地确权证书发下来名字写错',
		'{project}征地补偿标准|{project}征地每亩补偿比邻村低|{project}占了我家{n}亩地，补偿款标准没公示',
		'{town}{village}违法占用耕地|{village}有人在耕地上盖厂房|{town}{village}路边耕地被挖了建停车场'
	],
	县市场监督管理局: [
		'{company}营业执照变更登记|{company}变更法人，营业执照跑了{n}趟没变成|营业执照变更经营范围，窗口一直说系统不通',
		'{shop}食品经营许可证办理|开{shop}办食品经营许可证，现场核查一直不来|{shop}许可证到期换证，材料交了没回音',
		'{road}{shop}缺斤少两|在{road}{shop}买东西，称不准少了快二两|{shop}的秤有问题，买五斤只有四斤多',
		'{shop}销售过期食品|在{shop}买的牛奶过期了{days}天|{road}{shop}货架上好几样食品过了保质期',
		'{road}{shop}预付卡老板跑路|在{shop}办的会员卡还有{n}百多元，店关门了|{road}{shop}突然关门，充的钱退不了'
	],
	县人力资源和社会保障局: [
		'{company}拖欠农民工工资|{company}欠我们{n}个月工资不发|在{company}干了大半年，老板一直拖着工钱',
		'{company}工伤认定|在{company}上班摔伤了腿，工伤认定申请{days}天没结论|工伤认定材料交到人社局，说还要补材料',
		'养老保险关系转移接续|从外省回来，养老保险转不过来|养老保险关系转移手续办了{n}个月',
		'{town}灵活就业人员社保补贴发放|{town}灵活就业社保补贴上半年的还没发|申请的灵活就业社保补贴公示了但钱没到账',
		'{company}劳动合同纠纷仲裁|{company}不签劳动合同还辞退我|劳动仲裁立案{days}天了一直没有结果'
	],
	县公安局: [
		'{town}户口迁移办理|孩子户口迁到{town}，派出所一直让等|{town}派出所办户口迁移说要村里开证明，村里不给开',
		'身份证异地补办|在这边补办身份证，说只能回老家办|身份证丢了补办，{days}天了还没拿到',
		'{road}交通违法处理窗口|{road}违章处理窗口人太多，排了一上午|到{road}交警队处理违章，电脑坏了让改天再来',
		'{town}{village}邻里纠纷报警处置|{village}邻居占我家宅基地打人，报警后没人管|{town}{village}两家因为排水沟打架，派出所出警后不了了之',
		'{road}{shop}门口夜里喝酒吵闹|{road}{shop}每天半夜还有人喝酒划拳|{shop}门口天天晚上闹到两三点'
	],
	县教育局: [
		'{community}学区划片与入学登记|住在{community}，孩子却被划到很远的学校|{community}的孩子今年入学登记不上',
		'{town}中心小学校车安排|{town}中心小学的校车超载|{town}学校取消了校车，孩子上学要走{n}里路',
		'{town}{village}幼儿园收费|{village}幼儿园一学期多收了伙食费|{town}{village}幼儿园乱收兴趣班费用',
		'{shop}校外培训机构退费|{shop}培训机构不让退剩下的课时费|孩子在{shop}报的班停课了，学费退不回来',
		'学生资助金发放|孩子的贫困生资助金这学期没有发|建档立卡户的学生资助金学校说没名额'
	],
	县卫生健康局: [
		'县人民医院门诊服务|在县人民医院挂号排了{n}个小时|县人民医院门诊医生看病不到两分钟就打发走',
		'{town}卫生院医生态度|{town}卫生院医生对老人说话很冲|在{town}卫生院看病，护士爱理不理',
		'{town}{village}卫生室药品价格|{village}卫生室的药比县城药店贵一倍|{town}{village}卫生室看个感冒收了{n}十多元',
		'出生医学证明办理|孩子在外地出生，出生医学证明补办不了|出生证明上名字写错了，改了{days}天没改好',
		'{community}附近诊所无证行医|{community}楼下有个诊所没有牌子在打吊针|{community}附近有人无证给人看病'
	],
	县交通运输局: [
		'{town}乡村道路硬化工程|{town}到{village}的路硬化了一半就停工|{village}修的路才一年就坑坑洼洼',
		'{road}公交线路调整|{road}的公交站撤了，老人坐车很不方便|{road}公交车半个小时都等不来一趟',
		'城乡客运班车停运|到{town}的班车停了，进城没有车|{town}方向的客运班车经常不按点发车',
		'{road}货车超限检测站执法|在{road}检测站被罚款，没有开票|超限检测站执法人员态度粗暴',
		'出租车计价器不打表|县城出租车不打表，一口价要{n}十元|从车站打车司机拒载还要加价'
	],
	县生态环境局: [
		'{company}排放废气|{company}晚上偷偷排烟，味道很刺鼻|{company}烟囱冒黑烟，附近村民都闻得到',
		'{town}{village}养殖场污水直排|{village}养猪场的粪水直接排到河里|{town}{village}养殖场臭得没法开窗',
		'{road}{shop}油烟扰民|{road}{shop}的油烟直接排到居民楼|住在{shop}楼上，油烟味天天往家里钻',
		'{company}夜间施工噪声|{company}工地晚上施工吵得睡不着|{company}半夜运渣土，噪声很大',
		'{town}河道垃圾倾倒|{town}河道边有人倒建筑垃圾|{town}河里漂满生活垃圾没人清理'
	],
	县农业农村局: [
		'{town}{village}耕地地力保护补贴发放|{village}今年的耕地地力保护补贴没发到户|{town}{village}种粮补贴面积算少了',
		'{town}{village}农机购置补贴|买了收割机申请农机补贴{n}个月没到|{village}农机购置补贴审核一直不通过',
		'{project}施工质量|{project}的水渠修好就裂了|{project}田间道路质量太差',
		'{town}{village}种子质量纠纷|在{town}买的玉米种子出苗率不到一半|{village}好几户买的种子有问题',
		'{town}农村厕所改造验收|{town}改厕验收后补助款没发|改的厕所用了一个月就堵了没人修'
	],
	县城市管理局: [
		'{road}占道经营|{road}摊贩占了人行道|{road}早市一直摆到马路中间，堵得过不去车',
		'{community}违章搭建|{community}一楼住户私自扩建院子|{community}楼顶有人搭了彩钢房',
		'{road}路灯长期不亮|{road}的路灯坏了{days}天没人修|晚上{road}一片漆黑，路灯都不亮',
		'{community}周边垃圾清运不及时|{community}门口的垃圾桶满了几天没人拉|{community}垃圾站臭气熏天',
		'{road}停车收费|{road}路边停车乱收费，没有票据|{road}停车收费员收了钱不给小票'
	],
	县民政局: [
		'{town}{village}低保资格认定|{village}家里两个病人申请低保没批|{town}{village}低保名额给了有关系的人',
		'{town}{village}特困人员供养金|{village}五保老人的供养金{n}个月没发|{town}特困供养金发放不及时',
		'婚姻登记预约|婚姻登记网上预约一直约不上|结婚登记那天窗口说系统坏了',
		'{town}养老院服务|{town}养老院伙食太差|老人在{town}养老院摔伤没人管',
		'残疾人两项补贴发放|残疾人两项补贴这{n}个月没到账|申请残疾人护理补贴一直审核不过'
	],
	县医疗保障局: [
		'异地就医备案|在外地住院，异地就医备案办不了|异地就医备案线上提交{days}天没审核',
		'{town}门诊慢特病认定|{town}的慢特病认定材料交了没结果|糖尿病门诊慢特病申请被退回了',
		'医保报销进度|住院医保报销{n}个月还没到账|在外地看病的发票医保报销一直说在审核',
		'{town}{village}城乡居民医保缴费|{village}的医保缴费系统交不上|{town}{village}村干部代收医保费不给收据',
		'县人民医院医保结算|县人民医院出院结算医保没按比例报|在县人民医院住院，医保结算多扣了钱'
	],
	县税务局: [
		'{company}增值税发票领用|{company}领发票跑了{n}趟|增值税发票申领一直审核不通过',
		'个人所得税汇算退税|个税汇算的退税{n}个月没到|个税退税申请被退回说资料不对',
		'{community}二手房交易契税|{community}二手房过户契税算高了|买{community}的二手房契税怎么算都说不清',
		'{company}税务注销办理|{company}注销税务登记要来回跑|公司不经营了税务注销办了{n}个月',
		'社保费缴纳系统|社保费缴纳系统一直登录不上|灵活就业社保费交不进去'
	],
	县行政审批服务局: [
		'{company}施工许可审批|{company}的施工许可材料齐了还不批|施工许可审批卡在现场踏勘',
		'{company}环评审批|{company}的环评审批超过时限没批|环评报告交了又让补材料',
		'政务服务大厅窗口排队|政务服务大厅只开两个窗口，排了{n}个小时|大厅取号机坏了，大家挤着排队',
		'{company}工程建设项目竣工验收|{company}的竣工验收一直约不上|竣工验收联合验收拖了{days}天',
		'一网通办事项线上审批|一网通办上提交的申请{days}天没人审|网上办事系统总是提交失败'
	],
	县水利局: [
		'{project}供水中断|{project}施工把水管挖断了|{project}那边又断水了',
		'{town}{village}灌溉渠道维修|{village}的灌溉渠塌了没人修|{town}{village}浇地的水渠堵死了',
		'{town}河道采砂|{town}河道晚上有人偷偷采砂|{town}河里挖沙船天天开',
		'{town}{village}饮水工程水质|{village}自来水有沙子|{town}{village}的自来水发黄有异味',
		'{town}{village}自来水停水|{town}{village}停水{days}天没人管|{village}家里又停水了，做饭都成问题',
		'{town}防汛设施|{town}河堤有裂缝没人管|{town}的排涝泵站坏了'
	],
	县退役军人事务局: [
		'{town}{village}优抚金发放|{village}老兵的优抚金少发了|{town}{village}优抚金{n}个月没到账',
		'退役士兵安置|退役士兵安置工作一直没落实|退伍{n}年了安置没有消息',
		'退役军人就业补助|退役军人就业补助申请没批|退役军人创业补贴一直说没资金',
		'{town}{village}光荣牌悬挂|{village}光荣牌漏挂了|{town}光荣牌挂错了名字',
		'伤残等级评定|伤残等级评定申请{n}个月没结果|伤残评定调整被退回'
	],
	乡镇: [
		'{village}土地征收补偿款|{village}征地补偿款被村里截留|{village}土地征收补偿款{n}年没发完',
		'{village}危房改造补助|{village}危房改造补助钱没到手|{village}的危房改造名额给了不该给的人',
		'{village}道路硬化|{village}通组路修了一半停了|{village}进村的路一下雨就没法走',
		'{village}低保评定|{village}低保评议不公开|{village}村干部亲戚吃低保',
		'{village}村务公开|{village}几年没公开村里账目|{village}的村务公开栏一直是空的',
		'{village}人居环境整治|{village}的垃圾堆在村口没人清|{village}整治把我家院墙拆了不给说法',
		'{village}集体土地承包|{village}集体地承包给外人没开会|{village}机动地承包费去向不明',
		'{village}拆迁安置|{village}拆迁安置房分配不公|{village}拆迁后过渡费停发了'
	]
};

/** Heating (供暖): seasonal, complained about every November to March, most at the start of the season. */
export const HEATING_MATTER = '{community}暖气不热，供暖温度不达标|{community}家里暖气片冰凉，室温只有{temp}度|{community}供暖开始了暖气还是不热|{community}楼上楼下都不热，供暖公司说正常';
export const HEATING_UNIT = '县住房和城乡建设局';
/** The demo's planted hot spot: a burst of water cuts (停水) in one town in the last days before the export. */
export const BURST_MATTER = '{town}{village}停水{days}天，自来水一直不来|{town}{village}又停水了，一桶水都接不到|{town}{village}从上周开始停水，没有任何通知|{town}{village}停水，老人小孩吃水困难';
export const BURST_UNIT = '县水利局';
export const BURST_TOWN = '柳河镇';

/** How a resident starts (optional). {place} is where the complainant lives; no place in a shared matter. */
export const OPENINGS = ['您好，', '你好，我要反映个事，', '有个情况想反映一下：', '麻烦帮忙问一下，', '我想咨询加投诉，', '领导您好，', '我是一名退休职工，', '我是个体户，'];
export const OPENINGS_WITH_PLACE = ['我是{town}{village}的村民，', '本人住在{community}，', '我是{community}的业主，', '我家在{town}{road}附近，', '我在{town}{road}开了个小店，'];
/** Concrete details a resident adds (zero to three of them). */
export const DETAILS = [
	'前前后后已经{days}天了。',
	'前后打了{times}次电话。',
	'去了{times}趟都没有结果。',
	'家里有老人小孩，实在等不起。',
	'这事拖了快{n}个月了。',
	'窗口说还要等，问什么时候也说不清楚。',
	'之前在网上也留过言，没有回音。',
	'涉及{households}户左右。',
	'损失大概{amount}元。',
	'听说别人也遇到同样的情况。',
	'每次去都说负责的人不在。',
	'上周{weekday}又去问了一次。',
	'材料都是按要求准备的，一样不少。',
	'早上{hour}点就去排队了。'
];
/** A collective matter that names no place says whose it is: the same place in every complainant's words. */
export const COLLECTIVE_PREFIXES = ['我们{town}{village}好几户都是这样，', '{community}很多住户都遇到：', '我们{town}{road}一带的商户反映，', '{town}{village}十几户村民反映，'];
export const DEMANDS = ['请尽快处理。', '希望有关部门管一管。', '要求给个明确答复。', '请领导重视。', '望尽快解决，谢谢！', '要求依法处理，并回复处理结果。', '请核实后答复本人。', '希望早日解决。'];
export const WEEKDAYS = ['一', '二', '三', '四', '五'];

/**
 * Complaint texts per category. {matter} is the matter text; {unit} the unit as the complainant calls it;
 * {staff} the staff member or 工作人员; {months} a number; {amount} a fee in yuan.
 */
export const TEMPLATES: Record<Category, string[]> = {
	办事拖拉: [
		'反映{matter}，{months}个月前已向{unit}交齐材料，至今未办结。',
		'{matter}，{unit}超过承诺时限仍未办理，一再拖延。',
		'{matter}，{unit}以"系统升级"为由反复推迟，跑了{months}趟仍未办成。',
		'{matter}。找了{unit}好几回，每次都说快了。',
		'{matter}，{unit}一拖再拖。'
	],
	推诿扯皮: [
		'{matter}，{unit}称不归其管，让找乡镇，乡镇又让找{unit}，来回推诿。',
		'关于{matter}，{unit}与相关部门互相推诿，无人处理。',
		'{matter}。{unit}说不是他们的事，让我们去找别的部门。',
		'{matter}，几个部门踢皮球，谁都不管。'
	],
	服务态度: [
		'{matter}，到{unit}询问，{staff}态度恶劣，让"回去等通知"。',
		'投诉{unit}{staff}：{matter}，问了三次才答复，冷漠敷衍。',
		'{matter}，去{unit}问情况，{staff}爱理不理，还嫌我们烦。',
		'{matter}。{unit}{staff}说话很难听。'
	],
	乱收费: [
		'{matter}，办理时{unit}收取"加急费"{amount}元，未开正规票据。',
		'反映{matter}，{unit}超标准收费{amount}元，收费项目未公示。',
		'{matter}，{unit}让交{amount}元"工本费"，问收费依据也说不出来。'
	],
	吃拿卡要: [
		'实名举报：{matter}，{unit}{staff}暗示"表示表示"，否则刁难。',
		'{matter}，{staff}要求请客吃饭后才给办理。',
		'{matter}，{unit}{staff}暗示要送点东西才好办。'
	],
	政策落实不到位: [
		'{matter}，相关政策已出台{months}个月，{unit}仍未落实。',
		'反映{matter}，{unit}称"没有接到上级文件"，政策不落实。',
		'{matter}。上面的政策说得很清楚，到{unit}就执行不下去。'
	],
	工作作风: [
		'{matter}，去{unit}多次找不到人，工作人员上班脱岗。',
		'{matter}，{unit}{staff}处理敷衍了事，回访记录与实际不符。',
		'{matter}，上班时间去{unit}，办公室没人，电话也没人接。'
	],
	不作为慢作为: [
		'{matter}，问题已持续{months}个月，多次向{unit}反映，只登记不处理。',
		'关于{matter}，{unit}迟迟不到现场核实，问题越拖越严重。',
		'{matter}，反映给{unit}好多次了，一直没人来看。',
		'{matter}。{unit}知道这个情况，就是不管。'
	],
	违规执法: [
		'{matter}，{unit}{staff}来处理时未出示执法证件，程序不规范。',
		'反映{matter}，{unit}处理时执法粗暴，暂扣物品未开清单。',
		'{matter}，{unit}来检查时直接罚款，不给任何说明。'
	]
};

/** Said by a complainant who has already complained about the same matter. */
export const REPEAT_PREFIXES = [
	'再次反映：',
	'重复来电，上次反映后无进展：',
	'第二次反映，',
	'多次反映未果，'
];

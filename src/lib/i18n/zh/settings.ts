// 部署设置 (admin): the deployment's default rule pack and the packs it offers.
export const settingsUi = {
	title: '部署设置',
	intro: '本部署使用的时限规则包：默认规则包决定总览、单位效能、月度通报等页面的按时办理率；只有“提供”的规则包出现在各页面的规则包选择中。',
	defaultPack: '默认规则包',
	offeredPacks: '提供的规则包',
	offeredHint: '未勾选的规则包不出现在选择中，也不能通过链接或接口使用。默认规则包必须在提供之列。',
	unset: '（未设置，使用系统默认）',
	current: '当前',
	rules: (n: number) => `${n} 条规则`,
	invalidPack: '规则包文件有误，不能选用',
	save: '保存',
	saving: '正在保存并重新计算…',
	saved: (pack: string, recomputed: boolean) => (recomputed ? `已保存。默认规则包改为“${pack}”，各看板已按新规则包重新计算。` : '已保存。'),
	adminOnly: '只有系统管理员可以修改部署设置',
	unknownPack: (name: string) => `没有名为“${name}”的规则包（或其文件有误）`,
	defaultNotOffered: (name: string) => `默认规则包“${name}”必须在提供的规则包之列`,
	noneOffered: '至少要提供一个规则包',
	notOffered: (name: string, offered: string[]) => `本部署未提供规则包“${name}”。可用的规则包：${offered.join('、')}`
} as const;

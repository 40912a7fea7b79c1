// Seeded generator of realistic administrative-efficiency complaint cases (the canonical record of
// product.md §4) for a county: three years ending today, seasonality, repeat complainants, unit
// lateness profiles and deadlines under the county-efficiency pack's working-day rules.
import { shanghaiNow, shanghaiToday } from '../time.ts';
import { Random, WeightedTable, hash32, zipfWeights } from './random.ts';
import { DayKind, DemoCalendar, isoFromEpochDay, epochDay } from './workdays.ts';
import { SECONDS_PER_DAY, TimestampFormatter } from './format.ts';
import { loadCountyUnits, type CountyUnit } from './units.ts';
import {
	BURST_MATTER,
	BURST_TOWN,
	BURST_UNIT,
	CATEGORIES,
	CATEGORY_WEIGHTS,
	CHANNELS,
	COLLECTIVE_PREFIXES,
	COMMUNITIES,
	COMPANIES,
	DEMANDS,
	DETAILS,
	GIVEN_CHARS,
	HANDLING_MODES,
	HEATING_MATTER,
	HEATING_UNIT,
	MATTERS,
	OPENINGS,
	OPENINGS_WITH_PLACE,
	PERSONAL_CATEGORIES,
	PROJECTS,
	REPEAT_PREFIXES,
	ROADS,
	SHOPS,
	SUB_CATEGORIES,
	SURNAMES,
	TEMPLATES,
	TOWNS,
	VILLAGES,
	WEEKDAYS,
	type Category,
	type Channel,
	type HandlingMode
} from './vocabulary.ts';

export interface GenerateOptions {
	rows: number;
	seed?: number;
	/** The export's date (Shanghai, 'YYYY-MM-DD'); defaults to today. The snapshot is taken at 12:00 that day. */
	today?: string;
	units?: CountyUnit[];
	/** Case ids are PREFIX + YYYYMMDD + 5-digit sequence; default 'TS'. */
	idPrefix?: string;
}

/** One generated case. Timestamps are seconds since day 0 of the generator's calendar (see formatter). */
export interface DemoCase {
	caseId: string;
	receivedAt: number;
	channel: Channel;
	/** Internal identity of the complainant (stable across their cases). */
	complainantIndex: number;
	complainantName: string | null;
	complainantPhone: string | null;
	complainantIdNo: string | null;
	unitIndex: number;
	/** The canonical unit name. */
	unit: string;
	/** How the export writes the unit: the full name or one of its aliases. */
	unitLabel: string;
	person: string | null;
	category: Category;
	/** 二级分类: one of SUB_CATEGORIES[category]. */
	subCategory: string;
	handlingMode: HandlingMode;
	severity: string;
	acceptedAt: number | null;
	dispatchedAt: number | null;
	firstResponseAt: number | null;
	repliedAt: number | null;
	filedReportAt: number | null;
	closedAt: number | null;
	callbackAt: number | null;
	dueAt: number | null;
	extensionApproved: boolean;
	extensionDays: number | null;
	extensionRequestedAt: number | null;
	extensionApprovedAt: number | null;
	outcome: string | null;
	satisfaction: string | null;
	content: string;
	/** Internal: the matter the complaint is about (one number per matter); repeats and its other complainants share it. */
	matterKey: number;
	/** Internal: how the matter came about — an ordinary complaint, one voice of a collective matter (集中诉求), heating (seasonal), the planted burst. */
	origin: 'single' | 'collective' | 'heating' | 'burst';
	/** Internal: the earlier case this one repeats, if any. */
	repeatOf: string | null;
}

export type UnitProfile = 'normal' | 'chronic' | 'improving' | 'worsening';

/** Limits (working days) of the county-efficiency pack, for generation and for the demo's own checks. */
export const COUNTY_LIMITS = {
	acceptDecision: 5,
	transferReply: 10,
	assignReply: 15,
	assignReport: 20,
	directReply: 15,
	ledBySupervision: 20,
	extended: 30
} as const;

const REPLY_LIMIT: Record<HandlingMode, number> = {
	直办: COUNTY_LIMITS.directReply,
	转办: COUNTY_LIMITS.transferReply,
	交办: COUNTY_LIMITS.assignReply,
	牵头办理: COUNTY_LIMITS.ledBySupervision
};

/** Relative complaint volume of the bigger bureaus; everything else weighs 1. */
const UNIT_VOLUME: Record<string, number> = {
	县住房和城乡建设局: 3,
	县人力资源和社会保障局: 2.4,
	县城市管理局: 2.4,
	县自然资源局: 2,
	县市场监督管理局: 1.9,
	县公安局: 1.6,
	县教育局: 1.5,
	县卫生健康局: 1.3,
	县行政审批服务局: 1.2,
	县医疗保障局: 1.2,
	县生态环境局: 1.2,
	县交通运输局: 1.1,
	县税务局: 0.8,
	县水利局: 0.7,
	县退役军人事务局: 0.5,
	城关镇人民政府: 1.5
};

const MONTH_FACTOR = [0.95, 0.8, 1.05, 1.0, 1.0, 1.05, 1.1, 1.1, 1.0, 0.95, 1.0, 1.1];
/** Sunday..Saturday factors on ordinary workdays: Monday catches the weekend's backlog. */
const WEEKDAY_FACTOR = [1, 1.15, 1.05, 1.0, 0.98, 0.9, 1];

const CHANNEL_WEIGHTS_WORKDAY = [34, 10, 28, 14, 3, 9];
const CHANNEL_WEIGHTS_OFFDAY = [46, 1, 42, 2, 0, 9];
const MODE_WEIGHTS = [30, 40, 22, 8];
const OFFICE_CHANNELS: ReadonlySet<Channel> = new Set(['来信', '走访', '传真']);

const SNAPSHOT_SECOND = 12 * 3600;
/** A matter phrasing that names where it is. */
const PLACE_SLOT = /\{(?:town|village|community|road)\}/;

/**
 * The export's date when none is given: today once it is past 12:00 in Shanghai, else yesterday, so that the
 * snapshot moment is never in the future (no case "received" later than the moment the demo is loaded).
 */
export function latestSnapshotDay(now: Date = new Date()): string {
	const wallClock = shanghaiNow(now);
	const today = shanghaiToday(now);
	return Number(wallClock.slice(11, 13)) >= 12 ? today : isoFromEpochDay(epochDay(today) - 1);
}
/** Heavy repeat complainants (a Zipf head) and the share of fresh cases they account for. */
const REGULAR_SHARE = 0.28;
const REPEAT_SHARE = 0.16;
const STAFF_PER_UNIT = 12;
/**
 * Collective matters (集中诉求): a fresh case starts one with this probability, and later fresh cases of the following
 * days join an open one with COLLECTIVE_JOIN: several complainants about one matter within a few days, the way a
 * real centre's 并单 candidates arise (about 5–8% of cases), instead of every unit's matters being written alike.
 */
const COLLECTIVE_START = 0.018;
const COLLECTIVE_JOIN = 0.06;
/** The planted burst: its share of the fresh cases of the last BURST_DAYS days before the export. */
const BURST_SHARE = 0.07;
export const BURST_DAYS = 12;

/** Share of fresh cases about heating on a day of the year (month 1–12, day 1–31): the season starts on 15 November. */
export function heatingShare(month: number, day: number): number {
	if (month === 11) return day >= 15 ? 0.05 : 0.004;
	if (month === 12) return day <= 15 ? 0.045 : 0.025;
	if (month === 1 || month === 2) return 0.02;
	if (month === 3) return day <= 15 ? 0.008 : 0;
	return 0;
}

function addYears(iso: string, years: number): string {
	const y = Number(iso.slice(0, 4)) + years;
	let md = iso.slice(4);
	if (md === '-02-29') md = '-02-28';
	return `${y}${md}`;
}

/** A moment as of the snapshot: null when it lies after it (it has not happened yet). */
function happened(snapshot: number, ts: number | null): number | null {
	return ts !== null && ts <= snapshot ? ts : null;
}

function fill(template: string, values: Record<string, string>): string {
	let out = '';
	let i = 0;
	while (i < template.length) {
		const open = template.indexOf('{', i);
		if (open < 0) {
			out += template.slice(i);
			break;
		}
		const close = template.indexOf('}', open);
		out += template.slice(i, open);
		const key = template.slice(open + 1, close);
		out += values[key] ?? '';
		i = close + 1;
	}
	return out;
}

/** ID-card check digit (GB 11643-1999). */
function idCheckDigit(first17: string): string {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
	return '10X98765432'[sum % 11];
}

interface RecentCase {
	caseId: string;
	day: number;
	complainant: number;
	unit: number;
	matter: number;
	category: number;
	person: number;
	/** The matter as the complaint put it: a repeat says it again. */
	core: string;
	origin: DemoCase['origin'];
	namesPlace: boolean;
}

/** An open collective matter: other complainants join it until it is full or its days are over. */
interface Collective {
	unit: number;
	matter: number;
	category: number;
	person: number;
	core: string;
	remaining: number;
	lastDay: number;
}

/**
 * Iterates the cases of a demo data set in order of receipt. Deterministic: the same rows, seed and
 * today give identical cases.
 */
export class DemoGenerator implements Iterable<DemoCase> {
	readonly rows: number;
	readonly seed: number;
	readonly today: string;
	readonly calendar: DemoCalendar;
	readonly formatter: TimestampFormatter;
	readonly units: CountyUnit[];
	readonly unitProfiles: UnitProfile[];
	/** First day of the data (index in the calendar) and today's index. */
	readonly firstDayIndex: number;
	readonly todayIndex: number;
	/** The moment of the export: today 12:00. Nothing after it has happened. */
	readonly snapshot: number;
	readonly idPrefix: string;

	private readonly unitSpeed: number[];
	/** Which of a unit's matters a fresh complaint is about: a few common ones, a long tail. */
	private readonly kindTables: WeightedTable[];

	constructor(options: GenerateOptions) {
		if (!Number.isInteger(options.rows) || options.rows < 0) throw new Error('rows must be a non-negative integer');
		this.rows = options.rows;
		this.seed = (options.seed ?? 20240601) >>> 0;
		this.today = options.today ?? latestSnapshotDay();
		this.units = options.units ?? loadCountyUnits();
		this.idPrefix = options.idPrefix ?? 'TS';
		const first = isoFromEpochDay(epochDay(addYears(this.today, -3)) + 1);
		// Room before the data for nothing, and after today for deadlines and late replies of open cases.
		this.calendar = new DemoCalendar(first, isoFromEpochDay(epochDay(this.today) + 500));
		this.formatter = new TimestampFormatter(this.calendar);
		this.firstDayIndex = 0;
		this.todayIndex = this.calendar.index(this.today);
		this.snapshot = this.todayIndex * SECONDS_PER_DAY + SNAPSHOT_SECOND;

		const setup = new Random(this.seed ^ 0x5eed);
		const order = this.units.map((_, i) => i);
		for (let i = order.length - 1; i > 0; i--) {
			const j = setup.int(i + 1);
			[order[i], order[j]] = [order[j], order[i]];
		}
		this.unitProfiles = this.units.map(() => 'normal' as UnitProfile);
		this.unitSpeed = this.units.map(() => 0.9 + setup.next() * 0.9);
		order.slice(0, 3).forEach((u) => (this.unitProfiles[u] = 'chronic'));
		order.slice(3, 6).forEach((u) => (this.unitProfiles[u] = 'improving'));
		order.slice(6, 7).forEach((u) => (this.unitProfiles[u] = 'worsening'));
		this.kindTables = this.units.map((u) => new WeightedTable(zipfWeights((MATTERS[u.name] ?? MATTERS['乡镇']).length, 0.3, 1)));
	}

	/** Probability that a deadline of this unit is missed, at a fraction 0..1 of the three years. */
	latenessProbability(unitIndex: number, progress: number): number {
		switch (this.unitProfiles[unitIndex]) {
			case 'chronic':
				return 0.22;
			case 'improving':
				return 0.25 - 0.21 * progress;
			case 'worsening':
				return 0.05 + 0.15 * progress;
			default:
				return 0.05;
		}
	}

	/** Daily case counts over the three years: exactly `rows` in total, shaped by calendar and season. */
	dailyCounts(noise: Random): Int32Array {
		const days = this.todayIndex + 1;
		const weights = new Float64Array(days);
		const kind = this.calendar.kind;
		const festival = this.calendar.springFestivalStarts;
		let total = 0;
		for (let d = 0; d < days; d++) {
			const iso = this.formatter.day(d);
			const weekday = new Date((this.calendar.firstDay + d) * 86_400_000).getUTCDay();
			let w: number;
			switch (kind[d]) {
				case DayKind.Workday:
					w = WEEKDAY_FACTOR[weekday];
					// the first workday after a holiday or weekend block brings the backlog
					if (d > 0 && kind[d - 1] === DayKind.Holiday) w *= 1.35;
					break;
				case DayKind.MakeupWorkday:
					w = 0.85;
					break;
				case DayKind.Weekend:
					w = 0.3;
					break;
				default:
					w = 0.12;
			}
			w *= MONTH_FACTOR[Number(iso.slice(5, 7)) - 1];
			// wage arrears before the Spring Festival
			if (festival.some((f) => d < f && f - d <= 25)) w *= 1.15;
			if (kind[d] === DayKind.Holiday && festival.some((f) => d >= f && d - f < 8)) w *= 0.6;
			w *= 0.9 + (0.2 * d) / days;
			w *= 0.85 + 0.3 * noise.next();
			if (d === this.todayIndex) w *= 0.5;
			weights[d] = w;
			total += w;
		}
		const counts = new Int32Array(days);
		let cumulative = 0;
		let assigned = 0;
		for (let d = 0; d < days; d++) {
			cumulative += weights[d];
			const upTo = d === days - 1 ? this.rows : Math.round((cumulative / total) * this.rows);
			counts[d] = upTo - assigned;
			assigned = upTo;
		}
		return counts;
	}

	complainantName(index: number): string | null {
		const h = hash32(this.seed * 31 + 1, index);
		if (h % 100 < 4) return null;
		const given = GIVEN_CHARS[(h >>> 8) % GIVEN_CHARS.length] + ((h >>> 20) % 3 === 0 ? '' : GIVEN_CHARS[(h >>> 14) % GIVEN_CHARS.length]);
		return SURNAMES[(h >>> 1) % SURNAMES.length] + given;
	}

	complainantPhone(index: number): string | null {
		const h = hash32(this.seed * 31 + 2, index);
		if (h % 100 < 5) return null;
		const second = '35789'[(h >>> 8) % 5];
		const rest = String(hash32(this.seed * 31 + 3, index) % 1_000_000_000).padStart(9, '0');
		return '1' + second + rest;
	}

	complainantIdNo(index: number): string | null {
		const h = hash32(this.seed * 31 + 4, index);
		if (h % 100 >= 40 && this.complainantPhone(index) !== null) return null;
		const region = ['411523', '411524', '411526', '411502', '410105', '412825'][h % 6];
		const year = 1950 + ((h >>> 4) % 56);
		const month = 1 + ((h >>> 10) % 12);
		const day = 1 + ((h >>> 14) % 28);
		const seq = String((h >>> 19) % 1000).padStart(3, '0');
		const first17 = `${region}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`;
		return first17 + idCheckDigit(first17);
	}

	staffName(unitIndex: number, staff: number): string {
		const h = hash32(this.seed * 31 + 5, unitIndex * 100 + staff);
		return SURNAMES[h % SURNAMES.length] + GIVEN_CHARS[(h >>> 9) % GIVEN_CHARS.length] + ((h >>> 20) % 4 === 0 ? '' : GIVEN_CHARS[(h >>> 14) % GIVEN_CHARS.length]);
	}

	/**
	 * One way of putting a matter: one of the '|'-separated phrasings of `kinds`, its places and figures fixed by the
	 * matter number (the same matter names the same village), the phrasing drawn per complaint.
	 */
	matterText(random: Random, unitIndex: number, kinds: string, matter: number, town?: string): string {
		return this.fillMatter(random.pick(kinds.split('|')), unitIndex, matter, town);
	}

	/** A phrasing with the matter's places and figures (fixed by the matter number) filled in. */
	private fillMatter(phrasing: string, unitIndex: number, matter: number, town?: string): string {
		const unit = this.units[unitIndex];
		const h = hash32(this.seed * 31 + 6, matter);
		const h2 = hash32(this.seed * 31 + 8, matter);
		return fill(phrasing, {
			town: town ?? (unit.group === '乡镇' ? unit.name.replace('人民政府', '') : TOWNS[h % TOWNS.length]),
			village: VILLAGES[(h >>> 3) % VILLAGES.length],
			community: COMMUNITIES[(h >>> 8) % COMMUNITIES.length],
			road: ROADS[(h >>> 13) % ROADS.length],
			project: PROJECTS[(h >>> 18) % PROJECTS.length],
			company: COMPANIES[(h >>> 22) % COMPANIES.length],
			shop: SHOPS[h2 % SHOPS.length],
			n: String(2 + ((h2 >>> 5) % 8)),
			days: String(3 + ((h2 >>> 9) % 38)),
			temp: String(12 + ((h2 >>> 15) % 6))
		});
	}

	*[Symbol.iterator](): Iterator<DemoCase> {
		const random = new Random(this.seed);
		const counts = this.dailyCounts(new Random(this.seed ^ 0xda11));
		const days = this.todayIndex + 1;
		const cal = this.calendar;
		const units = this.units;
		const ratePerDay = this.rows / days;

		const channelWorkday = new WeightedTable(CHANNEL_WEIGHTS_WORKDAY);
		const channelOffday = new WeightedTable(CHANNEL_WEIGHTS_OFFDAY);
		const modeTable = new WeightedTable(MODE_WEIGHTS);
		const categoryTable = new WeightedTable(CATEGORY_WEIGHTS);
		const unitWeights = units.map((u) => UNIT_VOLUME[u.name] ?? (u.group === '乡镇' ? 0.6 + (hash32(this.seed, u.name.length) % 5) / 10 : 1));
		const unitTable = new WeightedTable(unitWeights);
		const wageUnit = units.findIndex((u) => u.name === '县人力资源和社会保障局');
		const unitTableBeforeFestival = new WeightedTable(unitWeights.map((w, i) => (i === wageUnit ? w * 2.5 : w)));
		const heatingUnit = units.findIndex((u) => u.name === HEATING_UNIT);
		const burstUnit = units.findIndex((u) => u.name === BURST_UNIT);
		const burstFrom = this.todayIndex - BURST_DAYS + 1;
		let nextMatter = 0;
		const collectives: Collective[] = [];
		const staffTable = new WeightedTable(zipfWeights(STAFF_PER_UNIT, 1.2, 1));
		const regulars = Math.max(100, Math.round(this.rows * 0.05));
		const regularTable = new WeightedTable(zipfWeights(regulars, 1.1, 40));
		let nextNewComplainant = regulars;

		// Recent cases, for repeats: a ring buffer covering well over 90 days of receipts.
		const ringSize = Math.max(256, Math.ceil(ratePerDay * 150));
		const ring: RecentCase[] = new Array(ringSize);
		let ringCount = 0;
		let ringNext = 0;

		const festival = cal.springFestivalStarts;
		let seq = 0;

		for (let day = 0; day < days; day++) {
			const n = counts[day];
			if (n === 0) continue;
			const workday = cal.isWorkday(day);
			const beforeFestival = festival.some((f) => day < f && f - day <= 40);
			const progress = day / days;
			// Receipt moments and channels of the day, sorted so case ids follow time.
			const arrivals: { second: number; channel: Channel }[] = new Array(n);
			for (let i = 0; i < n; i++) {
				const channel = CHANNELS[(workday ? channelWorkday : channelOffday).draw(random)];
				let second = this.receiptSecond(random, channel);
				if (day === this.todayIndex && second >= SNAPSHOT_SECOND) second = 8 * 3600 + random.int(4 * 3600);
				arrivals[i] = { second, channel };
			}
			arrivals.sort((a, b) => a.second - b.second);
			const compactDay = this.formatter.compactDay(day);
			seq = 0;

			for (const arrival of arrivals) {
				seq++;
				const caseId = this.idPrefix + compactDay + String(seq).padStart(5, '0');
				const receivedAt = day * SECONDS_PER_DAY + arrival.second;

				// Who complains about what: a repeat of a recent case, or a fresh matter.
				let complainant: number;
				let unitIndex: number;
				let matter: number;
				let categoryIndex: number;
				let staff: number;
				let core: string;
				let origin: DemoCase['origin'] = 'single';
				let namesPlace = true;
				let repeatOf: string | null = null;
				const earlier = ringCount > 0 && random.chance(REPEAT_SHARE) ? this.recent(ring, ringCount, ringNext, ratePerDay, random) : null;
				if (earlier && day - earlier.day <= 150) {
					complainant = earlier.complainant;
					unitIndex = earlier.unit;
					matter = earlier.matter;
					categoryIndex = earlier.category;
					staff = earlier.person;
					core = earlier.core;
					namesPlace = earlier.namesPlace;
					origin = earlier.origin;
					repeatOf = earlier.caseId;
				} else {
					complainant = random.chance(REGULAR_SHARE) ? regularTable.draw(random) : nextNewComplainant++;
					const [month, dom] = [Number(this.formatter.day(day).slice(5, 7)), Number(this.formatter.day(day).slice(8, 10))];
					while (collectives.length > 0 && (collectives[0].lastDay < day || collectives[0].remaining <= 0)) collectives.shift();
					const open = collectives.filter((c) => c.lastDay >= day && c.remaining > 0);
					staff = -1;
					if (day >= burstFrom && burstUnit >= 0 && random.chance(BURST_SHARE)) {
						// the planted hot spot: water cuts in one town, a handful of its villages, many voices
						origin = 'burst';
						unitIndex = burstUnit;
						matter = nextMatter++;
						core = this.matterText(random, unitIndex, BURST_MATTER, hash32(this.seed + 12, random.int(4)), BURST_TOWN);
						categoryIndex = random.chance(0.6) ? CATEGORIES.indexOf('不作为慢作为') : categoryTable.draw(random);
					} else if (heatingUnit >= 0 && random.chance(heatingShare(month, dom))) {
						origin = 'heating';
						unitIndex = heatingUnit;
						matter = nextMatter++;
						core = this.matterText(random, unitIndex, HEATING_MATTER, matter);
						categoryIndex = random.chance(0.5) ? CATEGORIES.indexOf('不作为慢作为') : categoryTable.draw(random);
					} else if (open.length > 0 && random.chance(COLLECTIVE_JOIN)) {
						// another complainant about an open collective matter: the same matter, their own words around it
						const c = open[random.int(open.length)];
						c.remaining--;
						origin = 'collective';
						unitIndex = c.unit;
						matter = c.matter;
						core = c.core;
						categoryIndex = random.chance(0.7) ? c.category : categoryTable.draw(random);
						staff = c.person;
					} else {
						unitIndex = (beforeFestival ? unitTableBeforeFestival : unitTable).draw(random);
						matter = nextMatter++;
						const kinds = MATTERS[units[unitIndex].name] ?? MATTERS['乡镇'];
						const kind = this.kindTables[unitIndex].draw(random);
						const phrasing = random.pick(kinds[kind].split('|'));
						core = this.fillMatter(phrasing, unitIndex, matter);
						namesPlace = PLACE_SLOT.test(phrasing);
						// Each kind of matter has a natural category, so complaints about it mostly read alike.
						categoryIndex = random.chance(0.6) ? hash32(this.seed + 7, unitIndex * 101 + kind) % CATEGORIES.length : categoryTable.draw(random);
						if (random.chance(COLLECTIVE_START)) {
							origin = 'collective';
							// a matter of many says where: "我们某村好几户都是这样"
							if (!namesPlace) core = this.fillMatter(COLLECTIVE_PREFIXES[hash32(this.seed + 13, matter) % COLLECTIVE_PREFIXES.length], unitIndex, matter) + core;
							namesPlace = true;
							const size = 1 + Math.min(9, 1 + Math.floor(random.exponential(1.6)));
							collectives.push({ unit: unitIndex, matter, category: categoryIndex, person: -1, core, remaining: size, lastDay: day + random.range(1, 8) });
						}
					}
					const personal = PERSONAL_CATEGORIES.has(CATEGORIES[categoryIndex]);
					if (staff < 0) staff = random.chance(personal ? 0.7 : 0.2) ? staffTable.draw(random) : -1;
				}
				const category = CATEGORIES[categoryIndex];
				const unit = units[unitIndex];
				const matterKey = matter;
				const person = staff >= 0 ? this.staffName(unitIndex, staff) : null;

				ring[ringNext] = { caseId, day, complainant, unit: unitIndex, matter, category: categoryIndex, person: staff, core, origin, namesPlace };
				ringNext = (ringNext + 1) % ringSize;
				ringCount = Math.min(ringCount + 1, ringSize);

				const severeCategory = category === '吃拿卡要' || category === '违规执法';
				const sr = random.next();
				const severity = sr < (severeCategory ? 0.2 : 0.05) ? '重大' : sr > 0.86 ? '轻微' : '一般';
				let handlingMode = HANDLING_MODES[modeTable.draw(random)];
				if (severity === '重大' && random.chance(0.5)) handlingMode = random.chance(0.5) ? '牵头办理' : '交办';

				const c = this.timeline(random, {
					caseId,
					receivedAt,
					channel: arrival.channel,
					unitIndex,
					handlingMode,
					progress,
					repeat: repeatOf !== null
				});
				c.complainantIndex = complainant;
				c.complainantName = this.complainantName(complainant);
				c.complainantPhone = this.complainantPhone(complainant);
				c.complainantIdNo = this.complainantIdNo(complainant);
				c.unit = unit.name;
				c.unitLabel = random.chance(0.22) && unit.aliases.length > 0 ? random.pick(unit.aliases) : unit.name;
				c.person = person;
				c.category = category;
				// from the matter by hash, drawing nothing from `random`, so every other generated value stays as it was
				c.subCategory = SUB_CATEGORIES[category][hash32(this.seed * 31 + 7, matter * 16 + categoryIndex) % SUB_CATEGORIES[category].length];
				c.severity = severity;
				c.matterKey = matterKey;
				c.origin = origin;
				c.repeatOf = repeatOf;
				c.content = this.content(random, { unitIndex, core, categoryIndex, person, complainant, repeat: repeatOf !== null, shared: origin !== 'single', namesPlace });
				yield c;
			}
		}
	}

	private recent(ring: RecentCase[], count: number, next: number, ratePerDay: number, random: Random): RecentCase {
		// Most repeats follow within weeks; the lag is exponential with a mean of about 20 days.
		const lag = 1 + Math.min(count - 1, Math.floor(random.exponential(ratePerDay * 20)));
		const size = ring.length;
		return ring[(next - lag + size) % size];
	}

	private receiptSecond(random: Random, channel: Channel): number {
		if (OFFICE_CHANNELS.has(channel)) {
			return random.chance(0.6) ? 8 * 3600 + 1800 + random.int(3.5 * 3600) : 14 * 3600 + 1800 + random.int(3 * 3600);
		}
		if (channel === '电话') return random.chance(0.82) ? 8 * 3600 + random.int(10 * 3600) : 18 * 3600 + random.int(4 * 3600);
		// online and e-mail: any hour, mostly day and evening
		return random.chance(0.85) ? 7 * 3600 + random.int(16 * 3600) : (23 * 3600 + random.int(8 * 3600)) % SECONDS_PER_DAY;
	}

	/**
	 * A moment on `day` in office hours, at least two minutes after `after` (spilling over when the day is used
	 * up): exports that drop the seconds must still show the steps in order.
	 */
	private momentOn(random: Random, day: number, after: number): number {
		let ts = day * SECONDS_PER_DAY + (random.chance(0.55) ? 8 * 3600 + 1800 + random.int(3.5 * 3600) : 14 * 3600 + random.int(4 * 3600));
		if (ts <= after + 120) ts = after + 300 + random.int(3 * 3600);
		return ts;
	}

	private timeline(
		random: Random,
		t: { caseId: string; receivedAt: number; channel: Channel; unitIndex: number; handlingMode: HandlingMode; progress: number; repeat: boolean }
	): DemoCase {
		const cal = this.calendar;
		const p = this.latenessProbability(t.unitIndex, t.progress);
		const speed = this.unitProfiles[t.unitIndex] === 'chronic' ? 0.55 : this.unitSpeed[t.unitIndex];
		const receivedDay = Math.floor(t.receivedAt / SECONDS_PER_DAY);
		const mode = t.handlingMode;

		// Acceptance decision: on the spot for many visits, else within a few working days (5 wd allowed).
		let acceptedAt: number;
		if (t.channel === '走访' && random.chance(0.5)) {
			acceptedAt = t.receivedAt + 300 + random.int(1500);
		} else {
			let k: number;
			if (random.chance(p * 0.3)) k = COUNTY_LIMITS.acceptDecision + 1 + Math.floor(random.exponential(2));
			else {
				const r = random.next();
				k = r < 0.35 ? 0 : r < 0.7 ? 1 : r < 0.85 ? 2 : random.range(3, 5);
				if (k === 0 && !cal.isWorkday(receivedDay)) k = 1;
			}
			acceptedAt = this.momentOn(random, cal.nthWorkdayAfter(receivedDay, k), t.receivedAt);
		}
		const acceptedDay = Math.floor(acceptedAt / SECONDS_PER_DAY);

		let dispatchedAt: number | null = null;
		if (mode === '转办' || mode === '交办') dispatchedAt = this.momentOn(random, cal.nthWorkdayAfter(acceptedDay, random.chance(0.6) ? 0 : 1), acceptedAt);
		const clockStart = dispatchedAt ?? acceptedAt;
		const startDay = Math.floor(clockStart / SECONDS_PER_DAY);

		const firstResponseAt = random.chance(0.85) ? this.momentOn(random, cal.nthWorkdayAfter(startDay, random.range(0, 3)), clockStart) : null;

		// Extensions: about 7.5% of transferred and assigned cases approved (a quarter of them requested only after the original deadline).
		const limit = REPLY_LIMIT[mode];
		let extensionApproved = false;
		let extensionRequestedDay: number | null = null;
		let extensionApprovedDay: number | null = null;
		let requestedLate = false;
		if (dispatchedAt !== null) {
			const r = random.next();
			if (r < 0.09) {
				extensionApproved = r < 0.075;
				requestedLate = random.chance(0.25);
				const requestK = requestedLate ? limit + random.range(1, 4) : random.range(Math.max(1, limit - 5), limit - 1);
				extensionRequestedDay = cal.nthWorkdayAfter(startDay, requestK);
				if (extensionApproved) extensionApprovedDay = cal.nthWorkdayAfter(extensionRequestedDay, random.range(0, 2));
			}
		}
		const effectiveLimit = extensionApproved ? COUNTY_LIMITS.extended : limit;
		const requestedK = extensionRequestedDay !== null ? cal.workdaysBetween(startDay, extensionRequestedDay) : 0;

		// Reply: on time most of the time; units differ in speed and in how often they are late.
		const replyLate = random.chance(extensionRequestedDay !== null && !extensionApproved ? 0.6 : p);
		const lateMean = this.unitProfiles[t.unitIndex] === 'chronic' ? 7 : 4;
		let replyK: number;
		if (replyLate) replyK = effectiveLimit + 1 + Math.floor(random.exponential(lateMean));
		else if (extensionApproved) {
			// extended cases mostly finish soon after the original limit, some use the whole 30 working days
			const lo = Math.min(COUNTY_LIMITS.extended, Math.max(limit + 1, requestedK + 1));
			replyK = random.range(lo, random.chance(0.7) ? Math.max(lo, 20) : COUNTY_LIMITS.extended);
		}
		else replyK = Math.max(mode === '直办' ? 0 : 1, Math.floor(effectiveLimit * Math.pow(random.next(), speed)));
		if (extensionRequestedDay !== null) replyK = Math.max(replyK, requestedK + 1);
		// A few cases are stuck and never answered (open and overdue at the export).
		const stuck = this.todayIndex - receivedDay > 45 && random.chance(0.003);
		const replyDay = cal.nthWorkdayAfter(startDay, replyK);
		const repliedAt = stuck ? null : this.momentOn(random, replyDay, Math.max(clockStart, firstResponseAt ?? 0));

		let filedReportAt: number | null = null;
		if (mode === '交办' && repliedAt !== null) {
			// The written report's 20 working days are not extended (the extension covers the reply only).
			const reportLimit = COUNTY_LIMITS.assignReport;
			let k: number;
			if (random.chance(replyLate ? 0.6 : p * 0.3)) k = reportLimit + 1 + Math.floor(random.exponential(4));
			else k = random.range(Math.min(replyK, reportLimit), reportLimit);
			k = Math.max(k, replyK);
			filedReportAt = this.momentOn(random, cal.nthWorkdayAfter(startDay, k), repliedAt);
		}

		const lastAct = filedReportAt ?? repliedAt;
		const closedAt = lastAct === null ? null : this.momentOn(random, cal.nthWorkdayAfter(Math.floor(lastAct / SECONDS_PER_DAY), random.range(0, 3)), lastAct);
		const callbackAt =
			closedAt !== null && random.chance(0.8) ? this.momentOn(random, cal.nthWorkdayAfter(Math.floor(closedAt / SECONDS_PER_DAY), random.range(1, 4)), closedAt) : null;
		const dueAt = (cal.nthWorkdayAfter(startDay, effectiveLimit) + 1) * SECONDS_PER_DAY - 1;

		// Nothing after the export's moment has happened yet; later steps depend on earlier ones.
		const snap = this.snapshot;
		const accepted = happened(snap, acceptedAt);
		const dispatched = accepted === null ? null : happened(snap, dispatchedAt);
		const started = dispatchedAt === null ? accepted : dispatched;
		const firstResponse = started === null ? null : happened(snap, firstResponseAt);
		const replied = started === null ? null : happened(snap, repliedAt);
		const filedReport = replied === null ? null : happened(snap, filedReportAt);
		const closed = replied === null || (mode === '交办' && filedReport === null) ? null : happened(snap, closedAt);
		const callback = closed === null ? null : happened(snap, callbackAt);
		const requested = started === null || extensionRequestedDay === null ? null : happened(snap, this.momentOn(random, extensionRequestedDay, clockStart));
		const approved = requested === null || extensionApprovedDay === null ? null : happened(snap, this.momentOn(random, extensionApprovedDay, requested));

		// Outcome and satisfaction: late handling and repeats go with substantiated complaints and unhappy callers.
		const lateAny = replyLate || stuck;
		let outcome: string | null = null;
		if (closed !== null) {
			const r = random.next();
			// 属实 + 部分属实 about 28% of the outcomes, as county centres report (most complaints turn out unfounded)
			const substantiated = 0.12 + (lateAny ? 0.16 : 0) + (t.repeat ? 0.06 : 0);
			outcome = r < substantiated ? '属实' : r < substantiated + 0.14 ? '部分属实' : '不属实';
		}
		let satisfaction: string | null = null;
		if (callback !== null) {
			const r = random.next();
			const unhappy = 0.1 + (lateAny ? 0.3 : 0) + (t.repeat ? 0.12 : 0) + (outcome === '不属实' ? 0.05 : 0);
			satisfaction = r < unhappy ? '不满意' : r < unhappy + 0.28 ? '基本满意' : '满意';
		}

		return {
			caseId: t.caseId,
			receivedAt: t.receivedAt,
			channel: t.channel,
			complainantIndex: -1,
			complainantName: null,
			complainantPhone: null,
			complainantIdNo: null,
			unitIndex: t.unitIndex,
			unit: '',
			unitLabel: '',
			person: null,
			category: CATEGORIES[0],
			subCategory: '',
			handlingMode: mode,
			severity: '一般',
			acceptedAt: accepted,
			dispatchedAt: dispatched,
			firstResponseAt: firstResponse,
			repliedAt: replied,
			filedReportAt: filedReport,
			closedAt: closed,
			callbackAt: callback,
			dueAt: started === null ? null : dueAt,
			extensionApproved: approved !== null,
			extensionDays: approved !== null ? COUNTY_LIMITS.extended - limit : null,
			extensionRequestedAt: requested,
			extensionApprovedAt: approved,
			outcome,
			satisfaction,
			content: '',
			matterKey: 0,
			origin: 'single',
			repeatOf: null
		};
	}

	/**
	 * A complaint as residents write it: the matter in one of its phrasings, wrapped (most of the time) in what
	 * went wrong with its handling (the category's templates), with an optional opening (where the complainant
	 * lives, for a matter of their own), zero to three concrete details and a demand — from one line to a paragraph.
	 * A shared matter (collective, heating, the burst) keeps its own words central and adds few of the writer's.
	 */
	private content(
		random: Random,
		t: { unitIndex: number; core: string; categoryIndex: number; person: string | null; complainant: number; repeat: boolean; shared: boolean; namesPlace: boolean }
	): string {
		const unit = this.units[t.unitIndex];
		const names = [unit.name, ...unit.aliases];
		const home = hash32(this.seed * 31 + 10, t.complainant);
		const values = (): Record<string, string> => ({
			matter: t.core,
			unit: names[random.int(Math.min(names.length, 3))],
			staff: t.person ?? '工作人员',
			months: String(random.range(2, 8)),
			amount: String(random.range(1, 24) * 50),
			town: TOWNS[home % TOWNS.length],
			village: VILLAGES[(home >>> 4) % VILLAGES.length],
			community: COMMUNITIES[(home >>> 9) % COMMUNITIES.length],
			road: ROADS[(home >>> 14) % ROADS.length],
			month: String(random.range(1, 12)),
			day: String(random.range(1, 28)),
			days: String(random.range(3, 60)),
			times: String(random.range(2, 9)),
			n: String(random.range(2, 9)),
			households: String(random.range(2, 30) * 10),
			weekday: random.pick(WEEKDAYS),
			hour: String(random.range(6, 8))
		});
		const v = values();
		let text = '';
		// Most residents with a matter of their own say where they live: two such complaints about the same kind of
		// matter from different places are different matters (and the duplicate finder, reading the places, keeps them apart).
		const opening = random.next();
		if (!t.namesPlace) text += fill(random.pick(OPENINGS_WITH_PLACE), v);
		else if (opening < 0.3) text += random.pick(OPENINGS);
		else if (!t.shared && opening < 0.45) text += fill(random.pick(OPENINGS_WITH_PLACE), v);
		if (random.chance(0.15)) text += t.core + '。';
		else text += fill(random.pick(TEMPLATES[CATEGORIES[t.categoryIndex]]), v);
		const r = random.next();
		const details = t.shared ? (r < 0.6 ? 0 : 1) : r < 0.3 ? 0 : r < 0.65 ? 1 : r < 0.88 ? 2 : 3;
		for (let i = 0; i < details; i++) text += fill(random.pick(DETAILS), v);
		if (random.chance(0.55)) text += random.pick(DEMANDS);
		if (t.repeat) text = random.pick(REPEAT_PREFIXES) + text;
		const x = random.next();
		// Some texts carry a second paragraph or an ASCII comma, as typed by call-takers.
		if (x < 0.06) text += '\n诉求：请尽快核实处理,并将结果告知本人。';
		else if (x < 0.1) text += `涉及金额约${random.range(1, 9)},${String(random.int(1000)).padStart(3, '0')}元。`;
		return text;
	}
}

export function generateCases(options: GenerateOptions): DemoGenerator {
	return new DemoGenerator(options);
}

/** A case as the canonical record of product.md §4 (timestamps 'YYYY-MM-DD HH:MM:SS', Shanghai wall clock). */
export function toCanonicalRecord(generator: DemoGenerator, c: DemoCase): Record<string, string | number | boolean | null> {
	const f = (ts: number | null) => (ts === null ? null : generator.formatter.canonical(ts));
	return {
		case_id: c.caseId,
		received_at: f(c.receivedAt),
		channel: c.channel,
		complainant_name: c.complainantName,
		complainant_phone: c.complainantPhone,
		complainant_id_no: c.complainantIdNo,
		unit: c.unit,
		person: c.person,
		category: c.category,
		sub_category: c.subCategory,
		handling_mode: c.handlingMode,
		severity: c.severity,
		accepted_at: f(c.acceptedAt),
		dispatched_at: f(c.dispatchedAt),
		first_response_at: f(c.firstResponseAt),
		closed_at: f(c.closedAt),
		replied_at: f(c.repliedAt),
		filed_report_at: f(c.filedReportAt),
		callback_at: f(c.callbackAt),
		due_at: f(c.dueAt),
		extension_approved: c.extensionApproved,
		extension_days: c.extensionDays,
		extension_requested_at: f(c.extensionRequestedAt),
		extension_approved_at: f(c.extensionApprovedAt),
		outcome: c.outcome,
		satisfaction: c.satisfaction,
		content: c.content
	};
}

export type DeadlineStatus = 'met' | 'breached' | 'open-overdue' | 'open-within';

export interface DemoDeadlineCheck {
	rule: 'accept-decision' | 'transfer-reply' | 'assign-reply' | 'assign-report' | 'direct-reply' | 'led-by-supervision';
	status: DeadlineStatus;
	/** Day index of the due day (the deadline is its end). */
	dueDay: number;
	workingDaysLate: number;
}

/**
 * The demo's own reading of the county-efficiency rules (to check the generated data, not the product's
 * compliance engine): the start day is not counted, due at the end of the N-th working day after it; a
 * decision taken on the day of receipt is on the spot (no accept-decision clock); an extension counts only
 * when approved by the original deadline, and covers the reply, not the written report.
 */
export function demoDeadlineChecks(generator: DemoGenerator, c: DemoCase): DemoDeadlineCheck[] {
	const cal = generator.calendar;
	const today = generator.todayIndex;
	const checks: DemoDeadlineCheck[] = [];
	const dayOf = (ts: number) => Math.floor(ts / SECONDS_PER_DAY);
	const check = (rule: DemoDeadlineCheck['rule'], start: number | null, stop: number | null, limit: number) => {
		if (start === null) return;
		const dueDay = cal.nthWorkdayAfter(dayOf(start), limit);
		if (stop !== null) {
			const stopDay = dayOf(stop);
			checks.push({ rule, status: stopDay <= dueDay ? 'met' : 'breached', dueDay, workingDaysLate: cal.workdaysBetween(dueDay, stopDay) });
		} else {
			checks.push({ rule, status: today > dueDay ? 'open-overdue' : 'open-within', dueDay, workingDaysLate: today > dueDay ? cal.workdaysBetween(dueDay, today) : 0 });
		}
	};
	const replyLimit = c.handlingMode === '转办' ? COUNTY_LIMITS.transferReply : COUNTY_LIMITS.assignReply;
	const extended =
		c.extensionApproved && c.extensionApprovedAt !== null && c.dispatchedAt !== null && dayOf(c.extensionApprovedAt) <= cal.nthWorkdayAfter(dayOf(c.dispatchedAt), replyLimit);
	if (c.acceptedAt === null || dayOf(c.acceptedAt) !== dayOf(c.receivedAt)) check('accept-decision', c.receivedAt, c.acceptedAt, COUNTY_LIMITS.acceptDecision);
	switch (c.handlingMode) {
		case '转办':
			check('transfer-reply', c.dispatchedAt, c.repliedAt, extended ? COUNTY_LIMITS.extended : COUNTY_LIMITS.transferReply);
			break;
		case '交办':
			check('assign-reply', c.dispatchedAt, c.repliedAt, extended ? COUNTY_LIMITS.extended : COUNTY_LIMITS.assignReply);
			check('assign-report', c.dispatchedAt, c.filedReportAt, COUNTY_LIMITS.assignReport);
			break;
		case '直办':
			check('direct-reply', c.acceptedAt, c.repliedAt, COUNTY_LIMITS.directReply);
			break;
		case '牵头办理':
			check('led-by-supervision', c.acceptedAt, c.repliedAt, COUNTY_LIMITS.ledBySupervision);
			break;
	}
	return checks;
}

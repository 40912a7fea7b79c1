import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { BURST_DAYS, demoDeadlineChecks, generateCases, latestSnapshotDay, toCanonicalRecord, type DemoCase, type DemoGenerator } from './generate.ts';
import { SECONDS_PER_DAY } from './format.ts';
import { DayKind } from './workdays.ts';
import { BURST_TOWN, CATEGORIES, CHANNELS, HANDLING_MODES, REPEAT_PREFIXES, SUB_CATEGORIES } from './vocabulary.ts';

const TODAY = '2026-11-22';
const ROWS = 20_000;

function digest(generator: DemoGenerator, limit = Infinity): string {
	const hash = createHash('sha256');
	let n = 0;
	for (const c of generator) {
		if (n++ >= limit) break;
		hash.update(JSON.stringify(toCanonicalRecord(generator, c)));
	}
	return hash.digest('hex');
}

function count<T>(items: T[], key: (item: T) => string): Map<string, number> {
	const m = new Map<string, number>();
	for (const item of items) m.set(key(item), (m.get(key(item)) ?? 0) + 1);
	return m;
}

const dayOf = (ts: number) => Math.floor(ts / SECONDS_PER_DAY);

describe('demo case generator', () => {
	let gen: DemoGenerator;
	let cases: DemoCase[];

	beforeAll(() => {
		gen = generateCases({ rows: ROWS, seed: 7, today: TODAY });
		cases = [...gen];
	});

	it('is deterministic for a seed and differs between seeds', () => {
		const a = digest(generateCases({ rows: 3000, seed: 11, today: TODAY }));
		const b = digest(generateCases({ rows: 3000, seed: 11, today: TODAY }));
		const c = digest(generateCases({ rows: 3000, seed: 12, today: TODAY }));
		expect(a).toBe(b);
		expect(c).not.toBe(a);
	});

	it('does not depend on the process time zone', () => {
		const saved = process.env.TZ;
		try {
			process.env.TZ = 'America/New_York';
			const ny = digest(generateCases({ rows: 2000, seed: 5, today: TODAY }));
			process.env.TZ = 'Asia/Shanghai';
			const sh = digest(generateCases({ rows: 2000, seed: 5, today: TODAY }));
			expect(ny).toBe(sh);
		} finally {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		}
	});

	it('yields exactly the requested rows in order of receipt over three years ending at the snapshot', () => {
		expect(cases).toHaveLength(ROWS);
		expect(new Set(cases.map((c) => c.caseId)).size).toBe(ROWS);
		for (let i = 1; i < cases.length; i++) expect(cases[i].receivedAt).toBeGreaterThanOrEqual(cases[i - 1].receivedAt);
		const first = toCanonicalRecord(gen, cases[0]).received_at as string;
		const last = toCanonicalRecord(gen, cases[cases.length - 1]).received_at as string;
		expect(first.slice(0, 10)).toBe('2023-11-23');
		expect(last.slice(0, 10)).toBe(TODAY);
		expect(last <= `${TODAY} 12:00:00`).toBe(true);
	});

	it('uses every channel, handling mode, severity, outcome and satisfaction, and most categories', () => {
		expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(CHANNELS));
		expect(new Set(cases.map((c) => c.handlingMode))).toEqual(new Set(HANDLING_MODES));
		expect(new Set(cases.map((c) => c.severity))).toEqual(new Set(['一般', '重大', '轻微']));
		expect(new Set(cases.map((c) => c.outcome).filter(Boolean))).toEqual(new Set(['属实', '部分属实', '不属实']));
		expect(new Set(cases.map((c) => c.satisfaction).filter(Boolean))).toEqual(new Set(['满意', '基本满意', '不满意']));
		expect(new Set(cases.map((c) => c.category))).toEqual(new Set(CATEGORIES));
	});

	it('gives each case a 二级分类 of its own category, every one of them in use', () => {
		for (const c of cases) expect(SUB_CATEGORIES[c.category]).toContain(c.subCategory);
		expect(new Set(cases.map((c) => `${c.category}/${c.subCategory}`))).toEqual(new Set(CATEGORIES.flatMap((k) => SUB_CATEGORIES[k].map((s) => `${k}/${s}`))));
	});

	it('is quieter on weekends and during the Spring Festival', () => {
		const perDay = new Int32Array(gen.todayIndex + 1);
		for (const c of cases) perDay[dayOf(c.receivedAt)]++;
		const mean = (days: number[]) => days.reduce((s, d) => s + perDay[d], 0) / days.length;
		const all = [...perDay.keys()].slice(0, gen.todayIndex); // today is a half day
		const workdays = all.filter((d) => gen.calendar.kind[d] === DayKind.Workday);
		const weekends = all.filter((d) => gen.calendar.kind[d] === DayKind.Weekend);
		expect(mean(weekends)).toBeLessThan(0.5 * mean(workdays));
		const festival = gen.calendar.springFestivalStarts.flatMap((s) => [0, 1, 2, 3, 4, 5, 6].map((k) => s + k)).filter((d) => d < gen.todayIndex);
		expect(festival.length).toBeGreaterThanOrEqual(14);
		expect(mean(festival)).toBeLessThan(0.3 * mean(workdays));
	});

	it('breaks about 8% of the county-efficiency deadlines, more in chronically late units', () => {
		let total = 0;
		let broken = 0;
		const byProfile = new Map<string, [number, number]>();
		for (const c of cases) {
			for (const check of demoDeadlineChecks(gen, c)) {
				total++;
				const isBroken = check.status === 'breached' || check.status === 'open-overdue';
				if (isBroken) broken++;
				const p = byProfile.get(gen.unitProfiles[c.unitIndex]) ?? [0, 0];
				p[0] += isBroken ? 1 : 0;
				p[1]++;
				byProfile.set(gen.unitProfiles[c.unitIndex], p);
			}
		}
		expect(broken / total).toBeGreaterThan(0.05);
		expect(broken / total).toBeLessThan(0.12);
		const rate = (profile: string) => byProfile.get(profile)![0] / byProfile.get(profile)![1];
		expect(rate('chronic')).toBeGreaterThan(2 * rate('normal'));
	});

	it('shows improving units getting better over the three years', () => {
		const improving = new Set(gen.unitProfiles.flatMap((p, i) => (p === 'improving' ? [i] : [])));
		expect(improving.size).toBeGreaterThan(0);
		const year = (c: DemoCase) => Math.min(2, Math.floor((3 * dayOf(c.receivedAt)) / (gen.todayIndex + 1)));
		const stats = [0, 1, 2].map(() => [0, 0]);
		for (const c of cases) {
			if (!improving.has(c.unitIndex)) continue;
			for (const check of demoDeadlineChecks(gen, c)) {
				if (check.status === 'open-within') continue;
				stats[year(c)][1]++;
				if (check.status !== 'met') stats[year(c)][0]++;
			}
		}
		expect(stats[0][0] / stats[0][1]).toBeGreaterThan(2 * (stats[2][0] / stats[2][1]));
	});

	it('has complainants who complain again and again, mostly to the same unit about the same matter', () => {
		const perComplainant = count(cases, (c) => String(c.complainantIndex));
		const counts = [...perComplainant.values()].sort((a, b) => b - a);
		expect(counts[0]).toBeGreaterThanOrEqual(15);
		expect(counts.filter((n) => n >= 2).length).toBeGreaterThan(ROWS * 0.05);
		const byId = new Map(cases.map((c) => [c.caseId, c]));
		const repeats = cases.filter((c) => c.repeatOf);
		expect(repeats.length / ROWS).toBeGreaterThan(0.1);
		let within90 = 0;
		for (const r of repeats) {
			const e = byId.get(r.repeatOf!)!;
			expect(r.complainantIndex).toBe(e.complainantIndex);
			expect(r.unit).toBe(e.unit);
			expect(r.matterKey).toBe(e.matterKey);
			if (dayOf(r.receivedAt) - dayOf(e.receivedAt) <= 90) within90++;
		}
		expect(within90 / repeats.length).toBeGreaterThan(0.8);
	});

	it('words repeat complaints about the same matter alike, but not word for word', () => {
		// the longest run of characters two texts share (dynamic programming over one row)
		const commonRun = (a: string, b: string) => {
			let best = 0;
			let prev = new Array<number>(b.length + 1).fill(0);
			for (let i = 1; i <= a.length; i++) {
				const row = new Array<number>(b.length + 1).fill(0);
				for (let j = 1; j <= b.length; j++) if (a[i - 1] === b[j - 1]) best = Math.max(best, (row[j] = prev[j - 1] + 1));
				prev = row;
			}
			return best;
		};
		const strip = (text: string) => {
			for (const p of REPEAT_PREFIXES) if (text.startsWith(p)) return text.slice(p.length);
			return text;
		};
		const byId = new Map(cases.map((c) => [c.caseId, c]));
		const repeats = cases.filter((c) => c.repeatOf).slice(0, 1500);
		// the matter is said again (its phrasing: six characters or more in common) ...
		const alike = repeats.filter((r) => commonRun(r.content, byId.get(r.repeatOf!)!.content) >= 6).length;
		expect(alike / repeats.length).toBeGreaterThan(0.97);
		// ... in the complainant's words of the day, not a copy of the first complaint
		const copies = repeats.filter((r) => strip(r.content) === byId.get(r.repeatOf!)!.content).length;
		expect(copies / repeats.length).toBeLessThan(0.1);
		expect(repeats.some((r) => REPEAT_PREFIXES.some((p) => r.content.startsWith(p)))).toBe(true);
	});

	it('writes varied texts, from one line to a paragraph, and few word-for-word twins', () => {
		const fresh = cases.filter((c) => !c.repeatOf);
		expect(new Set(fresh.map((c) => c.content)).size / fresh.length).toBeGreaterThan(0.97);
		const lengths = fresh.map((c) => [...c.content].length).sort((a, b) => a - b);
		expect(lengths[Math.floor(lengths.length * 0.05)]).toBeLessThan(40);
		expect(lengths[Math.floor(lengths.length * 0.95)]).toBeGreaterThan(80);
		// places: most texts name a village, an estate, a road or a town
		const place = /[\p{Script=Han}]{2,}(?:镇|乡|村|小区|花园|家园|新村|家属院|苑|庭|城|湾|路|街|大道)/u;
		expect(fresh.filter((c) => place.test(c.content)).length / fresh.length).toBeGreaterThan(0.85);
	});

	it('plants collective matters: several complainants about one matter within days, a few percent of the cases', () => {
		const byMatter = new Map<number, DemoCase[]>();
		for (const c of cases) byMatter.set(c.matterKey, [...(byMatter.get(c.matterKey) ?? []), c]);
		let inCollective = 0;
		let groups = 0;
		for (const list of byMatter.values()) {
			const complainants = new Set(list.map((c) => c.complainantIndex));
			const span = dayOf(list[list.length - 1].receivedAt) - dayOf(list[0].receivedAt);
			if (complainants.size >= 2 && list.filter((c) => !c.repeatOf).length >= 2 && span <= 30) {
				groups++;
				inCollective += list.length;
			}
		}
		expect(groups).toBeGreaterThan(50);
		expect(inCollective / ROWS).toBeGreaterThan(0.03);
		expect(inCollective / ROWS).toBeLessThan(0.12);
	});

	it('plants a burst of water cuts in one town in the last days, and heating complaints every winter only', () => {
		const today = dayOf(gen.snapshot);
		const burst = (c: DemoCase) => c.content.includes(BURST_TOWN) && c.content.includes('停水');
		const recent = cases.filter((c) => dayOf(c.receivedAt) > today - BURST_DAYS && burst(c)).length;
		const earlier = cases.filter((c) => dayOf(c.receivedAt) <= today - BURST_DAYS && dayOf(c.receivedAt) > today - 13 * BURST_DAYS && burst(c)).length / 12;
		expect(recent).toBeGreaterThanOrEqual(8);
		expect(recent).toBeGreaterThan(5 * Math.max(earlier, 1));
		const heating = (c: DemoCase) => /暖气|供暖/.test(c.content);
		// fresh complaints (a repeat may come back to a cold winter months later)
		const byMonth = count(cases.filter((c) => heating(c) && !c.repeatOf), (c) => gen.formatter.day(dayOf(c.receivedAt)).slice(5, 7));
		for (const m of ['04', '05', '06', '07', '08', '09', '10']) expect(byMonth.get(m) ?? 0).toBe(0);
		// the same season in two years: alike (December 2024 and 2025), so not a rise; and it starts on 15 November
		const within = (from: string, to: string) => cases.filter((c) => heating(c) && !c.repeatOf && gen.formatter.day(dayOf(c.receivedAt)) >= from && gen.formatter.day(dayOf(c.receivedAt)) <= to).length;
		const [dec24, dec25] = [within('2024-12-01', '2024-12-31'), within('2025-12-01', '2025-12-31')];
		expect(dec24).toBeGreaterThanOrEqual(15);
		expect(dec25 / dec24).toBeGreaterThan(0.7);
		expect(dec25 / dec24).toBeLessThan(1.4);
		expect(within('2025-11-15', '2025-11-28')).toBeGreaterThan(4 * within('2025-11-01', '2025-11-14'));
	});

	it('finds 属实 or 部分属实 in 25–35% of the closed cases with an outcome', () => {
		const closed = cases.filter((c) => c.closedAt !== null && c.outcome !== null);
		const share = closed.filter((c) => c.outcome === '属实' || c.outcome === '部分属实').length / closed.length;
		expect(share).toBeGreaterThan(0.25);
		expect(share).toBeLessThan(0.35);
	});

	it('leaves recent cases open and never records anything after the snapshot', () => {
		const recent = cases.filter((c) => gen.todayIndex - dayOf(c.receivedAt) <= 10);
		expect(recent.filter((c) => c.repliedAt === null).length).toBeGreaterThan(recent.length * 0.3);
		const old = cases.filter((c) => gen.todayIndex - dayOf(c.receivedAt) > 120);
		const oldOpen = old.filter((c) => c.repliedAt === null);
		expect(oldOpen.length).toBeGreaterThan(0); // a few stuck cases: open and overdue
		expect(oldOpen.length).toBeLessThan(old.length * 0.01);
		for (const c of cases) {
			for (const ts of [c.acceptedAt, c.dispatchedAt, c.firstResponseAt, c.repliedAt, c.filedReportAt, c.closedAt, c.callbackAt]) {
				if (ts !== null) expect(ts).toBeLessThanOrEqual(gen.snapshot);
			}
			if (c.repliedAt === null) {
				expect(c.closedAt).toBeNull();
				expect(c.outcome).toBeNull();
			}
		}
	});

	it('keeps every timeline consistent with its handling mode', () => {
		for (const c of cases) {
			if (c.acceptedAt !== null) expect(c.acceptedAt).toBeGreaterThan(c.receivedAt);
			const transferred = c.handlingMode === '转办' || c.handlingMode === '交办';
			if (!transferred) expect(c.dispatchedAt).toBeNull();
			if (transferred && c.repliedAt !== null) expect(c.dispatchedAt).not.toBeNull();
			if (c.dispatchedAt !== null) expect(c.dispatchedAt).toBeGreaterThan(c.acceptedAt!);
			const start = c.dispatchedAt ?? c.acceptedAt;
			if (c.repliedAt !== null) expect(c.repliedAt).toBeGreaterThan(start!);
			if (c.handlingMode !== '交办') expect(c.filedReportAt).toBeNull();
			if (c.filedReportAt !== null) expect(c.filedReportAt).toBeGreaterThan(c.repliedAt!);
			if (c.closedAt !== null) expect(c.closedAt).toBeGreaterThan(c.filedReportAt ?? c.repliedAt!);
			if (c.callbackAt !== null) expect(c.callbackAt).toBeGreaterThan(c.closedAt!);
			if (c.satisfaction !== null) expect(c.callbackAt).not.toBeNull();
			if (c.extensionApproved) {
				expect(transferred).toBe(true);
				expect(c.extensionApprovedAt).toBeGreaterThanOrEqual(c.extensionRequestedAt!);
			}
		}
		const assigned = cases.filter((c) => c.handlingMode === '交办' && c.closedAt !== null);
		expect(assigned.every((c) => c.filedReportAt !== null)).toBe(true);
	});

	it('approves extensions for about 5% of cases, some requested only after the original deadline', () => {
		const extended = cases.filter((c) => c.extensionApproved);
		expect(extended.length / ROWS).toBeGreaterThan(0.03);
		expect(extended.length / ROWS).toBeLessThan(0.07);
		const cal = gen.calendar;
		const requestedLate = extended.filter((c) => {
			const limit = c.handlingMode === '转办' ? 10 : 15;
			return dayOf(c.extensionRequestedAt!) > cal.nthWorkdayAfter(dayOf(c.dispatchedAt!), limit);
		});
		expect(requestedLate.length).toBeGreaterThan(extended.length * 0.1);
		expect(requestedLate.length).toBeLessThan(extended.length * 0.5);
		expect(cases.some((c) => c.extensionRequestedAt !== null && !c.extensionApproved)).toBe(true);
	});

	it('correlates satisfaction and outcome with lateness', () => {
		const late: DemoCase[] = [];
		const onTime: DemoCase[] = [];
		for (const c of cases) {
			if (c.satisfaction === null) continue;
			const reply = demoDeadlineChecks(gen, c).find((k) => k.rule !== 'accept-decision' && k.rule !== 'assign-report');
			if (reply?.status === 'breached') late.push(c);
			else if (reply?.status === 'met') onTime.push(c);
		}
		const share = (list: DemoCase[], pred: (c: DemoCase) => boolean) => list.filter(pred).length / list.length;
		expect(share(late, (c) => c.satisfaction === '不满意')).toBeGreaterThan(2 * share(onTime, (c) => c.satisfaction === '不满意'));
		expect(share(late, (c) => c.outcome === '属实')).toBeGreaterThan(share(onTime, (c) => c.outcome === '属实') + 0.1);
	});

	it('writes units by full name and sometimes by alias, names staff for some cases, and has valid identities', () => {
		const labels = new Map(gen.units.map((u) => [u.name, new Set([u.name, ...u.aliases])]));
		for (const c of cases) expect(labels.get(c.unit)!.has(c.unitLabel)).toBe(true);
		const aliased = cases.filter((c) => c.unitLabel !== c.unit).length / ROWS;
		expect(aliased).toBeGreaterThan(0.1);
		expect(aliased).toBeLessThan(0.4);
		expect(new Set(cases.map((c) => c.unit)).size).toBe(gen.units.length);
		const withPerson = cases.filter((c) => c.person).length / ROWS;
		expect(withPerson).toBeGreaterThan(0.15);
		expect(withPerson).toBeLessThan(0.6);
		const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
		for (const c of cases.slice(0, 3000)) {
			expect(c.complainantPhone !== null || c.complainantIdNo !== null).toBe(true);
			if (c.complainantPhone) expect(c.complainantPhone).toMatch(/^1[35789]\d{9}$/);
			if (c.complainantIdNo) {
				expect(c.complainantIdNo).toMatch(/^\d{17}[\dX]$/);
				const sum = weights.reduce((s, w, i) => s + w * Number(c.complainantIdNo![i]), 0);
				expect(c.complainantIdNo[17]).toBe('10X98765432'[sum % 11]);
			}
		}
	});
});

describe('latestSnapshotDay', () => {
	it('never puts the snapshot (12:00 Shanghai) in the future', () => {
		// 2026-11-23 03:30 in Shanghai (19:30 UTC the day before): the latest past noon is 2026-11-22
		expect(latestSnapshotDay(new Date('2026-11-22T19:30:00Z'))).toBe('2026-11-22');
		// 2026-11-23 12:00 in Shanghai: today's noon has come
		expect(latestSnapshotDay(new Date('2026-11-23T04:00:00Z'))).toBe('2026-11-23');
		// New Year: 2026-01-01 08:00 Shanghai → 2025-12-31
		expect(latestSnapshotDay(new Date('2026-01-01T00:00:00Z'))).toBe('2025-12-31');
	});
});

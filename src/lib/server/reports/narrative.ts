// The bulletin's generated narrative in the register of an official bulletin. Pure: a BulletinData in,
// paragraphs out. A sentence appears only when it is true and has something to say ("本月无超期件" rather
// than "超期0件"; no 同比 without last year's data). The words live in i18n/zh/bulletin.ts.
import { BULLETIN } from '../../i18n/zh/bulletin.ts';
import type { BulletinData, RuleRate } from './bulletin.ts';

const N = BULLETIN.n;

/** A rule title without its parenthesised qualifier, as running text names it: 受理决定时限（需要审查的投诉） → 受理决定时限. */
export function shortTitle(title: string): string {
	return title.replace(/[（(][^）)]*[）)]\s*$/, '').trim() || title;
}

/** Relative change, or null when there is nothing to compare against. */
function change(now: number, before: number | null | undefined): number | null {
	if (before === null || before === undefined || before === 0) return null;
	return (now - before) / before;
}

function overview(d: BulletinData, period: string): string {
	const t = d.totals;
	if (t.cases === 0) return N.noneReceived(period, d.scope.label, d.title.subject);
	const parts = [N.received(period, d.scope.label, d.title.subject, t.cases)];
	const mom = change(t.cases, d.previous?.cases);
	const yoy = change(t.cases, d.lastYear?.cases);
	if (mom !== null) parts.push(N.change('环比', mom));
	if (yoy !== null) parts.push(N.change('同比', yoy));
	return parts.join('，') + '。' + N.progress(t.accepted, t.closed, t.open);
}

function timeliness(d: BulletinData): string {
	const t = d.totals;
	const c = d.compliance;
	const s: string[] = [];
	if (!c.evaluated) {
		s.push(N.noCompliance);
	} else if (t.on_time_rate === null) {
		s.push(N.noOnTime(c.packTitle));
	} else {
		const prev = d.previous?.on_time_rate;
		s.push(N.onTime(c.packTitle, t.on_time_rate) + (prev !== null && prev !== undefined ? '，' + N.pointChange(t.on_time_rate - prev) : '') + '。');
		// The full list is table 2; the text names the best and the worst step (ties: the pack's order).
		const rated = c.rules.filter((r) => r.rate !== null) as (RuleRate & { rate: number })[];
		if (rated.length > 1) {
			const best = rated.reduce((a, b) => (b.rate > a.rate ? b : a));
			const worst = rated.reduce((a, b) => (b.rate < a.rate ? b : a));
			if (Math.round(best.rate * 1000) === Math.round(worst.rate * 1000)) s.push(N.ruleEqual(best.rate));
			else s.push(N.ruleRange(shortTitle(best.title), best.rate, shortTitle(worst.title), worst.rate));
		}
	}
	if (t.breached > 0 && t.overdue_open > 0) s.push(N.lateBoth(t.breached, t.overdue_open));
	else if (t.breached > 0) s.push(N.lateBreachedOnly(t.breached));
	else if (t.overdue_open > 0) s.push(N.lateOverdueOnly(t.overdue_open));
	else if (c.evaluated) s.push(N.noLate);
	return s.join('');
}

function quality(d: BulletinData): string {
	const t = d.totals;
	const s: string[] = [];
	if (t.satisfaction_rate !== null && t.rated > 0) {
		const prev = d.previous?.satisfaction_rate;
		s.push(N.satisfaction(t.satisfaction_rate, t.rated) + (prev !== null && prev !== undefined ? '，' + N.pointChange(t.satisfaction_rate - prev) : '') + '。');
	} else {
		s.push(N.noSatisfaction);
	}
	if (t.substantiated_rate !== null && t.with_outcome > 0) s.push(N.substantiated(t.substantiated_rate));
	return s.join('');
}

function repeats(d: BulletinData): string {
	const t = d.totals;
	if (t.repeats === 0 || t.repeat_rate === null) return N.noRepeats;
	const top = d.repeatUnits.slice(0, 3).map((u) => N.repeatUnit(u.unit, u.repeats));
	const single = d.scope.kind === 'units' && d.scope.units?.length === 1;
	return N.repeats(t.repeats, t.repeat_rate) + (top.length && !single ? N.repeatUnits(top) : '') + N.repeatTail;
}

function ranking(d: BulletinData): string | null {
	if (d.scope.kind === 'units' && d.scope.units?.length === 1) return null;
	const r = d.ranking;
	if (r.rows.length === 0) return N.noRanking(r.minCases);
	if (r.rows.length === 1) return N.rankingSingle(r.rows[0].unit, r.minCases, r.rows[0].score);
	const entry = (u: { unit: string; score: number }) => N.rankEntry(u.unit, u.score);
	// the scheme's lists, group by group (ranks are within a group)
	const groups = [...new Set(r.rows.map((u) => u.group))];
	const parts = groups.map((g) =>
		N.rankingGroup(
			groups.length > 1 ? g : null,
			r.rows.filter((u) => u.group === g).length,
			r.red.filter((u) => u.group === g).map(entry),
			r.black.filter((u) => u.group === g).map(entry)
		)
	);
	return N.ranking(r.minCases, r.rows.length, parts, r.scheme.preview);
}

function categories(d: BulletinData): string | null {
	const cats = d.categories;
	if (cats.length === 0) return null;
	const top = cats.slice(0, 3);
	const s: string[] = [];
	if (cats.length === 1) s.push(N.categoryTop1(cats[0].category));
	else s.push(N.categories(top.length, top.map((c) => N.categoryEntry(c.category, c.cases, c.share))));
	if (d.previous) {
		let best: { category: string; d: number } | null = null;
		for (const c of cats) {
			const delta = c.cases - (c.previous ?? 0);
			if (delta > 0 && (!best || delta > best.d)) best = { category: c.category, d: delta };
		}
		if (best) s.push(N.categoryRise(best.category, best.d));
	}
	return s.join('');
}

/** The narrative at the head of the bulletin: one paragraph per topic, only the topics that have something to say. */
export function narrate(d: BulletinData): string[] {
	const period = N.period(d.month, d.partial, d.asOf);
	const paragraphs = [overview(d, period)];
	if (d.totals.cases === 0) return paragraphs;
	paragraphs.push(timeliness(d), quality(d), repeats(d));
	const rank = ranking(d);
	if (rank) paragraphs.push(rank);
	const cats = categories(d);
	if (cats) paragraphs.push(cats);
	if (d.typical.length) paragraphs.push(N.typical(d.typical.length));
	return paragraphs;
}

/** 工作要求: one sentence per problem the month actually had; null when there is nothing to ask of anyone. */
export function requirements(d: BulletinData): string | null {
	const t = d.totals;
	const asks: string[] = [];
	if (d.ranking.black.length) asks.push(N.requireBlack);
	if (t.overdue_open > 0) asks.push(N.requireOverdue);
	if (t.breached > 0) asks.push(N.requireBreached);
	if (d.repeatUnits.some((u) => u.repeats >= 3)) asks.push(N.requireRepeat);
	return asks.length ? asks.join('；') + '。' : null;
}

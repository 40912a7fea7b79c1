// Browser test of the handling-time, repeats and unit-performance pages on the built app with demo data: open each
// page, change its setting (group, window, weights), click a chart to cross-filter (URL + chip), drill down to the
// cases, and save screenshots at 1440x900 and 390x844. Leaders must not see case-level lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, TEST_USERS, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, loginPage, screenshot } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
	app = await startApp({ rows: 4000 });
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

async function newPage(width: number, height: number, user: string = TEST_USERS.inspector.name): Promise<Page> {
	const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
	const page = await ctx.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	(page as Page & { errors: string[] }).errors = errors;
	await loginPage(page, app, user);
	return page;
}

/** Waits until no skeleton is left and the charts have drawn (ECharts animates in). */
async function ready(page: Page): Promise<void> {
	await page.waitForSelector('.chart-canvas canvas', { timeout: 20_000 });
	await page.waitForFunction(() => document.querySelectorAll('.skeleton, .skeleton-rows, [aria-busy="true"]').length === 0, undefined, { timeout: 20_000 });
	await page.waitForTimeout(500);
}

/** Clicks points of a chart until the URL changes (bars are found by probing, as a user's click would land). */
async function clickChartUntilNavigates(page: Page, chart: Locator, points: (w: number, h: number) => [number, number][]): Promise<void> {
	await chart.scrollIntoViewIfNeeded();
	const box = (await chart.boundingBox())!;
	const before = page.url();
	for (const [x, y] of points(box.width, box.height)) {
		await chart.click({ position: { x, y } });
		await page.waitForTimeout(250);
		if (page.url() !== before) return;
	}
	throw new Error('no chart element took the click');
}

/** Probe points down the left part of a horizontal bar chart (first bars at the top). */
const horizontalBars = (w: number, h: number): [number, number][] => Array.from({ length: 14 }, (_, i) => [w * 0.3, 10 + i * Math.min(6, h / 30)]);
/** Probe points along the bottom of a column chart (every column starts at the axis). */
const columns = (w: number, h: number): [number, number][] =>
	[h - 75, h * 0.6].flatMap((y) => Array.from({ length: 24 }, (_, i): [number, number] => [w * 0.12 + ((w * 0.8) / 24) * i, y]));

function chips(page: Page): Locator {
	return page.locator('.chips .chip');
}

describe('dashboards in the browser', () => {
	it('办理时长: charts, group setting, histogram cross-filter with chip, drill-down to cases', async () => {
		const page = await newPage(1440, 900);
		await page.goto(app.url + '/handling');
		await expect(page.getByRole('heading', { name: '办理时长', exact: true }).isVisible()).resolves.toBe(true);
		await ready(page);
		expect(await page.locator('.kpi .value').first().innerText()).toMatch(/^\d/);
		// the slowest open cases are listed for an inspector, each linking to its case
		expect(await page.locator('section.slowest tbody tr').count()).toBeGreaterThan(0);
		await screenshot(page, 'handling-1440');

		// setting: group by category
		await page.getByRole('button', { name: '投诉类别', exact: true }).click();
		await page.waitForURL((u) => u.searchParams.get('group') === 'category');
		await ready(page);
		expect(await page.locator('section.groups tbody tr').count()).toBeGreaterThan(1);

		// cross-filter: a bar of the working-day histogram → ?wd=… and a chip; the group setting survives
		const hist = page.locator('.grid2 .chart-canvas').first();
		await clickChartUntilNavigates(page, hist, columns);
		const url = new URL(page.url());
		expect(url.searchParams.get('wd')).toMatch(/^\d+-\d*$/);
		expect(url.searchParams.get('group')).toBe('category');
		await ready(page);
		await expect(chips(page).filter({ hasText: '办理工作日' }).count()).resolves.toBe(1);

		// drill-down: the cases behind the selected bar
		await page.locator('a.drill').first().click();
		await page.waitForURL((u) => u.pathname === '/cases' && u.searchParams.has('wd'));
		expect(await page.locator('body').innerText()).toMatch(/共 [\d,]+ 件/);
		expect((page as Page & { errors: string[] }).errors).toEqual([]);
		await page.context().close();
	});

	it('重复投诉: window setting, chart cross-filter, masked chains, drill-down', async () => {
		const page = await newPage(1440, 900);
		await page.goto(app.url + '/repeats');
		await ready(page);
		const rateDefault = await page.locator('.kpi .value').first().innerText();
		expect(rateDefault).toMatch(/%$/);
		// chains: pseudonyms only
		await page.waitForSelector('.chain-list details');
		const chainText = await page.locator('.chain-list').innerText();
		expect(chainText).toMatch(/投诉人#[0-9A-F]{6}/);
		expect(chainText).not.toMatch(/1[3-9]\d{9}/);
		await screenshot(page, 'repeats-1440');

		// setting: a 30-day window lowers (or keeps) the repeat rate and is kept in the URL
		await page.getByRole('button', { name: '30天' }).click();
		await page.waitForURL((u) => u.searchParams.get('window') === '30');
		await ready(page);
		const rate30 = await page.locator('.kpi .value').first().innerText();
		expect(parseFloat(rate30)).toBeLessThanOrEqual(parseFloat(rateDefault));
		// any unit: at least as many repeats as the same unit
		await page.getByLabel('任意单位').check();
		await page.waitForURL((u) => u.searchParams.get('scope') === 'any');
		await ready(page);
		expect(parseFloat(await page.locator('.kpi .value').first().innerText())).toBeGreaterThanOrEqual(parseFloat(rate30));

		// cross-filter: the first bar of the by-unit chart → ?unit=… with a chip; settings survive
		const byUnit = page.locator('.grid2 .chart-canvas').first();
		await clickChartUntilNavigates(page, byUnit, horizontalBars);
		const url = new URL(page.url());
		expect(url.searchParams.getAll('unit')).toHaveLength(1);
		expect(url.searchParams.get('window')).toBe('30');
		await ready(page);
		await expect(chips(page).count()).resolves.toBeGreaterThan(0);

		// back to the default settings: the repeat count drills to the case list's 重复投诉 flag
		// two changes made while the first one's page is still loading (slowed here) both stick
		const slow = async (route: import('playwright-core').Route) => {
			await new Promise((r) => setTimeout(r, 1500));
			await route.continue().catch(() => undefined);
		};
		await page.route(/__data\.json/, slow);
		await page.getByRole('button', { name: '90天' }).click();
		await page.getByLabel('同一单位').check();
		await page.waitForURL((u) => !u.searchParams.has('window') && !u.searchParams.has('scope'));
		await page.unroute(/__data\.json/, slow);
		await ready(page);
		await page.locator('.kpi').nth(1).locator('a').click();
		await page.waitForURL((u) => u.pathname === '/cases' && u.searchParams.get('flag') === 'repeat');
		expect((page as Page & { errors: string[] }).errors).toEqual([]);
		await page.context().close();
	});

	it('单位效能: weights change the ranking, red/black lists, heat-map cross-filter, unit page with its cases', async () => {
		const page = await newPage(1440, 900);
		await page.goto(app.url + '/units');
		await ready(page);
		await page.waitForSelector('table.rank-table tbody tr');
		// ranks within each group (县直部门 / 乡镇): the 红榜 is the first five of each group, the 黑榜 comes after the fifth
		const listed = await page.locator('table.rank-table tbody tr').evaluateAll((trs) =>
			// the rank cell reads 第3名 / 县直部门 12个; its rank and group are also on the element
			trs.map((tr) => {
				const cell = tr.querySelector('td .rank-in-group');
				return { group: cell?.getAttribute('data-group') ?? '', rank: Number(cell?.getAttribute('data-rank') ?? 0), red: !!tr.querySelector('.tag.red'), black: !!tr.querySelector('.tag.black') };
			})
		);
		expect(new Set(listed.filter((r) => r.rank > 0).map((r) => r.group)).size).toBe(2);
		expect(listed.filter((r) => r.red).map((r) => r.rank)).toEqual(listed.filter((r) => r.rank >= 1 && r.rank <= 5).map((r) => r.rank));
		expect(listed.filter((r) => r.red).length).toBeGreaterThan(5);
		expect(listed.filter((r) => r.black).length).toBeGreaterThan(0);
		expect(listed.filter((r) => r.black).every((r) => r.rank > 5)).toBe(true);
		const firstScore = await page.locator('table.rank-table tbody tr td.score').first().innerText();
		await screenshot(page, 'units-1440');

		// setting: put all the weight on satisfaction → URL keeps the weights; the scores change
		for (const name of ['按时办理率 权重', '非重复率 权重', '未超期率 权重']) await page.getByLabel(name).fill('0');
		await page.waitForURL((u) => u.searchParams.get('w_not_overdue') === '0');
		await ready(page);
		await page.waitForFunction((s) => document.querySelector('table.rank-table tbody tr td.score')?.textContent?.trim() !== s, firstScore, { timeout: 10_000 });
		// with satisfaction alone, the ranking is by satisfaction rate
		// (the rows and the ranks arrive separately: poll until both are the new ones)
		const satisfactionOrder = async () => {
			const sat = (await page.locator('table.rank-table thead th').allInnerTexts()).indexOf('满意率');
			const rows = await page.locator('table.rank-table tbody tr').evaluateAll((trs) =>
				trs.map((tr) => [tr.querySelector('td .rank-in-group')?.getAttribute('data-group') ?? '', ...[...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')])
			);
			const ranked = rows.filter((r) => /^第\d+名/.test(r[1]));
			return [...new Set(ranked.map((r) => r[0]))].map((group) => ranked.filter((r) => r[0] === group).map((r) => parseFloat(r[1 + sat])));
		};
		await expect.poll(async () => (await satisfactionOrder()).every((sat) => sat.every((v, i) => i === 0 || v <= sat[i - 1])), { timeout: 10_000 }).toBe(true);

		// cross-filter: a heat-map cell → ?unit=…&month=… with chips
		const heat = page.locator('section.heat .chart-canvas');
		await clickChartUntilNavigates(page, heat, (w, h) => Array.from({ length: 8 }, (_, i) => [w * 0.5 + i * 10, 30 + i * 22]));
		const url = new URL(page.url());
		expect(url.searchParams.getAll('unit')).toHaveLength(1);
		expect(url.searchParams.get('month')).toMatch(/^\d{4}-\d{2}$/);
		expect(url.searchParams.get('w_satisfaction')).toBeNull(); // satisfaction kept its default 30
		expect(url.searchParams.get('w_on_time')).toBe('0');
		await ready(page);

		// the unit page: KPIs, charts, its own case list
		await page.goto(app.url + '/units');
		await ready(page);
		const unit = await page.locator('table.rank-table tbody tr td.unit a').first().innerText();
		await page.locator('table.rank-table tbody tr td.unit a').first().click();
		await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/units/${unit}`);
		await ready(page);
		await expect(page.getByRole('heading', { name: unit }).isVisible()).resolves.toBe(true);
		expect(await page.locator('section.cases tbody tr').count()).toBeGreaterThan(0);
		await expect(page.locator('.head .rank').innerText()).resolves.toMatch(/第 1 名/);
		await screenshot(page, 'unit-page-1440');
		// a category bar cross-filters the unit page
		await clickChartUntilNavigates(page, page.locator('.grid3 .chart-canvas').nth(1), horizontalBars);
		expect(new URL(page.url()).searchParams.getAll('category')).toHaveLength(1);
		expect((page as Page & { errors: string[] }).errors).toEqual([]);
		await page.context().close();
	});

	it('phone layout 390x844 of every page', async () => {
		const page = await newPage(390, 844);
		for (const [path, name] of [
			['/handling', 'handling-390'],
			['/repeats', 'repeats-390'],
			['/units', 'units-390']
		]) {
			await page.goto(app.url + path);
			await ready(page);
			// nothing overflows the viewport sideways (wide tables scroll inside their own box)
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, path).toBeLessThanOrEqual(1);
			await screenshot(page, name);
		}
		await page.goto(app.url + '/units/' + encodeURIComponent('县住房和城乡建设局'));
		await ready(page);
		await screenshot(page, 'unit-page-390');
		await page.context().close();
	});

	it('leader: aggregates only, no slowest-case list, no chains, no case links', async () => {
		const page = await newPage(1440, 900, TEST_USERS.leader.name);
		await page.goto(app.url + '/handling');
		await ready(page);
		expect(await page.locator('section.slowest').innerText()).toContain('只能查看汇总数据');
		expect(await page.locator('a[href^="/cases"]').count()).toBe(0);
		await page.goto(app.url + '/repeats');
		await ready(page);
		expect(await page.locator('section.chains').innerText()).toContain('只能查看汇总数据');
		expect(await page.locator('a[href^="/cases"]').count()).toBe(0);
		await page.context().close();
	});
});

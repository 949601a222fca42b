/**
 * Issue 14's acceptance "every page renders its figures without JavaScript": each page of the
 * leaders' and planners' views, opened in Chromium with JavaScript disabled, shows its figures as
 * numbers in tables (search, which has no figures, lists its results), and a link of each is
 * followed. A screenshot of each page is kept in test-results/no-javascript/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';

const SHOTS = 'test-results/no-javascript';

/** A figure as the pages print it in vi-VN: 12.122, 99,9, 87,5%, −3,2, <0,1. */
const FIGURE = /^[<+−-]?\d{1,3}(\.\d{3})*(,\d+)?\s*(%|điểm)?$/;

/** The cells of the page's tables (in `scope`) that hold a figure. */
async function figuresIn(page: Page, scope = 'main'): Promise<string[]> {
	const cells = await page.locator(`${scope} table td`).allTextContents();
	return cells.map((c) => c.trim()).filter((c) => FIGURE.test(c));
}

const PAGES: { name: string; path: string; scope?: string; least: number; link: string }[] = [
	{
		name: 'map',
		path: '/?indicator=on_time_rate&period=2024-Q3&level=commune',
		least: 30,
		link: 'main table a[href*="/units/"]'
	},
	{
		name: 'area-province',
		path: '/areas/12?period=2025-Q4',
		least: 30,
		link: 'section[aria-labelledby="communes"] tbody th a'
	},
	{
		name: 'area-district',
		path: '/areas/110?period=2024',
		least: 10,
		link: 'section[aria-labelledby="communes"] tbody th a'
	},
	{
		name: 'brief',
		path: '/areas/12/brief?period=2024',
		least: 10,
		link: 'section[aria-labelledby="best"] tbody th a'
	},
	{
		name: 'priorities',
		path: '/priorities?area=12&period=2024-Q3',
		least: 30,
		link: 'tbody tr[data-code] a[href*="/units/"]'
	},
	{
		name: 'compare',
		path: '/compare?units=12,110,03618&grain=year',
		least: 40,
		link: 'ul.key a'
	},
	{
		name: 'commune',
		path: '/units/03595?period=2025-Q4',
		least: 6,
		link: 'a.area'
	}
];

describe('every page’s figures with JavaScript disabled', () => {
	let browser: Browser;
	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launchBrowser();
	});
	afterAll(async () => browser?.close());

	it.each(PAGES)('$name: $path', async ({ name, path, least, link }) => {
		const { page } = await openPage(browser, path, { javaScriptEnabled: false });
		const figures = await figuresIn(page);
		expect(figures.length, `figures on ${path}`).toBeGreaterThanOrEqual(least);
		await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
		const target = page.locator(link).first();
		const href = await target.getAttribute('href');
		expect(href).toBeTruthy();
		await Promise.all([page.waitForURL((u) => u.href !== new URL(path, u).href), target.click()]);
		expect(await page.locator('h1').count()).toBe(1);
		await page.context().close();
	});

	it('search: /search?q=muong than lists both units as links', async () => {
		const { page } = await openPage(browser, '/search?q=muong%20than', {
			javaScriptEnabled: false
		});
		const results = page.locator('ol.results li.result h2 a');
		expect(await results.count()).toBe(2);
		await page.screenshot({ path: `${SHOTS}/search.png`, fullPage: true });
		await Promise.all([page.waitForURL(/\/units\/\d{5}/), results.first().click()]);
		expect(await page.locator('h1').textContent()).toBe('Xã Mường Than');
		expect((await figuresIn(page)).length).toBeGreaterThan(0);
		await page.context().close();
	});
});

/**
 * A leader's walk through the area overview in Chromium: open the province, choose another
 * period and indicator with the form, sort the communes by a column header, follow a commune to
 * its page, and come back down to a district of an old period. The page ships no script, so the
 * same steps work with JavaScript disabled. Screenshots are kept in test-results/areas/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';

const SHOTS = 'test-results/areas';

describe('area overview in the browser', () => {
	let browser: Browser;
	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launchBrowser();
	});
	afterAll(async () => browser?.close());

	it('changes period and indicator, sorts, follows a commune and a district', async () => {
		const { page, errors } = await openPage(browser, '/areas/12?period=2025-Q4', {
			javaScriptEnabled: false
		});
		await expect.poll(() => page.locator('h1').textContent()).toBe('Tỉnh Lai Châu');
		expect(await page.locator('article.tile').count()).toBe(8);
		await page.screenshot({ path: `${SHOTS}/province-2025-Q4.png`, fullPage: true });

		await page.fill('input[name="period"]', '2024');
		await page.selectOption('select[name="indicator"]', 'on_time_rate');
		await Promise.all([page.waitForURL(/period=2024/), page.click('form.choose button')]);
		expect(page.url()).toMatch(/indicator=on_time_rate/);
		await expect.poll(() => page.locator('#communes ~ * caption').textContent()).toMatch(/2024/);
		expect(await page.locator('#districts').count()).toBe(1);

		// Sort by value, lowest first: the first row then holds the smallest value.
		const valueHeader = page.locator('section[aria-labelledby="communes"] thead a', {
			hasText: /Giá trị/
		});
		await Promise.all([page.waitForURL(/sort=-value/), valueHeader.click()]);
		await Promise.all([page.waitForURL(/sort=value/), valueHeader.click()]);
		const values = await page
			.locator('section[aria-labelledby="communes"] tbody td.value')
			.allTextContents();
		const numbers = values.map((v) => Number(v.replace(/[^\d,]/g, '').replace(',', '.')));
		expect(numbers[0]).toBeLessThanOrEqual(numbers[numbers.length - 1]);
		await page.screenshot({ path: `${SHOTS}/province-2024-sorted.png`, fullPage: true });

		const first = page.locator('section[aria-labelledby="communes"] tbody th a').first();
		const name = (await first.textContent())!.trim();
		await Promise.all([page.waitForURL(/\/units\/\d{5}/), first.click()]);
		await expect.poll(() => page.locator('h1').textContent()).toBe(name);

		await page.goBack();
		await page.goBack();
		await page.goBack();
		const district = page
			.locator('#districts ~ table a, section[aria-labelledby="districts"] a')
			.first();
		const districtName = (await district.textContent())!.trim();
		await Promise.all([page.waitForURL(/\/areas\/\d{3}\?/), district.click()]);
		await expect.poll(() => page.locator('h1').textContent()).toBe(districtName);
		await page.screenshot({ path: `${SHOTS}/district-2024.png`, fullPage: true });
		expect(errors).toEqual([]);
	});

	it('fits a phone: the tiles stack and nothing but the table scrolls sideways', async () => {
		const { page } = await openPage(browser, '/areas/12?period=2025-Q4', {
			viewport: { width: 360, height: 740 }
		});
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(360);
		await page.screenshot({ path: `${SHOTS}/province-phone.png`, fullPage: true });
	});
});

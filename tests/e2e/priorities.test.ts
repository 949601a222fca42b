/**
 * The planners' page in Chromium: the form changes the period and the focus (at once with
 * JavaScript, through its button without), the table follows, and a commune's name leads to its
 * page for the same period. A screenshot of the focused list is kept in test-results/priorities/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';

const SHOTS = 'test-results/priorities';

/** The form's button goes once the page runs scripts: after that, a change applies itself. */
async function hydrated(page: Page) {
	await expect.poll(() => page.locator('form.controls button[type="submit"]').count()).toBe(0);
}

const rowCodes = (page: Page) =>
	page
		.locator('tbody tr[data-code]')
		.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));

describe('priorities page in a browser', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
		mkdirSync(SHOTS, { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('changes period and focus through the form, then opens a commune', async () => {
		const { page, errors } = await openPage(browser, '/?lang=vi');
		// Reached from the header of the public site.
		await page.click('header nav a:text-is("Xã cần ưu tiên")');
		await page.waitForURL(/\/priorities/);
		await hydrated(page);

		// Districts are offered for periods before July 2025 only.
		await page.selectOption('#period', '2024-H1');
		await page.waitForURL(/period=2024-H1/);
		await page.selectOption('#area', '110');
		await page.waitForURL(/area=110/);
		await expect
			.poll(() => page.locator('caption').textContent())
			.toMatch(/Huyện Than Uyên, 6 tháng đầu năm 2024: 12 xã, phường/);
		const before = await rowCodes(page);

		await page.selectOption('#focus', 'on_time_rate');
		await page.waitForURL(/focus=on_time_rate/);
		await expect
			.poll(() => page.locator('thead th').allTextContents())
			.toContain('Điểm mất ở Tỷ lệ giải quyết đúng hạn');
		const after = await rowCodes(page);
		expect(after).toHaveLength(12);
		expect(after).not.toEqual(before);
		const lost = (await page.locator('td.focus-lost').allTextContents()).map((x) =>
			x === '<0,1' ? 0.01 : Number(x.replace(',', '.'))
		);
		expect(lost).toEqual([...lost].sort((a, b) => b - a));
		expect(
			await page.locator('tbody tr').first().locator('li').first().getAttribute('data-indicator')
		).toBe('on_time_rate');
		await page.screenshot({
			path: `${SHOTS}/priorities-than-uyen-2024-H1-on-time.png`,
			fullPage: true
		});

		const first = page.locator('tbody tr th a').first();
		const name = await first.textContent();
		await first.click();
		await page.waitForURL(new RegExp(`/units/${after[0]}\\?period=2024-H1`));
		await expect.poll(() => page.locator('h1').textContent()).toBe(name);
		expect(errors).toEqual([]);
	});

	it('works without JavaScript: the table is there and the form’s button applies a change', async () => {
		const { page } = await openPage(browser, '/priorities?area=110&period=2024', {
			javaScriptEnabled: false
		});
		expect(await page.locator('tbody tr[data-code]').count()).toBe(12);
		expect(await page.locator('td.index').first().textContent()).toMatch(/^\d+,\d$/);
		await page.selectOption('#focus', 'digitization_rate');
		await page.click('form.controls button[type="submit"]');
		await page.waitForURL(/focus=digitization_rate/);
		expect(new URL(page.url()).searchParams.get('period')).toBe('2024');
		expect(await page.locator('td.focus-lost').count()).toBe(12);
		await page.screenshot({ path: `${SHOTS}/priorities-no-javascript.png`, fullPage: true });
	});

	it('fits a 360 px phone: only the table scrolls sideways', async () => {
		const { page, errors } = await openPage(browser, '/priorities?area=110&period=2024', {
			viewport: { width: 360, height: 740 }
		});
		await hydrated(page);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		expect(errors).toEqual([]);
	});
});

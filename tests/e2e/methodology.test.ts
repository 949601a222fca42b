/**
 * From the map page a reader follows the "how it is computed" link of the indicator shown and
 * lands on that indicator's entry of the methodology page, in view, in the same language; after
 * the indicator is changed in place, the link follows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, reachForMap } from '../support/browser';

describe('the methodology link of the map page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('lands on the entry of the indicator shown, after changing it in place', async () => {
		const { page, errors } = await openPage(browser, '/?indicator=on_time_rate&period=2024-Q3');
		await reachForMap(page);
		await page.selectOption('#indicator', 'digitization_rate');
		await page.waitForURL(/indicator=digitization_rate/);
		const link = page.getByRole('link', { name: 'Cách tính: Tỷ lệ số hóa hồ sơ' }).first();
		await link.click();
		await page.waitForURL(/\/methodology#digitization_rate$/);
		const entry = page.locator('section#digitization_rate');
		await expect(entry.locator('h4').textContent()).resolves.toBe('Tỷ lệ số hóa hồ sơ');
		// Scrolled to it, and marked as the target.
		const box = await entry.boundingBox();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.y).toBeLessThan(400);
		expect(await entry.evaluate((e) => e.matches(':target'))).toBe(true);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('keeps the language: English map, English methodology', async () => {
		const { page } = await openPage(browser, '/?indicator=service_index&lang=en');
		await page.getByRole('link', { name: 'How it is computed: Service index' }).first().click();
		await page.waitForURL(/\/methodology\?lang=en#service_index$/);
		await expect(page.locator('section#service_index h4').textContent()).resolves.toBe(
			'Service index'
		);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.context().close();
	});
});

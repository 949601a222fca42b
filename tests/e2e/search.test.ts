/**
 * Issue 14 (search): from any page, the header's search box finds a unit and its first result
 * opens that unit's page; with JavaScript off the same form works as a plain GET. Screenshots
 * of the results are kept in test-results/search/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';

const HEADER_SEARCH = 'header.site input[name="q"]';
const FIRST_RESULT = 'ol.results li.result h2 a';
const SHOTS = 'test-results/search';

/** Types `text` in the header's search box, submits it and opens the first result. */
async function searchAndOpenFirst(page: Page, text: string): Promise<string | null> {
	await page.fill(HEADER_SEARCH, text);
	await page.press(HEADER_SEARCH, 'Enter');
	await page.waitForURL(/\/search\?q=/);
	const first = page.locator(FIRST_RESULT).first();
	await first.waitFor();
	const slug = text.replace(/\W+/g, '-');
	await page.screenshot({ path: `${SHOTS}/${slug}.png`, fullPage: true });
	const name = await first.textContent();
	await first.click();
	await page.waitForURL(/\/units\/\d+\?period=/);
	return name;
}

describe('header search, in a browser', () => {
	let browser: Browser;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('types "than uyen" on the map, lands on today’s Xã Than Uyên', async () => {
		const { page, errors } = await openPage(browser, '/');
		const name = await searchAndOpenFirst(page, 'than uyen');
		expect(name).toBe('Xã Than Uyên');
		expect(new URL(page.url()).pathname).toBe('/units/03595');
		await expect.poll(() => page.locator('h1').textContent()).toBe('Xã Than Uyên');
		expect(errors).toEqual([]);
	});

	it('finds the old Xã Mường Than by its name and opens that version of the unit', async () => {
		const { page, errors } = await openPage(browser, '/units/03595?lang=en');
		await page.fill(HEADER_SEARCH, 'MƯỜNG THAN');
		await page.press(HEADER_SEARCH, 'Enter');
		await page.waitForURL(/\/search\?q=.*lang=en/);
		const items = page.locator('ol.results li.result');
		await expect.poll(() => items.count()).toBe(2);
		expect(await items.nth(0).textContent()).toContain('In force today');
		const old = items.nth(1);
		expect(await old.textContent()).toMatch(/Now part of:\s*Xã Than Uyên/);
		await page.screenshot({ path: `${SHOTS}/muong-than-en.png`, fullPage: true });
		await old.locator('h2 a').click();
		await page.waitForURL(/\/units\/03619\?period=2025-Q2/);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Xã Mường Than');
		expect(errors).toEqual([]);
	});

	it('works with JavaScript off', async () => {
		const { page } = await openPage(browser, '/', { javaScriptEnabled: false });
		const name = await searchAndOpenFirst(page, 'muong than');
		expect(name).toBe('Xã Mường Than');
		expect(new URL(page.url()).pathname).toBe('/units/03618');
		expect(await page.locator('h1').textContent()).toBe('Xã Mường Than');
	});

	it('fits a 360 px phone: the search box is visible and as wide as the header', async () => {
		const { page, errors } = await openPage(browser, '/', {
			viewport: { width: 360, height: 740 }
		});
		const box = await page.locator(HEADER_SEARCH).boundingBox();
		expect(box).not.toBeNull();
		expect(box!.x + box!.width).toBeLessThanOrEqual(360);
		expect(box!.width).toBeGreaterThan(200);
		expect(errors).toEqual([]);
	});
});

/**
 * What the map page costs a phone (issue 15, item 6): every byte the first visit of `/` takes
 * over the wire (compressed, headers included, from the DevTools protocol), and a repeat visit in
 * the same browser, which must revalidate rather than download again. The numbers are printed
 * for the report; the budgets catch a regression.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, transferred } from '../support/browser';

const SLOW = { timeout: 90_000 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * The target for a first visit is 100 KB. Measured 2026-12: ~156 KB, of which Leaflet
 * (JS and CSS) is ~41 KB, Svelte and SvelteKit ~30 KB, the shapes ~14 KB and the page ~12 KB.
 * Until Leaflet is loaded on demand, this budget only keeps it from growing.
 */
const COLD_BUDGET = 190_000;
/** A repeat visit the same day: the page revalidated (304), everything else from the cache. */
const WARM_BUDGET = 5_000;

describe('page weight of the map', () => {
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('first and repeat visit of / stay within their budgets', SLOW, async () => {
		const context = await newContext(browser, PHONE);
		const page = await context.newPage();
		const visit = () =>
			transferred(page, async () => {
				await page.goto('/', { waitUntil: 'load' });
				await page.waitForSelector('.leaflet-container[data-ready="true"]', SLOW);
				await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
			});
		const cold = await visit();
		const warm = await visit();
		console.log(
			`page weight of /: cold ${cold.bytes} bytes in ${cold.requests} requests, warm ${warm.bytes} bytes in ${warm.requests}`
		);
		expect(cold.bytes).toBeGreaterThan(10_000);
		expect(cold.bytes).toBeLessThanOrEqual(COLD_BUDGET);
		expect(warm.bytes).toBeLessThanOrEqual(WARM_BUDGET);
		await context.close();
	});
});

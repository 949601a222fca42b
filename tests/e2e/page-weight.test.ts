/**
 * What the map page costs a phone (issue 15, item 6): every byte the first visit of `/` takes
 * over the wire (compressed, headers included, from the DevTools protocol), and a repeat visit in
 * the same browser, which must download again only the page itself (the figures: the HTML that
 * carries them) and take everything else from the cache. Leaflet is not part of the first visit:
 * it comes when the reader reaches for the map, which the test then does, checking the map works.
 * The numbers are printed for the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, reachForMap, transferred } from '../support/browser';

const SLOW = { timeout: 90_000 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * The issue's target for a first visit of the Lai Châu map is 100 KB compressed in total.
 * Measured 2026-12-07 with Leaflet on demand, one dictionary, the no-JS map sent once and no
 * `Link` header: ~122.5 KB in 41 requests (Svelte 18 KB, the page's code 15 KB, the HTML 16 KB,
 * the shapes 14 KB, SvelteKit 13 KB, the dictionary 7 KB, ~30 small chunks with their headers).
 * Not yet 100 KB: this budget keeps what was won (it was 170 KB).
 */
const COLD_BUDGET = 125_000;
/** A repeat visit the same day: the page (its figures) again, everything else from the cache. */
const WARM_BUDGET = 25_000;

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
				// The map is on the screen (first paint) and the page is hydrated.
				await page.waitForSelector('canvas.first-paint[data-fills]', SLOW);
				await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
			});
		const cold = await visit();
		const onDemand = await transferred(page, () => reachForMap(page));
		const warm = await visit();
		const downloaded = warm.items.filter((i) => i.bytes > 0 && i.status !== 304);
		console.log(
			`page weight of /: cold ${cold.bytes} bytes in ${cold.requests} requests; Leaflet on demand ${onDemand.bytes} bytes in ${onDemand.requests}; warm ${warm.bytes} bytes in ${warm.requests}, downloaded again: ${downloaded.map((i) => `${new URL(i.url).pathname} ${i.bytes}`).join(', ')}`
		);
		expect(cold.bytes).toBeGreaterThan(10_000);
		expect(cold.bytes).toBeLessThanOrEqual(COLD_BUDGET);
		// Leaflet was not in the first visit, and came when asked for.
		expect(onDemand.bytes).toBeGreaterThan(20_000);
		expect(warm.bytes).toBeLessThanOrEqual(WARM_BUDGET);
		// Only the page itself (which carries the figures) comes again.
		expect(downloaded.map((i) => new URL(i.url).pathname)).toEqual(['/']);
		await context.close();
	});
});

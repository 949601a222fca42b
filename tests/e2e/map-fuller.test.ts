/**
 * The fuller map in a real browser: the colour classes change in the URL and on the map; the
 * period slider moves by keyboard and by play, writing the period into the URL (replaced, not
 * pushed) and repainting the map; an `as_of` choice draws an old period on today's units; and a
 * unit of the selected area's list is a link that opens its page. Screenshots are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, reachForMap } from '../support/browser';

const SLOW = { timeout: 90_000 };
const MAP = '.leaflet-container';
const SHOTS = 'test-results/map-fuller';

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** Waits until the map reports fills other than `previous`, and returns them. */
async function fillsChangedFrom(page: Page, previous: string | null): Promise<string> {
	await page.waitForFunction(
		({ selector, previous }) => {
			const fills = (document.querySelector(selector) as HTMLElement | null)?.dataset.fills;
			return !!fills && fills !== previous;
		},
		{ selector: MAP, previous },
		SLOW
	);
	return (await page.locator(MAP).getAttribute('data-fills'))!;
}

describe('the fuller public map', () => {
	let browser: Browser;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('changes the colour classes in the URL and on the map', async () => {
		const { page, errors } = await openPage(browser, '/?period=2024', {
			viewport: { width: 1280, height: 900 }
		});
		await reachForMap(page);
		const before = await page.locator(MAP).getAttribute('data-fills');
		const legendBefore = await page.locator('.legend').textContent();

		await page.selectOption('#classes', 'ckmeans');
		await page.waitForFunction(() => location.search.includes('classes=ckmeans'), null, SLOW);
		await fillsChangedFrom(page, before);
		expect(await page.locator('.legend').textContent()).not.toBe(legendBefore);
		// The no-data class stays in the legend.
		await expect(page.locator('.legend').textContent()).resolves.toContain('No data');
		await page.screenshot({ path: `${SHOTS}/classes-ckmeans.png`, fullPage: true });

		await page.selectOption('#classes', 'bands');
		await page.waitForFunction(() => !location.search.includes('classes='), null, SLOW);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 180_000);

	it('moves the period with the slider’s keyboard and with play, in the URL and on the map', async () => {
		const { page, errors } = await openPage(browser, '/?period=2024-Q1', {
			viewport: { width: 1280, height: 900 }
		});
		await reachForMap(page);
		const historyLength = await page.evaluate(() => history.length);
		const slider = page.getByRole('slider');
		const before = await page.locator(MAP).getAttribute('data-fills');

		await slider.focus();
		await page.keyboard.press('ArrowRight');
		await page.waitForFunction(() => location.search.includes('period=2024-Q2'), null, SLOW);
		const q2 = await fillsChangedFrom(page, before);
		// Focus stays on the slider, so the next key goes on from there.
		expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('range');

		// Halves: the step choice lands on the half holding the quarter.
		await page.getByLabel('Bước').selectOption('half');
		await page.waitForFunction(() => location.search.includes('period=2024-H1'), null, SLOW);

		await page.getByRole('button', { name: 'Chạy' }).click();
		await page.waitForFunction(() => location.search.includes('period=2024-H2'), null, SLOW);
		await fillsChangedFrom(page, q2);
		await page.waitForFunction(() => location.search.includes('period=2025-H1'), null, SLOW);
		await page.getByRole('button', { name: 'Dừng' }).click();
		await page.waitForTimeout(2000);
		expect(param(page, 'period')).toBe('2025-H1');
		// Replaced, not pushed: the back button does not step through the periods.
		expect(await page.evaluate(() => history.length)).toBe(historyLength);
		await page.screenshot({ path: `${SHOTS}/slider-2025-H1.png`, fullPage: true });
		expect(errors).toEqual([]);
		await page.context().close();
	}, 180_000);

	it('plays to the last period and stops there', async () => {
		const { page, errors } = await openPage(browser, '/?period=2025', {
			viewport: { width: 1280, height: 900 }
		});
		await reachForMap(page);
		const last = await page.getByRole('slider').getAttribute('max');
		await page.getByRole('button', { name: 'Chạy' }).click();
		await page.waitForFunction(() => location.search.includes('period=2026'), null, SLOW);
		await page.getByRole('button', { name: 'Chạy' }).waitFor(SLOW);
		expect(await page.getByRole('slider').inputValue()).toBe(last);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 180_000);

	it('draws an old period on today’s units, and opens a unit of the area’s list', async () => {
		const { page, errors } = await openPage(browser, '/?period=2024&parent=12', {
			viewport: { width: 1280, height: 900 }
		});
		await reachForMap(page);
		const before = await page.locator(MAP).getAttribute('data-fills');
		const codesBefore = Object.keys(JSON.parse(before!)).sort();

		const today = await page.locator('#as_of option').nth(1).getAttribute('value');
		await page.selectOption('#as_of', today!);
		await page.waitForFunction((d) => location.search.includes(`as_of=${d}`), today, SLOW);
		// Other units: today's 38 communes (codes reused from 2024's), once their shapes loaded.
		await page.waitForFunction(
			({ selector, count }) =>
				Object.keys(JSON.parse((document.querySelector(selector) as HTMLElement).dataset.fills!))
					.length !== count,
			{ selector: MAP, count: codesBefore.length },
			SLOW
		);
		const after = Object.keys(JSON.parse((await page.locator(MAP).getAttribute('data-fills'))!));
		expect(after.length).toBeLessThan(codesBefore.length);
		await page.screenshot({ path: `${SHOTS}/as-of-today.png`, fullPage: true });

		const list = page.locator('section.children');
		await expect(list.locator('h2').textContent()).resolves.toContain('Lai Châu');
		const first = list.locator('li a').first();
		const name = (await first.textContent())!.trim();
		await first.click();
		await page.waitForURL(/\/units\/\d+/, SLOW);
		await expect(page.locator('h1').textContent()).resolves.toContain(name);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 180_000);
});

/**
 * Accessibility in a real browser (issue 15, item 5): axe-core finds no violation of any impact
 * on the public pages, on a laptop and on a phone; the first stop of the keyboard on the map page
 * leads past the map to the table of figures, its documented equivalent; and without JavaScript
 * the map page draws the map as server SVG (one path per unit, titled with its name and figure)
 * above the table.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, baseURL, openPage, reachForMap, useBrowser } from '../support/browser';

const SLOW = { timeout: 90_000 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function json<T>(path: string): Promise<T> {
	const response = await fetch(new URL(path, baseURL()));
	expect(response.status, path).toBe(200);
	return (await response.json()) as T;
}

/** A commune in force today, from the API (not a code written here). */
async function aCommune(): Promise<string> {
	const units = await json<{ code: string; valid_to: string | null }[]>(
		'/api/v1/units?level=commune'
	);
	return units.find((u) => u.valid_to === null)!.code;
}

/** Waits until what scripts add is there: the interactive map on `/`, else the page settled. */
async function settled(page: Page, path: string) {
	if (path === '/' || path.startsWith('/?')) await reachForMap(page);
	await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
}

// The public pages axe checks; `:commune` is a commune in force, read from the API; the embed
// pages are framed elsewhere but checked here on their own.
const PAGES = [
	'/',
	'/?lang=en&indicator=service_index',
	'/methodology',
	'/areas/12',
	'/units/:commune',
	'/priorities',
	'/search?q=than%20uyen',
	'/compare?units=03388,03390',
	'/areas/12/brief',
	'/embed/map?indicator=on_time_rate&period=2024&level=commune',
	'/embed/chart?unit=:commune&indicator=on_time_rate'
];

describe('accessibility', () => {
	const browser = useBrowser();

	it.each(PAGES)('axe finds no violation on %s (laptop)', SLOW, async (path) => {
		const url = path.replace(':commune', await aCommune());
		const { page } = await openPage(browser(), url);
		await settled(page, url);
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});

	it('axe finds no violation on the map page on a phone', SLOW, async () => {
		const { page } = await openPage(browser(), '/', PHONE);
		await settled(page, '/');
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});

	it('the keyboard reaches the table past the map first', SLOW, async () => {
		const { page } = await openPage(browser(), '/');
		await settled(page, '/');
		// Skip to the content, then skip the map: the second stop of the page.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		const link = await page.evaluate(() => ({
			href: (document.activeElement as HTMLAnchorElement).getAttribute('href'),
			visible: (document.activeElement as HTMLElement).getBoundingClientRect().top >= 0
		}));
		expect(link).toEqual({ href: '#figures', visible: true });
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => location.hash === '#figures');
		expect(
			await page.evaluate(() => document.querySelectorAll('#figures table tbody tr').length)
		).toBeGreaterThan(10);
		await page.context().close();
	});
});

describe('the map page without JavaScript', () => {
	const browser = useBrowser();

	it('draws the map as SVG, one titled path per unit, above the table', SLOW, async () => {
		const view = 'indicator=on_time_rate&period=2025&level=commune';
		const { rows } = await json<{
			rows: { unit_code: string; unit_name: string; value: number | null }[];
		}>(`/api/v1/values?${view}`);
		const { page, errors } = await openPage(browser(), `/?${view}`, { javaScriptEnabled: false });
		// The map is the view's framable map (/embed/map) in a frame, loaded only without scripts.
		const frameElement = page.locator('.noscript-map iframe');
		await frameElement.waitFor();
		const layout = await page.evaluate(() => {
			const frame = document.querySelector('.noscript-map iframe')!;
			const table = document.querySelector('#figures table')!;
			return {
				src: frame.getAttribute('src'),
				title: frame.getAttribute('title'),
				mapAboveTable:
					frame.compareDocumentPosition(table) === Node.DOCUMENT_POSITION_FOLLOWING &&
					frame.getBoundingClientRect().bottom <= table.getBoundingClientRect().top,
				mapHeight: frame.getBoundingClientRect().height,
				tableRows: table.querySelectorAll('tbody tr').length,
				leafletShown: [...document.querySelectorAll('.map-card')].some(
					(el) => getComputedStyle(el).display !== 'none'
				)
			};
		});
		expect(layout.src).toMatch(/^\/embed\/map\?indicator=on_time_rate&period=2025&level=commune/);
		expect(layout.title).toContain('Tỷ lệ');
		const frame = (await frameElement.elementHandle())!;
		const inner = (await frame.contentFrame())!;
		await inner.waitForSelector('svg.svg-map path');
		const drawn = await inner.evaluate(() =>
			[...document.querySelectorAll('svg.svg-map path')].map((p) => ({
				code: p.getAttribute('data-code'),
				title: p.querySelector('title')?.textContent ?? '',
				d: (p.getAttribute('d') ?? '').length,
				target: p.closest('a')?.getAttribute('target') ?? null,
				href: p.closest('a')?.getAttribute('href') ?? ''
			}))
		);
		expect(drawn.map((p) => p.code).sort()).toEqual(rows.map((r) => r.unit_code).sort());
		for (const row of rows) {
			const path = drawn.find((p) => p.code === row.unit_code)!;
			expect(path.d).toBeGreaterThan(10);
			expect(path.title.startsWith(`${row.unit_name}: `), path.title).toBe(true);
			// The figure as the table writes it (vi-VN, one decimal), or that there is none.
			expect(path.title.slice(row.unit_name.length + 2)).toMatch(
				row.value === null ? /^không có số liệu/ : /^(<)?\d{1,3}(\.\d{3})*,\d%/
			);
			// A unit's page opens out of the frame.
			expect(path.href).toContain(`/units/${row.unit_code}`);
			expect(path.target).toBe('_blank');
		}
		expect(layout.mapAboveTable).toBe(true);
		expect(layout.mapHeight).toBeGreaterThan(150);
		expect(layout.tableRows).toBe(rows.length);
		expect(layout.leafletShown).toBe(false);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

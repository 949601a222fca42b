/**
 * Share and embed in a real browser: the link copied from the share menu opens the same view in
 * a fresh browser (indicator, period, classes in their control and legend, selected unit, map
 * position), and an embed page renders inside a frame of a page served from another origin,
 * where the map page itself is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launchBrowser, newContext, openPage, reachForMap } from '../support/browser';

const SLOW_MS = 120_000;
const MAP = '.leaflet-container';

/** Waits for the map to have framed its units and returns where it is (`ZOOM/LAT/LNG`). */
async function mapView(page: Page, previous?: string): Promise<string> {
	await page.waitForFunction(
		({ selector, previous }) => {
			const view = (document.querySelector(selector) as HTMLElement | null)?.dataset.view;
			return !!view && view !== previous;
		},
		{ selector: MAP, previous },
		{ timeout: 30_000 }
	);
	return (await page.locator(MAP).getAttribute('data-view'))!;
}

describe('share link', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it(
		'opens the same indicator, period, classes, selection and position in a fresh browser',
		async () => {
			const { page, errors } = await openPage(browser, '/?indicator=online_uptake&period=2025-Q3');
			await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
				origin: baseURL()
			});
			await reachForMap(page);
			await mapView(page);

			// Another indicator and period, through the controls.
			await page.selectOption('#indicator', 'on_time_rate');
			await page.waitForURL((url) => url.searchParams.get('indicator') === 'on_time_rate');
			await page.selectOption('#period', '2025-Q4');
			await page.waitForURL((url) => url.searchParams.get('period') === '2025-Q4');
			// The legend of this view in its default classes (bands), loaded as the copy will be.
			const legendOf = (p: Page) => p.locator('.legend').textContent();
			await page.reload({ waitUntil: 'load' });
			const bandsLegend = await legendOf(page);
			// Classes through the address (the control is tested in map-fuller.test.ts).
			await page.goto(`${page.url()}&classes=equal`, { waitUntil: 'load' });
			await reachForMap(page);
			const opening = await mapView(page);
			// Equal intervals key this view otherwise than its bands do, so the legend tells them apart.
			const equalLegend = await legendOf(page);
			expect(equalLegend).not.toBe(bandsLegend);

			// A unit selected from the table, and the map zoomed in.
			const row = page.locator('tbody tr[data-code]').nth(2);
			const code = (await row.getAttribute('data-code'))!;
			const name = (await row.locator('a').first().innerText()).trim();
			await row.hover();
			await page.waitForFunction((c) => location.hash.includes(`sel=${c}`), code);
			await page.locator('.leaflet-control-zoom-in').click();
			const zoomed = await mapView(page, opening);
			expect(Number(zoomed.split('/')[0])).toBeGreaterThan(Number(opening.split('/')[0]));
			await page.waitForFunction(() => location.hash.includes('map='));

			await page.locator('details.share summary').click();
			await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
			await expect
				.poll(() => page.locator('details.share [role="status"]').innerText())
				.toBe('Đã sao chép liên kết');
			const shown = await page.locator('input[data-share-link]').inputValue();
			const copied = await page.evaluate(() => navigator.clipboard.readText());
			expect(copied).toBe(shown);
			const link = new URL(copied);
			expect(link.searchParams.get('indicator')).toBe('on_time_rate');
			expect(link.searchParams.get('period')).toBe('2025-Q4');
			expect(link.searchParams.get('classes')).toBe('equal');
			expect(link.hash).toContain(`sel=${code}`);
			expect(link.hash).toContain(`map=${zoomed}`);
			expect(errors).toEqual([]);

			// A fresh browser context (no state shared), opening the copied link.
			const context = await newContext(browser);
			const fresh = await context.newPage();
			await fresh.goto(copied, { waitUntil: 'load' });
			expect(await fresh.locator('#indicator').inputValue()).toBe('on_time_rate');
			expect(await fresh.locator('#period').inputValue()).toBe('2025-Q4');
			expect(await mapView(fresh)).toBe(zoomed);
			// The classes: chosen in their control and keying the map in the legend.
			expect(await fresh.locator('#classes').inputValue()).toBe('equal');
			expect(await legendOf(fresh)).toBe(equalLegend);
			// The selected unit is outlined and its card shown on the map.
			await expect
				.poll(() => fresh.locator('.map-card .tooltip').innerText(), { timeout: 20_000 })
				.toContain(name);
			// The pictures and embed of the fresh page are of the same view, classes included.
			await fresh.locator('details.share summary').click();
			const svg = new URL(
				(await fresh.locator('a[data-picture="svg"]').getAttribute('href'))!,
				baseURL()
			);
			expect(Object.fromEntries(svg.searchParams)).toEqual({
				indicator: 'on_time_rate',
				period: '2025-Q4',
				level: 'commune',
				classes: 'equal'
			});
			expect(await fresh.locator('textarea[data-embed-code]').inputValue()).toContain(
				'/embed/map?indicator=on_time_rate&amp;period=2025-Q4&amp;level=commune&amp;classes=equal'
			);
			expect(await fresh.locator('input[data-share-link]').inputValue()).toBe(copied);
			await context.close();
			await page.context().close();
		},
		SLOW_MS
	);
});

describe('embed', () => {
	let browser: Browser;
	let host: Server;
	let hostOrigin: string;
	beforeAll(async () => {
		browser = await launchBrowser();
		// Another origin (another port): a page that frames what it is asked to.
		host = createServer((request, response) => {
			const src = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
			const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
			response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			response.end(
				`<!doctype html><html lang="en"><title>host</title><iframe src="${escaped}" width="800" height="700"></iframe></html>`
			);
		});
		await new Promise<void>((done) => host.listen(0, '127.0.0.1', done));
		// Another port is another origin: 'self' does not cover it.
		hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await browser?.close();
		await new Promise((done) => host?.close(done));
	});

	async function framed(path: string) {
		const context = await newContext(browser);
		const page = await context.newPage();
		const src = new URL(path, baseURL()).href;
		await page.goto(`${hostOrigin}/?src=${encodeURIComponent(src)}`, { waitUntil: 'load' });
		return { context, page, frame: page.frameLocator('iframe') };
	}

	it(
		'renders the embedded map and chart in a frame of another origin, and not the map page',
		async () => {
			const map = await framed('/embed/map?indicator=online_uptake&period=2025-Q3');
			await expect
				.poll(() => map.frame.locator('path[data-code]').count(), { timeout: 20_000 })
				.toBeGreaterThan(10);
			expect(await map.frame.locator('h1').innerText()).toBe('Tỷ lệ hồ sơ trực tuyến');
			expect(await map.frame.locator('a[data-full-view]').getAttribute('href')).toContain(
				'/?indicator=online_uptake&period=2025-Q3&level=commune'
			);
			await map.context.close();

			const code = (
				(await (
					await fetch(new URL('/api/v1/values?indicator=online_uptake&period=2025-Q3', baseURL()))
				).json()) as { rows: { unit_code: string }[] }
			).rows[0].unit_code;
			const chart = await framed(`/embed/chart?unit=${code}&indicator=online_uptake`);
			await expect
				.poll(() => chart.frame.locator('main svg').count(), { timeout: 20_000 })
				.toBeGreaterThan(0);
			expect(await chart.frame.locator('h1').innerText()).toContain('Tỷ lệ hồ sơ trực tuyến');
			await chart.context.close();

			// The map page refuses to be framed: the frame stays without its content.
			const refused = await framed('/?indicator=online_uptake&period=2025-Q3');
			await refused.page.waitForTimeout(1500);
			expect(await refused.frame.locator('#indicator').count()).toBe(0);
			await refused.context.close();
		},
		SLOW_MS
	);
});

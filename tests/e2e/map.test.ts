/**
 * The public map in a real browser: the first paint draws the choropleth before the page's
 * scripts run (and they wait for it, within a bound), and the map that takes over shows the same
 * colours on the same view; a change of indicator updates the URL and repaints the polygons in
 * place (same canvas, shapes downloaded once), and the figures table is in the server's HTML for
 * readers without JavaScript.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, newContext, openPage, reachForMap, useBrowser } from '../support/browser';

// Generous: a shared CI machine may be slow to start Chromium and paint.
const SLOW = { timeout: 90_000 };

const MAP = '.leaflet-container';

/** The fills the choropleth reports having painted (code → colour). */
async function fills(page: Page): Promise<Record<string, string>> {
	const text = await page.locator(MAP).getAttribute('data-fills');
	return JSON.parse(text ?? '{}');
}

/**
 * Pixels of the map canvas that differ from the last snapshot (all of them on the first call),
 * after letting Leaflet's scheduled redraw happen. Compared in the page: shipping millions of
 * RGBA values to Node is slow.
 */
async function changedPixels(page: Page): Promise<number> {
	return page.evaluate(async (selector) => {
		await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
		const canvas = document.querySelector(`${selector} canvas`) as HTMLCanvasElement;
		const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
		const store = window as unknown as { __pixels?: Uint8ClampedArray };
		const previous = store.__pixels;
		store.__pixels = data;
		if (!previous || previous.length !== data.length) return data.length / 4;
		let changed = 0;
		for (let i = 0; i < data.length; i += 4) {
			if (
				data[i] !== previous[i] ||
				data[i + 1] !== previous[i + 1] ||
				data[i + 2] !== previous[i + 2]
			)
				changed++;
		}
		return changed;
	}, MAP);
}

/**
 * Compares two screenshots of the same size in the page (two base64 PNGs): the share of pixels
 * of the first that are not the map's paper background, and the share that differ between them
 * by more than a rounding of colour.
 */
async function comparePictures({ a, b }: { a: string; b: string }): Promise<{
	painted: number;
	differing: number;
}> {
	const pixels = async (data: string) => {
		const image = new Image();
		image.src = `data:image/png;base64,${data}`;
		await image.decode();
		const canvas = new OffscreenCanvas(image.width, image.height);
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(image, 0, 0);
		return ctx.getImageData(0, 0, image.width, image.height).data;
	};
	const [p, q] = await Promise.all([pixels(a), pixels(b)]);
	let painted = 0;
	let differing = 0;
	for (let i = 0; i < p.length; i += 4) {
		// The map's paper tone, #f4f5f2.
		if (Math.abs(p[i] - 0xf4) + Math.abs(p[i + 1] - 0xf5) + Math.abs(p[i + 2] - 0xf2) > 12)
			painted++;
		if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 24)
			differing++;
	}
	return { painted: painted / (p.length / 4), differing: differing / (p.length / 4) };
}

describe('public map', () => {
	const browser = useBrowser();

	it('draws the choropleth and repaints it in place when the indicator changes', async () => {
		const { page, errors } = await openPage(browser(), '/');
		await reachForMap(page);
		const geometryRequests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/api/v1/geometry')) geometryRequests.push(request.url());
		});
		const beforeText = await page.locator(MAP).getAttribute('data-fills');
		const before = await fills(page);
		expect(Object.keys(before).length).toBeGreaterThan(10);
		for (const colour of Object.values(before)) expect(colour).toMatch(/^#[0-9a-f]{6}$/i);
		await changedPixels(page);
		const builds = await page.locator(MAP).getAttribute('data-builds');

		await page.selectOption('#indicator', 'dossier_volume');
		// The URL is replaced in place (history.replaceState), not loaded: poll it.
		await page.waitForFunction(
			() => new URLSearchParams(location.search).get('indicator') === 'dossier_volume',
			null,
			SLOW
		);
		await page.waitForFunction(
			({ selector, previous }) =>
				(document.querySelector(selector) as HTMLElement).dataset.fills !== previous,
			{ selector: MAP, previous: beforeText },
			SLOW
		);
		const after = await fills(page);

		const url = new URL(page.url());
		expect(url.searchParams.get('indicator')).toBe('dossier_volume');
		expect(url.searchParams.get('period')).toMatch(/^\d{4}/);
		expect(url.searchParams.get('level')).toBe('commune');
		expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
		expect(
			Object.keys(after).filter((code) => after[code] !== before[code]).length
		).toBeGreaterThan(0);

		expect(await changedPixels(page)).toBeGreaterThan(0);

		// Restyled, not rebuilt: the polygons were built once, and the shapes not fetched again.
		expect(await page.locator(MAP).getAttribute('data-builds')).toBe(builds);
		expect(geometryRequests).toEqual([]);

		await expect(page.locator('.summary[aria-live="polite"]').textContent()).resolves.toContain(
			'Số hồ sơ tiếp nhận'
		);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 180_000);

	it('starts the shapes download with the document and fetches them once', async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		const requests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/api/v1/geometry')) requests.push(request.url());
		});
		await page.goto('/', { waitUntil: 'commit' });
		await reachForMap(page);
		// In the document's head, so the browser asks for it before any script runs (the link
		// leaves with the first paint once the map has drawn: read the page as it came) …
		const html = await (await fetch(new URL('/', baseURL()))).text();
		const head = html.slice(0, html.indexOf('</head>'));
		const href = /<link rel="preload" as="fetch"[^>]* href="([^"]+)"/
			.exec(head)?.[1]
			.replaceAll('&amp;', '&');
		expect(href).toMatch(/^\/api\/v1\/geometry\?at=\d{4}-\d{2}-\d{2}&format=binary$/);
		// The first paint's script comes right after its canvas, a plain script the parser runs
		// when it gets there (in the head, `async`, it ran only once the page was parsed).
		expect(html).toMatch(
			/<canvas class="first-paint[^>]*><\/canvas>\s*(<!--[^>]*-->)*<script src="[^"]+" data-geometry="[^"]+"><\/script>/
		);
		// … and the first paint's fetch takes that response, the map the shapes it read.
		expect(requests).toHaveLength(1);
		expect(new URL(requests[0]).pathname + new URL(requests[0]).search).toBe(href);
		await context.close();
	}, 120_000);

	it("paints the choropleth before the page's scripts run, as the map then draws it", async () => {
		const context = await newContext(browser());
		// The page without its application scripts: only the first paint can draw.
		const first = await context.newPage();
		await first.route(/\/_app\/immutable\/(entry|nodes|chunks)\//, (route) => route.abort());
		await first.goto('/?indicator=on_time_rate&period=2024-Q3', { waitUntil: 'commit' });
		const canvas = first.locator('canvas.first-paint[data-fills]');
		await canvas.waitFor({ state: 'attached', ...SLOW });
		const painted = JSON.parse((await canvas.getAttribute('data-fills')) ?? '{}');
		expect(await first.locator('.leaflet-container').count()).toBe(0);
		expect(Object.keys(painted)).toHaveLength(106);
		for (const colour of Object.values(painted)) expect(colour).toMatch(/^#[0-9a-f]{6}$/i);
		// Not a blank canvas: most of the map area is painted.
		const box = (await first.locator('.map-card').boundingBox())!;
		const picture = await first.screenshot({ clip: box });

		// The whole page: the map takes over with the same fills, on the same view, and the
		// first paint is gone.
		const full = await context.newPage();
		await full.goto('/?indicator=on_time_rate&period=2024-Q3');
		await reachForMap(full);
		expect(JSON.parse((await full.locator(MAP).getAttribute('data-fills')) ?? '{}')).toEqual(
			painted
		);
		await expect(full.locator('canvas.first-paint').count()).resolves.toBe(0);
		await full.evaluate(
			() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
		);
		const drawn = await full.screenshot({ clip: box });
		const { painted: share, differing } = await full.evaluate(comparePictures, {
			a: picture.toString('base64'),
			b: drawn.toString('base64')
		});
		expect(share).toBeGreaterThan(0.2);
		// The zoom buttons and the outline of a unit under nothing: a few pixels at most.
		expect(differing).toBeLessThan(0.03);
		await context.close();
	}, 180_000);

	it('hydrates once the first paint has drawn, and no later than a second while the shapes are slow', async () => {
		// When the picture and the map's container first appear, by the page's clock.
		const watch = () => {
			const seen: Record<string, number> = {};
			Object.assign(window, { __seen: seen });
			new MutationObserver(() => {
				if (!seen.picture && document.querySelector('canvas.first-paint[data-fills]'))
					seen.picture = performance.now();
				if (!seen.map && document.querySelector('.leaflet-container')) seen.map = performance.now();
			}).observe(document, { subtree: true, childList: true, attributes: true });
		};
		// The shapes arrive 600 ms late: the app waits for the picture before it hydrates.
		const late = await newContext(browser());
		const page = await late.newPage();
		await page.addInitScript(watch);
		await page.route(/\/api\/v1\/geometry/, async (route) => {
			await new Promise((done) => setTimeout(done, 600));
			await route.continue();
		});
		await page.goto('/');
		await reachForMap(page);
		const seen = await page.evaluate(
			() => (window as unknown as { __seen: Record<string, number> }).__seen
		);
		expect(seen.picture).toBeGreaterThan(0);
		expect(seen.picture).toBeLessThan(seen.map);
		await late.close();

		// The shapes do not come until the app is running: it waits for them, but not for long.
		// Hydration shows in the controls, which the app opens on a wide screen.
		const stuck = await newContext(browser());
		const slow = await stuck.newPage();
		await slow.addInitScript(() => {
			const seen: Record<string, number> = {};
			Object.assign(window, { __seen: seen });
			document.addEventListener('DOMContentLoaded', () => (seen.parsed = performance.now()));
			new MutationObserver(() => {
				if (!seen.hydrated && document.querySelector('details.controls[open]'))
					seen.hydrated = performance.now();
			}).observe(document, { subtree: true, attributes: true, childList: true });
		});
		let release = () => {};
		const held = new Promise<void>((done) => (release = done));
		await slow.route(/\/api\/v1\/geometry/, async (route) => {
			await held;
			await route.continue();
		});
		await slow.goto('/', { waitUntil: 'commit' });
		await slow.waitForSelector('details.controls[open]', { state: 'attached', timeout: 15_000 });
		const waited = await slow.evaluate(
			() => (window as unknown as { __seen: Record<string, number> }).__seen
		);
		// Held for the first paint's second (counted from the app's start, just before the
		// parse ends), then hydrated without it.
		expect(waited.hydrated - waited.parsed).toBeGreaterThan(800);
		release();
		await reachForMap(slow);
		await stuck.close();
	}, 180_000);

	it('shows a tooltip with the figure when a table row is focused', async () => {
		const { page, errors } = await openPage(browser(), '/?indicator=on_time_rate&period=2024-Q3');
		await reachForMap(page);
		const link = page.locator('#figures tbody th a').first();
		const name = (await link.textContent())!.trim();
		await link.focus();
		const tooltip = page.locator('.tooltip');
		await expect(tooltip.textContent()).resolves.toContain(name);
		// vi-VN counts behind the rate: "1.234/1.250 hồ sơ" (or fewer digits).
		await expect(tooltip.textContent()).resolves.toMatch(/\d+\/[\d.]+ hồ sơ/);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 180_000);

	it('puts the map first on a phone from the first byte, and the controls beside it on a wide screen', async () => {
		const phone = { viewport: { width: 360, height: 740 } };
		// As the server sends it: the controls folded, the map's top on the first screen.
		const still = await openPage(browser(), '/', { ...phone, javaScriptEnabled: false });
		await expect(still.page.locator('#indicator').isVisible()).resolves.toBe(false);
		const top = (await still.page.locator('.map-area').boundingBox())!.y;
		expect(top).toBeLessThan(740 / 2);
		await still.page.context().close();
		// Running, it stays where it was: nothing unfolds above it.
		const running = await openPage(browser(), '/', phone);
		await reachForMap(running.page);
		expect((await running.page.locator('.map-area').boundingBox())!.y).toBe(top);
		await expect(running.page.locator('#indicator').isVisible()).resolves.toBe(false);
		await running.page.click('details.controls summary');
		await expect(running.page.locator('#indicator').isVisible()).resolves.toBe(true);
		await running.page.context().close();
		// A wide screen shows the controls as a sidebar before any script runs.
		const wide = await openPage(browser(), '/', { javaScriptEnabled: false });
		await expect(wide.page.locator('#indicator').isVisible()).resolves.toBe(true);
		await expect(wide.page.locator('details.controls summary').isVisible()).resolves.toBe(false);
		await wide.page.context().close();
	}, 180_000);

	it('serves the figures table in the HTML, usable without JavaScript', async () => {
		const response = await fetch(new URL('/?indicator=on_time_rate&sort=-value', baseURL()));
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<table');
		expect(html).toMatch(/<tbody[^>]*>[\s\S]*<a [^>]*href="[.]?\/units\/\d{2,5}\?period=/);

		const { page } = await openPage(browser(), '/?indicator=on_time_rate&sort=-value', {
			javaScriptEnabled: false
		});
		const rows = page.locator('#figures tbody tr');
		expect(await rows.count()).toBeGreaterThan(10);
		await expect(page.locator('form.controls button[type="submit"]').isVisible()).resolves.toBe(
			true
		);
		// The server sorted by value, descending.
		const values = await page
			.locator('#figures tbody td.value')
			.evaluateAll((cells) =>
				cells.map((c) => Number((c.textContent ?? '').replace(/[^\d,]/g, '').replace(',', '.')))
			);
		const known = values.filter((v) => !Number.isNaN(v) && v > 0);
		expect(known.length).toBeGreaterThan(1);
		expect(known[0]).toBeGreaterThanOrEqual(known[known.length - 1]);
		await page.context().close();
	}, 120_000);
});

/**
 * The map by keyboard in Chromium, on the canvas renderer: Tab to the map, the arrow keys move a
 * selection to a unit lying that way (checked against the units' shapes from the geometry API),
 * the selection is outlined with its card and said aloud (aria-live) by name and figure, Escape
 * clears it, Enter opens the selected unit's page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, openPage, useBrowser } from '../support/browser';

const SLOW = { timeout: 90_000 };
const MAP = '.leaflet-container';

interface Feature {
	properties: { code: string; name: string };
	geometry: { coordinates: unknown };
}

/** Web Mercator world y of a latitude (0 at the top), as the map projects. */
const worldY = (lat: number) => {
	const sin = Math.sin((lat * Math.PI) / 180);
	return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
};

/** Each unit's bounding-box centre in world units (x east, y south), and its name. */
async function centres(): Promise<Map<string, { x: number; y: number; name: string }>> {
	const res = await fetch(new URL('/api/v1/geometry?level=commune&period=2024-Q3', baseURL()));
	expect(res.status).toBe(200);
	const { features } = (await res.json()) as { features: Feature[] };
	const out = new Map<string, { x: number; y: number; name: string }>();
	for (const f of features) {
		const points = (JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?/g) ?? []).map(
			Number
		);
		let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
		for (let i = 0; i < points.length; i += 2) {
			w = Math.min(w, points[i]);
			e = Math.max(e, points[i]);
			s = Math.min(s, points[i + 1]);
			n = Math.max(n, points[i + 1]);
		}
		out.set(f.properties.code, {
			x: (w + e) / 720 + 0.5,
			y: (worldY(n) + worldY(s)) / 2,
			name: f.properties.name
		});
	}
	return out;
}

const selected = (page: Page) => page.locator(MAP).getAttribute('data-selected');
const said = async (page: Page) =>
	((await page.locator('[data-map-announce]').textContent()) ?? '').trim();

describe('the map by keyboard', () => {
	const browser = useBrowser();

	it('moves between neighbours with the arrows, says and outlines the unit, opens it with Enter', async () => {
		const units = await centres();
		const { page, errors } = await openPage(browser(), '/?indicator=on_time_rate&period=2024-Q3');
		// Leaflet comes when the reader reaches for the map: here by keyboard focus. Before
		// hydration nothing listens yet, so leave and come back, as a reader would, until it loads.
		const reaching = Date.now();
		while (!(await page.locator(MAP).count())) {
			if (Date.now() - reaching > 60_000) throw new Error('focus on the map never loaded Leaflet');
			await page.locator('body').focus();
			await page.focus('.map-card .map');
			await page.waitForSelector(MAP, { timeout: 1_000, state: 'attached' }).catch(() => {});
		}
		await page.waitForSelector(`${MAP}[data-ready="true"]`, SLOW);
		const map = page.locator(MAP);
		await map.focus();
		await expect(map.getAttribute('aria-describedby')).resolves.toBe('map-keys-hint');
		await expect(page.locator('#map-keys-hint').isVisible()).resolves.toBe(true);
		const centre = await page.evaluate(
			(s) =>
				(document.querySelector(s) as HTMLElement).querySelector<HTMLElement>('.leaflet-map-pane')
					?.style.transform,
			MAP
		);

		// The first arrow selects a unit; each next one moves that way.
		await page.keyboard.press('ArrowRight');
		let code = await selected(page);
		expect(code).toMatch(/^\d{5}$/);
		const moves: [string, (a: { x: number; y: number }, b: { x: number; y: number }) => boolean][] =
			[
				['ArrowRight', (a, b) => b.x > a.x],
				['ArrowDown', (a, b) => b.y > a.y],
				['ArrowLeft', (a, b) => b.x < a.x],
				['ArrowUp', (a, b) => b.y < a.y]
			];
		let moved = 0;
		for (const [key, lies] of moves) {
			const from = units.get(code!)!;
			await page.keyboard.press(key);
			const next = await selected(page);
			if (next === code) {
				// Nothing that way: said so.
				await expect(said(page)).resolves.toMatch(/Không còn đơn vị nào/);
				continue;
			}
			moved++;
			expect(lies(from, units.get(next!)!), `${key}: ${code} → ${next}`).toBe(true);
			code = next;
			// Said by name and figure; its card shown over the map.
			const text = await said(page);
			expect(text.startsWith(`${units.get(code!)!.name}: `), text).toBe(true);
			await expect(page.locator('.tooltip').textContent()).resolves.toContain(
				units.get(code!)!.name
			);
		}
		expect(moved).toBeGreaterThanOrEqual(3);
		// Arrow keys moved the selection, not the map (Leaflet pans on them otherwise): every unit
		// is in view on the opening frame, so nothing needed bringing into view.
		expect(
			await page.evaluate(
				(s) =>
					(document.querySelector(s) as HTMLElement).querySelector<HTMLElement>('.leaflet-map-pane')
						?.style.transform,
				MAP
			)
		).toBe(centre);

		// Escape clears the selection and what was said.
		await page.keyboard.press('Escape');
		await expect(selected(page)).resolves.toBeNull();
		await expect(said(page)).resolves.toBe('');

		// Enter opens the selected unit.
		await page.keyboard.press('ArrowLeft');
		const chosen = await selected(page);
		await page.keyboard.press('Enter');
		await page.waitForURL(new RegExp(`/units/${chosen}`), SLOW);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 180_000);
});

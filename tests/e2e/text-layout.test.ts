/**
 * Text and layout that only a running browser shows: the map's how-to appears once the map
 * works and names the level it draws; the tooltip stays on a 360 px screen wherever the pointer
 * is; the language link's accessible name is its visible text.
 */
import { describe, expect, it } from 'vitest';
import { openPage, reachForMap, useBrowser } from '../support/browser';

const MAP = '.leaflet-container';

describe('text and layout', () => {
	const browser = useBrowser();

	it('tells how to use a district map once it works, naming districts', async () => {
		const { page, errors } = await openPage(browser(), '/?level=district&period=2024-Q3');
		await reachForMap(page);
		const hint = page.locator('p.hint', { hasText: 'Di chuột' });
		await hint.waitFor({ state: 'visible', timeout: 10_000 });
		const text = (await hint.textContent()) ?? '';
		expect(text).toContain('huyện');
		expect(text).not.toMatch(/\bxã\b/);
		// The language link is named by what it shows.
		await expect(page.getByRole('link', { name: 'English', exact: true }).count()).resolves.toBe(1);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 120_000);

	it('keeps the tooltip inside a 360 px screen wherever the pointer is on the map', async () => {
		const width = 360;
		const height = 740;
		const { page, errors } = await openPage(browser(), '/?indicator=on_time_rate&period=2024-Q3', {
			viewport: { width, height }
		});
		await reachForMap(page);
		const box = (await page.locator(MAP).boundingBox())!;
		const tooltip = page.locator('.tooltip');
		let seen = 0;
		for (const fx of [0.1, 0.3, 0.45, 0.55, 0.7, 0.9])
			for (const fy of [0.3, 0.5, 0.7]) {
				await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
				if (!(await tooltip.count())) continue;
				// Measured, then shown: wait for it to be visible before reading its place.
				await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
				await page.evaluate(
					() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
				);
				const t = (await tooltip.boundingBox())!;
				const where = `pointer at ${fx}, ${fy}: ${JSON.stringify(t)}`;
				expect(t.x, where).toBeGreaterThanOrEqual(0);
				expect(t.x + t.width, where).toBeLessThanOrEqual(width);
				expect(t.y, where).toBeGreaterThanOrEqual(box.y);
				expect(t.y + t.height, where).toBeLessThanOrEqual(Math.min(height, box.y + box.height));
				seen++;
			}
		expect(seen).toBeGreaterThan(3);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 120_000);
});

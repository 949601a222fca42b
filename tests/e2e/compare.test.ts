/**
 * The compare page in Chromium: open a comparison of Lai Châu communes (charts and their tables),
 * change the periods of a two-period comparison with the form, follow a commune from the table to
 * its page, and come from a commune's page through "So sánh với…". With JavaScript disabled, the
 * figures are all there as tables. Screenshots are kept in test-results/compare/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';

const SHOTS = 'test-results/compare';

describe('compare in the browser', () => {
	let browser: Browser;
	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launchBrowser();
	});
	afterAll(async () => browser?.close());

	it('opens units side by side, changes periods, follows a link', async () => {
		const { page, errors } = await openPage(browser, '/compare?units=03595,03618,03388');
		await expect.poll(() => page.locator('h1').textContent()).toBe('So sánh');
		expect(await page.locator('article.multiple').count()).toBe(8);
		expect(await page.locator('article.multiple svg.multi-line').count()).toBe(8);
		// Every chart has a line per unit.
		expect(
			await page.locator('article[data-indicator="on_time_rate"] g.unit path.line').count()
		).toBeGreaterThanOrEqual(3);
		await page.screenshot({ path: `${SHOTS}/units.png`, fullPage: true });

		// Two periods with the form.
		await page.fill('form.periods input[name="period"]', '2022');
		await page.fill('form.periods input[name="with"]', '2024');
		await page.selectOption('form.periods select[name="indicator"]', 'on_time_rate');
		await page.fill('form.periods input[name="parent"]', '12');
		await Promise.all([page.waitForURL(/with=2024/), page.click('form.periods button')]);
		expect(page.url()).toMatch(/period=2022/);
		await expect.poll(() => page.locator('figure[data-map] svg path').count()).toBeGreaterThan(90);
		expect(await page.locator('table.periods tbody tr').count()).toBeGreaterThan(30);
		await page.screenshot({ path: `${SHOTS}/periods-2022-2024.png`, fullPage: true });

		// Follow a commune from the table.
		const first = page.locator('table.periods tbody th a').first();
		const name = (await first.textContent())!.trim();
		await Promise.all([page.waitForURL(/\/units\/\d{5}/), first.click()]);
		await expect.poll(() => page.locator('h1').textContent()).toBe(name);

		// From a commune's page, "So sánh với…" opens the form with the commune in it.
		await page.goto(new URL('/units/03595?period=2025-Q4', page.url()).href);
		await Promise.all([
			page.waitForURL(/\/compare\?base=03595/),
			page.click('a:has-text("So sánh với…")')
		]);
		expect(await page.inputValue('form.units input[name="units"]')).toBe('03595, ');
		await page.fill('form.units input[name="units"]', '03595, Mường Than');
		await Promise.all([page.waitForURL(/units=03595%2C\d{5}/), page.click('form.units button')]);
		expect(await page.locator('ul.key li').count()).toBe(2);
		await page.screenshot({ path: `${SHOTS}/from-commune.png`, fullPage: true });
		expect(errors).toEqual([]);
	});

	it('shows every figure as a table with JavaScript disabled', async () => {
		const { page } = await openPage(browser, '/compare?units=03595,03618&grain=year', {
			javaScriptEnabled: false
		});
		const cells = page.locator('table[data-indicator="service_index"] td[data-unit="03595"]');
		expect(await cells.count()).toBeGreaterThanOrEqual(5);
		expect((await cells.allTextContents()).some((t) => /^\d+,\d$/.test(t))).toBe(true);
		const periods = await openPage(
			browser,
			'/compare?period=2021&with=2024&indicator=on_time_rate&parent=12',
			{ javaScriptEnabled: false }
		);
		const changes = await periods.page.locator('table.periods td.change').allTextContents();
		expect(changes.filter((t) => /^[+−]?\d+,\d$/.test(t)).length).toBeGreaterThan(30);
		await periods.page.screenshot({ path: `${SHOTS}/periods-no-js.png`, fullPage: true });
	});
});

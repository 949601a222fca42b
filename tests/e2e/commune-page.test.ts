/**
 * Issue 14, item 6: a person on a commune's page sees the service index in the six groups of
 * Decision 766, the rank, the monthly reporting and the infrastructure inventory; changing the
 * period redraws them for that period (with scripts, and without by the form's button); the
 * parent's area overview is one link away. Screenshots are kept in test-results/commune-page/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';

const BREAKDOWN = 'section[aria-labelledby="breakdown-title"]';
const SHOTS = 'test-results/commune-page';

/** What the sections say: the breakdown's heading, the groups' points, the strip's months. */
async function sections(page: Page) {
	return {
		title: await page.locator('#breakdown-title').textContent(),
		points: await page.locator(`${BREAKDOWN} .points`).allTextContents(),
		months: await page
			.locator('.strip li')
			.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-month'))),
		inventory: await page.locator('#inventory-title').textContent()
	};
}

describe('commune page, in a browser', () => {
	let browser: Browser;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('shows the breakdown, rank, reporting and inventory, and follows a change of period', async () => {
		const { page, errors } = await openPage(browser, '/units/03595?period=2025-Q4');
		const before = await sections(page);
		expect(before.title).toBe('Chỉ số phục vụ theo 6 nhóm của Quyết định 766, Quý 4/2025');
		expect(before.points).toHaveLength(6);
		expect(before.points.every((p) => /^\s*\d+,\d\/\d+ điểm\s*$/.test(p))).toBe(true);
		expect(before.months).toHaveLength(12);
		expect(before.months.at(-1)).toBe('2025-12');
		expect(await page.locator('dd.rank').textContent()).toMatch(
			/^Tỷ lệ hồ sơ trực tuyến: hạng \d+\/38 trong tỉnh$/
		);
		// The bars are drawn: the longest group (digitisation, 22 points) fills its cell's width.
		const widths = await page
			.locator(`${BREAKDOWN} .track`)
			.evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
		expect(Math.max(...widths)).toBe(widths[4]);
		expect(widths[0]).toBeGreaterThan(0);
		await page.screenshot({ path: `${SHOTS}/than-uyen-2025-Q4.png`, fullPage: true });

		await page.selectOption('#period', '2024-Q3');
		await page.waitForURL(/period=2024-Q3/);
		await expect.poll(() => page.locator('#breakdown-title').textContent()).toContain('Quý 3/2024');
		const after = await sections(page);
		expect(after.months.at(-1)).toBe('2024-09');
		expect(after.inventory).toBe('Hạ tầng số, Quý 3/2024');
		expect(after.points).toHaveLength(6);
		await page.screenshot({ path: `${SHOTS}/than-uyen-2024-Q3.png`, fullPage: true });
		expect(errors).toEqual([]);
	});

	it('changes the period without JavaScript through the form’s button', async () => {
		const { page } = await openPage(browser, '/units/03618?period=2024-Q3', {
			javaScriptEnabled: false
		});
		expect(await page.locator(`${BREAKDOWN} tbody tr`).count()).toBe(6);
		expect(await page.locator('dd.rank').textContent()).toMatch(/hạng \d+\/\d+ trong huyện/);
		await page.selectOption('#period', '2024-Q1');
		await Promise.all([
			page.waitForURL(/period=2024-Q1/),
			page.click('form.period:has(#period) button[type="submit"]')
		]);
		expect(await page.locator('#breakdown-title').textContent()).toContain('Quý 1/2024');
		expect(await page.locator('.strip li').last().getAttribute('data-month')).toBe('2024-03');
	});

	it('links up to the area overview of the parent for the period', async () => {
		const { page, errors } = await openPage(browser, '/units/03595?period=2025-Q4');
		const link = page.locator('a.area');
		expect(await link.textContent()).toBe('Tổng quan Tỉnh Lai Châu');
		expect(errors).toEqual([]);
		await link.click();
		// The overview may not be built yet (another branch): only where the link leads is ours.
		await page.waitForURL(/\/areas\/12\?period=2025-Q4$/);
	});
});

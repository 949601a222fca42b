/**
 * The area brief in Chromium: followed from the area page, its figures shown with JavaScript
 * off, its print button shown with JavaScript on, and — the acceptance line of issue 14 — its
 * print-to-PDF on exactly one A4 page, for the province and for a pre-2025 district. The page
 * count is read from the PDF's page objects; the same counter must find more than one page in
 * the (long) area overview, so it can fail. Screenshots and PDFs are kept in
 * test-results/area-brief/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';

const OUT = 'test-results/area-brief';

/** Pages of a PDF: its `/Type /Page` objects (not `/Pages`, the tree's nodes). */
function pageCount(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

async function printed(page: Page, name: string): Promise<number> {
	const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
	writeFileSync(`${OUT}/${name}.pdf`, pdf);
	return pageCount(pdf);
}

describe('area brief in the browser', () => {
	let browser: Browser;
	beforeAll(async () => {
		mkdirSync(OUT, { recursive: true });
		browser = await launchBrowser();
	});
	afterAll(async () => browser?.close());

	it.each([
		{ code: '12', period: '2024', name: 'Tỉnh Lai Châu' },
		{ code: '110', period: '2024-H2', name: 'Huyện Than Uyên' }
	])('prints $code for $period on exactly one A4 page', async ({ code, period, name }) => {
		const { page, errors } = await openPage(browser, `/areas/${code}?period=${period}`, {
			javaScriptEnabled: false
		});
		await Promise.all([
			page.waitForURL(/\/brief\?/),
			page.getByRole('link', { name: 'Bản tóm tắt để in' }).click()
		]);
		expect(page.url()).toContain(`/areas/${code}/brief?period=${period}`);
		await expect.poll(() => page.locator('h1').textContent()).toBe(name);
		// Without JavaScript: every figure is there, the print button (which needs it) is not.
		expect(await page.locator('article.tile').count()).toBe(8);
		expect(await page.locator('section[aria-labelledby="best"] tbody tr').count()).toBe(5);
		expect(await page.locator('section[aria-labelledby="weakest"] tbody tr').count()).toBe(5);
		expect(await page.locator('section[aria-labelledby="changes"] tbody tr').count()).toBe(3);
		expect(await page.locator('svg.svg-map path').count()).toBeGreaterThan(5);
		expect(await page.locator('button[data-print]').isVisible()).toBe(false);
		await page.screenshot({ path: `${OUT}/brief-${code}-${period}.png`, fullPage: true });

		expect(await printed(page, `brief-${code}-${period}`)).toBe(1);
		// Printed: the site's header, footer and the controls are gone, the sheet's text is not.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header.site').isVisible()).toBe(false);
		expect(await page.locator('footer.site').isVisible()).toBe(false);
		expect(await page.locator('.controls').isVisible()).toBe(false);
		expect(await page.locator('.sources').textContent()).toMatch(/Nguồn số liệu[\s\S]*demo data/);
		await page.screenshot({ path: `${OUT}/brief-${code}-${period}-print.png`, fullPage: true });
		expect(errors).toEqual([]);
	});

	it('shows the print button with JavaScript, and the counter sees a long page’s pages', async () => {
		const { page, errors } = await openPage(browser, '/areas/12/brief?period=2025-Q4&lang=en');
		const button = page.getByRole('button', { name: 'Print / Save as PDF' });
		await expect.poll(() => button.isVisible()).toBe(true);
		expect(await printed(page, 'brief-12-2025-Q4-en')).toBe(1);
		await page.screenshot({ path: `${OUT}/brief-12-2025-Q4-en.png`, fullPage: true });

		await page.goto('/areas/12?period=2024&rows=all', { waitUntil: 'load' });
		expect(await printed(page, 'overview-12-2024')).toBeGreaterThan(1);
		expect(errors).toEqual([]);
	});
});

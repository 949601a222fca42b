/**
 * Issue 17 in a browser: the reconciliation page of the demo province (official Decision 766
 * scores beside Xã Số's, differences over one point flagged with their causes) in both
 * languages, and an editor's infrastructure change refused for a file over the limit and one
 * that is not a photo or a PDF, then saved with a PNG whose evidence a visitor cannot fetch.
 * Screenshots are kept in test-results/official/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, openPage } from '../support/browser';
import { TEST_PASSWORD, TEST_USERS, UNIT } from '../support/test-users';

const SHOTS = 'test-results/official';
const PNG = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.from('a picture of the office')
]);

/** Signs in through the form, as a person does, and returns the signed-in page. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
	const page = await (await newContext(browser)).newPage();
	await page.goto('/signin', { waitUntil: 'networkidle' });
	await page.fill('#email', email);
	await page.fill('#password', TEST_PASSWORD);
	await Promise.all([page.waitForURL(/\/reports/), page.click('main form button[type=submit]')]);
	return page;
}

describe('official scores and evidence, in a browser', () => {
	let browser: Browser;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('shows the reconciliation of the province: official, computed, flagged with causes', async () => {
		const { page, errors } = await openPage(browser, '/areas/12/reconciliation?period=2025-Q3');
		const summary = page.locator('.summary');
		expect(await summary.getAttribute('data-period')).toBe('2025-Q3');
		const units = Number(await summary.getAttribute('data-units'));
		expect(units).toBeGreaterThan(30);
		// Every commune shows both rows; the flagged ones are those with a difference over one point.
		expect(await page.locator('tbody[data-code] tr.official').count()).toBe(units);
		expect(await page.locator('tbody[data-code] tr.computed').count()).toBe(units);
		const flagged = page.locator('tbody[data-flagged="true"]');
		const nFlagged = Number(await summary.getAttribute('data-flagged'));
		expect(nFlagged).toBeGreaterThan(0);
		expect(await flagged.count()).toBe(nFlagged);
		const differences = await flagged
			.first()
			.locator('tr.difference td[data-flagged="true"]')
			.evaluateAll((cells) =>
				cells.map((c) => Math.abs(Number(c.getAttribute('data-difference'))))
			);
		expect(differences.length).toBeGreaterThan(0);
		expect(Math.min(...differences)).toBeGreaterThan(1);
		expect((await flagged.first().locator('.causes').innerText()).trim()).not.toBe('');
		await expect.poll(() => page.locator('h1').innerText()).toContain('Chỉ số 766 chính thức');
		await page.screenshot({ path: `${SHOTS}/reconciliation-12-2025-Q3.png`, fullPage: true });

		await page.goto('/areas/12/reconciliation?period=2025-Q3&lang=en', { waitUntil: 'load' });
		expect(await page.locator('h1').innerText()).toContain('official Decision 766 index');
		expect(await page.locator('tbody[data-code]').count()).toBe(units);
		expect(errors).toEqual([]);
	});

	it('refuses evidence over the limit or of the wrong type, saying so; keeps it from visitors', async () => {
		const page = await signedIn(browser, TEST_USERS.editor.email);
		const record = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
			await page.goto('/infrastructure?lang=en', { waitUntil: 'networkidle' });
			await page.fill('#unit', UNIT);
			await page.selectOption('#item', 'cameras');
			await page.selectOption('#state', 'in_service');
			await page.fill('#changed_on', '2026-02-01');
			await page.fill('#confirmed_by', 'Trần Thị B');
			await page.setInputFiles('#file', file);
			await page.click('main form button[type=submit]');
			const answer = page.locator('main section[role=status], main section[role=alert]');
			await answer.waitFor();
			return { role: await answer.getAttribute('role'), text: await answer.innerText() };
		};

		const big = Buffer.alloc(5 * 1024 * 1024 + 1);
		PNG.copy(big);
		const tooBig = await record({ name: 'camera.png', mimeType: 'image/png', buffer: big });
		expect(tooBig).toEqual({ role: 'alert', text: expect.stringContaining('over 5 MB') });
		await page.screenshot({ path: `${SHOTS}/evidence-too-big.png`, fullPage: true });
		const html = Buffer.from('<html><script>alert(1)</script></html>');
		const wrong = await record({ name: 'camera.png', mimeType: 'image/png', buffer: html });
		expect(wrong).toEqual({
			role: 'alert',
			text: expect.stringContaining('must be a JPEG, PNG or WebP photo or a PDF')
		});

		const saved = await record({ name: 'camera.png', mimeType: 'image/png', buffer: PNG });
		expect(saved).toEqual({
			role: 'status',
			text: expect.stringContaining('Infrastructure change saved.')
		});
		await page.goto(`/units/${UNIT}`, { waitUntil: 'load' });
		const link = page.locator('a[href*="evidence/"]').last();
		const href = new URL((await link.getAttribute('href'))!, page.url()).pathname;
		const own = await page.request.get(href);
		expect(own.status()).toBe(200);
		expect(Buffer.from(await own.body())).toEqual(PNG);

		const visitor = await (await newContext(browser)).newPage();
		const refused = await visitor.goto(href);
		expect(refused?.status()).toBe(404);
		await visitor.screenshot({ path: `${SHOTS}/evidence-visitor-404.png` });
	});
});

/**
 * On a slow mountain connection a person starts typing before the page's scripts have run.
 * Whatever they typed must still be there once the page hydrates: Svelte 5 writes an input's
 * `value={…}` into the DOM at hydration and would wipe it (sveltejs/svelte#1755, kit#8895).
 * The test holds back the page's scripts, types into the server-rendered form, then lets the
 * scripts through and checks the fields after hydration: the sign-in form, and the editor's
 * monthly report form.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { newContext, useBrowser } from '../support/browser';
import { TEST_PASSWORD, TEST_USERS, UNIT } from '../support/test-users';

/** Opens `path` with the app's scripts held until `release()` is called. */
async function openHeld(page: Page, path: string): Promise<{ release: () => Promise<void> }> {
	const held: Route[] = [];
	let holding = true;
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		if (holding) held.push(route);
		else await route.continue();
	});
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	return {
		release: async () => {
			holding = false;
			for (const route of held.splice(0)) await route.continue();
			await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
				timeout: 60_000
			});
		}
	};
}

describe('what a person types before the scripts arrive', () => {
	const browser = useBrowser();

	it('stays in the sign-in form, and signs in', async () => {
		const page = await (await newContext(browser())).newPage();
		const { release } = await openHeld(page, '/signin');
		await page.fill('#email', TEST_USERS.editor.email);
		await page.fill('#password', TEST_PASSWORD);
		await release();
		expect(await page.inputValue('#email')).toBe(TEST_USERS.editor.email);
		expect(await page.inputValue('#password')).toBe(TEST_PASSWORD);
		await Promise.all([
			page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 90_000 }),
			page.click('main form button[type=submit]')
		]);
		await page.context().close();
	});

	it('stays in the monthly report form', async () => {
		const context = await newContext(browser());
		const page = await context.newPage();
		await page.goto('/signin', { waitUntil: 'networkidle' });
		await page.fill('#email', TEST_USERS.editor.email);
		await page.fill('#password', TEST_PASSWORD);
		await Promise.all([
			page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 90_000 }),
			page.click('main form button[type=submit]')
		]);
		await page.goto('/reports', { waitUntil: 'networkidle' });
		const href = await page.locator(`a[href*="/report/${UNIT}/"]`).first().getAttribute('href');
		expect(href).toMatch(/\/report\/\d+\/\d{4}-\d{2}/);
		const report = await context.newPage();
		const { release } = await openHeld(report, href!);
		const field = report.locator('input[name="dossiers_received"]');
		await field.fill('4321');
		await release();
		expect(await field.inputValue()).toBe('4321');
		await context.close();
	});
});

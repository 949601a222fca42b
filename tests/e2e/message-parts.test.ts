/**
 * The messages in two parts (issue 15, item 6): the first visit of the map page downloads only
 * the messages its modules name (vite/message-keys.ts), the rest when the reader goes elsewhere.
 * A key the scan missed would show as nothing until the rest came, and `t()` says so on the
 * console: here a reader opens `/` cold, in each language, goes through the map's views and then,
 * by client navigation (the same document), through every public page and, signed in, every
 * editor page, and no page may have asked for a message its part lacked.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, newContext, reachForMap, useBrowser } from '../support/browser';
import { TEST_PASSWORD, TEST_USERS, UNIT } from '../support/test-users';

const SLOW = { timeout: 240_000 };
/** A message the map page never shows: its text is in the rest, not in the first part. */
const REST_ONLY = '"unavailable.database"';

/** Views of the map page itself, reached from `/` without leaving it. */
const MAP_VIEWS = [
	'/?level=district',
	'/?level=province&classes=quantile',
	'/?indicator=service_index&period=2024',
	'/?period=2025-Q3&sort=-value&rows=all',
	'/?parent=12&level=commune&as_of=2025-06-30',
	'/?source=official',
	'/?indicator=no_such_indicator&level=nowhere'
];
const PUBLIC = [
	'/methodology',
	'/areas/12',
	'/units/:commune',
	'/priorities',
	'/search?q=than%20uyen',
	'/compare?units=03388,03390',
	'/areas/12/brief',
	'/areas/12/reconciliation?period=2025-Q3',
	'/embed/map?indicator=on_time_rate&period=2024&level=commune',
	'/embed/chart?unit=:commune&indicator=on_time_rate',
	'/'
];
const EDITOR = [
	'/reports',
	':report',
	'/import',
	'/official',
	'/infrastructure',
	'/admin/users',
	'/admin/audit'
];

/** What a reader's browser said and fetched: i18n warnings by page, and the scripts' text. */
function watch(page: Page) {
	const seen = { at: '/', missing: [] as string[], scripts: [] as string[] };
	page.on('console', (message) => {
		if (/^i18n:/.test(message.text())) seen.missing.push(`${seen.at}: ${message.text()}`);
	});
	page.on('pageerror', (error) => seen.missing.push(`${seen.at}: pageerror ${error.message}`));
	page.on('response', async (response) => {
		if (!new URL(response.url()).pathname.endsWith('.js')) return;
		seen.scripts.push(await response.text().catch(() => ''));
	});
	return seen;
}

/** Goes to `path` as a click on a link does: SvelteKit's router, the same document. */
async function navigate(page: Page, path: string) {
	const target = new URL(path, baseURL());
	await page.evaluate((href) => {
		const link = Object.assign(document.createElement('a'), { href, textContent: 'go' });
		document.body.append(link);
		link.click();
		link.remove();
	}, target.href);
	await page.waitForURL((url) => url.pathname + url.search === target.pathname + target.search);
	await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
	expect(await page.evaluate(() => 'sameDocument' in window), `${path}: client navigation`).toBe(
		true
	);
}

async function aCommune(): Promise<string> {
	const response = await fetch(new URL('/api/v1/units?level=commune', baseURL()));
	const units = (await response.json()) as { code: string; valid_to: string | null }[];
	return units.find((u) => u.valid_to === null)!.code;
}

/** Opens `path` in a new document and marks it, so that {@link navigate} can tell it stays. */
async function open(page: Page, path: string) {
	await page.goto(path, { waitUntil: 'load' });
	await page.waitForSelector('html[data-hydrated="true"]');
	await page.evaluate(() => Object.assign(window, { sameDocument: true }));
}

const withLang = (path: string, lang: string) =>
	lang === 'vi' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** The rest of the messages came: some script downloaded holds a message only it has. */
const restCame = (seen: ReturnType<typeof watch>) =>
	seen.scripts.some((text) => text.includes(REST_ONLY));

/** A reader of `lang`: the map page cold, its views, every public page, then signed in. */
async function everywhere(browser: Browser, lang: string) {
	const commune = await aCommune();
	const page = await (await newContext(browser)).newPage();
	const seen = watch(page);
	await open(page, withLang('/', lang));
	await reachForMap(page);
	for (const path of MAP_VIEWS) await navigate(page, withLang((seen.at = path), lang));
	expect(seen.missing).toEqual([]);
	expect(seen.scripts.length).toBeGreaterThan(3);
	expect(restCame(seen), 'the rest of the messages, on /').toBe(false);

	for (const path of PUBLIC)
		await navigate(page, withLang((seen.at = path.replace(':commune', commune)), lang));
	expect(restCame(seen), 'the rest of the messages, elsewhere').toBe(true);

	// Signing in posts a form: a new document, on /reports.
	await navigate(page, withLang((seen.at = '/signin'), lang));
	await page.fill('#email', TEST_USERS.admin.email);
	await page.fill('#password', TEST_PASSWORD);
	await Promise.all([page.waitForURL(/\/reports/), page.click('main form button[type=submit]')]);
	await open(page, withLang('/reports', lang));
	const report = await page.locator(`a[href*="/report/${UNIT}/"]`).first().getAttribute('href');
	for (const path of EDITOR)
		await navigate(page, withLang((seen.at = path === ':report' ? report! : path), lang));

	// The map page cold again, signed in: the header offers the editor's pages.
	await open(page, withLang((seen.at = '/'), lang));
	for (const path of MAP_VIEWS.slice(0, 2)) await navigate(page, withLang(path, lang));
	expect(seen.missing).toEqual([]);
	await page.context().close();
}

describe('messages in parts', () => {
	const browser = useBrowser();

	it('every page has its messages after a first visit of / (vi)', SLOW, () =>
		everywhere(browser(), 'vi')
	);
	it('every page has its messages after a first visit of / (en)', SLOW, () =>
		everywhere(browser(), 'en')
	);
});

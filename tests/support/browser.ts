/**
 * Headless Chromium for the e2e tests: Debian's /usr/bin/chromium driven by playwright-core
 * (never `playwright install`: this machine cannot download browsers). The flags keep Chromium
 * off the network it cannot reach.
 *
 * ```ts
 * const browser = useBrowser(); // in a describe block: launched before its tests, closed after
 * it('…', async () => {
 *   const { page, errors } = await openPage(browser(), '/?indicator=service_index');
 * });
 * ```
 */
import { afterAll, beforeAll, inject } from 'vitest';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Launches headless Chromium; close it in `afterAll`. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * One Chromium for the tests of the calling file or `describe` block: launched before them,
 * closed after them. The returned function gives it inside a test.
 */
export function useBrowser(): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (!browser) throw new Error('useBrowser(): ask for the browser inside a test');
		return browser;
	};
}

/** The origin of the server under test (from tests/support/server-setup.ts). */
export function baseURL(): string {
	return inject('baseURL');
}

export interface OpenedPage {
	page: Page;
	/** Uncaught page errors and console errors seen so far; a healthy page leaves it empty. */
	errors: string[];
}

/**
 * A new context (its own cookies and cache) against the server under test: Vietnamese locale
 * and a laptop viewport unless `options` say otherwise.
 */
export function newContext(
	browser: Browser,
	options: BrowserContextOptions = {}
): Promise<BrowserContext> {
	return browser.newContext({
		baseURL: baseURL(),
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		viewport: { width: 1280, height: 800 },
		...options
	});
}

/** Opens `path` in a {@link newContext} and waits for the load event. */
export async function openPage(
	browser: Browser,
	path = '/',
	options: BrowserContextOptions = {}
): Promise<OpenedPage> {
	const context = await newContext(browser, options);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	await page.goto(path, { waitUntil: 'load' });
	return { page, errors };
}

/** One axe-core violation, as a test failure should show it: rule, impact and where. */
export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	targets: string[];
}

/**
 * axe-core's violations on the page as it stands (every rule axe runs by default, WCAG 2.x A/AA
 * and best practices; any impact counts). axe.source is evaluated through the DevTools protocol,
 * which the page's Content-Security-Policy does not govern. One line per page to test:
 * `expect(await axeViolations(page)).toEqual([])`.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	const { default: axe } = await import('axe-core');
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const run = (window as unknown as { axe: typeof import('axe-core') }).axe.run;
		const result = await run(document, { resultTypes: ['violations'] });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact ?? null,
			help: v.help,
			targets: v.nodes.map((n) => n.target.join(' '))
		}));
	});
}

/** Bytes that went over the wire (compressed, with headers) while `action` ran, and requests. */
export async function transferred(
	page: Page,
	action: () => Promise<unknown>
): Promise<{ bytes: number; requests: number; items: Transfer[] }> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	let bytes = 0;
	let requests = 0;
	const items: Transfer[] = [];
	const responses = new Map<string, { url: string; status: number }>();
	cdp.on(
		'Network.responseReceived',
		(e: { requestId: string; response: { url: string; status: number } }) => {
			responses.set(e.requestId, { url: e.response.url, status: e.response.status });
		}
	);
	cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
		bytes += e.encodedDataLength;
		requests++;
		const response = responses.get(e.requestId);
		items.push({
			url: response?.url ?? '',
			status: response?.status ?? 0,
			bytes: e.encodedDataLength
		});
	});
	try {
		await action();
	} finally {
		await cdp.detach().catch(() => {});
	}
	return { bytes, requests, items };
}

/** One response of `transferred`: its URL, status and bytes over the wire (0 from the cache). */
export interface Transfer {
	url: string;
	status: number;
	bytes: number;
}

/**
 * The interactive map as a reader gets it: Leaflet loads when the reader first reaches for the
 * map (LeafletMap.svelte `deferred`), here by moving the pointer over its corner.
 */
export async function reachForMap(page: Page, timeout = 90_000): Promise<void> {
	const started = Date.now();
	// Before hydration nothing listens yet: move away and back, as a reader would, until it loads.
	while (!(await page.locator('.leaflet-container').count())) {
		if (Date.now() - started > timeout) throw new Error('the map never loaded Leaflet');
		await page.mouse.move(0, 0);
		await page.hover('.map-card .map', { position: { x: 4, y: 4 }, timeout });
		await page
			.waitForSelector('.leaflet-container', { timeout: 1_000, state: 'attached' })
			.catch(() => {});
	}
	await page.waitForSelector('.leaflet-container[data-ready="true"]', {
		timeout: Math.max(1, timeout - (Date.now() - started))
	});
}

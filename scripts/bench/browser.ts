/**
 * Browser figures, in Debian's Chromium through playwright-core. One visit gives both:
 * - first complete choropleth: from navigation start to the first frame painted after the map
 *   container's `data-fills` (JSON code → colour, written by our ChoroplethLayer and by the
 *   plain-Leaflet floor alike) holds at least N codes;
 * - bytes of the page with all its subresources, summed from the CDP Network domain's
 *   `encodedDataLength` (a revalidated 304 counts its headers only).
 * A cold visit runs in a fresh context; the warm one is a second visit in the same context.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const VIEWPORT = { width: 1280, height: 800 };

export function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ARGS,
		headless: true
	});
}

/**
 * Runs in the page before its scripts: notes when data-fills first holds ≥ N codes, then the
 * next paint (rAF, then a task). A string, not a function: tsx would wrap a function's inner
 * functions in a `__name` helper that does not exist in the page. (Injected through CDP, so the
 * page's CSP does not apply to it; the predicates below are functions for the same reason.)
 */
const observeFills = (minCodes: number) => `(() => {
	const check = () => {
		if (window.__fills !== undefined) return;
		const el = document.querySelector('[data-fills]');
		const text = el && el.getAttribute('data-fills');
		if (!text) return;
		let n = 0;
		try { n = Object.keys(JSON.parse(text)).length; } catch (e) { return; }
		window.__fillCount = n;
		if (n < ${minCodes}) return;
		window.__fills = performance.now();
		requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
	};
	new MutationObserver(check).observe(document, { attributes: true, attributeFilter: ['data-fills'], subtree: true, childList: true });
})();`;

/** Where the time of a visit went (ms from navigation start). */
export interface Breakdown {
	responseStart: number | null;
	responseEnd: number | null;
	domContentLoaded: number | null;
	load: number | null;
	geometryStart: number | null;
	geometryEnd: number | null;
	fills: number | null;
}

export interface Visit {
	/** ms from navigation start to the paint after the fills were complete; null if never. */
	paintedMs: number | null;
	fillCount: number | null;
	bytes: number;
	requests: number;
	breakdown: Breakdown;
	errors: string[];
}

async function waitPainted(page: Page, timeoutMs: number): Promise<boolean> {
	try {
		await page.waitForFunction(
			() => (window as unknown as Record<string, unknown>).__painted !== undefined,
			null,
			{ timeout: timeoutMs, polling: 50 }
		);
		return true;
	} catch (error) {
		if (process.env.BENCH_DEBUG) console.error(error);
		return false;
	}
}

async function newContext(browser: Browser, minCodes: number): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
	await context.addInitScript({ content: observeFills(minCodes) });
	return context;
}

async function visit(page: Page, url: string, timeoutMs: number): Promise<Visit> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	let bytes = 0;
	let requests = 0;
	cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
		bytes += e.encodedDataLength;
		requests++;
	});
	const errors: string[] = [];
	const onError = (e: Error) => errors.push(e.message);
	page.on('pageerror', onError);
	try {
		await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
		const painted = await waitPainted(page, timeoutMs);
		// Our page paints first from a script of its own (FirstPaint.svelte), then hydrates; Leaflet
		// comes only when the reader reaches for the map (LeafletMap.svelte), so a visit lasts until
		// the network is idle, and a warm visit follows a first visit that loaded all it would.
		await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
		const state = await page.evaluate(() => {
			const w = window as unknown as Record<string, number | undefined>;
			const nav = performance.getEntriesByType('navigation')[0] as
				PerformanceNavigationTiming | undefined;
			const geometry = (
				performance.getEntriesByType('resource') as PerformanceResourceTiming[]
			).find((r) => r.name.includes('geometry'));
			return {
				painted: w.__painted ?? null,
				fills: w.__fills ?? null,
				count: w.__fillCount ?? null,
				responseStart: nav?.responseStart ?? null,
				responseEnd: nav?.responseEnd ?? null,
				domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
				load: nav?.loadEventEnd ?? null,
				geometryStart: geometry?.startTime ?? null,
				geometryEnd: geometry?.responseEnd ?? null
			};
		});
		const { painted: p, count, ...breakdown } = state;
		return {
			paintedMs: painted ? p : null,
			fillCount: count,
			bytes,
			requests,
			breakdown: { ...breakdown, fills: state.fills },
			errors
		};
	} finally {
		page.off('pageerror', onError);
		await cdp.detach().catch(() => {});
	}
}

/** A cold visit in a fresh context, then (if asked) a warm one in the same context. */
export async function visitPage(
	browser: Browser,
	url: string,
	minCodes: number,
	options: { warm: boolean; timeoutMs?: number }
): Promise<{ cold: Visit; warm: Visit | null }> {
	const timeoutMs = options.timeoutMs ?? 60_000;
	const context = await newContext(browser, minCodes);
	try {
		const page = await context.newPage();
		const cold = await visit(page, url, timeoutMs);
		const warm = options.warm ? await visit(page, url, timeoutMs) : null;
		return { cold, warm };
	} finally {
		await context.close();
	}
}

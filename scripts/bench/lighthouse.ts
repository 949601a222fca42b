/**
 * Lighthouse's mobile audit of a page (issue 15, item 6: performance ≥ 99, accessibility 100,
 * total blocking time ≤ 50 ms): its default configuration (a mid-range phone, simulated slow 4G
 * and 4× CPU slowdown), performance and accessibility only, in Chromium started by
 * chrome-launcher (CHROME_PATH, else /usr/bin/chromium), headless.
 */
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';

export interface LighthouseResult {
	/** Category scores, 0–100. */
	performance: number | null;
	accessibility: number | null;
	totalBlockingTimeMs: number | null;
	largestContentfulPaintMs: number | null;
	/** Lighthouse's own count of the bytes the page took. */
	totalByteWeight: number | null;
	lighthouseVersion: string;
	/** Accessibility audits that failed, by id. */
	failedAccessibility: string[];
}

export async function runLighthouse(url: string): Promise<LighthouseResult> {
	const chrome = await launch({
		chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu']
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility']
		});
		if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
		const { lhr } = result;
		if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
		const score = (id: string) => {
			const s = lhr.categories[id]?.score;
			return s === null || s === undefined ? null : Math.round(s * 100);
		};
		const numeric = (id: string) => lhr.audits[id]?.numericValue ?? null;
		const failedAccessibility = (lhr.categories.accessibility?.auditRefs ?? [])
			.filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
			.map((ref) => ref.id);
		return {
			performance: score('performance'),
			accessibility: score('accessibility'),
			totalBlockingTimeMs: numeric('total-blocking-time'),
			largestContentfulPaintMs: numeric('largest-contentful-paint'),
			totalByteWeight: numeric('total-byte-weight'),
			lighthouseVersion: lhr.lighthouseVersion,
			failedAccessibility
		};
	} finally {
		chrome.kill();
	}
}

/**
 * Lighthouse's mobile audit of a page (issue 15, item 6: performance ≥ 99, accessibility 100,
 * total blocking time ≤ 50 ms): its default configuration (a mid-range phone, simulated slow 4G
 * and 4× CPU slowdown), performance and accessibility only, in Chromium started by
 * chrome-launcher (CHROME_PATH, else /usr/bin/chromium), headless.
 */
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';

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
	/** Performance audits short of a full score: id and what Lighthouse says of it. */
	flagged: string[];
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
		const flagged = (lhr.categories.performance?.auditRefs ?? [])
			.map((ref) => lhr.audits[ref.id])
			.filter((a) => a && a.score !== null && a.score < 0.9)
			.map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
		return {
			performance: score('performance'),
			accessibility: score('accessibility'),
			totalBlockingTimeMs: numeric('total-blocking-time'),
			largestContentfulPaintMs: numeric('largest-contentful-paint'),
			totalByteWeight: numeric('total-byte-weight'),
			lighthouseVersion: lhr.lighthouseVersion,
			failedAccessibility,
			flagged
		};
	} finally {
		chrome.kill();
	}
}

/**
 * Lighthouse alone against a running server, e.g. one started from the build with `npm start`:
 * `npx tsx scripts/bench/lighthouse.ts http://localhost:3000/ --runs 3`. Prints each run, then
 * the best and the median performance score and total blocking time, with the load average
 * (a busy machine makes the score pessimistic).
 */
async function main(args: string[]) {
	const url = args.find((a) => !a.startsWith('--')) ?? 'http://localhost:3000/';
	const at = args.indexOf('--runs');
	const runs = at >= 0 ? Math.max(1, Number(args[at + 1]) || 1) : 3;
	const results: LighthouseResult[] = [];
	for (let i = 0; i < runs; i++) {
		const load = loadavg()
			.map((l) => l.toFixed(2))
			.join(' ');
		const r = await runLighthouse(url);
		results.push(r);
		console.log(
			`run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}, TBT ${r.totalBlockingTimeMs?.toFixed(0)} ms, LCP ${r.largestContentfulPaintMs?.toFixed(0)} ms, ${r.totalByteWeight} bytes${r.failedAccessibility.length ? `, failed: ${r.failedAccessibility.join(' ')}` : ''}${r.flagged.length ? `; flagged: ${r.flagged.join(', ')}` : ''} (load average before: ${load})`
		);
	}
	const sorted = <T>(values: T[], key: (v: T) => number) =>
		[...values].sort((a, b) => key(a) - key(b));
	const byScore = sorted(results, (r) => -(r.performance ?? -1));
	const byTbt = sorted(results, (r) => r.totalBlockingTimeMs ?? Infinity);
	const median = (list: LighthouseResult[]) => list[Math.floor((list.length - 1) / 2)];
	console.log(
		`performance best ${byScore[0].performance}, median ${median(byScore).performance}; TBT best ${byTbt[0].totalBlockingTimeMs?.toFixed(0)} ms, median ${median(byTbt).totalBlockingTimeMs?.toFixed(0)} ms; accessibility ${results.map((r) => r.accessibility).join('/')}`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main(process.argv.slice(2)).catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

/**
 * The browser figures: the default view of `/` (service_index, latest quarter, communes) loaded
 * cold in fresh contexts beside a plain Leaflet page drawing the same shapes and values, its
 * warm visit, then the Lai Châu demo store's page bytes and Lighthouse.
 */
import type { Browser } from 'playwright-core';
import { launch, visitPage, type Visit } from './browser.ts';
import { fetchOk } from './http-load.ts';
import { rawGet } from './raw-get.ts';
import { servePlainLeaflet } from './plain-leaflet.ts';
import { seedLaiChau } from './laichau.ts';
import { runLighthouse, type LighthouseResult } from './lighthouse.ts';
import { settledPage } from '../lib/settled-page.ts';
import { createDatabase, dropDatabase } from './database.ts';
import { startServer } from './server.ts';
import { geometryPathIn } from './soak-run.ts';
import { roundAll, type BenchLog } from './log.ts';

export interface BrowserData {
	ours: Visit[];
	plain: Visit[];
	warm: Visit;
	laiChau: { cold: Visit; warm: Visit; lighthouse: LighthouseResult | null } | null;
}

type Cleanups = (() => Promise<void> | void)[];

/** The plain Leaflet page of the same shapes and values, or null when the page links no map. */
async function plainPage(base: string, html: string, year: string, cleanups: Cleanups) {
	const geometryPath = geometryPathIn(html);
	if (!geometryPath) return null;
	// The page reads its shapes as TopoJSON (warmed here); the plain page gets the same shapes
	// as the GeoJSON that L.geoJSON reads.
	await rawGet(base + geometryPath, { 'accept-encoding': 'gzip' });
	const geo = await rawGet(base + geometryPath.replace(/[?&]format=\w+/, ''), {
		'accept-encoding': 'gzip'
	});
	const values = await fetchOk(
		`${base}/api/v1/values?indicator=service_index&period=${year}-Q4&level=commune`
	);
	if (geo.status !== 200 || geo.headers['content-encoding'] !== 'gzip') return null;
	const plain = await servePlainLeaflet(geo.body, values.body);
	cleanups.push(() => plain.close());
	return plain.url;
}

export async function browserRun(
	browser: Browser,
	base: string,
	options: { year: string; communes: number; runs: number },
	cleanups: Cleanups,
	notes: string[],
	{ log }: BenchLog
): Promise<BrowserData> {
	const pageUrl = `${base}/`;
	// Warms the server (page and its geometry memo) and learns the geometry URL.
	const html = (await fetchOk(pageUrl)).body.toString();
	const plainUrl = await plainPage(base, html, options.year, cleanups);
	if (!geometryPathIn(html)) {
		notes.push('the page links no /api/v1/geometry: the map is not in this build');
		log('WARNING: the page links no geometry; the map is not in this build');
	}
	// One unmeasured visit of each page first, in throwaway contexts: the browser's first page
	// load pays for starting its renderer and font caches, which is not the page's cost. Every
	// measured load then starts with an empty cache in a fresh context.
	await visitPage(browser, pageUrl, options.communes, { warm: false });
	if (plainUrl) await visitPage(browser, plainUrl, options.communes, { warm: false });
	const ours: Visit[] = [];
	const plain: Visit[] = [];
	let warm: Visit | null = null;
	for (let i = 0; i < options.runs; i++) {
		const v = await visitPage(browser, pageUrl, options.communes, { warm: i === 0 });
		ours.push(v.cold);
		warm ??= v.warm;
		log(
			`our / cold: choropleth ${v.cold.paintedMs?.toFixed(0) ?? `never complete (${v.cold.fillCount ?? 0} fills)`} ms, ${v.cold.bytes} bytes; breakdown ${JSON.stringify(roundAll(v.cold.breakdown))}${v.cold.errors.length ? `; page errors: ${v.cold.errors.join(' | ')}` : ''}`
		);
		if (plainUrl) {
			const p = (await visitPage(browser, plainUrl, options.communes, { warm: false })).cold;
			plain.push(p);
			log(
				`plain Leaflet cold: ${p.paintedMs?.toFixed(0) ?? 'never complete'} ms, ${p.bytes} bytes; breakdown ${JSON.stringify(roundAll(p.breakdown))}`
			);
		}
	}
	log(`our / warm: ${warm?.bytes} bytes in ${warm?.requests} requests`);
	return { ours, plain, warm: warm!, laiChau: null };
}

/** The Lai Châu demo store in its own database and server: page bytes cold and warm, Lighthouse. */
export async function laiChauRun(
	buildCopy: string,
	pgUrl: string,
	dbName: string,
	keep: boolean,
	cleanups: Cleanups,
	notes: string[],
	{ log }: BenchLog
): Promise<NonNullable<BrowserData['laiChau']>> {
	const lcUrl = await createDatabase(pgUrl, dbName);
	if (!keep) cleanups.push(() => dropDatabase(pgUrl, dbName));
	await seedLaiChau(lcUrl);
	const lc = await startServer(buildCopy, { DATABASE_URL: lcUrl });
	let out: NonNullable<BrowserData['laiChau']>;
	try {
		// The copy of the page a visitor gets, as the page-weight test measures it.
		await settledPage(`${lc.url}/`);
		const browser = await launch();
		try {
			const v = await visitPage(browser, `${lc.url}/`, 1, { warm: true });
			out = { cold: v.cold, warm: v.warm!, lighthouse: null };
		} finally {
			await browser.close();
		}
		try {
			out.lighthouse = await runLighthouse(`${lc.url}/`);
		} catch (error) {
			notes.push(`Lighthouse could not run: ${(error as Error).message}`);
		}
	} finally {
		await lc.stop();
	}
	const lh = out.lighthouse;
	log(
		`page bytes (Lai Châu): cold ${out.cold.bytes}, warm ${out.warm.bytes}; Lighthouse mobile: ${lh ? `performance ${lh.performance}, accessibility ${lh.accessibility}, TBT ${lh.totalBlockingTimeMs?.toFixed(0)} ms` : 'not run'}`
	);
	return out;
}

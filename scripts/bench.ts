/**
 * npm run bench -- [--quick] [--skip-browser] [--keep] [--build] [--seed N] [--import-months N] [--pglite-months N]
 *                   [--soak-seconds N] [--skip-soak]
 *
 * Xã Số at national scale: the communes of ../shared/data/vietnam-communes.topojson, 60 months,
 * all 21 measures, reproducible from a seed; loaded into a fresh PostgreSQL database (and a
 * smaller PGlite pass), then measured through the built server and Chromium. Every figure is
 * printed with the floor measured in the same run and the ratio, the budgets of issue 5 with
 * PASS/FAIL, and all of it written to bench/results.json. The pieces live in scripts/bench/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { readOptions } from './bench/options.ts';
import { readNationalUnits } from './bench/geography.ts';
import { createDatabase, dropDatabase, openFreshStore, serverVersion } from './bench/database.ts';
import { loadUnits } from './bench/units-load.ts';
import {
	copyFloor,
	importReports,
	preload,
	writeReports,
	type IngestRun,
	type Scenario
} from './bench/ingest.ts';
import { aggregateSql, explain, timeSql } from './bench/sql-floor.ts';
import { copyBuild, ensureBuild, root, startServer } from './bench/server.ts';
import { fetchOk, load, requestsFor, type LoadResult } from './bench/http-load.ts';
import { cachedAnswerLoad } from './bench/http-floor.ts';
import { rawGet } from './bench/raw-get.ts';
import { launch, visitPage, type Visit } from './bench/browser.ts';
import { servePlainLeaflet } from './bench/plain-leaflet.ts';
import { seedLaiChau } from './bench/laichau.ts';
import { runLighthouse, type LighthouseResult } from './bench/lighthouse.ts';
import { pglitePass, type PgliteResult } from './bench/pglite-pass.ts';
import { assess } from './bench/assess.ts';
import { soak, type SoakResult } from './bench/soak.ts';
import { addSoakUsers } from './bench/soak-writer.ts';
import { machineInfo, printBudgets, printTable, writeResults } from './bench/report.ts';
import { summarize } from './bench/stats.ts';
import { assessAreaPages, measureAreaPages, type AreaPageRun } from './bench/area-pages.ts';
import { assessMixed, mixedLoad, mixedViews, type MixedRun } from './bench/mixed-load.ts';
import { findIndicator } from '../src/lib/domain/indicators.ts';
import { lastDay } from '../src/lib/domain/periods.ts';
import { today as todayInVietnam } from '../src/lib/domain/clock.ts';
import type { AggregateSpec } from '../src/lib/server/queries/aggregate.ts';
import type { Store } from '../src/lib/server/db/index.ts';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (s: string) => console.log(`[bench ${elapsed()}] ${s}`);
const phases: Record<string, number> = {};
async function phase<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
	const t = performance.now();
	log(`${name}…`);
	try {
		return await fn();
	} finally {
		phases[name] = Math.round(performance.now() - t);
	}
}

const opts = readOptions();
// The bench chooses its stores itself; a DATABASE_URL in the environment would redirect PGlite.
delete process.env.DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'xaso-bench-'));
const benchDir = resolve(root, 'bench');
const dbName = `xaso_bench_${process.pid}`;
const laiChauDb = `${dbName}_laichau`;
const cleanups: (() => Promise<void> | void)[] = [];
const roundAll = (o: object) =>
	Object.fromEntries(
		Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v])
	);
type BrowserData = {
	ours: Visit[];
	plain: Visit[];
	warm: Visit;
	laiChau: { cold: Visit; warm: Visit } | null;
};
const notes: string[] = [];

const machine = machineInfo(await serverVersion(opts.pgUrl));
log(
	`${opts.quick ? 'QUICK' : 'FULL'} run; machine ${machine.cores} cores, ${machine.memory}, ${machine.node}, ${machine.postgres}, load ${machine.loadavg.start}`
);

try {
	const build = await phase('build', () => ensureBuild(opts.build));
	if (build.built) log(`built in ${(build.ms / 1000).toFixed(1)} s (${build.stale})`);
	else if (build.stale) {
		log(`WARNING: ${build.stale}; benchmarking the existing build (pass --build to rebuild)`);
		notes.push(`build/ was stale (${build.stale}); the existing build was measured`);
	}
	const buildCopy = copyBuild();
	cleanups.push(() => rmSync(buildCopy, { recursive: true, force: true }));

	// ---- Scenario -------------------------------------------------------------------------
	const units = await phase('scenario', () =>
		readNationalUnits(resolve(root, '../shared/data/vietnam-communes.topojson'), opts.provinces)
	);
	const communeUnits = units.filter((u) => u.level === 'commune');
	const scenario: Scenario = {
		seed: opts.seed,
		communes: communeUnits.map((u) => ({ code: u.code, urban: u.type !== 'Xã' })),
		months: opts.months
	};
	const nCommunes = communeUnits.length;
	const lastMonth = opts.months[opts.months.length - 1];
	const year = lastMonth.slice(0, 4);
	log(
		`${units.length} units (${nCommunes} communes), ${opts.months.length} months ${opts.months[0]}…${lastMonth}: ${nCommunes * 21 * opts.months.length} observations`
	);

	// ---- PostgreSQL: load ----------------------------------------------------------------
	const url = await createDatabase(opts.pgUrl, dbName);
	if (!opts.keep) cleanups.push(() => dropDatabase(opts.pgUrl, dbName));
	const store: Store = await openFreshStore({ databaseUrl: url });
	let storeOpen = true;
	cleanups.push(async () => {
		if (storeOpen) await store.close();
	});
	const ids = await phase('units', () => loadUnits(store, units, { withGeometry: true }));
	// The soak's writer signs in as an editor and an approver of one province (every role but
	// admin has an area), and writes reports of that province's communes.
	const soakProvince = units.find((u) => u.level === 'province')!.code;
	const inSoakProvince = new Set(
		units.filter((u) => u.parentCode === soakProvince).map((u) => u.code)
	);
	const soakCommunes = communeUnits
		.filter((u) => u.parentCode && inSoakProvince.has(u.parentCode))
		.map((u) => u.code);
	if (opts.soakSeconds > 0) await addSoakUsers(store, soakProvince);
	const unitIds = scenario.communes.map((c) => ids.get(c.code)!);
	const importMonths = opts.months.slice(-opts.importMonths);
	const preloadMonths = opts.months.slice(0, opts.months.length - opts.importMonths);
	let preloaded: IngestRun | null = null;
	if (preloadMonths.length)
		preloaded = await phase('preload', () => preload(store, scenario, preloadMonths, unitIds));
	if (preloaded)
		log(
			`preloaded ${preloaded.rows} rows by COPY in ${(preloaded.ms / 1000).toFixed(1)} s (not the import path)`
		);
	const files = writeReports(scenario, importMonths, join(work, 'reports'));
	const floor = await phase('copy floor', () => copyFloor(store, scenario, importMonths, unitIds));
	log(`COPY floor: ${floor.rows} rows in ${(floor.ms / 1000).toFixed(1)} s`);
	const ingest = await phase('import', () =>
		importReports(store, files, (i, ms) =>
			log(`imported ${importMonths[i]} in ${(ms / 1000).toFixed(1)} s`)
		)
	);
	// A bulk load is followed by a vacuum, as an operator would run one: otherwise autovacuum
	// wakes up on the 12 million fresh rows in the middle of the measurements that follow.
	await phase('vacuum', () => store.run('vacuum (analyze)'));
	const [{ n: observations }] = await store.rows<{ n: number }>(
		'select count(*)::int as n from observations'
	);
	if (observations !== nCommunes * 21 * opts.months.length)
		throw new Error(
			`expected ${nCommunes * 21 * opts.months.length} observations, found ${observations}`
		);

	// ---- Bare SQL floors ----------------------------------------------------------------
	const indicator = findIndicator('online_uptake')!;
	const seriesUnit = scenario.communes[Math.floor(nCommunes / 2)].code;
	const today = todayInVietnam();
	const specOf = (start: string, end: string): AggregateSpec => ({
		indicators: [indicator],
		level: 'commune',
		start,
		end,
		startDay: `${start}-01`,
		endDay: lastDay(end)
	});
	const monthSpec = specOf(lastMonth, lastMonth);
	const yearSpec = specOf(`${year}-01`, `${year}-12`);
	const seriesSpec: AggregateSpec = {
		...specOf(opts.months[0], lastMonth),
		asOf: today,
		targetIds: [ids.get(seriesUnit)!],
		bucket: 'month'
	};
	const sql = await phase('sql floors', async () => {
		const queries = {
			month: await aggregateSql(monthSpec),
			year: await aggregateSql(yearSpec),
			series: await aggregateSql(seriesSpec)
		};
		mkdirSync(join(benchDir, 'explain'), { recursive: true });
		for (const [name, q] of Object.entries(queries))
			writeFileSync(
				join(benchDir, 'explain', `${name}.txt`),
				`${q.text}\n\n${JSON.stringify(q.params)}\n\n${await explain(store, q)}\n`
			);
		return {
			month: await timeSql(store, queries.month, opts.sqlRuns.month),
			year: await timeSql(store, queries.year, opts.sqlRuns.year),
			series: await timeSql(store, queries.series, opts.sqlRuns.series)
		};
	});
	await store.close();
	storeOpen = false;

	// ---- The built server under load ----------------------------------------------------
	const paths = {
		month: `/api/v1/values?indicator=online_uptake&period=${lastMonth}&level=commune`,
		year: `/api/v1/values?indicator=online_uptake&period=${year}&level=commune`,
		series: `/api/v1/series?indicator=online_uptake&unit=${seriesUnit}&from=${opts.months[0]}&to=${lastMonth}`,
		page: '/'
	};
	const server = await phase('server start', () =>
		startServer(buildCopy, {
			DATABASE_URL: url,
			// The uncached mixed workload asks hundreds of new views from one address.
			NEW_VIEWS_RATE: '100000',
			NEW_VIEWS_BURST: '100000'
		})
	);
	cleanups.push(() => server.stop());
	const http: Record<keyof typeof paths, LoadResult> = {} as never;
	let monthStock: LoadResult | null = null;
	const firstHit: Record<string, number> = {};
	let monthBody: Buffer = Buffer.alloc(0);
	await phase('http load', async () => {
		for (const [name, path] of Object.entries(paths) as [keyof typeof paths, string][]) {
			const first = await fetchOk(server.url + path);
			firstHit[name] = first.ms;
			if (name === 'month') monthBody = first.body;
			const single = await fetchOk(server.url + path);
			// The budgeted figures always get all clients; the others fewer when 32 would queue for
			// longer than ~25 s (the page at national scale), to keep the run inside 10 minutes.
			const clients =
				name === 'month' || name === 'year'
					? opts.clients
					: Math.min(opts.clients, Math.max(4, Math.floor((25_000 * machine.cores) / single.ms)));
			let amount = requestsFor(single.ms, {
				clients,
				seconds: opts.loadSeconds,
				cores: machine.cores
			});
			if (name === 'month' || name === 'year') {
				// A fresh server's first few hundred answers run unoptimised code (JIT) and open the
				// clients' connections: measured alone they add 10–70 ms to the p95 of a 3,000-request
				// run. The budgets are about a server in service, so a short unmeasured load first.
				const warm = await load(server.url + path, { clients, amount: 20 * clients });
				log(
					`${name} warm-up: ${warm.requests} requests at ${warm.rps.toFixed(0)} req/s, p95 ${warm.p95.toFixed(0)} ms (not counted)`
				);
				// Sized from the rate under load, not from one request alone (whose time is mostly the
				// client decompressing and parsing 2 MB): a run of ~loadSeconds, so the p95 rests on
				// thousands of answers, not on the slowest dozen of a one-second burst.
				amount = Math.min(20_000, Math.max(amount, Math.round(warm.rps * opts.loadSeconds)));
			}
			http[name] = await load(server.url + path, { clients, amount });
			const r = http[name];
			log(
				`${name}: ${r.clients} clients, ${r.requests} requests in ${r.seconds.toFixed(1)} s (one alone: ${single.ms.toFixed(0)} ms), p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, ${(r.bytes / 1024).toFixed(0)} KiB each, errors ${r.errors}, non-2xx ${r.non2xx}`
			);
			if (name === 'month') {
				// The same load with stock autocannon, which decodes every body into a string
				// (http-load.ts): shown, not budgeted. Fewer requests, as it runs ~4× slower.
				monthStock = await load(server.url + path, {
					clients,
					amount: Math.min(amount, 30 * clients),
					keepBodies: true
				});
				log(
					`month, stock autocannon: ${monthStock.requests} requests in ${monthStock.seconds.toFixed(1)} s, p50 ${monthStock.p50.toFixed(0)} ms, p95 ${monthStock.p95.toFixed(0)} ms`
				);
			}
		}
	});
	// Cold first renders of distinct area overviews (issue 14), on the same server.
	const areaPages: AreaPageRun = await phase('area pages', () =>
		measureAreaPages(server, url, units, opts.months, opts.quick ? 12 : 30)
	);
	log(
		`area pages cold: p50 ${areaPages.summary.p50.toFixed(0)} ms, p95 ${areaPages.summary.p95.toFixed(0)} ms over ${areaPages.summary.n} views; CPU per view p50 ${areaPages.cpu?.p50 ?? '–'} ms`
	);
	// Uncached mixed workload (issue 13): what the cache hides.
	const mixed: MixedRun = await phase('mixed uncached', () =>
		mixedLoad(server.url, url, mixedViews(units, opts.months, 240), {
			clients: opts.clients,
			floorSample: 40
		})
	);
	log(
		`mixed uncached: ${mixed.requests} requests over ${mixed.views} views, p50 ${mixed.summary.p50.toFixed(0)} ms, p95 ${mixed.summary.p95.toFixed(0)} ms (API ${mixed.api.p95.toFixed(0)}, pages ${mixed.pages.p95.toFixed(0)}); bare SQL p95 ${mixed.floor.p95.toFixed(0)} ms; ${mixed.errors} errors`
	);
	const rowsInMonth = (JSON.parse(monthBody.toString()) as { rows: unknown[] }).rows.length;
	if (rowsInMonth !== nCommunes)
		throw new Error(`values answered ${rowsInMonth} rows, expected ${nCommunes}`);
	const cached = await phase('http floor', () =>
		cachedAnswerLoad(monthBody, { clients: opts.clients, amount: 50 * opts.clients, dir: work })
	);
	log(`cached answer: p95 ${cached.p95.toFixed(0)} ms, ${cached.rps.toFixed(0)} req/s`);

	// ---- Soak: public reads mixed with imports over HTTP, memory watched ---------------------
	let soakResult: SoakResult | null = null;
	if (opts.soakSeconds > 0) {
		const html = (await fetchOk(`${server.url}/`)).body.toString();
		const geometry =
			/\/api\/v1\/geometry\?[^"'\s<\\]+/.exec(html)?.[0]?.replaceAll('&amp;', '&') ?? null;
		const province = soakProvince;
		const soakPaths = [
			paths.month,
			paths.year,
			paths.series,
			`/api/v1/priorities?parent=${province}&period=${year}-Q4`,
			...(geometry ? [geometry] : []),
			'/',
			`/units/${seriesUnit}`,
			`/priorities?parent=${province}`
		];
		// Every path answers before the soak starts: a broken one is a bench error, not load.
		for (const path of soakPaths) await fetchOk(server.url + path);
		soakResult = await phase('soak', () =>
			soak({
				base: server.url,
				pid: server.pid,
				paths: soakPaths,
				communes: soakCommunes,
				clients: opts.clients,
				warmupSeconds: opts.soakWarmupSeconds,
				seconds: opts.soakSeconds,
				log
			})
		);
	}

	// ---- Browser: the default view of / (service_index, latest quarter, communes) -------------
	let browserData: BrowserData | null = null;
	if (!opts.skipBrowser) {
		const browser = await launch();
		cleanups.push(() => browser.close());
		browserData = await phase('browser', async () => {
			const pageUrl = `${server.url}/`;
			// Warms the server (page and its geometry memo) and learns the geometry URL.
			const html = (await fetchOk(pageUrl)).body.toString();
			// The first match may sit in an HTML attribute (the preload link), where & is written &amp;.
			const geometryPath =
				/\/api\/v1\/geometry\?[^"'\s<\\]+/.exec(html)?.[0]?.replaceAll('&amp;', '&') ?? null;
			let plainUrl: string | null = null;
			if (geometryPath) {
				// The page reads its shapes as TopoJSON (warmed here); the plain page gets the same
				// shapes as the GeoJSON that L.geoJSON reads.
				await rawGet(server.url + geometryPath, { 'accept-encoding': 'gzip' });
				const geo = await rawGet(server.url + geometryPath.replace(/[?&]format=\w+/, ''), {
					'accept-encoding': 'gzip'
				});
				const values = await fetchOk(
					`${server.url}/api/v1/values?indicator=service_index&period=${year}-Q4&level=commune`
				);
				if (geo.status === 200 && geo.headers['content-encoding'] === 'gzip') {
					const plain = await servePlainLeaflet(geo.body, values.body);
					cleanups.push(() => plain.close());
					plainUrl = plain.url;
				}
			} else {
				notes.push('the page links no /api/v1/geometry: the map is not in this build');
				log('WARNING: the page links no geometry; the map is not in this build');
			}
			// One unmeasured visit of each page first, in throwaway contexts: the browser's first
			// page load pays for starting its renderer and font caches, which is not the page's
			// cost. Every measured load then starts with an empty cache in a fresh context.
			await visitPage(browser, pageUrl, nCommunes, { warm: false });
			if (plainUrl) await visitPage(browser, plainUrl, nCommunes, { warm: false });
			const ours: Visit[] = [];
			const plain: Visit[] = [];
			let warm: Visit | null = null;
			for (let i = 0; i < opts.browserRuns; i++) {
				const v = await visitPage(browser, pageUrl, nCommunes, { warm: i === 0 });
				ours.push(v.cold);
				warm ??= v.warm;
				log(
					`our / cold: choropleth ${v.cold.paintedMs?.toFixed(0) ?? `never complete (${v.cold.fillCount ?? 0} fills)`} ms, ${v.cold.bytes} bytes; breakdown ${JSON.stringify(roundAll(v.cold.breakdown))}${v.cold.errors.length ? `; page errors: ${v.cold.errors.join(' | ')}` : ''}`
				);
				if (plainUrl) {
					const p = (await visitPage(browser, plainUrl, nCommunes, { warm: false })).cold;
					plain.push(p);
					log(
						`plain Leaflet cold: ${p.paintedMs?.toFixed(0) ?? 'never complete'} ms, ${p.bytes} bytes; breakdown ${JSON.stringify(roundAll(p.breakdown))}`
					);
				}
			}
			log(`our / warm: ${warm?.bytes} bytes in ${warm?.requests} requests`);
			return {
				ours,
				plain,
				warm: warm!,
				laiChau: null as {
					cold: Visit;
					warm: Visit;
					lighthouse: LighthouseResult | null;
				} | null
			};
		});
	}
	await server.stop();

	if (browserData) {
		const data = browserData;
		await phase('lai chau', async () => {
			const lcUrl = await createDatabase(opts.pgUrl, laiChauDb);
			if (!opts.keep) cleanups.push(() => dropDatabase(opts.pgUrl, laiChauDb));
			await seedLaiChau(lcUrl);
			const lc = await startServer(buildCopy, { DATABASE_URL: lcUrl });
			try {
				const browser = await launch();
				try {
					const v = await visitPage(browser, `${lc.url}/`, 1, { warm: true });
					data.laiChau = { cold: v.cold, warm: v.warm!, lighthouse: null };
				} finally {
					await browser.close();
				}
				try {
					data.laiChau!.lighthouse = await runLighthouse(`${lc.url}/`);
				} catch (error) {
					notes.push(`Lighthouse could not run: ${(error as Error).message}`);
				}
			} finally {
				await lc.stop();
			}
			const lh = data.laiChau!.lighthouse;
			log(
				`page bytes (Lai Châu): cold ${data.laiChau!.cold.bytes}, warm ${data.laiChau!.warm.bytes}; Lighthouse mobile: ${lh ? `performance ${lh.performance}, accessibility ${lh.accessibility}, TBT ${lh.totalBlockingTimeMs?.toFixed(0)} ms` : 'not run'}`
			);
		});
	}

	// ---- PGlite ---------------------------------------------------------------------------
	const pglite: PgliteResult = await phase('pglite', () =>
		pglitePass({
			dir: work,
			units,
			scenario,
			months: opts.pgliteMonths,
			monthSpec,
			valuesPath: paths.month,
			sqlRuns: Math.min(10, opts.sqlRuns.month),
			buildCopy,
			clients: opts.clients,
			seconds: opts.loadSeconds,
			log
		})
	);

	// ---- Report ---------------------------------------------------------------------------
	for (const fn of cleanups.splice(0).reverse()) await fn();
	const totalMs = performance.now() - started;
	machine.loadavg.end = Number(loadavg()[0].toFixed(2));
	const { figures, budgets } = assess({
		opts,
		nCommunes,
		importMonths,
		preloaded,
		floor,
		ingest,
		sql: { month: summarize(sql.month), year: summarize(sql.year), series: summarize(sql.series) },
		http,
		monthStock,
		firstHit,
		cached,
		browser: browserData,
		pglite: { ...pglite, sqlMonthSummary: summarize(pglite.sqlMonth) },
		soak: soakResult,
		totalMs,
		soakMs: phases.soak ?? 0
	});
	const areaAssessed = assessAreaPages(
		areaPages,
		opts.quick ? 'quick scenario (1 province)' : 'whole country'
	);
	figures.push(...areaAssessed.figures);
	budgets.push(areaAssessed.budget);
	const mixedAssessed = assessMixed(
		mixed,
		opts.quick ? 'quick scenario (1 province)' : 'whole country'
	);
	figures.push(...mixedAssessed.figures);
	budgets.push(mixedAssessed.budget);
	printTable(figures);
	printBudgets(budgets);
	console.log(`\nphases (ms): ${JSON.stringify(phases)}`);
	for (const n of notes) console.log(`note: ${n}`);
	console.log(
		`total: ${(totalMs / 1000).toFixed(0)} s${opts.keep ? ` (kept: databases ${dbName}, ${laiChauDb}; files ${work})` : ''}`
	);
	const out = join(benchDir, opts.quick ? 'results-quick.json' : 'results.json');
	writeResults(out, machine, figures, budgets, {
		scenario: {
			quick: opts.quick,
			seed: opts.seed,
			communes: nCommunes,
			months: opts.months.length,
			observations,
			importMonths,
			preloadMonths: preloadMonths.length,
			pgliteMonths: opts.pgliteMonths
		},
		area_pages: areaPages.views.map((v) => ({ ...v, ms: Math.round(v.ms) })),
		phases_ms: phases,
		soak: soakResult && {
			paths: soakResult.paths,
			clients: soakResult.clients,
			warmup: { ...roundAll(soakResult.warmup), writer: undefined },
			soak: { ...roundAll(soakResult.soak), writer: undefined },
			writer: {
				warmup: { ...soakResult.warmup.writer, cycleMs: undefined, uploadMs: undefined },
				soak: { ...soakResult.soak.writer, cycleMs: undefined, uploadMs: undefined }
			},
			rss_mb: roundAll(soakResult.rss),
			rss_samples_mb: soakResult.rssSamplesMb
		},
		notes,
		total_s: Math.round(totalMs / 1000)
	});
	console.log(`written to ${out}`);
	if (!opts.keep) rmSync(work, { recursive: true, force: true });
} catch (error) {
	console.error(`bench failed: ${(error as Error).stack ?? error}`);
	process.exitCode = 1;
	for (const fn of cleanups.splice(0).reverse()) {
		try {
			await fn();
		} catch (e) {
			console.error(`cleanup: ${(e as Error).message}`);
		}
	}
	if (!opts.keep) rmSync(work, { recursive: true, force: true });
}

/**
 * npm run bench -- [--quick] [--skip-browser] [--keep] [--build] [--seed N] [--import-months N] [--pglite-months N]
 *                   [--soak-seconds N] [--skip-soak]
 *
 * Xã Số at national scale: the communes of ../shared/data/vietnam-communes.topojson, 60 months,
 * all 21 measures, reproducible from a seed; loaded into a fresh PostgreSQL database (and a
 * smaller PGlite pass), then measured through the built server and Chromium; figures, floors,
 * ratios and budgets go to bench/results.json. This file runs the phases of scripts/bench/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { readOptions } from './bench/options.ts';
import { readNationalUnits } from './bench/geography.ts';
import { createDatabase, dropDatabase, openFreshStore, serverVersion } from './bench/database.ts';
import type { Scenario } from './bench/ingest.ts';
import { loadNational } from './bench/pg-load.ts';
import { floorSpecs, measureSqlFloors } from './bench/sql-floors.ts';
import { copyBuild, ensureBuild, root, startServer } from './bench/server.ts';
import { benchPaths, httpRuns } from './bench/http-runs.ts';
import { cachedAnswerLoad } from './bench/http-floor.ts';
import { launch } from './bench/browser.ts';
import { browserRun, laiChauRun, type BrowserData } from './bench/browser-run.ts';
import { pglitePass } from './bench/pglite-pass.ts';
import type { SoakResult } from './bench/soak.ts';
import { soakRun } from './bench/soak-run.ts';
import { machineInfo } from './bench/report.ts';
import { summarize } from './bench/stats.ts';
import { measureAreaPages } from './bench/area-pages.ts';
import { mixedLoad, mixedViews } from './bench/mixed-load.ts';
import { benchLog } from './bench/log.ts';
import { report } from './bench/results.ts';

const bl = benchLog();
const { log, phase, phases } = bl;
const opts = readOptions();
// The bench chooses its stores itself; a DATABASE_URL in the environment would redirect PGlite.
delete process.env.DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'xaso-bench-'));
const benchDir = resolve(root, 'bench');
// BENCH_DB_NAME: a name of its own for one user of a shared PostgreSQL. BENCH_SERVER_LOG=FILE keeps
// what the bench's servers write on stderr (bench/server.ts).
const dbName = process.env.BENCH_DB_NAME ?? `xaso_bench_${process.pid}`;
const laiChauDb = `${dbName}_laichau`;
const cleanups: (() => Promise<void> | void)[] = [];
const notes: string[] = [];
const runCleanups = async () => {
	for (const fn of cleanups.splice(0).reverse()) {
		try {
			await fn();
		} catch (e) {
			console.error(`cleanup: ${(e as Error).message}`);
		}
	}
};

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

	// ---- Scenario and PostgreSQL load ------------------------------------------------------
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
	const year = opts.months[opts.months.length - 1].slice(0, 4);
	log(
		`${units.length} units (${nCommunes} communes), ${opts.months.length} months ${opts.months[0]}…${opts.months.at(-1)}: ${nCommunes * 21 * opts.months.length} observations`
	);
	const url = await createDatabase(opts.pgUrl, dbName);
	if (!opts.keep) cleanups.push(() => dropDatabase(opts.pgUrl, dbName));
	const store = await openFreshStore({ databaseUrl: url });
	const loaded = await loadNational(store, units, scenario, opts, work, bl).catch(async (e) => {
		await store.close();
		throw e;
	});

	// ---- Bare SQL floors ------------------------------------------------------------------
	const seriesUnit = scenario.communes[Math.floor(nCommunes / 2)].code;
	const specs = floorSpecs(opts.months, loaded.ids.get(seriesUnit)!);
	const sql = await phase('sql floors', () =>
		measureSqlFloors(store, specs, opts.sqlRuns, join(benchDir, 'explain'))
	).finally(() => store.close());

	// ---- The built server: load, area pages, uncached mixed workload, soak ----------------
	const paths = benchPaths(opts.months, seriesUnit);
	const memoryFile = join(work, 'server-memory.json');
	const server = await phase('server start', () =>
		startServer(buildCopy, {
			DATABASE_URL: url,
			XASO_MEMORY_REPORT: memoryFile, // the soak's memory breakdown, on SIGUSR2
			// The uncached mixed workload asks hundreds of new views from one address.
			NEW_VIEWS_RATE: '100000',
			NEW_VIEWS_BURST: '100000'
		})
	);
	cleanups.push(() => server.stop());
	const runs = await phase('http load', () =>
		httpRuns(server.url, paths, { ...opts, cores: machine.cores }, bl)
	);
	// Cold first renders of distinct area overviews (issue 14), on the same server.
	const areaPages = await phase('area pages', () =>
		measureAreaPages(server, url, units, opts.months, opts.quick ? 12 : 30)
	);
	log(
		`area pages cold: p50 ${areaPages.summary.p50.toFixed(0)} ms, p95 ${areaPages.summary.p95.toFixed(0)} ms over ${areaPages.summary.n} views; CPU per view p50 ${areaPages.cpu?.p50 ?? '–'} ms`
	);
	// Uncached mixed workload (issue 13): what the cache hides.
	const mixed = await phase('mixed uncached', () =>
		mixedLoad(server, url, mixedViews(units, opts.months, 240), {
			clients: opts.clients,
			floorSample: 40,
			firstRenders: opts.quick ? 10 : 30
		})
	);
	log(
		`mixed uncached: ${mixed.requests} requests over ${mixed.views} views, p50 ${mixed.summary.p50.toFixed(0)} ms, p95 ${mixed.summary.p95.toFixed(0)} ms (API ${mixed.api.p95.toFixed(0)}, pages ${mixed.pages.p95.toFixed(0)}); bare SQL p95 ${mixed.floor.p95.toFixed(0)} ms; ${mixed.errors} errors ${JSON.stringify(mixed.statuses)}; first renders of distinct pages alone p50 ${mixed.firstRender.p50.toFixed(0)} ms, p95 ${mixed.firstRender.p95.toFixed(0)} ms; CPU per request server ${mixed.cpu ? Math.round(mixed.cpu.serverMs / mixed.requests) : '–'} ms, database ${mixed.cpu ? Math.round(mixed.cpu.databaseMs / mixed.requests) : '–'} ms`
	);
	const rowsInMonth = (JSON.parse(runs.monthBody.toString()) as { rows: unknown[] }).rows.length;
	if (rowsInMonth !== nCommunes)
		throw new Error(`values answered ${rowsInMonth} rows, expected ${nCommunes}`);
	const cached = await phase('http floor', () =>
		cachedAnswerLoad(runs.monthBody, {
			clients: opts.clients,
			amount: 50 * opts.clients,
			dir: work
		})
	);
	log(`cached answer: p95 ${cached.p95.toFixed(0)} ms, ${cached.rps.toFixed(0)} req/s`);
	let soakResult: SoakResult | null = null;
	if (opts.soakSeconds > 0)
		soakResult = await soakRun(
			{ ...server, memoryFile },
			paths,
			{
				province: loaded.soakProvince,
				year,
				seriesUnit,
				communes: loaded.soakCommunes,
				...opts // clients, soak seconds, warm-up seconds, seed
			},
			bl
		);

	// ---- Browser --------------------------------------------------------------------------
	let browserData: BrowserData | null = null;
	if (!opts.skipBrowser) {
		const browser = await launch();
		cleanups.push(() => browser.close());
		browserData = await phase('browser', () =>
			browserRun(
				browser,
				server.url,
				{ year, communes: nCommunes, runs: opts.browserRuns },
				cleanups,
				notes,
				bl
			)
		);
	}
	await server.stop();
	if (browserData)
		browserData.laiChau = await phase('lai chau', () =>
			laiChauRun(buildCopy, opts.pgUrl, laiChauDb, opts.keep, cleanups, notes, bl)
		);

	// ---- PGlite ---------------------------------------------------------------------------
	const pglite = await phase('pglite', () =>
		pglitePass({
			dir: work,
			units,
			scenario,
			months: opts.pgliteMonths,
			monthSpec: specs.month,
			valuesPath: paths.month,
			sqlRuns: Math.min(10, opts.sqlRuns.month),
			buildCopy,
			clients: opts.clients,
			seconds: opts.loadSeconds,
			log
		})
	);

	// ---- Report ---------------------------------------------------------------------------
	await runCleanups();
	const totalMs = performance.now() - bl.started;
	machine.loadavg.end = Number(loadavg()[0].toFixed(2));
	report({
		machine,
		data: {
			opts,
			nCommunes,
			importMonths: loaded.importMonths,
			preloaded: loaded.preloaded,
			floor: loaded.floor,
			ingest: loaded.ingest,
			sql: {
				month: summarize(sql.month),
				year: summarize(sql.year),
				series: summarize(sql.series)
			},
			...runs,
			cached,
			browser: browserData,
			pglite: { ...pglite, sqlMonthSummary: summarize(pglite.sqlMonth) },
			soak: soakResult,
			totalMs,
			soakMs: phases.soak ?? 0
		},
		areaPages,
		mixed,
		scenario: {
			quick: opts.quick,
			seed: opts.seed,
			communes: nCommunes,
			months: opts.months.length,
			observations: loaded.observations,
			importMonths: loaded.importMonths,
			preloadMonths: loaded.preloadMonths.length,
			pgliteMonths: opts.pgliteMonths
		},
		phases,
		notes,
		benchDir,
		kept: opts.keep ? `databases ${dbName}, ${laiChauDb}; files ${work}` : null
	});
} catch (error) {
	console.error(`bench failed: ${(error as Error).stack ?? error}`);
	process.exitCode = 1;
	await runCleanups();
} finally {
	if (!opts.keep) rmSync(work, { recursive: true, force: true });
}

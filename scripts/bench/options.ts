/**
 * Command-line options of `npm run bench` and the scenario they select.
 *
 *   --quick         1 province (Lai Châu's GADM communes), 12 months, short load runs: a smoke test
 *   --skip-browser  no Chromium figures
 *   --keep          keep the PostgreSQL databases and the PGlite directory afterwards
 *   --build         rebuild build/ when it is stale (by default only when it is missing)
 *   --seed N        seed of the synthetic figures (default 20251)
 *   --browser-runs N   cold page loads per browser figure, median reported (default 5; 1 with --quick)
 *   --import-months N  months that go through the import path (default 12: a year of national
 *                   reports); the earlier months are preloaded by COPY (not measured as ingest)
 *   --pglite-months N  months loaded into the PGlite pass (default 1; 12 with --quick)
 *   --soak-seconds N   length of the soak (32 clients on the public endpoints and pages mixed with
 *                   imports over HTTP), after a warm-up of a tenth of it (10–60 s); default 300
 *                   (30 with --quick)
 *   --skip-soak     no soak
 */
import { parseArgs } from 'node:util';
import { addMonths, monthsBetween } from '../../src/lib/domain/periods.ts';

export interface BenchOptions {
	quick: boolean;
	skipBrowser: boolean;
	keep: boolean;
	build: boolean;
	seed: number;
	/** Province codes to keep (null = the whole country). */
	provinces: string[] | null;
	/** Months of the scenario, oldest first (YYYY-MM). */
	months: string[];
	/** How many of the last months go through `importFile` (the rest are preloaded by COPY). */
	importMonths: number;
	/** The months loaded into the PGlite pass (the last ones of `months`). */
	pgliteMonths: string[];
	/** Seconds of each autocannon run, and clients. */
	loadSeconds: number;
	clients: number;
	/** Sequential runs of the bare SQL per floor. */
	sqlRuns: { month: number; year: number; series: number };
	/** Seconds of the soak after its warm-up (0 = no soak), and of the warm-up. */
	soakSeconds: number;
	soakWarmupSeconds: number;
	/** Cold page loads per browser figure (median reported). */
	browserRuns: number;
	pgUrl: string;
}

export function readOptions(argv = process.argv.slice(2)): BenchOptions {
	const { values } = parseArgs({
		args: argv,
		options: {
			quick: { type: 'boolean', default: false },
			'skip-browser': { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false },
			build: { type: 'boolean', default: false },
			seed: { type: 'string', default: '20251' },
			'import-months': { type: 'string' },
			'browser-runs': { type: 'string' },
			'pglite-months': { type: 'string' },
			'soak-seconds': { type: 'string' },
			'skip-soak': { type: 'boolean', default: false }
		}
	});
	const quick = values.quick!;
	const last = '2025-12';
	const count = quick ? 12 : 60;
	const months = monthsBetween(addMonths(last, -(count - 1)), last);
	const pgliteCount = Number(values['pglite-months'] ?? (quick ? 12 : 1));
	const importCount = Number(values['import-months'] ?? 12);
	const seed = Number(values.seed);
	if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
	if (!Number.isInteger(pgliteCount) || pgliteCount < 1 || pgliteCount > count)
		throw new Error(`--pglite-months must be 1…${count}`);
	if (!Number.isInteger(importCount) || importCount < 1 || importCount > count)
		throw new Error(`--import-months must be 1…${count}`);
	const soakSeconds = values['skip-soak']
		? 0
		: Number(values['soak-seconds'] ?? (quick ? 30 : 300));
	if (!Number.isInteger(soakSeconds) || soakSeconds < 0)
		throw new Error(
			`--soak-seconds must be a whole number of seconds, got ${values['soak-seconds']}`
		);
	return {
		quick,
		soakSeconds,
		soakWarmupSeconds: Math.min(60, Math.max(10, Math.round(soakSeconds / 10))),
		skipBrowser: values['skip-browser']!,
		keep: values.keep!,
		build: values.build!,
		seed,
		provinces: quick ? ['12'] : null,
		months,
		importMonths: importCount,
		pgliteMonths: months.slice(-pgliteCount),
		loadSeconds: quick ? 2 : 8,
		clients: 32,
		sqlRuns: quick ? { month: 10, year: 5, series: 10 } : { month: 30, year: 12, series: 30 },
		browserRuns: Number(values['browser-runs'] ?? (quick ? 1 : 5)),
		pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
	};
}

/**
 * The embedded store at national scale: every commune, the last few months of the scenario,
 * imported through `importFile` (floor: a plain COPY of the same rows into an empty table, on
 * PGlite too), then the month figure for all communes as bare SQL and through the built server
 * under the same 32 clients. PGlite is one connection in one process: concurrent requests queue.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchUnit } from './geography.ts';
import { openFreshStore } from './database.ts';
import { loadUnits } from './units-load.ts';
import { copyFloor, importReports, writeReports, type IngestRun, type Scenario } from './ingest.ts';
import { aggregateSql, timeSql } from './sql-floor.ts';
import { startServer } from './server.ts';
import { fetchOk, load, requestsFor, type LoadResult } from './http-load.ts';
import type { AggregateSpec } from '../../src/lib/server/queries/aggregate.ts';

export interface PgliteResult {
	months: string[];
	floor: IngestRun;
	ingest: IngestRun;
	sqlMonth: number[];
	http: LoadResult | null;
	serverStartMs: number | null;
	httpError: string | null;
}

export async function pglitePass(options: {
	dir: string;
	units: readonly BenchUnit[];
	scenario: Scenario;
	months: string[];
	monthSpec: AggregateSpec;
	valuesPath: string;
	sqlRuns: number;
	buildCopy: string;
	clients: number;
	seconds: number;
	log: (s: string) => void;
}): Promise<PgliteResult> {
	const { dir, scenario, months, log } = options;
	const dataDir = join(dir, 'pglite');
	rmSync(dataDir, { recursive: true, force: true });
	const store = await openFreshStore({ dataDir });
	let floor: IngestRun;
	let ingest: IngestRun;
	let sqlMonth: number[];
	try {
		const ids = await loadUnits(store, options.units, { withGeometry: false });
		const unitIds = scenario.communes.map((c) => ids.get(c.code)!);
		const files = writeReports(scenario, months, join(dir, 'pglite-reports'));
		floor = await copyFloor(store, scenario, months, unitIds);
		log(`pglite: COPY floor ${floor.rows} rows in ${(floor.ms / 1000).toFixed(1)} s`);
		ingest = await importReports(store, files, (i, ms) =>
			log(`pglite: imported ${months[i]} in ${(ms / 1000).toFixed(1)} s`)
		);
		await store.run('analyze');
		sqlMonth = await timeSql(store, await aggregateSql(options.monthSpec), options.sqlRuns);
	} finally {
		await store.close();
	}
	let http: LoadResult | null = null;
	let serverStartMs: number | null = null;
	let httpError: string | null = null;
	try {
		const server = await startServer(options.buildCopy, { DATA_DIR: dataDir });
		serverStartMs = server.startMs;
		try {
			await fetchOk(server.url + options.valuesPath);
			const single = await fetchOk(server.url + options.valuesPath);
			// PGlite answers one query at a time: one core's worth of throughput.
			const amount = requestsFor(single.ms, {
				clients: options.clients,
				seconds: options.seconds,
				cores: 1
			});
			http = await load(server.url + options.valuesPath, { clients: options.clients, amount });
		} finally {
			await server.stop();
		}
	} catch (error) {
		httpError = (error as Error).message.split('\n')[0];
	}
	return { months, floor, ingest, sqlMonth, http, serverStartMs, httpError };
}

/**
 * Loads the national scenario into a fresh PostgreSQL store: units with geometry, the soak's
 * users, the first months preloaded by COPY (not the product's path), the COPY floor, the last
 * months through the product's import path (the ingest figure), then a vacuum, and checks the
 * count of observations.
 */
import { join } from 'node:path';
import type { Store } from '../../src/lib/server/db/index.ts';
import type { BenchUnit } from './geography.ts';
import type { BenchLog } from './log.ts';
import type { BenchOptions } from './options.ts';
import { loadUnits } from './units-load.ts';
import { addSoakUsers } from './soak-writer.ts';
import {
	copyFloor,
	importReports,
	preload,
	writeReports,
	type IngestRun,
	type Scenario
} from './ingest.ts';

export interface NationalLoad {
	ids: Map<string, number>;
	preloaded: IngestRun | null;
	floor: IngestRun;
	ingest: IngestRun;
	observations: number;
	importMonths: string[];
	preloadMonths: string[];
	/** The province whose editor and approver the soak's writer signs in as, and its communes. */
	soakProvince: string;
	soakCommunes: string[];
}

export async function loadNational(
	store: Store,
	units: readonly BenchUnit[],
	scenario: Scenario,
	opts: BenchOptions,
	work: string,
	{ log, phase }: BenchLog
): Promise<NationalLoad> {
	const ids = await phase('units', () => loadUnits(store, units, { withGeometry: true }));
	// The soak's writer signs in as an editor and an approver of one province (every role but
	// admin has an area), and writes reports of that province's communes.
	const soakProvince = units.find((u) => u.level === 'province')!.code;
	const inSoakProvince = new Set(
		units.filter((u) => u.parentCode === soakProvince).map((u) => u.code)
	);
	const soakCommunes = units
		.filter((u) => u.level === 'commune' && u.parentCode && inSoakProvince.has(u.parentCode))
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
	const expected = scenario.communes.length * 21 * opts.months.length;
	if (observations !== expected)
		throw new Error(`expected ${expected} observations, found ${observations}`);
	return {
		ids,
		preloaded,
		floor,
		ingest,
		observations,
		importMonths,
		preloadMonths,
		soakProvince,
		soakCommunes
	};
}

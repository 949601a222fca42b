/**
 * tsx scripts/bench/phase.ts --phase area|mixed --database URL [--count N] [--port N] [--views]
 *
 * One phase of `npm run bench`, alone, against a national database already loaded (a copy of
 * one kept by `npm run bench -- --keep`): builds build/ if it is stale, starts the built server
 * on that database as the bench does, runs the phase with the bench's own functions and prints
 * its figures and budget lines — a minute instead of a full bench, to measure a change.
 *
 *   --phase area   cold first renders of N distinct area overviews (default 30, as the full bench)
 *   --phase mixed  the uncached mixed workload (240 views, 32 clients); it bumps the data version
 *                  of the database, as the full bench does: use a copy, never the kept database
 *   --views        also print each measured request (area: path, ms, CPU ms)
 *   --port N       the server's port (default: a free one)
 *
 * The scenario's units are read from ../shared/data/vietnam-communes.topojson and its months are
 * the full bench's (60 to 2025-12), so the views are the ones the full bench asks.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readOptions } from './options.ts';
import { readNationalUnits } from './geography.ts';
import { copyBuild, ensureBuild, root, startServer } from './server.ts';
import { assessAreaPages, measureAreaPages } from './area-pages.ts';
import { mixedLoad, mixedViews } from './mixed-load.ts';
import { assessMixed } from './mixed-report.ts';
import { benchLog } from './log.ts';
import type { Budget, Figure } from './report.ts';

const { values } = parseArgs({
	options: {
		phase: { type: 'string' },
		database: { type: 'string' },
		count: { type: 'string' },
		port: { type: 'string' },
		views: { type: 'boolean', default: false }
	}
});
const which = values.phase;
const url = values.database;
if ((which !== 'area' && which !== 'mixed') || !url) {
	console.error('usage: tsx scripts/bench/phase.ts --phase area|mixed --database URL [--count N]');
	process.exit(2);
}
const count = Number(values.count ?? (which === 'area' ? 30 : 240));
const port = values.port ? Number(values.port) : undefined;
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer`);
// The full bench's scenario (no --quick), whatever this process's own arguments.
const opts = readOptions([]);
const { log, phase } = benchLog();
const load = () =>
	loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');

function print(out: { figures: Figure[]; budgets: Budget[] }) {
	for (const f of out.figures)
		log(`${f.name} = ${f.value === null ? '–' : Math.round(f.value)} ${f.unit}`);
	for (const b of out.budgets)
		log(`${b.pass === null ? 'N/A ' : b.pass ? 'PASS' : 'FAIL'} ${b.name}: ${b.detail}`);
}

log(`phase ${which} on ${url.replace(/\/\/[^@]*@/, '//')}; load average ${load()}`);
const build = await phase('build', () => ensureBuild(true));
if (build.built) log(`built in ${(build.ms / 1000).toFixed(1)} s (${build.stale})`);
const buildCopy = copyBuild();
const units = readNationalUnits(resolve(root, '../shared/data/vietnam-communes.topojson'), null);
const server = await phase('server start', () =>
	startServer(
		buildCopy,
		// As the full bench: the uncached mixed workload asks hundreds of new views from one address.
		{ DATABASE_URL: url, NEW_VIEWS_RATE: '100000', NEW_VIEWS_BURST: '100000' },
		port
	)
);
try {
	if (which === 'area') {
		const run = await phase('area pages', () =>
			measureAreaPages(server, url, units, opts.months, count)
		);
		if (values.views)
			for (const v of run.views)
				log(`  ${v.path} ${v.ms.toFixed(0)} ms, CPU ${v.cpuMs ?? '–'} ms, ${v.bytes} B`);
		print(assessAreaPages(run, `phase alone, load average ${load()}`));
	} else {
		const run = await phase('mixed uncached', () =>
			mixedLoad(server.url, url, mixedViews(units, opts.months, count), {
				clients: opts.clients,
				floorSample: 40,
				firstRenders: 30
			})
		);
		print(assessMixed(run, `phase alone, load average ${load()}`));
	}
	log(`load average at the end ${load()}`);
} finally {
	await server.stop();
	rmSync(buildCopy, { recursive: true, force: true });
}

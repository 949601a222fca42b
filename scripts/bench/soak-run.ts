/**
 * The soak on the national server: the eight public GETs its readers cycle through (values of a
 * month and a year, a series, a province's priorities, the map's geometry, three pages), each
 * checked once before it starts, then `soak()` with the writer of `soakCommunes`.
 */
import { fetchOk } from './http-load.ts';
import type { BenchLog } from './log.ts';
import { soak, type SoakResult } from './soak.ts';
import type { PathName } from './http-runs.ts';
import type { BenchOptions } from './options.ts';

/** The geometry URL a page links (the first match may sit in an attribute, with &amp;). */
export const geometryPathIn = (html: string): string | null =>
	/\/api\/v1\/geometry\?[^"'\s<\\]+/.exec(html)?.[0]?.replaceAll('&amp;', '&') ?? null;

export async function soakRun(
	server: { url: string; pid: number; memoryFile: string | null },
	paths: Record<PathName, string>,
	options: {
		province: string;
		year: string;
		seriesUnit: string;
		communes: string[];
	} & Pick<BenchOptions, 'clients' | 'soakWarmupSeconds' | 'soakSeconds' | 'seed'>,
	{ log, phase }: BenchLog
): Promise<SoakResult> {
	const { province, year } = options;
	const geometry = geometryPathIn((await fetchOk(`${server.url}/`)).body.toString());
	const soakPaths = [
		paths.month,
		paths.year,
		paths.series,
		`/api/v1/priorities?parent=${province}&period=${year}-Q4`,
		...(geometry ? [geometry] : []),
		'/',
		`/units/${options.seriesUnit}`,
		`/priorities?parent=${province}`
	];
	// Every path answers before the soak starts: a broken one is a bench error, not load.
	for (const path of soakPaths) await fetchOk(server.url + path);
	return phase('soak', () =>
		soak({
			base: server.url,
			pid: server.pid,
			memoryFile: server.memoryFile,
			seed: options.seed,
			paths: soakPaths,
			communes: options.communes,
			clients: options.clients,
			warmupSeconds: options.soakWarmupSeconds,
			seconds: options.soakSeconds,
			log
		})
	);
}

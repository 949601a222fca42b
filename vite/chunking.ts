/**
 * How the browser's code is cut into files (issue 15, item 6: the first visit of the map within
 * 100 KB compressed). Left alone, Rolldown cut the map page's code into ~35 files of a few hundred
 * bytes each: every one costs its response headers (~300 bytes) and compresses alone. Here the
 * runtime every page needs (Svelte, SvelteKit and their helpers) is one file, and our own modules
 * shared by several pages are grouped by the pages that use them, groups under
 * {@link MERGE_BELOW} bytes merged into their nearest neighbour. Leaflet stays apart: it loads
 * when the reader reaches for the map. The server's build is left as it was.
 *
 * The modules the root layout imports (every page loads them) are one group of their own, kept
 * out of that merging: a small group (say the charts of two pages) merged into a neighbour the
 * layout uses went with the layout to every page, with the chunks it imports (the compare and
 * embed links): 22 requests and ~135 KB on the first visit of the map instead of 19 and ~117 KB.
 *
 * Our own modules the map page `/` shares with other pages are one group too (`map-page`): they
 * came in six files of 1–6 KB cut by the sets of pages sharing them, some holding code `/` does
 * not run; one file now (the pages sharing them load it whole). Library modules stay with the
 * `shared` grouping: `/` may use one function of a module whose rest only the charts need.
 * First visit of `/`: 106,850 bytes in 18 requests -> 101,185 in 13 (2026-12-07).
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const RUNTIME = /node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|esm-env|clsx)[\\/]/;
const ON_DEMAND = /node_modules[\\/]leaflet[\\/]|leaflet-bundle/;
const MERGE_BELOW = 8000;
const ROOT_LAYOUT = ['+layout.svelte', '+layout.ts'].map((f) => resolve('src/routes', f));
const MAP_PAGE = ['+page.svelte', '+page.ts'].map((f) => resolve('src/routes', f));

/** Every module reached from `roots` by static imports (dynamic ones load later). */
function reached(roots: string[], info: (id: string) => { importedIds: readonly string[] } | null) {
	const seen = new Set<string>();
	const stack = [...roots];
	while (stack.length > 0) {
		const id = stack.pop()!;
		if (seen.has(id)) continue;
		seen.add(id);
		stack.push(...(info(id)?.importedIds ?? []));
	}
	return seen;
}

export function chunking(): Plugin {
	/** Every module the root layout reaches by static imports, found once the graph is known. */
	let everyPage = new Set<string>();
	/** The shared modules the map page `/` reaches, the layout's aside (see below). */
	let mapPage = new Set<string>();
	return {
		name: 'xaso-chunking',
		apply: 'build',
		buildEnd() {
			if (this.environment.name !== 'client') return;
			const info = (id: string) => this.getModuleInfo(id);
			everyPage = reached(ROOT_LAYOUT, info);
			mapPage = reached(MAP_PAGE, info);
			for (const id of [...everyPage, ...MAP_PAGE]) mapPage.delete(id);
			// Our own modules only: a library module `/` reaches (d3-scale's d3-format, say) may be
			// used there for one function and by the charts for the rest, which would then come too.
			for (const id of mapPage) if (id.includes('node_modules')) mapPage.delete(id);
		},
		configEnvironment(name) {
			if (name !== 'client') return;
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: [
									{ name: 'runtime', test: (id) => RUNTIME.test(id), priority: 4 },
									{
										name: 'every-page',
										test: (id) => everyPage.has(id) && !ON_DEMAND.test(id),
										minShareCount: 2,
										priority: 3
									},
									{
										name: 'map-page',
										test: (id) => mapPage.has(id),
										minShareCount: 2,
										priority: 2
									},
									{
										name: 'shared',
										test: (id) => !ON_DEMAND.test(id),
										minShareCount: 2,
										entriesAware: true,
										entriesAwareMergeThreshold: MERGE_BELOW,
										priority: 1
									}
								]
							}
						}
					}
				}
			};
		}
	};
}

/**
 * How the browser's code is cut into files (issue 15, item 6: the first visit of the map within
 * 100 KB compressed). Left alone, Rolldown cut the map page's code into ~35 files of a few hundred
 * bytes each: every one costs its response headers (~300 bytes) and compresses alone. Here the
 * runtime every page needs (Svelte, SvelteKit and their helpers) is one file, and our own modules
 * shared by several pages are grouped by the pages that use them, groups under
 * {@link MERGE_BELOW} bytes merged into their nearest neighbour. Leaflet stays apart: it loads
 * when the reader reaches for the map. The server's build is left as it was.
 */
import type { Plugin } from 'vite';

const RUNTIME = /node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|esm-env|clsx)[\\/]/;
const ON_DEMAND = /node_modules[\\/]leaflet[\\/]|leaflet-bundle/;
const MERGE_BELOW = 8000;

export function chunking(): Plugin {
	return {
		name: 'xaso-chunking',
		apply: 'build',
		configEnvironment(name) {
			if (name !== 'client') return;
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: [
									{ name: 'runtime', test: (id) => RUNTIME.test(id), priority: 2 },
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

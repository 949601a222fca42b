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
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const RUNTIME = /node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|esm-env|clsx)[\\/]/;
const ON_DEMAND = /node_modules[\\/]leaflet[\\/]|leaflet-bundle/;
const MERGE_BELOW = 8000;
const ROOT_LAYOUT = ['+layout.svelte', '+layout.ts'].map((f) => resolve('src/routes', f));

export function chunking(): Plugin {
	/** Every module the root layout reaches by static imports, found once the graph is known. */
	const everyPage = new Set<string>();
	return {
		name: 'xaso-chunking',
		apply: 'build',
		buildEnd() {
			if (this.environment.name !== 'client') return;
			everyPage.clear();
			const stack = [...ROOT_LAYOUT];
			while (stack.length > 0) {
				const id = stack.pop()!;
				if (everyPage.has(id)) continue;
				everyPage.add(id);
				stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
			}
		},
		configEnvironment(name) {
			if (name !== 'client') return;
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: [
									{ name: 'runtime', test: (id) => RUNTIME.test(id), priority: 3 },
									{
										name: 'every-page',
										test: (id) => everyPage.has(id) && !ON_DEMAND.test(id),
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

import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { messagesSplit } from './vite/messages-split';
import { chunking } from './vite/chunking';
import { paraglideOptions } from './vite/paraglide';
import { fileURLToPath } from 'node:url';

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), messagesSplit(), chunking(), sveltekit()],
	resolve: {
		alias: [
			// Its package sends browsers a single UMD file of the whole library (~30 KB, with a
			// classifier and a normal table built when it loads) for the one function we use
			// (ckmeans, domain/classify.ts); its ES module source lets the bundle keep that one.
			{
				find: /^simple-statistics$/,
				replacement: fileURLToPath(
					new URL('./node_modules/simple-statistics/index.js', import.meta.url)
				)
			}
		]
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			},
			{
				extends: true,
				test: {
					name: 'http',
					include: ['tests/http/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/support/server-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			},
			{
				// Several servers, private PostgreSQL clusters and a streaming replica: each file
				// starts what it needs (PostgreSQL pass only; skipped on the embedded store).
				extends: true,
				test: {
					name: 'scale',
					include: ['tests/scale/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/support/server-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});

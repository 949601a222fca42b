/**
 * `npm run test:faults` — the fault tests (tests/faults): the server killed mid-import and during
 * writes, a second process on the embedded store, PostgreSQL restarted under readers. Not part of
 * `npm test` (they kill processes and start a PostgreSQL cluster of their own); `.ci/run` runs
 * them on PostgreSQL after the suite, reusing its build.
 */
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		name: 'faults',
		include: ['tests/faults/**/*.test.ts'],
		environment: 'node',
		testTimeout: 240_000,
		hookTimeout: 180_000,
		fileParallelism: false
	}
});

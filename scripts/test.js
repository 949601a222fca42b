/**
 * npm test — the whole suite, in order, stopping at the first failure:
 * prettier, eslint, svelte-check, vite build (once: the HTTP and browser tests serve build/),
 * then vitest (unit, db, http and e2e projects). `SKIP_LINT=1` skips the first three and reuses
 * a current build/. Arguments after `--` go to `vitest run` (e.g. `npm test -- --project unit`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildStaleReason, root, viteBuild } from './build-state.js';

const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

/** @param {string} path */
const bin = (path) => join(root, 'node_modules', path);

/**
 * Runs a Node CLI from node_modules with output inherited; returns its exit code.
 * @param {string} script
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [extraEnv]
 */
function run(script, args, extraEnv = {}) {
	const result = spawnSync(process.execPath, [bin(script), ...args], {
		cwd: root,
		env: { ...env, ...extraEnv },
		stdio: 'inherit'
	});
	if (result.error) console.error(result.error.message);
	return result.status ?? 1;
}

const skipLint = process.env.SKIP_LINT === '1';
const vitestArgs = process.argv.slice(2);

/** @type {{ name: string, run: () => number }[]} */
const steps = [];
if (!skipLint) {
	steps.push(
		{ name: 'prettier', run: () => run('prettier/bin/prettier.cjs', ['--check', '.']) },
		{ name: 'eslint', run: () => run('eslint/bin/eslint.js', ['.']) },
		{
			name: 'svelte-check',
			run: () =>
				run('@sveltejs/kit/svelte-kit.js', ['sync']) ||
				run('svelte-check/bin/svelte-check', [
					'--tsconfig',
					'./tsconfig.json',
					'--fail-on-warnings'
				])
		}
	);
}
steps.push(
	{
		name: 'build',
		run: () => {
			const stale = buildStaleReason();
			if (skipLint && !stale) {
				console.log('build/ is current: reused');
				return 0;
			}
			return viteBuild(env);
		}
	},
	{
		name: 'vitest',
		// The build is current: the HTTP harness must not rebuild it (a file saved meanwhile).
		run: () => run('vitest/vitest.mjs', ['run', ...vitestArgs], { XASO_BUILD_CURRENT: '1' })
	}
);

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)}s`;
const started = Date.now();
/** @type {string[]} */
const timings = [];
let failed = '';
for (const step of steps) {
	console.log(`\n=== ${step.name} ===`);
	const stepStarted = Date.now();
	const code = step.run();
	timings.push(`${step.name} ${seconds(Date.now() - stepStarted)}`);
	if (code !== 0) {
		failed = `${step.name} (exit ${code})`;
		process.exitCode = code;
		break;
	}
}

const total = seconds(Date.now() - started);
const skipped = skipLint ? ' [SKIP_LINT=1]' : '';
console.log(
	failed
		? `\nnpm test: FAILED at ${failed} after ${total}${skipped} — ${timings.join(', ')}`
		: `\nnpm test: passed in ${total}${skipped} — ${timings.join(', ')}`
);

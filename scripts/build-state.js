/**
 * Whether `build/` is current, and how to rebuild it. Shared by `npm start`, `npm test` and the
 * HTTP test harness, so all three agree on when a build is needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const buildDir = join(root, 'build');

/**
 * Node's flags for the server (`npm start`, the tests' and the bench's servers). A national map
 * page allocates tens of MB (10,000 rows read, ranked, packed and rendered); with young
 * generation semi-spaces of 32 MB instead of V8's 16, fewer of them are scavenged or promoted:
 * −15 % of the server's CPU per first render of a national page (docs/SCALING.md), for
 * ~50 MB more resident memory.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/** What the build is made from: a change in any of these makes `build/` stale. */
const INPUTS = [
	'src',
	'static',
	'messages',
	'project.inlang/settings.json',
	'vite',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
/** Compiled from messages/ (Paraglide), rewritten by every compile: not an input of its own. */
const GENERATED = join(root, 'src', 'lib', 'paraglide');

/** Written after a successful build, with the mtime of the moment the build started. */
const STAMP = join(buildDir, '.build-started');

/**
 * The newest file among the build inputs.
 * @returns {{ path: string, mtimeMs: number } | undefined}
 */
function newestInput() {
	/** @type {{ path: string, mtimeMs: number } | undefined} */
	let newest;
	/** @param {string} path */
	const visit = (path) => {
		let stat;
		try {
			stat = statSync(path);
		} catch {
			return;
		}
		if (stat.isDirectory()) {
			if (path === GENERATED) return;
			for (const entry of readdirSync(path)) visit(join(path, entry));
		} else if (!newest || stat.mtimeMs > newest.mtimeMs) {
			newest = { path, mtimeMs: stat.mtimeMs };
		}
	};
	for (const input of INPUTS) visit(join(root, input));
	return newest;
}

/**
 * Why `build/` must be (re)built, or null when it is current.
 * @returns {string | null}
 */
export function buildStaleReason() {
	const entry = join(buildDir, 'index.js');
	if (!existsSync(entry)) return 'build/ is missing';
	// A file saved while a build ran is not in it: compare with the build's start when known.
	const builtAt = existsSync(STAMP) ? statSync(STAMP).mtimeMs : statSync(entry).mtimeMs;
	const newest = newestInput();
	if (newest && newest.mtimeMs > builtAt)
		return `${relative(root, newest.path)} is newer than build/`;
	return null;
}

/**
 * Runs `vite build` in the repository root, output inherited; returns its exit code.
 * Always a production build: under vitest NODE_ENV is `test`, and Vite would then bundle
 * Svelte's development code (the tests would measure and serve another build than users get).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {number}
 */
export function viteBuild(env = process.env) {
	const started = new Date();
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], {
		cwd: root,
		env: { ...env, NODE_ENV: 'production' },
		stdio: 'inherit'
	});
	const code = result.status ?? 1;
	if (code === 0) {
		writeFileSync(STAMP, started.toISOString() + '\n');
		utimesSync(STAMP, started, started);
	}
	return code;
}

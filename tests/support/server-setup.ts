/**
 * Vitest globalSetup of the 'http' and 'e2e' projects: serves the built app (`node build`) on a
 * free port with a store of its own, and provides its address as `inject('baseURL')`.
 *
 * - DATABASE_URL unset: a fresh embedded store in a new temporary DATA_DIR (the server's `init`
 *   migrates and seeds units and demo figures).
 * - DATABASE_URL set: a fresh database `xaso_http_<random>` on that server, filled by
 *   `scripts/seed.ts --demo` first (a PostgreSQL store is never given demo figures unasked).
 *
 * Both projects run in one `vitest run`, and each calls its globalSetup: the server is shared
 * through a process-wide registry and stopped by the last teardown, so it starts only once.
 * Build: made when build/ is missing or stale; `npm test` sets XASO_BUILD_CURRENT=1 after its own
 * build so that a file saved during the run does not trigger a second one.
 */
import type { TestProject } from 'vitest/node';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createTestUsers } from './test-users.ts';
import { buildStaleReason, root, viteBuild } from '../../scripts/build-state.js';
import {
	copyBuild as copyBuildAs,
	freePort,
	READY_PATH,
	spawnBuilt,
	waitUntilReady
} from '../../scripts/lib/built-server.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Origin of the server under test, e.g. `http://127.0.0.1:41234`. */
		baseURL: string;
	}
}

export interface RunningServer {
	url: string;
	/** The server's own PostgreSQL database, when DATABASE_URL is set (a test may break it). */
	database?: string;
	stop(): Promise<void>;
}

interface Shared {
	users: number;
	server: Promise<RunningServer>;
}

const KEY = Symbol.for('xaso.test-server');
const registry = globalThis as typeof globalThis & { [KEY]?: Shared };

export default async function setup(project: TestProject) {
	const shared = (registry[KEY] ??= { users: 0, server: startServer() });
	shared.users++;
	let server: RunningServer;
	try {
		server = await shared.server;
	} catch (error) {
		if (--shared.users === 0) delete registry[KEY];
		throw error;
	}
	project.provide('baseURL', server.url);
	return async () => {
		if (--shared.users > 0) return;
		delete registry[KEY];
		await server.stop();
	};
}

export function ensureBuild() {
	const stale = buildStaleReason();
	if (!stale) return;
	if (stale !== 'build/ is missing' && process.env.XASO_BUILD_CURRENT === '1') {
		console.warn(`[server-setup] ${stale}; testing the build npm test just made`);
		return;
	}
	console.log(`[server-setup] building (${stale})…`);
	if (viteBuild() !== 0) throw new Error('vite build failed: the HTTP tests need build/');
}

/** A private copy of build/ for one server (scripts/lib/built-server.ts says why). */
export function copyBuild(): string {
	return copyBuildAs('xaso-test-build-');
}

export { freePort };

/** The environment of a child process: ours without Vitest's markers. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ...extra };
	for (const key of Object.keys(env))
		if (key.startsWith('VITEST') || key === 'TEST') delete env[key];
	return env;
}

/** Creates a fresh PostgreSQL database next to DATABASE_URL's and seeds units and demo figures. */
export async function freshPostgres(baseUrl: string) {
	const name = `xaso_http_${randomBytes(5).toString('hex')}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (error) {
		await admin.end({ timeout: 5 });
		throw error;
	}
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	const drop = async () => {
		try {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
		} finally {
			await admin.end({ timeout: 5 });
		}
	};
	try {
		seedDemo(url.href);
	} catch (error) {
		await drop();
		throw error;
	}
	return { name, url: url.href, drop };
}

/** Fills a migrated-or-empty PostgreSQL database with units and demo figures (`db:seed --demo`). */
export function seedDemo(databaseUrl: string) {
	const seed = spawnSync(
		process.execPath,
		[join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts', '--demo'],
		{ cwd: root, env: childEnv({ DATABASE_URL: databaseUrl }), encoding: 'utf8' }
	);
	if (seed.status !== 0)
		throw new Error(
			`seeding ${databaseUrl} failed (exit ${seed.status}):\n${seed.stdout}\n${seed.stderr}`
		);
}

export interface ServerOptions {
	/**
	 * A PostgreSQL database the caller made and seeded, used as it is (not dropped at the end):
	 * several servers on one database, or one on a private cluster (tests/scale).
	 */
	databaseUrl?: string;
	/** Whether to create the test users first (default true; false for a second server). */
	users?: boolean;
}

/**
 * Starts one more server of the built app, on its own port and fresh store, with test users.
 * `extraEnv` is added to the server's environment (e.g. adapter-node's `ADDRESS_HEADER`), for a test
 * that needs a setting the shared server cannot have. The caller stops it.
 */
export async function startServer(
	extraEnv: Record<string, string> = {},
	options: ServerOptions = {}
): Promise<RunningServer> {
	const started = Date.now();
	ensureBuild();
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;

	// Undone in reverse order on failure or at teardown.
	const cleanups: (() => Promise<void> | void)[] = [];
	const cleanUp = async () => {
		for (const fn of cleanups.reverse()) {
			try {
				await fn();
			} catch (error) {
				console.error('[server-setup] cleanup failed:', error);
			}
		}
		cleanups.length = 0;
	};

	let storeLabel = '';
	let database: string | undefined;
	let output = () => '';
	let forward = false;
	try {
		const buildCopy = copyBuild();
		cleanups.push(() => rmSync(buildCopy, { recursive: true, force: true, maxRetries: 3 }));

		const env = childEnv({
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			LOG_REQUESTS: '0',
			// Above the 5 MB upload cap of POST /api/v1/imports (adapter-node's default is 512K).
			BODY_SIZE_LIMIT: '6M',
			// The suite asks for hundreds of distinct views from 127.0.0.1 within seconds, beyond the
			// per-address miss limit meant for visitors (http/miss-limit.ts); cache-key.test.ts
			// starts a server of its own to test that limit.
			NEW_VIEWS_RATE: '1000',
			NEW_VIEWS_BURST: '100000',
			...extraEnv
		});
		if (options.databaseUrl) {
			env.DATABASE_URL = options.databaseUrl;
			database = new URL(options.databaseUrl).pathname.slice(1);
			storeLabel = `PostgreSQL database ${options.databaseUrl}`;
		} else if (process.env.DATABASE_URL) {
			const db = await freshPostgres(process.env.DATABASE_URL);
			cleanups.push(db.drop);
			env.DATABASE_URL = db.url;
			database = db.name;
			storeLabel = `PostgreSQL database ${db.name}`;
		} else {
			const dataDir = mkdtempSync(join(tmpdir(), 'xaso-http-'));
			cleanups.push(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 }));
			env.DATA_DIR = dataDir;
			storeLabel = `embedded store in ${dataDir}`;
		}

		// Test-only accounts, written before the server opens the store (test-users.ts).
		if (options.users !== false)
			await createTestUsers({ DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL });

		const server = spawnBuilt(buildCopy, env);
		cleanups.push(server.stop);
		output = server.output;
		// Once ready, server errors show up beside the test that caused them.
		server.onStderr((chunk) => {
			if (forward) process.stderr.write(`[server] ${chunk}`);
		});

		await waitUntilReady(server.child, url + READY_PATH);
		forward = true;
	} catch (error) {
		await cleanUp();
		throw new Error(
			`${(error as Error).message}\n--- server output (${storeLabel || 'no store yet'}) ---\n${output() || '(none)'}`,
			{ cause: error }
		);
	}
	console.log(
		`[server-setup] ${url} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${storeLabel})`
	);
	return { url, database, stop: cleanUp };
}

/**
 * The fault tests' app server: `node build` (from a private copy of build/, as the HTTP harness
 * serves it) on a store the test chooses and keeps across restarts — a DATA_DIR or a
 * DATABASE_URL — so that it can be killed with SIGKILL and started again on the same data.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { childEnv, copyBuild, ensureBuild } from '../support/server-setup.ts';
import { freePort, spawnBuilt, waitUntilReady } from '../../scripts/lib/built-server.ts';

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Where the app's store lives: exactly one of the two. */
export type StoreEnv = { DATA_DIR: string } | { DATABASE_URL: string };

export interface App {
	url: string;
	child: ChildProcess;
	/** The last 20,000 characters the process wrote. */
	output(): string;
	/** Resolves when the process has exited, with how. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** SIGTERM, then SIGKILL after 5 s. */
	stop(): Promise<void>;
}

/** One copy of build/ for a test file; `remove` deletes it. */
export function buildCopy(): { dir: string; remove(): void } {
	ensureBuild();
	const dir = copyBuild();
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

/** Spawns the server on `store`; does not wait for it (see `startApp`). */
export async function spawnApp(build: string, store: StoreEnv): Promise<App> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = childEnv({
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		LOG_REQUESTS: '0',
		BODY_SIZE_LIMIT: '6M',
		// Readers ask for many views from one address within seconds (http/miss-limit.ts).
		NEW_VIEWS_RATE: '1000',
		NEW_VIEWS_BURST: '100000',
		...store
	});
	if ('DATA_DIR' in store) delete env.DATABASE_URL;
	const server = spawnBuilt(build, env);
	const { child } = server;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
		child.once('exit', (code, signal) => done({ code, signal }))
	);
	return { url, child, output: server.output, exited, stop: server.stop };
}

/** Spawns the server and waits until it answers; returns it and the seconds it took. */
export async function startApp(build: string, store: StoreEnv): Promise<App & { readyS: number }> {
	const started = performance.now();
	const app = await spawnApp(build, store);
	try {
		await waitUntilReady(app.child, app.url + '/api/v1/indicators');
	} catch (error) {
		await app.stop();
		throw new Error(`${(error as Error).message}\n--- server output ---\n${app.output()}`, {
			cause: error
		});
	}
	return { ...app, readyS: (performance.now() - started) / 1000 };
}

/** SIGKILL, and waits for the process to be gone. */
export async function killApp(app: App): Promise<void> {
	app.child.kill('SIGKILL');
	const how = await app.exited;
	if (how.signal !== 'SIGKILL' && how.code === null)
		throw new Error(`the server ended oddly: ${JSON.stringify(how)}`);
}

/** A line in the test output with the figures measured (kept in CI logs). */
export function record(label: string, figures: Record<string, string | number>): void {
	const text = Object.entries(figures)
		.map(([k, v]) => `${k}=${v}`)
		.join(' ');
	console.log(`[faults] ${label}: ${text}`);
}

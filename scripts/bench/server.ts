/**
 * The built app (`node build`) as the bench serves it: from a private copy of build/, on a free
 * port, with the store given by the environment. Request logging is off. The spawning, copying and
 * waiting are shared with the test setup (scripts/lib/built-server.ts).
 */
import { appendFileSync } from 'node:fs';
import { buildStaleReason, root, viteBuild } from '../build-state.js';
import {
	copyBuild as copyBuildAs,
	freePort,
	READY_PATH,
	spawnBuilt,
	waitUntilReady
} from '../lib/built-server.ts';

export { root };

/** Builds when build/ is missing (or stale, with `rebuildStale`); returns what was done. */
export function ensureBuild(rebuildStale: boolean): {
	built: boolean;
	ms: number;
	stale: string | null;
} {
	const stale: string | null = buildStaleReason();
	if (!stale || (stale !== 'build/ is missing' && !rebuildStale))
		return { built: false, ms: 0, stale };
	const t = performance.now();
	if (viteBuild() !== 0) throw new Error('vite build failed: the bench needs build/');
	return { built: true, ms: performance.now() - t, stale };
}

/** Copies build/ to a private folder; returns the folder (its `build` is the app). */
export function copyBuild(): string {
	return copyBuildAs('xaso-bench-build-');
}

export interface RunningServer {
	url: string;
	pid: number;
	/** Milliseconds from spawn to the first 200 of /api/v1/indicators. */
	startMs: number;
	stop(): Promise<void>;
}

/** Starts `node <buildCopy>/build` with `env` added (on `port`, else a free one); resolves once it answers. */
export async function startServer(
	buildCopy: string,
	env: Record<string, string>,
	port?: number
): Promise<RunningServer> {
	port ??= await freePort();
	const url = `http://127.0.0.1:${port}`;
	const t = performance.now();
	const childEnv: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		LOG_REQUESTS: '0',
		...env
	};
	if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
	const server = spawnBuilt(buildCopy, childEnv);
	// BENCH_SERVER_LOG=FILE: what the servers write on stderr (errors, their stacks) is kept there.
	const log = process.env.BENCH_SERVER_LOG;
	if (log) server.onStderr((chunk) => appendFileSync(log, chunk));
	try {
		await waitUntilReady(server.child, url + READY_PATH);
	} catch (error) {
		await server.stop();
		throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output()}`, {
			cause: error
		});
	}
	return { url, pid: server.child.pid!, startMs: performance.now() - t, stop: server.stop };
}

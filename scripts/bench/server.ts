/**
 * The built app (`node build`) as the bench serves it: from a private copy of build/ (route
 * chunks load lazily, so a rebuild by someone else during the run would break a server running
 * from build/ itself; the copy lives under node_modules/.cache so the app's packages resolve),
 * on a free port, with the store given by the environment. Request logging is off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildDir, buildStaleReason, root, viteBuild } from '../build-state.js';

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
	const parent = join(root, 'node_modules', '.cache');
	mkdirSync(parent, { recursive: true });
	const dayAgo = Date.now() - 24 * 3600_000;
	for (const entry of readdirSync(parent)) {
		const path = join(parent, entry);
		if (entry.startsWith('xaso-bench-build-') && statSync(path).mtimeMs < dayAgo)
			rmSync(path, { recursive: true, force: true });
	}
	const dir = mkdtempSync(join(parent, 'xaso-bench-build-'));
	cpSync(buildDir, join(dir, 'build'), { recursive: true });
	writeFileSync(join(dir, 'build', 'package.json'), '{ "type": "module" }\n');
	return dir;
}

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))
			);
		});
	});
}

export interface RunningServer {
	url: string;
	pid: number;
	/** Milliseconds from spawn to the first 200 of /api/v1/indicators. */
	startMs: number;
	stop(): Promise<void>;
}

/** Starts `node <buildCopy>/build` with `env` added; resolves once it answers. */
export async function startServer(
	buildCopy: string,
	env: Record<string, string>
): Promise<RunningServer> {
	const port = await freePort();
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
	const child = spawn(process.execPath, [join(buildCopy, 'build')], {
		cwd: root,
		env: childEnv,
		stdio: 'pipe'
	});
	let output = '';
	const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	const stop = async () => {
		process.off('exit', killOnExit);
		await stopChild(child);
	};
	try {
		await waitUntilReady(child, `${url}/api/v1/indicators`);
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`, {
			cause: error
		});
	}
	return { url, pid: child.pid!, startMs: performance.now() - t, stop };
}

async function waitUntilReady(child: ChildProcess, readyUrl: string) {
	const deadline = Date.now() + 120_000;
	let last = 'no answer';
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(
				`the server exited (${child.exitCode ?? child.signalCode}) before it was ready`
			);
		try {
			const response = await fetch(readyUrl, { signal: AbortSignal.timeout(5_000) });
			await response.arrayBuffer();
			if (response.status === 200) return;
			last = `HTTP ${response.status}`;
		} catch (error) {
			last = (error as Error).message;
		}
		await new Promise((done) => setTimeout(done, 200));
	}
	throw new Error(`GET ${readyUrl} did not answer 200 within 120 s (last: ${last})`);
}

async function stopChild(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}

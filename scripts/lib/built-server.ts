/**
 * Serving the built app (`node build`) from a private copy, shared by the bench (scripts/bench/
 * server.ts) and the test setup (tests/support/server-setup.ts).
 *
 * The server runs from a private copy of build/: it loads route chunks lazily, so a rebuild of
 * build/ during the run (`npm start`, another run in the same tree) would break it. The copy lives
 * under node_modules/.cache so that the app's packages still resolve, and is ignored by every tool.
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
import { buildDir, root, SERVER_NODE_FLAGS } from '../build-state.js';

/** The first path every server answers 200 once its store is open. */
export const READY_PATH = '/api/v1/indicators';
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 5_000;

/**
 * Copies build/ to a new folder named `<prefix>…` (removing copies older than a day, left by a
 * run that was killed); returns the folder (its `build` is the app).
 */
export function copyBuild(prefix: string): string {
	const parent = join(root, 'node_modules', '.cache');
	mkdirSync(parent, { recursive: true });
	const dayAgo = Date.now() - 24 * 3600_000;
	for (const entry of readdirSync(parent)) {
		const path = join(parent, entry);
		if (entry.startsWith(prefix) && statSync(path).mtimeMs < dayAgo)
			rmSync(path, { recursive: true, force: true });
	}
	const dir = mkdtempSync(join(parent, prefix));
	cpSync(buildDir, join(dir, 'build'), { recursive: true });
	// Node does not look for package.json "type" above a node_modules folder.
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

export interface BuiltChild {
	child: ChildProcess;
	/** The last 20 kB the server wrote (stdout and stderr). */
	output(): string;
	/** Called with each stderr chunk from now on (e.g. to forward errors once ready). */
	onStderr(listener: (chunk: Buffer) => void): void;
	/** Stops the server (SIGTERM, then SIGKILL); resolves once it has exited. */
	stop(): Promise<void>;
}

/**
 * Spawns `node <buildCopy>/build` with `env` as its whole environment, from the repository root
 * (drizzle/ and ../shared/data are found from there). The child is killed if this process exits.
 */
export function spawnBuilt(buildCopy: string, env: NodeJS.ProcessEnv): BuiltChild {
	const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(buildCopy, 'build')], {
		cwd: root,
		env,
		stdio: 'pipe'
	});
	let output = '';
	const listeners: ((chunk: Buffer) => void)[] = [];
	const collect = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', (chunk: Buffer) => {
		collect(chunk);
		for (const listener of listeners) listener(chunk);
	});
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	return {
		child,
		output: () => output,
		onStderr: (listener) => void listeners.push(listener),
		stop: async () => {
			process.off('exit', killOnExit);
			await stopChild(child);
		}
	};
}

export async function waitUntilReady(child: ChildProcess, readyUrl: string) {
	const deadline = Date.now() + READY_TIMEOUT_MS;
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
	throw new Error(
		`GET ${readyUrl} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`
	);
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
export async function stopChild(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => {
		console.warn(`[server] did not stop within ${STOP_GRACE_MS / 1000} s: SIGKILL`);
		child.kill('SIGKILL');
	}, STOP_GRACE_MS);
	await exited;
	clearTimeout(timer);
}

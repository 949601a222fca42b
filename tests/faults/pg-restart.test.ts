/**
 * Issue 16, faults: PostgreSQL restarted with `pg_ctl -m immediate` under 32 concurrent readers
 * of public endpoints. While it is down, requests answer 503 with Retry-After (or a cached 200),
 * never anything else and never slowly; once it is back, every request answers 200 within 5 s,
 * with the same app server (no restart). The measured figures are printed.
 *
 * The cluster is the test's own (initdb into a temporary directory, on a free port, or
 * FAULTS_PG_PORT), never the shared server of DATABASE_URL. As root, PostgreSQL's tools run as the
 * `postgres` user (runuser). Skipped when PostgreSQL 15's binaries are not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, freePort } from '../support/server-setup.ts';
import { send } from '../support/test-users.ts';
import { root } from '../../scripts/build-state.js';
import { buildCopy, record, sleep, startApp, type App } from './app.ts';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const READERS = 32;
/** A request slower than this counts as a hang. */
const HANG_MS = 5_000;
/** Service must be back within this long after the database is. */
const RECOVERY_MS = 5_000;
/** How long the database stays down. */
const DOWN_MS = 4_000;
/** Public endpoints and pages: uncached searches, cached answers, a page. */
const PATHS = [
	'/api/v1/units?level=province',
	'/api/v1/units?q=ha',
	'/api/v1/indicators',
	'/units/03388',
	'/'
];

const asRoot = process.getuid?.() === 0;
const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : undefined;
const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : undefined;

const run = promisify(execFile);

/**
 * Runs one of PostgreSQL's tools (as `postgres` when we are root); rejects on failure. Never
 * synchronously: the readers run in this process.
 */
async function pg(tool: string, args: string[]): Promise<void> {
	const [cmd, argv] = asRoot
		? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]]
		: [join(BIN, tool), args];
	await run(cmd, argv, { timeout: 60_000 });
}

interface Sample {
	path: string;
	start: number;
	end: number;
	status: number;
	retryAfter: boolean;
	error?: string;
}

describe.skipIf(!existsSync(join(BIN, 'initdb')))('PostgreSQL restarted under readers', () => {
	let dir: string;
	let port: number;
	let build: ReturnType<typeof buildCopy>;
	let app: App | undefined;
	let started = false;

	const ctl = (...args: string[]) => pg('pg_ctl', ['-D', join(dir, 'data'), ...args]);
	const startCluster = () =>
		ctl(
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
			'-l',
			join(dir, 'log'),
			'-w',
			'start'
		);

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'xaso-faults-pg-'));
		if (asRoot) chownSync(dir, uid!, gid!);
		port = Number(process.env.FAULTS_PG_PORT ?? (await freePort()));
		await pg('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
		await startCluster();
		started = true;
		const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
		const seed = spawnSync(
			process.execPath,
			// Units and boundaries, no demo figures: the readers need the store, not the figures.
			[join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts'],
			{ cwd: root, env: childEnv({ DATABASE_URL: url }), encoding: 'utf8' }
		);
		if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stdout}\n${seed.stderr}`);
		build = buildCopy();
		app = await startApp(build.dir, { DATABASE_URL: url });
		// Warm: the first rendering of a page is the slow one (and is cached after).
		for (const path of PATHS) await send(new URL(path, app.url).href);
	});

	afterAll(async () => {
		await app?.stop();
		if (started) {
			try {
				await ctl('-m', 'immediate', 'stop');
			} catch {
				// Already stopped.
			}
		}
		build?.remove();
		if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	});

	it('answers 503 with Retry-After while down, never hangs, and is back within 5 s', async () => {
		const server = app!;
		const t0 = performance.now();
		const samples: Sample[] = [];
		let stop = false;
		const reader = async (i: number) => {
			for (let k = i; !stop; k++) {
				const path = PATHS[k % PATHS.length];
				const start = performance.now() - t0;
				const sample: Sample = { path, start, end: 0, status: 0, retryAfter: false };
				try {
					const r = await Promise.race([
						send(new URL(path, server.url).href),
						sleep(HANG_MS * 2).then(() => {
							throw new Error(`no answer within ${HANG_MS * 2} ms`);
						})
					]);
					sample.status = r.status;
					sample.retryAfter = Number(r.headers['retry-after']) > 0;
				} catch (error) {
					sample.error = `${path}: ${(error as Error).message}`;
				}
				sample.end = performance.now() - t0;
				samples.push(sample);
			}
		};
		const readers = Array.from({ length: READERS }, (_, i) => reader(i));
		await sleep(3_000);
		const downAt = performance.now() - t0;
		await ctl('-m', 'immediate', 'stop');
		const stoppedAt = performance.now() - t0;
		await sleep(DOWN_MS);
		await startCluster(); // -w: returns once it accepts connections
		const backAt = performance.now() - t0;
		await sleep(RECOVERY_MS + 3_000);
		stop = true;
		await Promise.all(readers);

		const timeline = () =>
			`stopped at ${Math.round(downAt)} ms, back at ${Math.round(backAt)} ms; requests (path start→end status):\n` +
			samples
				.filter((s) => s.status !== 200)
				.slice(0, 80)
				.map((s) => `${s.path} ${Math.round(s.start)}→${Math.round(s.end)} ${s.error ?? s.status}`)
				.join('\n');
		const slowest = [...samples].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 6);
		console.log(
			`stopped at ${Math.round(downAt)} ms, back at ${Math.round(backAt)} ms; slowest:\n` +
				slowest
					.map(
						(s) => `${s.path} ${Math.round(s.start)}→${Math.round(s.end)} ${s.error ?? s.status}`
					)
					.join('\n')
		);
		const errors = samples.filter((s) => s.error);
		if (errors.length) console.log(timeline());
		expect(errors.map((s) => s.error).slice(0, 5), 'requests without an answer').toEqual([]);
		const odd = samples.filter((s) => s.status !== 200 && s.status !== 503);
		expect(odd.map((s) => s.status).slice(0, 5), 'statuses other than 200 and 503').toEqual([]);
		const refused = samples.filter((s) => s.status === 503);
		expect(refused.length, 'some requests met the database down').toBeGreaterThan(0);
		expect(
			refused.filter((s) => !s.retryAfter),
			'503 without Retry-After'
		).toEqual([]);
		const healthyBefore = samples.filter((s) => s.end < downAt);
		expect(healthyBefore.length).toBeGreaterThan(0);
		expect(healthyBefore.every((s) => s.status === 200)).toBe(true);
		// No 503 for a request sent before the stop or well after the return.
		expect(refused.every((s) => s.end > downAt)).toBe(true);
		const lastRefused = Math.max(...refused.map((s) => s.start));
		const recoveryMs = Math.max(0, lastRefused - backAt);
		expect(recoveryMs, 'service back after the database').toBeLessThanOrEqual(RECOVERY_MS);
		const after = samples.filter((s) => s.start > backAt + RECOVERY_MS);
		expect(after.length).toBeGreaterThan(0);
		expect(after.every((s) => s.status === 200)).toBe(true);
		const whileDown = samples.filter((s) => s.start >= downAt && s.start < backAt);
		const maxDownMs = Math.max(...whileDown.map((s) => s.end - s.start));
		const maxMs = Math.max(...samples.map((s) => s.end - s.start));
		expect(maxMs, 'slowest request').toBeLessThan(HANG_MS);
		expect(server.child.exitCode, 'the app server kept running').toBe(null);
		record('PostgreSQL restarted -m immediate under 32 readers', {
			requests: samples.length,
			answered_503: refused.length,
			stop_took_s: ((stoppedAt - downAt) / 1000).toFixed(1),
			down_s: ((backAt - downAt) / 1000).toFixed(1),
			recovery_s: (recoveryMs / 1000).toFixed(2),
			max_latency_while_down_ms: Math.round(maxDownMs),
			max_latency_ms: Math.round(maxMs)
		});
	});
});

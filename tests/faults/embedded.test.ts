/**
 * Issue 16, faults: the embedded store (PGlite in DATA_DIR), whatever DATABASE_URL says.
 * - The server killed with SIGKILL during a stream of uploads reopens with every change it
 *   acknowledged: each upload answered 200 before the kill is there after the restart. The lock
 *   file the killed process left behind does not stop the restart.
 * - A second server started on the same DATA_DIR while the first runs is refused, with a message
 *   naming the directory and what to do, and the first one goes on unharmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_USERS, UNIT, createTestUsers, postFile, signIn } from '../support/test-users.ts';
import { httpClient } from '../support/http-client.ts';
import {
	buildCopy,
	killApp,
	record,
	sleep,
	spawnApp,
	startApp,
	type App,
	type StoreEnv
} from './app.ts';

/** Writes in flight at once (the server runs at most two imports at a time). */
const WRITERS = 2;
/** The kill comes after this many acknowledged writes, while more are in flight. */
const KILL_AFTER = 12;

/** A distinct report month per write, and figures that say which write it was. */
const monthOf = (n: number) =>
	`${2005 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
const fileOf = (n: number) =>
	`unit_code,period,computers,staff_total\n${UNIT},${monthOf(n)},${n + 1},200\n`;

describe('the embedded store under SIGKILL', () => {
	let build: ReturnType<typeof buildCopy>;
	let dataDir: string;
	let store: StoreEnv;
	const running: App[] = [];

	beforeAll(async () => {
		build = buildCopy();
		dataDir = mkdtempSync(join(tmpdir(), 'xaso-faults-'));
		store = { DATA_DIR: dataDir };
		// openStore falls back to DATABASE_URL (set in CI): hide it, or the users go there.
		const databaseUrl = process.env.DATABASE_URL;
		delete process.env.DATABASE_URL;
		try {
			await createTestUsers(store);
		} finally {
			if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
		}
		expect(existsSync(join(dataDir, 'PG_VERSION')), 'the users went to the embedded store').toBe(
			true
		);
	});

	afterAll(async () => {
		for (const app of running) await app.stop();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
		build?.remove();
	});

	it('reopens with every acknowledged write after a kill during writes', async () => {
		const first = await startApp(build.dir, store);
		running.push(first);
		const editor = (await signIn(first.url, TEST_USERS.editor.email)).cookie;
		const acknowledged: number[] = [];
		let next = 0;
		let killed = false;
		const writer = async () => {
			while (!killed) {
				const n = next++;
				try {
					const r = await postFile(
						first.url,
						'/api/v1/imports',
						new File([fileOf(n)], `w${n}.csv`, { type: 'text/csv' }),
						{ confirm_jumps: '1' },
						{ cookie: editor, accept: 'application/json' }
					);
					if (r.status === 200) acknowledged.push(n);
					else if (r.status !== 429) throw new Error(`write ${n}: ${r.status} ${r.text}`);
				} catch (error) {
					if (!killed) throw error;
				}
			}
		};
		const writers = Array.from({ length: WRITERS }, writer);
		while (acknowledged.length < KILL_AFTER) {
			await Promise.race([sleep(20), ...writers]);
			if (first.child.exitCode !== null) throw new Error(first.output());
		}
		killed = true;
		await killApp(first);
		const started = next;
		await Promise.all(writers);
		// The killed process's lock file is still there: stale, it must not block the restart.
		expect(existsSync(join(dataDir, 'xaso.lock'))).toBe(true);

		const second = await startApp(build.dir, store);
		running.push(second);
		const cookie = (await signIn(second.url, TEST_USERS.editor.email)).cookie;
		const client = httpClient(second.url);
		let found = 0;
		for (const n of acknowledged) {
			const r = await client.get(`/api/v1/reports/${UNIT}/${monthOf(n)}`, cookie);
			expect(r.status, r.text).toBe(200);
			const report = JSON.parse(r.text);
			expect(
				report.draft,
				`write ${n} (${monthOf(n)}), acknowledged before the kill`
			).toMatchObject({ computers: n + 1, staff_total: 200 });
			found++;
		}
		expect(found).toBe(acknowledged.length);
		record('embedded store killed during writes', {
			acknowledged: acknowledged.length,
			sent: started,
			found_after_restart: found,
			restart_ready_s: second.readyS.toFixed(1)
		});
	});

	it('refuses a second server on the same directory, saying which and what to do', async () => {
		const holder = running.at(-1)!;
		expect(holder.child.exitCode).toBe(null);
		const lock = JSON.parse(readFileSync(join(dataDir, 'xaso.lock'), 'utf8'));
		expect(lock.pid).toBe(holder.child.pid);

		const started = performance.now();
		const second = await spawnApp(build.dir, store);
		const timer = setTimeout(() => second.child.kill('SIGKILL'), 60_000);
		const how = await second.exited;
		clearTimeout(timer);
		const seconds = (performance.now() - started) / 1000;
		expect(how.code, second.output()).not.toBe(0);
		expect(how.signal, 'it should stop by itself').toBe(null);
		expect(second.output()).toContain(
			`The embedded database in ${dataDir} is in use by process ${holder.child.pid}`
		);
		expect(second.output()).toMatch(/Stop that process first, or set DATA_DIR/);

		// The first one still holds the directory and answers.
		expect(JSON.parse(readFileSync(join(dataDir, 'xaso.lock'), 'utf8')).pid).toBe(holder.child.pid);
		const r = await httpClient(holder.url).get('/api/v1/indicators');
		expect(r.status).toBe(200);
		record('second process on the same DATA_DIR', {
			refused_in_s: seconds.toFixed(1),
			exit_code: String(how.code)
		});
	});
});

describe.skipIf(!existsSync('/proc/self/stat'))('a lock whose pid was reused', () => {
	/** Tries to lock `dir` in a new process: "acquired" or the refusal. */
	function tryLock(dir: string): string {
		const script = `import { acquireDirLock } from ${JSON.stringify(resolve('src/lib/server/db/lock.ts'))};
			try { acquireDirLock(${JSON.stringify(dir)}); console.log('acquired'); }
			catch (e) { console.log(e.message); }`;
		const file = join(dir, 'try-lock.mts');
		writeFileSync(file, script);
		return spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' }).stdout;
	}

	it('is taken over when the live process with that pid started at another time', () => {
		const dir = mkdtempSync(join(tmpdir(), 'xaso-faults-lock-'));
		try {
			const stat = readFileSync('/proc/self/stat', 'utf8');
			const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
			const lock = join(dir, 'xaso.lock');
			// This process holds it: refused.
			writeFileSync(lock, JSON.stringify({ pid: process.pid, start, since: 'now' }));
			expect(tryLock(dir)).toContain(`is in use by process ${process.pid}`);
			// Written by an earlier process with the same pid (killed; the pid given again).
			writeFileSync(lock, JSON.stringify({ pid: process.pid, start: '1', since: 'then' }));
			expect(tryLock(dir)).toContain('acquired');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

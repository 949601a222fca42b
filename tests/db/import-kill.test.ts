/**
 * Killing the import process in the middle of a large import leaves the database as it was
 * (PostgreSQL only: PGlite lives inside the process, so there is no server to keep a half-done
 * transaction). `npx tsx scripts/import.ts BIG.csv` runs as a child process against a fresh test
 * database; it is killed with SIGKILL once it is inside its transaction with its figures already
 * written (uncommitted).
 *
 * To kill it at a known point rather than by timing, the test holds an ACCESS EXCLUSIVE lock on
 * audit_log: the import opens its transaction, records its batch, validates and COPYs ~134,000
 * observations, then blocks when it writes the batch's audit row. The test sees the
 * backend waiting on that lock while holding a row-exclusive lock on observations (so it has
 * written them), kills the whole process group, releases its lock, waits for the server to drop
 * the orphaned backend, and compares counts and checksum with the state before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { MEASURES } from '../../src/lib/domain/measures.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { importBytes, prepareUnits, snapshot } from '../support/import-helpers.ts';

const url = process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Wide-form figures for every pre-2025 commune over five years, parts within wholes. */
function bigReport(codes: string[]): { text: string; figures: number } {
	const lines = [['unit_code', 'period', ...MEASURES.map((m) => m.code)].join(',')];
	let figures = 0;
	for (let year = 2020; year <= 2024; year++)
		for (let month = 1; month <= 12; month++)
			for (const [i, code] of codes.entries()) {
				const values = MEASURES.map((m) =>
					m.max !== undefined ? 1 : m.partOf ? 50 + ((i + month) % 40) : 100 + year - 2020 + i
				);
				lines.push([code, `${year}-${String(month).padStart(2, '0')}`, ...values].join(','));
				figures += values.length;
			}
	return { text: lines.join('\n') + '\n', figures };
}

describe.skipIf(!url)('killing an import mid-transaction (PostgreSQL)', () => {
	let handle: TestStore;
	let store: Store;
	let dir: string;
	let testUrl: string;
	let admin: ReturnType<typeof postgres>;

	beforeAll(async () => {
		handle = await createTestStore();
		store = handle.store;
		await prepareUnits(store);
		const [{ name }] = await store.rows<{ name: string }>(sql`select current_database() as name`);
		const target = new URL(url!);
		target.pathname = `/${name}`;
		testUrl = target.toString();
		admin = postgres(testUrl, { max: 2, onnotice: () => {} });
		dir = mkdtempSync(join(tmpdir(), 'xaso-kill-'));
	});

	afterAll(async () => {
		await admin?.end({ timeout: 5 });
		await handle?.cleanup();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('leaves observations, facts, audit log and batches exactly as they were', async () => {
		// Some figures already stored, so "as it was" is not just "empty".
		const baseline = await importBytes(
			store,
			new TextEncoder().encode(
				'unit_code,period,dossiers_received,dossiers_resolved\n03400,2014-01,7,7\n03403,2014-05,9,8\n'
			),
			'baseline.csv'
		);
		expect(baseline).toMatchObject({ ok: true, inserted: 4 });

		const codes = (
			await store.rows<{ code: string }>(sql`select code from units
				where level = 'commune' and valid_from is null and valid_to = '2025-06-30' order by code`)
		).map((r) => r.code);
		expect(codes.length).toBeGreaterThan(100);
		const { text, figures } = bigReport(codes);
		expect(figures).toBeGreaterThan(130_000);
		const file = join(dir, 'big.csv');
		writeFileSync(file, text);
		const before = await snapshot(store);

		// Hold the audit log so the import blocks inside its transaction, after its COPY into
		// observations (the batch's audit row is written next).
		const blocker = await admin.reserve();
		await blocker`begin`;
		await blocker`lock table audit_log in access exclusive mode`;

		const child = spawn('npx', ['tsx', 'scripts/import.ts', file], {
			cwd: process.cwd(),
			env: { ...process.env, DATABASE_URL: testUrl },
			detached: true, // its own process group: npx → tsx → node all die together
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
			child.on('exit', (code, signal) => done({ code, signal }))
		);

		try {
			// Wait until the import's backend is inside its transaction, has written observations
			// and is waiting for the audit log.
			let backend: number | null = null;
			const deadline = Date.now() + 120_000;
			while (backend === null && Date.now() < deadline) {
				const rows = await admin<{ pid: number }[]>`
					select a.pid from pg_stat_activity a
					where a.datname = current_database() and a.pid <> pg_backend_pid()
						and a.xact_start is not null and a.wait_event_type = 'Lock' and a.query ilike '%audit_log%'
						and exists (select 1 from pg_locks l join pg_class c on c.oid = l.relation
							where l.pid = a.pid and c.relname = 'observations' and l.mode = 'RowExclusiveLock' and l.granted)
						and exists (select 1 from pg_locks l join pg_class c on c.oid = l.relation
							where l.pid = a.pid and c.relname = 'import_batches' and l.granted)`;
				if (rows.length) backend = rows[0].pid;
				else if (child.exitCode !== null)
					throw new Error(`the import ended before it could be killed:\n${output}`);
				else await sleep(100);
			}
			expect(backend, `the import never reached its transaction:\n${output}`).not.toBeNull();

			process.kill(-child.pid!, 'SIGKILL');
			expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
			expect(output).not.toMatch(/inserted \d+/);

			// Let the orphaned backend run into its closed socket and roll back.
			await blocker`rollback`;
			for (let i = 0; i < 300; i++) {
				const rows = await admin`select 1 from pg_stat_activity where pid = ${backend!}`;
				if (rows.length === 0) break;
				await sleep(100);
			}
			expect(await admin`select 1 from pg_stat_activity where pid = ${backend!}`).toHaveLength(0);
		} finally {
			if (child.exitCode === null && child.signalCode === null)
				process.kill(-child.pid!, 'SIGKILL');
			blocker.release();
		}

		expect(await snapshot(store)).toEqual(before);
		const [{ n }] = await store.rows<{ n: number }>(
			sql`select count(*)::int as n from import_batches where file_name = 'big.csv'`
		);
		expect(n).toBe(0);

		// And the same file, not killed, goes in whole: the kill is what stopped it.
		const done = await new Promise<{ code: number | null; out: string }>((resolve) => {
			const again = spawn('npx', ['tsx', 'scripts/import.ts', file], {
				env: { ...process.env, DATABASE_URL: testUrl },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let out = '';
			again.stdout.on('data', (d) => (out += d));
			again.stderr.on('data', (d) => (out += d));
			again.on('exit', (code) => resolve({ code, out }));
		});
		expect(done.out).toContain(`inserted ${figures}, updated 0, unchanged 0`);
		expect(done.code).toBe(0);
		expect((await snapshot(store)).observations).toBe(before.observations + figures);
	}, 300_000);
});

/**
 * The data version's memo (queries/data-version.ts) on a real store: a bump committed in this
 * process is seen by the next read; an uncommitted or rolled-back one never is, and a rollback
 * does not stop the memo; a change made behind the memo's back (another process) is seen within
 * VERSION_TTL_MS, and not re-queried before; on PostgreSQL, a bump from another process is seen
 * within the TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import {
	VERSION_TTL_MS,
	bumpDataVersion,
	dataVersion
} from '../../src/lib/server/queries/data-version.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';

let t: TestStore;

beforeAll(async () => {
	t = await createTestStore();
	await migrateStore(t.store);
});

afterAll(async () => {
	await t?.cleanup();
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Sets the stored version without going through bumpDataVersion, as another process would. */
const setBehindTheBack = (v: number) =>
	t.store.run(sql`insert into settings (key, value) values ('data_version', to_jsonb(${v}::bigint))
		on conflict (key) do update set value = excluded.value`);

describe('dataVersion', () => {
	it('sees a bump of this process on the very next read', async () => {
		const before = await dataVersion(t.store);
		await t.store.transaction((tx) => bumpDataVersion(tx));
		expect(await dataVersion(t.store)).toBe(before + 1);
		await t.store.transaction(async (tx) => {
			await bumpDataVersion(tx);
			await bumpDataVersion(tx);
		});
		expect(await dataVersion(t.store)).toBe(before + 3);
	});

	it('memoises for VERSION_TTL_MS: a change behind its back shows only after that', async () => {
		await sleep(VERSION_TTL_MS + 50);
		const v = await dataVersion(t.store); // a fresh read: the memo is new
		await setBehindTheBack(v + 10);
		// Read again at once: the memo answers, the database is not asked.
		expect(await dataVersion(t.store)).toBe(v);
		await sleep(VERSION_TTL_MS + 50);
		expect(await dataVersion(t.store)).toBe(v + 10);
	});

	it('a rolled-back bump changes nothing, and the next committed one is seen at once', async () => {
		const v = await dataVersion(t.store);
		await expect(
			t.store.transaction(async (tx) => {
				await bumpDataVersion(tx);
				throw new Error('rejected file');
			})
		).rejects.toThrow('rejected file');
		expect(await dataVersion(t.store)).toBe(v);
		// …and memoising resumes (a dry run must not leave every read querying): a change behind
		// the memo's back is not seen at once.
		await setBehindTheBack(v + 5);
		expect(await dataVersion(t.store)).toBe(v);
		await setBehindTheBack(v);
		await sleep(VERSION_TTL_MS + 50);
		await t.store.transaction((tx) => bumpDataVersion(tx));
		expect(await dataVersion(t.store)).toBe(v + 1);
	});

	it.skipIf(!process.env.DATABASE_URL)(
		'reads during an open bumping transaction see the old version, and the new one right after commit',
		async () => {
			const v = await dataVersion(t.store);
			let release: () => void = () => {};
			const held = new Promise<void>((done) => (release = done));
			let bumped: () => void = () => {};
			const inside = new Promise<void>((done) => (bumped = done));
			const tx = t.store.transaction(async (tx) => {
				await bumpDataVersion(tx);
				bumped();
				await held;
			});
			await inside;
			expect(await dataVersion(t.store)).toBe(v);
			expect(await dataVersion(t.store)).toBe(v);
			release();
			await tx;
			expect(await dataVersion(t.store)).toBe(v + 1);
		}
	);
});

describe.skipIf(!process.env.DATABASE_URL)('another process', () => {
	it('bumps seen within VERSION_TTL_MS', async () => {
		const v = await dataVersion(t.store);
		const dir = mkdtempSync(join(tmpdir(), 'xaso-version-'));
		try {
			// The test store's database: the same URL with the test database's name.
			const url = await t.store.rows<{ db: string }>(sql`select current_database() as db`);
			const target = new URL(process.env.DATABASE_URL!);
			target.pathname = `/${url[0].db}`;
			const file = join(dir, 'bump.mts');
			writeFileSync(
				file,
				`import { openStore } from ${JSON.stringify(resolve('src/lib/server/db/index.ts'))};
				import { bumpDataVersion } from ${JSON.stringify(resolve('src/lib/server/queries/data-version.ts'))};
				const store = await openStore({ databaseUrl: ${JSON.stringify(target.href)} });
				await store.transaction((tx) => bumpDataVersion(tx));
				await store.close();`
			);
			const out = spawnSync(process.execPath, ['--import', 'tsx', file], {
				encoding: 'utf8',
				timeout: 60_000
			});
			expect(out.status, out.stderr).toBe(0);
			const done = performance.now();
			let seen = await dataVersion(t.store);
			while (seen === v && performance.now() - done < VERSION_TTL_MS + 200) {
				await sleep(20);
				seen = await dataVersion(t.store);
			}
			expect(seen).toBe(v + 1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

/**
 * The data version across processes on PostgreSQL (queries/data-version.ts): every bump sends
 * NOTIFY with its version on commit (never on rollback); a store of another process (another
 * server) sees a committed version as soon as the notification arrives, not after VERSION_TTL_MS;
 * when its listening connection is lost and comes back, its memo is dropped (notifications
 * meanwhile are lost). A second store in this process stands for the other server: its own pool,
 * listening connection and memo (this process's own bumps are known to it without notifications,
 * so the "other process" writes its bump as raw SQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openStore, type Store } from '../../src/lib/server/db/index.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import postgres from 'postgres';
import {
	VERSION_CHANNEL,
	VERSION_TTL_MS,
	bumpDataVersion,
	dataVersion,
	watchDataVersion
} from '../../src/lib/server/queries/data-version.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';

const enabled = Boolean(process.env.DATABASE_URL);
if (!enabled)
	console.warn('[data-version-notify.test] skipped: PostgreSQL only (set DATABASE_URL)');

/** How soon another store must see a bump: far below VERSION_TTL_MS. */
const NOTIFY_MS = 200;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Milliseconds until `other`'s data version reaches `version`, or null past `limitMs`. */
async function timeUntilVersion(other: Store, version: number, limitMs: number) {
	const started = performance.now();
	while (performance.now() - started <= limitMs) {
		if ((await dataVersion(other)) >= version) return performance.now() - started;
		await sleep(2);
	}
	return null;
}

describe.skipIf(!enabled)('data version notifications between servers', () => {
	let t: TestStore;
	let other: Store;

	beforeAll(async () => {
		t = await createTestStore();
		await migrateStore(t.store);
		await t.store.transaction((tx) => bumpDataVersion(tx));
		const [{ name }] = await t.store.rows<{ name: string }>('select current_database() as name');
		const url = new URL(process.env.DATABASE_URL!);
		url.pathname = `/${name}`;
		other = await openStore({ databaseUrl: url.href });
		await watchDataVersion(other);
	});

	afterAll(async () => {
		await other?.close();
		await t?.cleanup();
	});

	it('every bump notifies its new version, on commit only', async () => {
		const heard: string[] = [];
		const [{ name }] = await t.store.rows<{ name: string }>('select current_database() as name');
		const url = new URL(process.env.DATABASE_URL!);
		url.pathname = `/${name}`;
		const listener = postgres(url.href, { max: 1, onnotice: () => {} });
		try {
			await listener.listen(VERSION_CHANNEL, (payload) => heard.push(payload));
			const before = await dataVersion(t.store);
			await expect(
				t.store.transaction(async (tx) => {
					await bumpDataVersion(tx);
					throw new Error('rolled back');
				})
			).rejects.toThrow('rolled back');
			await t.store.transaction((tx) => bumpDataVersion(tx));
			for (let i = 0; i < 100 && heard.length === 0; i++) await sleep(5);
			await sleep(20);
			expect(heard).toEqual([String(before + 1)]);
		} finally {
			await listener.end({ timeout: 1 });
		}
	});

	it('a bump committed by another process is seen at once', async () => {
		for (let round = 0; round < 3; round++) {
			await sleep(VERSION_TTL_MS + 50);
			// A fresh memo: without the notification it would be trusted for VERSION_TTL_MS.
			const before = await dataVersion(other);
			// What another process's bump does (this process's own bumps are known without it).
			await t.store.transaction(async (tx) => {
				await tx.run(sql`update settings set value = to_jsonb(${before + 1}::bigint)
					where key = 'data_version'`);
				await tx.rows(sql`select pg_notify(${VERSION_CHANNEL}, ${String(before + 1)})`);
			});
			const ms = await timeUntilVersion(other, before + 1, NOTIFY_MS);
			expect(ms, `not seen within ${NOTIFY_MS} ms`).not.toBeNull();
		}
	});

	it('drops its memo when its listening connection comes back', async () => {
		await sleep(VERSION_TTL_MS + 50);
		const before = await dataVersion(other);
		// Changed without a notification, then the other store's LISTEN connection is cut.
		await t.store.run(
			sql`update settings set value = to_jsonb(${before + 10}::bigint) where key = 'data_version'`
		);
		const cut = await t.store.rows<{ pid: number }>(
			`select pg_terminate_backend(pid)::int as pid from pg_stat_activity
			 where datname = current_database() and query ilike 'listen%'`
		);
		expect(cut.length).toBeGreaterThan(0);
		const ms = await timeUntilVersion(other, before + 10, VERSION_TTL_MS / 2);
		expect(ms, 'the memo outlived the reconnection').not.toBeNull();
	});
});

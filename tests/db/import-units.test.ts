/**
 * An import keeps the units it read (queries/import-units.ts) and reads them again exactly when they
 * change: the `units_version` setting moves with every statement that changes codes, names,
 * levels, validity or the lineage (migration 0005), and not with geometry. Runs on PGlite, or on
 * PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { importUnits } from '../../src/lib/server/queries/import-units.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { importBytes, prepareUnits } from '../support/import-helpers.ts';

const csv = (text: string) => new TextEncoder().encode(text);

let handle: TestStore;
let store: Store;

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareUnits(store);
});

afterAll(async () => {
	await handle?.cleanup();
});

const version = async () =>
	(
		await store.rows<{ v: string | null }>(
			sql`select value #>> '{}' as v from settings where key = 'units_version'`
		)
	)[0]?.v ?? null;

describe('the units an import reads', () => {
	it('are read once while nothing changes, and again after a change, in its own transaction', async () => {
		const first = await importUnits(store);
		expect(first.byCode.get('03400')?.[0].level).toBe('commune');
		expect(await importUnits(store)).toBe(first);

		// Geometry is not what an import reads: no new version, the same units.
		const before = await version();
		await store.run(sql`update units set geometry = geometry where code = '03400'`);
		expect(await version()).toBe(before);
		expect(await importUnits(store)).toBe(first);

		// A rolled-back change leaves the version (and the units) as they were.
		await expect(
			store.transaction(async (tx) => {
				await tx.run(sql`update units set name = 'Xã Đổi Tên' where code = '03400'`);
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await version()).toBe(before);
		expect(await importUnits(store)).toBe(first);

		// A committed one is seen by the next import.
		await store.run(sql`update units set name = 'Xã Đổi Tên' where code = '03400'`);
		expect(await version()).not.toBe(before);
		const renamed = await importUnits(store);
		expect(renamed).not.toBe(first);
		expect(renamed.byCode.get('03400')?.[0].name).toBe('Xã Đổi Tên');
	});

	it('refuses a code an earlier import accepted once that unit has been retired', async () => {
		const file = (value: number) => csv(`unit_code,period,computers\n03400,2024-03,${value}\n`);
		expect((await importBytes(store, file(5), 'ok.csv')).ok).toBe(true);
		const before = await version();
		await store.run(sql`update units set valid_to = '2024-02-29' where code = '03400'`);
		expect(await version()).not.toBe(before);
		const refused = await importBytes(store, file(6), 'late.csv');
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.errors[0].code).toBe('unit_not_valid');
	});

	it('moves with the lineage too', async () => {
		const before = await version();
		const [a, b] = await store.rows<{ id: number }>(
			sql`select id from units where level = 'commune' order by id limit 2`
		);
		await store.run(
			sql`insert into lineage (from_unit_id, to_unit_id, effective, relation) values (${a.id}, ${b.id}, '2030-01-01', 'merged')`
		);
		expect(await version()).not.toBe(before);
	});
});

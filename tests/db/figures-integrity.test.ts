/**
 * What the foreign keys of `observations` guarded, now that it has none (migration 0004; they
 * cost five sixths of a national import): a unit, measure or batch that figures point at cannot be
 * deleted or renumbered, and `applyFigures` refuses ids that name nothing. Runs on PGlite, or on
 * PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { applyFigures } from '../../src/lib/server/queries/observations.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { importBytes, prepareUnits, snapshot } from '../support/import-helpers.ts';

let handle: TestStore;
let store: Store;
let batchId: number;
let unitId: number;

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareUnits(store);
	const result = await importBytes(
		store,
		new TextEncoder().encode('unit_code,period,dossiers_received,staff_total\n03400,2024-01,9,4\n'),
		'integrity.csv'
	);
	if (!result.ok || result.batchId === null) throw new Error('setup import failed');
	batchId = result.batchId;
	[{ id: unitId }] = await store.rows<{ id: number }>(
		sql`select id from units where code = '03400' and valid_to = '2025-06-30'`
	);
});

afterAll(async () => {
	await handle?.cleanup();
});

describe('figures keep what they point at', () => {
	it('refuses to delete or renumber a unit with figures', async () => {
		await expect(store.run(sql`delete from units where id = ${unitId}`)).rejects.toThrow(
			/unit 03400 has figures/
		);
		await expect(
			store.run(sql`update units set id = id + 100000 where id = ${unitId}`)
		).rejects.toThrow(/has figures/);
	});

	it('lets a unit without figures go, and a measure or batch only when nothing points at it', async () => {
		await expect(store.run(sql`delete from measures where code = 'staff_total'`)).rejects.toThrow(
			/measure staff_total has figures/
		);
		await expect(store.run(sql`delete from import_batches where id = ${batchId}`)).rejects.toThrow(
			/still current/
		);
		const [{ id }] = await store.rows<{ id: number }>(
			sql`insert into import_batches (source, actor) values ('import', 'test') returning id`
		);
		expect(await store.run(sql`delete from import_batches where id = ${id}`)).toBe(1);
		const [spare] = await store.rows<{ id: number }>(sql`insert into units
			(code, name, short_name, type, level, search_name)
			values ('99999', 'Xã Thử', 'Thử', 'Xã', 'commune', 'xa thu') returning id`);
		expect(await store.run(sql`delete from units where id = ${spare.id}`)).toBe(1);
	});

	it('refuses figures naming a unit or a measure that does not exist, and writes nothing', async () => {
		const before = await snapshot(store);
		const batch = {
			source: 'import' as const,
			fileName: null,
			sha256: null,
			userId: null,
			actor: 't'
		};
		await expect(
			store.transaction((tx) =>
				applyFigures(
					tx,
					[{ unitId: 987654, month: '2024-02', measure: 'computers', value: 1 }],
					batch
				)
			)
		).rejects.toThrow(/1 unknown unit id\(s\) and 0 unknown measure/);
		await expect(
			store.transaction((tx) =>
				applyFigures(
					tx,
					[{ unitId, month: '2024-02', measure: 'no_such_measure', value: 1 }],
					batch
				)
			)
		).rejects.toThrow(/0 unknown unit id\(s\) and 1 unknown measure/);
		expect(await snapshot(store)).toEqual(before);
	});
});

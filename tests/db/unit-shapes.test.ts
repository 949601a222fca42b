/**
 * The map's shapes are encoded once, when boundaries are seeded, and stored (unit_shapes); a
 * change to the units empties them in the same transaction, and the next read encodes and
 * stores them again (services/map-shapes.ts, migration 0007).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedStore } from '../../src/lib/server/services/setup.ts';
import { mapShapes } from '../../src/lib/server/services/map-shapes.ts';
import { unitsChangedOn } from '../../src/lib/server/queries/map.ts';
import { decodeShapes } from '../../src/lib/geo/shapes-binary.ts';
import { today } from '../../src/lib/domain/clock.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';

let t: TestStore;

beforeAll(async () => {
	t = await createTestStore();
	await migrateStore(t.store);
	await seedStore(t.store);
}, 120_000);

afterAll(async () => {
	await t?.cleanup();
});

const stored = async () =>
	(
		await t.store.rows<{ level: string; format: string }>(
			sql`select level, format from unit_shapes order by level, format`
		)
	).map((r) => `${r.level}/${r.format}`);

describe('stored map shapes', () => {
	it('are made when the store is seeded, in every format, for every level', async () => {
		const rows = await stored();
		for (const level of ['province', 'district', 'commune'])
			for (const format of ['binary', 'geojson', 'topojson'])
				expect(rows).toContain(`${level}/${format}`);
	});

	it('are the bytes served, and decode to the units of the day', async () => {
		const at = await unitsChangedOn(t.store, 'commune', today());
		const shapes = await mapShapes(t.store, 'commune', at, 'binary');
		const body = shapes.body;
		const decoded = decodeShapes(
			body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer
		);
		const [{ n }] = await t.store.rows<{ n: number }>(
			sql`select count(*)::int as n from units where level = 'commune' and geometry is not null
				and coalesce(valid_from, '0001-01-01') <= ${at}::date
				and coalesce(valid_to, '9999-12-31') >= ${at}::date`
		);
		expect(n).toBeGreaterThan(0);
		expect((decoded.codes as string[]).length).toBe(n);
		expect(shapes.etag).toMatch(/^"[\w-]{20}"$/);
	});

	it('are dropped when units change, and made again on the next read', async () => {
		await t.store.run(sql`update units set name = name where level = 'province'`);
		expect(await stored()).toEqual([]);
		const at = await unitsChangedOn(t.store, 'province', today());
		await mapShapes(t.store, 'province', at, 'geojson');
		expect(await stored()).toEqual(['province/binary', 'province/geojson', 'province/topojson']);
	});
});

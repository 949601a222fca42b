/** Geometry of units, for GeoJSON answers and the map. */
import { sql } from 'drizzle-orm';
import { intArray } from './arrays.ts';
import type { Executor } from '../db/index.ts';

export interface UnitShape {
	id: number;
	code: string;
	geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null;
	source: string | null;
}

/** Geometry and its source for the given unit ids (in no particular order). */
export async function shapesOf(db: Executor, ids: number[]): Promise<Map<number, UnitShape>> {
	if (ids.length === 0) return new Map();
	const rows = await db.rows<{
		id: number;
		code: string;
		geometry: string | null;
		source: string | null;
	}>(
		sql`select id, code, geometry::text as geometry, geometry_source as source from units
			where id = any(${intArray(ids)})`
	);
	return new Map(
		rows.map((r) => [
			Number(r.id),
			{
				id: Number(r.id),
				code: r.code,
				geometry: r.geometry ? JSON.parse(r.geometry) : null,
				source: r.source
			}
		])
	);
}

/** One stored encoding of a map's shapes (table unit_shapes). */
export interface StoredShapes {
	contentType: string;
	body: Buffer;
	gzip: Buffer;
	etag: string;
}

const asBuffer = (b: Uint8Array | Buffer) =>
	Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** The stored shapes of `level` on `at` in `format`, or null when not (or no longer) stored. */
export async function storedShapes(
	db: Executor,
	level: string,
	at: string,
	format: string
): Promise<StoredShapes | null> {
	const [row] = await db.rows<{
		content_type: string;
		body: Uint8Array;
		gzip: Uint8Array;
		etag: string;
	}>(
		sql`select content_type, body, gzip, etag from unit_shapes
			where level = ${level} and at = ${at}::date and format = ${format}`
	);
	if (!row) return null;
	return {
		contentType: row.content_type,
		body: asBuffer(row.body),
		gzip: asBuffer(row.gzip),
		etag: row.etag
	};
}

/** Stores shapes (kept if another process stored the same first: they are the same bytes). */
export async function saveShapes(
	db: Executor,
	key: { level: string; at: string; format: string },
	shapes: StoredShapes
): Promise<void> {
	await db.run(
		sql`insert into unit_shapes (level, at, format, content_type, body, gzip, etag)
			values (${key.level}, ${key.at}::date, ${key.format}, ${shapes.contentType},
				${shapes.body}, ${shapes.gzip}, ${shapes.etag})
			on conflict do nothing`
	);
}

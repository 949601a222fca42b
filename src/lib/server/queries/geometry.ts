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

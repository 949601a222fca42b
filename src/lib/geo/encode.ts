/**
 * The shapes of a map in the three forms of `GET /api/v1/geometry`, from one pass: rounded
 * (compact.ts: 4 decimals, or 3 when they span the country), simplified together when national
 * (simplify.ts, neighbours keeping one border), then as GeoJSON, TopoJSON (topology.ts) and the
 * binary form the page's map reads (shapes-binary.ts). Pure; the server stores the result
 * (unit_shapes) when boundaries are seeded or imported, so no request simplifies.
 */
import { compactGeometry, decimalsFor } from './compact';
import { simplifyShapes } from './simplify';
import { toTopology } from './topology';
import { packTopology } from './map-shapes';
import { encodeShapes } from './shapes-binary';

export const SHAPE_FORMATS = ['geojson', 'topojson', 'binary'] as const;
export type ShapeFormat = (typeof SHAPE_FORMATS)[number];

export const CONTENT_TYPES: Record<ShapeFormat, string> = {
	geojson: 'application/geo+json',
	topojson: 'application/json',
	binary: 'application/octet-stream'
};

/**
 * How far a national map's borders may move when simplified (degrees; about 300 m): a tenth of
 * a pixel at first sight, under a pixel at province zoom, two or three at district zoom. It
 * leaves 43 % of the points to download, parse and project (168,000 of 390,000 for the
 * 2018 communes; 0.002° leaves 57 % and costs the browser a third more); a province map is
 * not simplified.
 */
export const NATIONAL_TOLERANCE = 0.003;

interface Shape {
	type: 'Polygon' | 'MultiPolygon';
	coordinates: unknown;
}

export interface UnitShapeInput {
	code: string;
	name: string;
	geometry: Shape;
}

/** The shapes in every format: `geojson` and `topojson` as JSON text, `binary` as bytes. */
export function encodeMapShapes(
	shapes: readonly UnitShapeInput[],
	level: string,
	at: string
): Record<ShapeFormat, string | Uint8Array> {
	const decimals = decimalsFor(shapes.map((s) => s.geometry));
	const compact = shapes.map((s) => compactGeometry(s.geometry, decimals));
	const geometries = decimals === 3 ? simplifyShapes(compact, NATIONAL_TOLERANCE) : compact;
	const units = shapes.map((s, k) => ({ code: s.code, name: s.name, geometry: geometries[k] }));
	const topology = toTopology(units, decimals);
	return {
		binary: encodeShapes(packTopology(topology), { level, at }),
		topojson: JSON.stringify({ ...topology, level, at }),
		geojson: JSON.stringify({
			type: 'FeatureCollection',
			level,
			at,
			features: shapes.map((s, k) => ({
				type: 'Feature',
				id: s.code,
				// The page names the sources itself; the map needs only the code and the name.
				properties: { code: s.code, name: s.name },
				geometry: geometries[k]
			}))
		})
	};
}

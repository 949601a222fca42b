/**
 * Makes polygon geometry smaller for the wire: coordinates rounded (4 decimals, about 10 m at
 * this latitude; 3 decimals, about 100 m, for a map as wide as the country, where a pixel is
 * a kilometre or more), repeated points dropped, rings that collapse dropped. Rounding keeps
 * shared borders shared: both neighbours' copies of a vertex round to the same point.
 */
type Ring = number[][];

interface Geometry {
	type: string;
	coordinates: unknown;
}

/** Maps wider or taller than this many degrees are drawn at national zoom (Lai Châu: ~1.6°). */
export const WIDE_MAP_DEGREES = 4;

function compactRing(ring: Ring, round: (x: number) => number): Ring | null {
	const out: Ring = [];
	for (const p of ring) {
		const q = [round(p[0]), round(p[1])];
		const last = out[out.length - 1];
		if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
	}
	// A closed ring needs three distinct points plus the closing one.
	return out.length >= 4 ? out : null;
}

function compactPolygon(rings: Ring[], round: (x: number) => number): Ring[] | null {
	const kept = rings.map((r) => compactRing(r, round));
	if (!kept[0]) return null;
	return kept.filter((r): r is Ring => r !== null);
}

/**
 * A Polygon or MultiPolygon with coordinates rounded to `decimals` (4 unless told); other
 * geometry is returned as is. A shape that would collapse whole keeps its coordinates.
 */
export function compactGeometry(geometry: Geometry, decimals = 4): Geometry {
	const scale = 10 ** decimals;
	const round = (x: number) => Math.round(x * scale) / scale;
	if (geometry.type === 'Polygon') {
		return {
			type: 'Polygon',
			coordinates: compactPolygon(geometry.coordinates as Ring[], round) ?? geometry.coordinates
		};
	}
	if (geometry.type === 'MultiPolygon') {
		const polygons = (geometry.coordinates as Ring[][])
			.map((p) => compactPolygon(p, round))
			.filter((p): p is Ring[] => p !== null);
		return {
			type: 'MultiPolygon',
			coordinates: polygons.length ? polygons : geometry.coordinates
		};
	}
	return geometry;
}

/** The decimals to keep for a set of shapes: 3 for a map of the country, 4 for a province. */
export function decimalsFor(geometries: readonly Geometry[]): 3 | 4 {
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	const visit = (c: unknown) => {
		if (!Array.isArray(c)) return;
		if (typeof c[0] === 'number') {
			west = Math.min(west, c[0]);
			east = Math.max(east, c[0]);
			south = Math.min(south, c[1] as number);
			north = Math.max(north, c[1] as number);
			return;
		}
		for (const x of c) visit(x);
	};
	for (const g of geometries) visit(g.coordinates);
	return east - west > WIDE_MAP_DEGREES || north - south > WIDE_MAP_DEGREES ? 3 : 4;
}

/**
 * Makes polygon geometry smaller for the wire: coordinates rounded to 4 decimals (about 10 m
 * at this latitude), repeated points dropped, rings that collapse dropped.
 */
type Ring = number[][];

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function compactRing(ring: Ring): Ring | null {
	const out: Ring = [];
	for (const p of ring) {
		const q = [round(p[0]), round(p[1])];
		const last = out[out.length - 1];
		if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
	}
	// A closed ring needs three distinct points plus the closing one.
	return out.length >= 4 ? out : null;
}

function compactPolygon(rings: Ring[]): Ring[] | null {
	const kept = rings.map(compactRing);
	if (!kept[0]) return null;
	return kept.filter((r): r is Ring => r !== null);
}

/** A Polygon or MultiPolygon with rounded coordinates; other geometry is returned as is. */
export function compactGeometry(geometry: { type: string; coordinates: unknown }): {
	type: string;
	coordinates: unknown;
} {
	if (geometry.type === 'Polygon') {
		return {
			type: 'Polygon',
			coordinates: compactPolygon(geometry.coordinates as Ring[]) ?? geometry.coordinates
		};
	}
	if (geometry.type === 'MultiPolygon') {
		const polygons = (geometry.coordinates as Ring[][])
			.map(compactPolygon)
			.filter((p): p is Ring[] => p !== null);
		return {
			type: 'MultiPolygon',
			coordinates: polygons.length ? polygons : geometry.coordinates
		};
	}
	return geometry;
}

/**
 * The shapes of a map as TopoJSON (https://github.com/topojson/topojson-specification): each
 * border between two units is stored once, as an arc both refer to, and coordinates are
 * integers (the rounding step of compact.ts) written as differences from the previous point.
 * The same shapes as the GeoJSON answer, in about a third of the bytes, and far quicker for a
 * browser to read: small integers instead of long decimals, half the points. Arcs are found as
 * simplify.ts finds the stretches it simplifies (rings cut where the rings meeting at a point
 * change), so the input must be rounded already and shared borders must hold the same points.
 */
import { findJunctions, isBackwards, keyOf, polygonsOf, stretchesOf } from './simplify';

type Point = number[];

interface Shape {
	type: string;
	coordinates: unknown;
}

/** One unit of the map, with its shape and the properties the map needs. */
export interface TopologyInput {
	code: string;
	name: string;
	geometry: Shape;
}

export type TopoGeometry = { id: string; properties: { name: string } } & (
	| { type: 'Polygon'; arcs: number[][] }
	| { type: 'MultiPolygon'; arcs: number[][][] }
	| { type: null }
);

export interface Topology {
	type: 'Topology';
	bbox: [number, number, number, number];
	transform: { scale: [number, number]; translate: [number, number] };
	objects: { units: { type: 'GeometryCollection'; geometries: TopoGeometry[] } };
	arcs: number[][][];
}

/**
 * A TopoJSON topology of `units` (object `units`; each geometry's `id` is the unit code, with
 * its name as a property), quantised at `decimals` (the decimals the coordinates are rounded to).
 */
export function toTopology(units: readonly TopologyInput[], decimals: number): Topology {
	const step = 10 ** -decimals;
	const polygons = units.map((u) => polygonsOf(u.geometry));
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const ring of polygons.flat(2))
		for (const [x, y] of ring) {
			if (x < west) west = x;
			if (x > east) east = x;
			if (y < south) south = y;
			if (y > north) north = y;
		}
	if (west > east) [west, south, east, north] = [0, 0, 0, 0];
	const quantise = (p: Point): Point => [
		Math.round((p[0] - west) / step),
		Math.round((p[1] - south) / step)
	];

	const junctions = findJunctions(polygons.flat(2));
	const arcs: number[][][] = [];
	const arcIndex = new Map<string, number>();
	/** The arc of a stretch, added when new: its index, or ~index when read backwards. */
	const arcOf = (stretch: Point[]): number => {
		const backwards = isBackwards(stretch);
		const forwards = backwards ? [...stretch].reverse() : stretch;
		const key = forwards.map(keyOf).join(',');
		let index = arcIndex.get(key);
		if (index === undefined) {
			index = arcs.length;
			arcIndex.set(key, index);
			let [x0, y0] = [0, 0];
			arcs.push(
				forwards.map((p) => {
					const [x, y] = quantise(p);
					const delta = [x - x0, y - y0];
					[x0, y0] = [x, y];
					return delta;
				})
			);
		}
		return backwards ? ~index : index;
	};
	const ringArcs = (ring: Point[]) => stretchesOf(ring, junctions).map(arcOf);

	const geometries = units.map((unit, k): TopoGeometry => {
		const head = { id: unit.code, properties: { name: unit.name } };
		const rings = polygons[k].map((polygon) => polygon.map(ringArcs));
		if (unit.geometry.type === 'Polygon' && rings.length === 1)
			return { ...head, type: 'Polygon', arcs: rings[0] };
		if (unit.geometry.type === 'MultiPolygon')
			return { ...head, type: 'MultiPolygon', arcs: rings };
		return { ...head, type: null };
	});
	return {
		type: 'Topology',
		bbox: [west, south, east, north],
		transform: { scale: [step, step], translate: [west, south] },
		objects: { units: { type: 'GeometryCollection', geometries } },
		arcs
	};
}

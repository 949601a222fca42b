/**
 * The shapes of a map as the canvas layer draws them: the geometry endpoint's topology (its
 * binary form, shapes-binary.ts, or TopoJSON, topology.ts, flattened by
 * `packTopology`) in typed arrays — every arc's points once, in Web Mercator world units, and each
 * unit as rings of arc references. No object per point or polygon is made, so ~10,000 communes
 * are ready in a few milliseconds; drawing at any zoom is then a multiplication per point, and
 * map-view.ts frames them as Leaflet would. Pure: no DOM.
 */

/** What is read of the endpoint's topology (a TopoJSON subset: one object, `units`). */
export interface UnitsTopology {
	bbox: [number, number, number, number];
	transform: { scale: [number, number]; translate: [number, number] };
	objects: {
		units: {
			geometries: ({ id: string; properties: { name: string } } & (
				| { type: 'Polygon'; arcs: number[][] }
				| { type: 'MultiPolygon'; arcs: number[][][] }
				| { type: null }
			))[];
		};
	};
	arcs: number[][][];
}

export interface MapShapes {
	/** Unit codes, in the order of every per-unit array below. */
	codes: string[];
	names: string[];
	/** Every arc point in Web Mercator world units (0–1 across the world): x0, y0, x1, y1, … */
	points: Float64Array;
	/** Where arc k's points are: `arcStart[k]` to `arcStart[k + 1]` (in points). */
	arcStart: Uint32Array;
	/** The arcs of every ring, in order; `~k` means arc k read backwards. */
	ringArcs: Int32Array;
	/** Where ring r's arcs are in `ringArcs`: `ringStart[r]` to `ringStart[r + 1]`. */
	ringStart: Uint32Array;
	/** Where unit u's rings are: `unitRings[u]` to `unitRings[u + 1]` (outer rings and holes). */
	unitRings: Uint32Array;
	/** Each unit's bounding box in world units: minX, minY, maxX, maxY. */
	boxes: Float64Array;
	/** Bounds of the whole map in degrees: west, south, east, north. */
	bbox: [number, number, number, number];
}

const MAX_LATITUDE = 85.0511287798;

/** Longitude to Web Mercator world x (as Leaflet's EPSG:3857 at zoom 0, divided by 256). */
export const worldX = (lon: number) => lon / 360 + 0.5;

/** Latitude to Web Mercator world y (0 at the top). */
export function worldY(lat: number): number {
	const sin = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
	return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

/** World y back to latitude. */
export const latitudeOf = (y: number) =>
	(Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) * 360) / Math.PI - 90;

/** World x back to longitude. */
export const longitudeOf = (x: number) => (x - 0.5) * 360;

/**
 * The shapes as the endpoint quantises them, in flat arrays: what the TopoJSON says and what the
 * binary format (shapes-binary.ts) carries, before any projection.
 */
export interface PackedShapes {
	codes: string[];
	names: string[];
	bbox: [number, number, number, number];
	/** How a quantised point maps to degrees (longitude, latitude), or straight to Web Mercator
	 * world units when `mercator` (the binary form: nothing left to project). */
	transform: { scale: [number, number]; translate: [number, number] };
	mercator: boolean;
	/** Where arc k's points are: `arcStart[k]` to `arcStart[k + 1]` (in points). */
	arcStart: Uint32Array;
	/** Each arc's points as quantised integers, each point as the difference from the one before
	 * (the first from 0, 0): dx0, dy0, dx1, dy1, … */
	deltas: Int32Array | Int16Array;
	ringArcs: Int32Array;
	ringStart: Uint32Array;
	unitRings: Uint32Array;
}

/** Flattens a topology of the geometry endpoint (object `units`, quantised, delta-encoded arcs). */
export function packTopology(topology: UnitsTopology): PackedShapes {
	const arcs = topology.arcs;
	let total = 0;
	for (let k = 0; k < arcs.length; k++) total += arcs[k].length;
	const deltas = new Int32Array(total * 2);
	const arcStart = new Uint32Array(arcs.length + 1);
	let n = 0;
	for (let k = 0; k < arcs.length; k++) {
		const arc = arcs[k];
		arcStart[k] = n;
		for (let i = 0; i < arc.length; i++, n++) {
			deltas[2 * n] = arc[i][0];
			deltas[2 * n + 1] = arc[i][1];
		}
	}
	arcStart[arcs.length] = n;

	const units = topology.objects.units.geometries;
	const rings: number[][] = [];
	const unitRings = new Uint32Array(units.length + 1);
	units.forEach((unit, u) => {
		unitRings[u] = rings.length;
		if (unit.type === 'Polygon') rings.push(...unit.arcs);
		else if (unit.type === 'MultiPolygon') for (const polygon of unit.arcs) rings.push(...polygon);
	});
	unitRings[units.length] = rings.length;
	const ringStart = new Uint32Array(rings.length + 1);
	let refs = 0;
	rings.forEach((ring, r) => {
		ringStart[r] = refs;
		refs += ring.length;
	});
	ringStart[rings.length] = refs;
	const ringArcs = new Int32Array(refs);
	rings.forEach((ring, r) => ringArcs.set(ring, ringStart[r]));
	return {
		codes: units.map((u) => u.id),
		names: units.map((u) => u.properties.name),
		bbox: topology.bbox,
		transform: topology.transform,
		mercator: false,
		arcStart,
		deltas,
		ringArcs,
		ringStart,
		unitRings
	};
}

/** The shapes ready to draw: every point in Web Mercator world units, each unit's box. */
export function shapesOf(packed: PackedShapes): MapShapes {
	const { arcStart, deltas, ringArcs, ringStart, unitRings } = packed;
	const [sx, sy] = packed.transform.scale;
	const [tx, ty] = packed.transform.translate;
	const arcs = arcStart.length - 1;
	const projected = packed.mercator;
	const points = new Float64Array(deltas.length);
	// Each arc's points and box in one pass; each unit's box is then the union of its arcs'.
	const arcBoxes = new Float64Array(arcs * 4);
	// (No destructuring in these loops: they run once per page, before the JIT has warmed up.)
	for (let k = 0; k < arcs; k++) {
		let qx = 0;
		let qy = 0;
		let x0 = Infinity;
		let y0 = Infinity;
		let x1 = -Infinity;
		let y1 = -Infinity;
		for (let p = arcStart[k]; p < arcStart[k + 1]; p++) {
			qx += deltas[2 * p];
			qy += deltas[2 * p + 1];
			const x = projected ? qx * sx + tx : worldX(qx * sx + tx);
			const y = projected ? qy * sy + ty : worldY(qy * sy + ty);
			points[2 * p] = x;
			points[2 * p + 1] = y;
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
		}
		arcBoxes[4 * k] = x0;
		arcBoxes[4 * k + 1] = y0;
		arcBoxes[4 * k + 2] = x1;
		arcBoxes[4 * k + 3] = y1;
	}
	const units = packed.codes.length;
	const boxes = new Float64Array(units * 4);
	for (let u = 0; u < units; u++) {
		let x0 = Infinity;
		let y0 = Infinity;
		let x1 = -Infinity;
		let y1 = -Infinity;
		for (let i = ringStart[unitRings[u]]; i < ringStart[unitRings[u + 1]]; i++) {
			const k = 4 * (ringArcs[i] < 0 ? ~ringArcs[i] : ringArcs[i]);
			if (arcBoxes[k] < x0) x0 = arcBoxes[k];
			if (arcBoxes[k + 1] < y0) y0 = arcBoxes[k + 1];
			if (arcBoxes[k + 2] > x1) x1 = arcBoxes[k + 2];
			if (arcBoxes[k + 3] > y1) y1 = arcBoxes[k + 3];
		}
		boxes[4 * u] = x0;
		boxes[4 * u + 1] = y0;
		boxes[4 * u + 2] = x1;
		boxes[4 * u + 3] = y1;
	}
	return {
		codes: packed.codes,
		names: packed.names,
		points,
		arcStart,
		ringArcs,
		ringStart,
		unitRings,
		boxes,
		bbox: packed.bbox
	};
}

/** The buffers of `shapes`, to hand them to or from a worker without copying. */
export function transferablesOf(shapes: MapShapes): ArrayBuffer[] {
	const { points, arcStart, ringArcs, ringStart, unitRings, boxes } = shapes;
	return [points, arcStart, ringArcs, ringStart, unitRings, boxes].map(
		(array) => array.buffer as ArrayBuffer
	);
}

/**
 * Whether the world point (x, y) is inside unit u (even-odd over all its rings, so holes are
 * outside). A crossing count does not depend on the direction an arc is read in.
 */
export function contains(shapes: MapShapes, u: number, x: number, y: number): boolean {
	const { boxes, points, arcStart, ringArcs, ringStart, unitRings } = shapes;
	if (x < boxes[4 * u] || x > boxes[4 * u + 2] || y < boxes[4 * u + 1] || y > boxes[4 * u + 3])
		return false;
	let inside = false;
	for (let i = ringStart[unitRings[u]]; i < ringStart[unitRings[u + 1]]; i++) {
		const arc = ringArcs[i] < 0 ? ~ringArcs[i] : ringArcs[i];
		for (let p = arcStart[arc] + 1; p < arcStart[arc + 1]; p++) {
			const ax = points[2 * p - 2];
			const ay = points[2 * p - 1];
			const bx = points[2 * p];
			const by = points[2 * p + 1];
			if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
		}
	}
	return inside;
}

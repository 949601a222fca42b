/**
 * Simplifies the polygons of a whole map together (Douglas–Peucker), so that neighbours keep
 * one border: simplifying each polygon alone would move a shared border differently on its two
 * sides and open slivers between communes. As TopoJSON does, the rings are cut at junctions
 * (points where the rings meeting there change); between two junctions every ring that follows
 * the border holds the same points, and each such stretch is simplified the same way whichever
 * ring it is read from (in a canonical direction). A ring with no junction (an island, or a
 * commune wholly inside another) is read from its smallest point. A ring that would collapse
 * keeps its points. Coordinates must be rounded already, so shared points are equal numbers.
 */
type Point = number[];
type Ring = Point[];
type Polygon = Ring[];

interface Shape {
	type: string;
	coordinates: unknown;
}

export const JUNCTION = -1;

/** An exact key for a point rounded to at most 4 decimals. */
export const keyOf = (p: Point) =>
	Math.round((p[0] + 180) * 1e4) * 4e6 + Math.round((p[1] + 90) * 1e4);

export const compare = (a: Point, b: Point) => a[0] - b[0] || a[1] - b[1];

/** Polygons of a shape (none for other geometry). */
export function polygonsOf(shape: Shape): Polygon[] {
	if (shape.type === 'Polygon') return [shape.coordinates as Polygon];
	if (shape.type === 'MultiPolygon') return shape.coordinates as Polygon[];
	return [];
}

/** Marks the points whose neighbours differ between the rings that pass through them. */
export function findJunctions(rings: Ring[]): Map<number, number[] | typeof JUNCTION> {
	const seen = new Map<number, number[] | typeof JUNCTION>();
	for (const ring of rings) {
		const n = ring.length - 1;
		for (let i = 0; i < n; i++) {
			const key = keyOf(ring[i]);
			const before = keyOf(ring[(i - 1 + n) % n]);
			const after = keyOf(ring[(i + 1) % n]);
			const known = seen.get(key);
			if (known === undefined) seen.set(key, [before, after]);
			else if (
				known !== JUNCTION &&
				!(known[0] === before && known[1] === after) &&
				!(known[0] === after && known[1] === before)
			)
				seen.set(key, JUNCTION);
		}
	}
	return seen;
}

/** Douglas–Peucker on an open line, keeping its ends. */
function douglasPeucker(line: Point[], tolerance: number): Point[] {
	const keep = new Uint8Array(line.length);
	keep[0] = keep[line.length - 1] = 1;
	const limit = tolerance * tolerance;
	const stack = [0, line.length - 1];
	while (stack.length) {
		const b = stack.pop()!;
		const a = stack.pop()!;
		const [ax, ay] = line[a];
		const dx = line[b][0] - ax;
		const dy = line[b][1] - ay;
		const length2 = dx * dx + dy * dy;
		let farthest = -1;
		let distance = limit;
		for (let i = a + 1; i < b; i++) {
			const px = line[i][0] - ax;
			const py = line[i][1] - ay;
			const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / length2));
			const d = (px - t * dx) ** 2 + (py - t * dy) ** 2;
			if (d > distance) {
				distance = d;
				farthest = i;
			}
		}
		if (farthest >= 0) {
			keep[farthest] = 1;
			stack.push(a, farthest, farthest, b);
		}
	}
	return line.filter((_, i) => keep[i] === 1);
}

/**
 * Whether a stretch is read backwards in its canonical direction, which depends only on its
 * points (so a border gets one direction whichever ring it is read from).
 */
export function isBackwards(line: Point[]): boolean {
	const last = line.length - 1;
	const ends = compare(line[0], line[last]);
	return ends > 0 || (ends === 0 && last > 1 && compare(line[1], line[last - 1]) > 0);
}

/** Simplifies a stretch in its canonical direction, so both sides of a border agree. */
function simplifyStretch(line: Point[], tolerance: number): Point[] {
	if (!isBackwards(line)) return douglasPeucker(line, tolerance);
	return douglasPeucker([...line].reverse(), tolerance).reverse();
}

/**
 * A closed ring cut at its junctions into stretches, each from one junction to the next (both
 * included), in ring order; a ring without a junction is one stretch, from its smallest point
 * round to it again.
 */
export function stretchesOf(
	ring: Ring,
	junctions: Map<number, number[] | typeof JUNCTION>
): Point[][] {
	const n = ring.length - 1;
	const cuts: number[] = [];
	for (let i = 0; i < n; i++) if (junctions.get(keyOf(ring[i])) === JUNCTION) cuts.push(i);
	if (cuts.length === 0) {
		let start = 0;
		for (let i = 1; i < n; i++) if (compare(ring[i], ring[start]) < 0) start = i;
		return [[...ring.slice(start, n), ...ring.slice(0, start), ring[start]]];
	}
	return cuts.map((from, k) => {
		const to = k + 1 < cuts.length ? cuts[k + 1] : cuts[0] + n;
		const stretch: Point[] = [];
		for (let i = from; i <= to; i++) stretch.push(ring[i % n]);
		return stretch;
	});
}

function simplifyRing(
	ring: Ring,
	junctions: Map<number, number[] | typeof JUNCTION>,
	tolerance: number
): Ring {
	if (ring.length - 1 < 3) return ring;
	const out: Ring = [];
	stretchesOf(ring, junctions).forEach((stretch, k) => {
		const kept = simplifyStretch(stretch, tolerance);
		for (let i = k === 0 ? 0 : 1; i < kept.length; i++) out.push(kept[i]);
	});
	// A closed ring needs three distinct points plus the closing one.
	return out.length >= 4 ? out : ring;
}

/**
 * The shapes with every border simplified to within `tolerance` degrees, shared borders alike
 * on both sides; the order of shapes, polygons and rings is kept.
 */
export function simplifyShapes(shapes: readonly Shape[], tolerance: number): Shape[] {
	const junctions = findJunctions(shapes.flatMap((s) => polygonsOf(s).flat()));
	return shapes.map((shape) => {
		const polygons = polygonsOf(shape).map((polygon) =>
			polygon.map((ring) => simplifyRing(ring, junctions, tolerance))
		);
		if (shape.type === 'Polygon') return { type: 'Polygon', coordinates: polygons[0] };
		if (shape.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: polygons };
		return shape;
	});
}

/**
 * Schematic boundaries for units that have no real geometry: Voronoi cells around each commune's
 * centre point, clipped to a slightly enlarged convex hull of the province's centre points.
 * Districts are the union (as a MultiPolygon) of their communes' cells; provinces of all communes.
 * Honest about what they are: their geometry_source is 'schematic' and the map says so.
 */
import { Delaunay } from 'd3-delaunay';
import type { Executor } from '../db/index.ts';
import { communeCentresAt, fillGeometryFromCommunes, setGeometry } from '../queries/unit-writes.ts';
import { today } from '../../domain/clock.ts';

type Pt = [number, number];

/** Sutherland–Hodgman clip of a polygon by a convex polygon (both counter-clockwise or both clockwise). */
export function clipConvex(subject: Pt[], clip: Pt[]): Pt[] {
	const orientation = Math.sign(area(clip));
	const inside = (p: Pt, a: Pt, b: Pt) =>
		orientation * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0;
	const cross = (p: Pt, q: Pt, a: Pt, b: Pt): Pt => {
		const a1 = b[1] - a[1];
		const b1 = a[0] - b[0];
		const c1 = a1 * a[0] + b1 * a[1];
		const a2 = q[1] - p[1];
		const b2 = p[0] - q[0];
		const c2 = a2 * p[0] + b2 * p[1];
		const det = a1 * b2 - a2 * b1;
		return [(b2 * c1 - b1 * c2) / det, (a1 * c2 - a2 * c1) / det];
	};
	let output = subject;
	for (let i = 0; i < clip.length; i++) {
		const a = clip[i];
		const b = clip[(i + 1) % clip.length];
		const input = output;
		output = [];
		for (let j = 0; j < input.length; j++) {
			const p = input[j];
			const q = input[(j + 1) % input.length];
			if (inside(q, a, b)) {
				if (!inside(p, a, b)) output.push(cross(p, q, a, b));
				output.push(q);
			} else if (inside(p, a, b)) output.push(cross(p, q, a, b));
		}
		if (output.length === 0) break;
	}
	return output;
}

function area(ring: Pt[]): number {
	let s = 0;
	for (let i = 0; i < ring.length; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % ring.length];
		s += x1 * y2 - x2 * y1;
	}
	return s / 2;
}

const round = (p: Pt): Pt => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];

/** Voronoi cells of `points`, clipped to their hull enlarged by `margin` (a fraction). */
export function schematicCells(points: Pt[], margin = 0.12): Pt[][] {
	if (points.length === 0) return [];
	const delaunay = Delaunay.from(points);
	const cx = points.reduce((s, p) => s + p[0], 0) / points.length;
	const cy = points.reduce((s, p) => s + p[1], 0) / points.length;
	const hullIndices = points.length >= 3 ? Array.from(delaunay.hull) : points.map((_, i) => i);
	let hull: Pt[] = hullIndices.map((i) => {
		const [x, y] = points[i];
		return [cx + (x - cx) * (1 + margin), cy + (y - cy) * (1 + margin)];
	});
	const xs = points.map((p) => p[0]);
	const ys = points.map((p) => p[1]);
	const pad = 0.05;
	const bounds: [number, number, number, number] = [
		Math.min(...xs) - pad,
		Math.min(...ys) - pad,
		Math.max(...xs) + pad,
		Math.max(...ys) + pad
	];
	if (hull.length < 3)
		hull = [
			[bounds[0], bounds[1]],
			[bounds[2], bounds[1]],
			[bounds[2], bounds[3]],
			[bounds[0], bounds[3]]
		];
	const voronoi = delaunay.voronoi(bounds);
	return points.map((_, i) => {
		const cell = (voronoi.cellPolygon(i) ?? []).slice(0, -1) as Pt[];
		const clipped = clipConvex(cell, hull).map(round);
		return clipped.length >= 3 ? [...clipped, clipped[0]] : [];
	});
}

/**
 * Gives schematic geometry to every commune without geometry, era by era (units valid on each
 * date in `dates`), then to districts and provinces without geometry. Returns how many units got one.
 */
export async function fillSchematicGeometry(tx: Executor, dates: string[]): Promise<number> {
	let filled = 0;
	for (const at of dates) {
		const communes = await communeCentresAt(tx, at);
		if (communes.length === 0 || communes.every((c) => c.has)) continue;
		const cells = schematicCells(communes.map((c) => [c.lon, c.lat]));
		for (const [i, c] of communes.entries()) {
			if (c.has || cells[i].length === 0) continue;
			const geometry = { type: 'Polygon', coordinates: [cells[i]] };
			await setGeometry(tx, c.id, geometry, 'schematic');
			filled++;
		}
	}
	// Districts and provinces without geometry: the union, as a MultiPolygon, of their communes.
	filled += await fillGeometryFromCommunes(tx, today());
	return filled;
}

/**
 * Moving between the units of the map with the arrow keys (MapKeyboard.svelte): from a unit to
 * its nearest neighbour in a direction, by the centres of their bounding boxes (the points the
 * tooltip is placed at), in Web Mercator world units so that "up" is north on the screen. Pure.
 */
import type { MapShapes } from '$lib/geo/map-shapes';

export type Direction = 'up' | 'down' | 'left' | 'right';

/** The arrow key's direction, or null for any other key. */
export function directionOf(key: string): Direction | null {
	switch (key) {
		case 'ArrowUp':
			return 'up';
		case 'ArrowDown':
			return 'down';
		case 'ArrowLeft':
			return 'left';
		case 'ArrowRight':
			return 'right';
		default:
			return null;
	}
}

/** Each unit's centre (x, y in world units, y growing southwards): x0, y0, x1, y1, … */
export function centresOf(shapes: Pick<MapShapes, 'boxes' | 'codes'>): Float64Array {
	const n = shapes.codes.length;
	const out = new Float64Array(2 * n);
	for (let u = 0; u < n; u++) {
		out[2 * u] = (shapes.boxes[4 * u] + shapes.boxes[4 * u + 2]) / 2;
		out[2 * u + 1] = (shapes.boxes[4 * u + 1] + shapes.boxes[4 * u + 3]) / 2;
	}
	return out;
}

const AXES: Record<Direction, [number, number]> = {
	up: [0, -1],
	down: [0, 1],
	left: [-1, 0],
	right: [1, 0]
};

/**
 * The unit to move to from unit `from` in `direction`: among the units whose centre lies that
 * way (within 60° of it), the nearest, a unit off to the side counting as farther (distance
 * along the direction plus twice the distance across it); null when there is none that way.
 */
export function neighbourOf(
	centres: Float64Array,
	from: number,
	direction: Direction
): number | null {
	const [dx, dy] = AXES[direction];
	const x0 = centres[2 * from];
	const y0 = centres[2 * from + 1];
	let best: number | null = null;
	let bestScore = Infinity;
	for (let u = 0; u < centres.length / 2; u++) {
		if (u === from) continue;
		const x = centres[2 * u] - x0;
		const y = centres[2 * u + 1] - y0;
		const along = x * dx + y * dy;
		const across = Math.abs(x * dy - y * dx);
		// Within 60° of the direction: across ≤ along × tan 60°.
		if (along <= 0 || across > along * Math.sqrt(3)) continue;
		const score = along + 2 * across;
		if (score < bestScore) {
			bestScore = score;
			best = u;
		}
	}
	return best;
}

/** Where the first arrow press starts: the unit whose centre is nearest the middle of them all. */
export function startingUnit(centres: Float64Array): number | null {
	const n = centres.length / 2;
	if (n === 0) return null;
	let minX = Infinity,
		minY = Infinity,
		maxX = -Infinity,
		maxY = -Infinity;
	for (let u = 0; u < n; u++) {
		minX = Math.min(minX, centres[2 * u]);
		maxX = Math.max(maxX, centres[2 * u]);
		minY = Math.min(minY, centres[2 * u + 1]);
		maxY = Math.max(maxY, centres[2 * u + 1]);
	}
	const cx = (minX + maxX) / 2;
	const cy = (minY + maxY) / 2;
	let best = 0;
	let bestD = Infinity;
	for (let u = 0; u < n; u++) {
		const d = (centres[2 * u] - cx) ** 2 + (centres[2 * u + 1] - cy) ** 2;
		if (d < bestD) {
			bestD = d;
			best = u;
		}
	}
	return best;
}

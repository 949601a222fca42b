/**
 * Drawing the units of map-shapes.ts on a 2D canvas at one view, from their typed arrays: no
 * LatLng or Point objects, the points projected with a multiplication, points closer than a
 * pixel to the last one drawn skipped (the same ones whichever side of a border is drawn), one
 * fill per colour (each colour's units in one path) and one stroke for all borders, each border
 * once. Shared by the Leaflet layer (shapes-canvas.ts) and the first paint before the page's
 * scripts run (first-paint.script.ts), so both put the same pixels on the screen. No Leaflet:
 * it draws on any 2D canvas context.
 */
import type { MapShapes } from '$lib/geo/map-shapes';

/** How a unit is painted; units with the same `key` are filled together. */
export interface UnitStyle {
	key: string;
	fill: string | CanvasPattern;
	/** Its outline colour when borders are not drawn in one colour (`Look.border` null). */
	edge: string;
}

/** What is the same for every unit. */
export interface Look {
	fillOpacity: number;
	/** Colour of every border, or null to draw each unit's outline in its `edge` colour. */
	border: string | null;
	weight: number;
	/** Outline of highlighted units. */
	highlight: { color: string; weight: number };
}

/** Units painted alike. */
export interface Group {
	fill: string | CanvasPattern;
	edge: string;
	units: number[];
}

/** Where the world is drawn: canvas pixel = world × `scale` − (`ox`, `oy`). */
export interface View {
	scale: number;
	ox: number;
	oy: number;
}

/** The part of that pixel space a canvas covers. */
export interface Frame {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * Below this distance (in pixels, squared) from the last point drawn a point is skipped, as
 * Leaflet's own polygons do first with their default smoothing (1 px).
 */
const MIN_STEP2 = 1;

/** The units grouped by style key, in the order their keys first appear. */
export function groupUnits(units: number, style: (u: number) => UnitStyle): Group[] {
	const byKey = new Map<string, Group>();
	for (let u = 0; u < units; u++) {
		const s = style(u);
		let group = byKey.get(s.key);
		if (!group) byKey.set(s.key, (group = { fill: s.fill, edge: s.edge, units: [] }));
		group.units.push(u);
	}
	return [...byKey.values()];
}

/** The shapes' points at one view, with the ones worth drawing marked; re-projected per view. */
export class Projection {
	readonly shapes: MapShapes;
	private readonly screen: Float64Array;
	private readonly keep: Uint8Array;
	private view: View | null = null;

	constructor(shapes: MapShapes) {
		this.shapes = shapes;
		this.screen = new Float64Array(shapes.points.length);
		this.keep = new Uint8Array(shapes.points.length / 2);
	}

	/** Projects the points for `view` (nothing to do when it is the view projected last). */
	at(view: View): this {
		if (this.view === view) return this;
		this.view = view;
		const { points, arcStart } = this.shapes;
		const { screen, keep } = this;
		const { scale, ox, oy } = view;
		for (let p = 0; p < screen.length; p += 2) {
			screen[p] = points[p] * scale - ox;
			screen[p + 1] = points[p + 1] * scale - oy;
		}
		// Each arc keeps its ends and the points at least a pixel from the last one kept:
		// an arc is shared by two units, and both draw the same points.
		for (let a = 0; a < arcStart.length - 1; a++) {
			const first = arcStart[a];
			const last = arcStart[a + 1] - 1;
			keep[first] = keep[last] = 1;
			let x = screen[2 * first];
			let y = screen[2 * first + 1];
			for (let p = first + 1; p < last; p++) {
				const dx = screen[2 * p] - x;
				const dy = screen[2 * p + 1] - y;
				if (dx * dx + dy * dy >= MIN_STEP2) {
					keep[p] = 1;
					x = screen[2 * p];
					y = screen[2 * p + 1];
				} else keep[p] = 0;
			}
		}
		return this;
	}

	/** Adds unit u's rings to `path` (arcs joined end to start, each point once). */
	trace(path: Path2D, u: number): void {
		const { ringArcs, ringStart, unitRings, arcStart } = this.shapes;
		const { screen, keep } = this;
		for (let r = unitRings[u]; r < unitRings[u + 1]; r++) {
			let started = false;
			for (let i = ringStart[r]; i < ringStart[r + 1]; i++) {
				const ref = ringArcs[i];
				const arc = ref < 0 ? ~ref : ref;
				const first = arcStart[arc];
				const last = arcStart[arc + 1] - 1;
				const step = ref < 0 ? -1 : 1;
				// Every arc after the first starts where the one before ended.
				let p = ref < 0 ? last : first;
				if (started) p += step;
				for (const end = ref < 0 ? first - 1 : last + 1; p !== end; p += step) {
					if (!keep[p]) continue;
					if (started) path.lineTo(screen[2 * p], screen[2 * p + 1]);
					else {
						path.moveTo(screen[2 * p], screen[2 * p + 1]);
						started = true;
					}
				}
			}
			// No closePath: a fill closes every ring itself, a ring's last point is its first, and
			// Chromium's closePath makes building a path of thousands of rings ~50× slower.
		}
	}

	/** Every border once (each arc), as one path. */
	borders(): Path2D {
		const { arcStart } = this.shapes;
		const { screen, keep } = this;
		const path = new Path2D();
		for (let a = 0; a < arcStart.length - 1; a++) {
			const first = arcStart[a];
			path.moveTo(screen[2 * first], screen[2 * first + 1]);
			for (let p = first + 1; p < arcStart[a + 1]; p++)
				if (keep[p]) path.lineTo(screen[2 * p], screen[2 * p + 1]);
		}
		return path;
	}

	/** Whether unit u's bounding box meets `frame`. */
	meets(u: number, frame: Frame): boolean {
		const { boxes } = this.shapes;
		const { scale, ox, oy } = this.view!;
		return !(
			boxes[4 * u] * scale - ox > frame.x + frame.width ||
			boxes[4 * u + 2] * scale - ox < frame.x ||
			boxes[4 * u + 1] * scale - oy > frame.y + frame.height ||
			boxes[4 * u + 3] * scale - oy < frame.y
		);
	}
}

/**
 * Readies `ctx` (a canvas `ratio` device pixels per pixel, showing `frame`) for drawing in
 * view pixels, cleared.
 */
export function prepare(ctx: CanvasRenderingContext2D, frame: Frame, ratio: number): void {
	ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
	ctx.translate(-frame.x, -frame.y);
	ctx.clearRect(frame.x, frame.y, frame.width, frame.height);
}

/**
 * Fills every group's units that meet `frame`, then strokes the borders: with the canvas'
 * default mitred joins, which at a border's width look the same as round ones and cost the
 * rasteriser a fraction (a round join at each of the ~100,000 vertices of a national map).
 */
export function paintUnits(
	ctx: CanvasRenderingContext2D,
	projection: Projection,
	groups: readonly Group[],
	look: Look,
	frame: Frame
): void {
	for (const group of groups) {
		const path = new Path2D();
		for (const u of group.units) if (projection.meets(u, frame)) projection.trace(path, u);
		ctx.globalAlpha = look.fillOpacity;
		ctx.fillStyle = group.fill;
		ctx.fill(path, 'evenodd');
		if (look.border === null && look.weight > 0) {
			ctx.globalAlpha = 1;
			ctx.strokeStyle = group.edge;
			ctx.lineWidth = look.weight;
			ctx.stroke(path);
		}
	}
	if (look.border !== null && look.weight > 0) {
		ctx.globalAlpha = 1;
		ctx.strokeStyle = look.border;
		ctx.lineWidth = look.weight;
		ctx.stroke(projection.borders());
	}
}

/** Outlines `units` in the look's highlight. */
export function paintOutlines(
	ctx: CanvasRenderingContext2D,
	projection: Projection,
	units: readonly number[],
	look: Look
): void {
	if (!units.length) return;
	const path = new Path2D();
	for (const u of units) projection.trace(path, u);
	ctx.lineJoin = 'round';
	ctx.lineCap = 'round';
	ctx.strokeStyle = look.highlight.color;
	ctx.lineWidth = look.highlight.weight;
	ctx.stroke(path);
}

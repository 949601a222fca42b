/**
 * One Leaflet layer that draws every unit of a map on a canvas of its own, from the typed arrays
 * of map-shapes.ts, instead of one Leaflet polygon per unit: no LatLng or Point objects, the
 * points projected with a multiplication per zoom, points closer than a pixel to the last one
 * drawn skipped (the same ones whichever side of a border is drawn), one fill per colour
 * (each colour's units in one path) and one stroke for all borders, each border once. Built on
 * L.Renderer, so it is placed, padded and animated on zoom like Leaflet's own canvas. Outlines of
 * highlighted units (hover, focus) are drawn on a second canvas above, so moving the pointer
 * never repaints the map. Pointing is answered by bounding boxes, then an even-odd test on the
 * unit's rings.
 */
import type * as Leaflet from 'leaflet';
import type { LeafletModule } from './context.svelte';
import { contains, latitudeOf, longitudeOf, type MapShapes } from './map-shapes';

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

export interface ShapesCanvasEvents {
	/** The pointer is on unit u (every move), or left the units (null, once). */
	hover(u: number | null, event: MouseEvent, containerPoint: Leaflet.Point): void;
	click(u: number, event: MouseEvent): void;
	/** The units were painted (after every full drawing). */
	drawn?(): void;
}

export interface ShapesCanvas extends Leaflet.Layer {
	/** Paints every unit anew with `style` (now, when on a map). */
	restyle(style: (u: number) => UnitStyle, look: Look): void;
	/** Outlines these units above the others. */
	highlight(units: readonly number[]): void;
	/** Where the middle of unit u's bounding box is. */
	centreOf(u: number): Leaflet.LatLng;
	/** Bounds of all the units. */
	bounds(): Leaflet.LatLngBounds;
}

/**
 * Below this distance (in pixels, squared) from the last point drawn a point is skipped, as
 * Leaflet's own polygons do first with their default smoothing (1 px).
 */
const MIN_STEP2 = 1;

/** Leaflet's drag handler, whose state its typings leave out. */
interface Dragging {
	moving(): boolean;
	moved(): boolean;
}

interface Self {
	_map: Leaflet.Map & { _animatingZoom?: boolean };
	_bounds?: Leaflet.Bounds;
	_container?: HTMLElement;
}

/** A layer drawing `shapes` (add it to the map; restyle it before or after). */
export function createShapesCanvas(
	L: LeafletModule,
	shapes: MapShapes,
	events: ShapesCanvasEvents,
	padding = 0.3
): ShapesCanvas {
	const { points, arcStart, ringArcs, ringStart, unitRings, boxes } = shapes;
	const units = shapes.codes.length;
	const arcs = arcStart.length - 1;
	let container: HTMLDivElement | null = null;
	let base: HTMLCanvasElement | null = null;
	let top: HTMLCanvasElement | null = null;
	let map: Self['_map'] | null = null;
	let style: ((u: number) => UnitStyle) | null = null;
	let look: Look | null = null;
	let groups: { fill: string | CanvasPattern; edge: string; units: number[] }[] = [];
	let highlighted: readonly number[] = [];
	let hovered = -1;
	// The view drawn: canvas pixel = world × scale − origin (then the canvas' own translation).
	let view: { scale: number; ox: number; oy: number; min: Leaflet.Point; ratio: number } | null =
		null;
	const screen = new Float64Array(points.length);
	const keep = new Uint8Array(points.length / 2);
	let projectedFor: unknown = null;

	function project() {
		if (!view || projectedFor === view) return;
		projectedFor = view;
		const { scale, ox, oy } = view;
		for (let p = 0; p < screen.length; p += 2) {
			screen[p] = points[p] * scale - ox;
			screen[p + 1] = points[p + 1] * scale - oy;
		}
		// Each arc keeps its ends and the points at least a pixel from the last one kept:
		// an arc is shared by two units, and both draw the same points.
		for (let a = 0; a < arcs; a++) {
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
	}

	/** Adds unit u's rings to `path` (arcs joined end to start, each point once). */
	function trace(path: Path2D, u: number) {
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

	/** Whether unit u's bounding box meets the canvas. */
	function visible(u: number, width: number, height: number): boolean {
		const { scale, ox, oy, min } = view!;
		return !(
			boxes[4 * u] * scale - ox > min.x + width ||
			boxes[4 * u + 2] * scale - ox < min.x ||
			boxes[4 * u + 1] * scale - oy > min.y + height ||
			boxes[4 * u + 3] * scale - oy < min.y
		);
	}

	function prepare(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
		const ctx = canvas.getContext('2d');
		if (!ctx || !view) return null;
		ctx.setTransform(view.ratio, 0, 0, view.ratio, 0, 0);
		ctx.translate(-view.min.x, -view.min.y);
		ctx.clearRect(view.min.x, view.min.y, canvas.width, canvas.height);
		ctx.lineJoin = 'round';
		ctx.lineCap = 'round';
		return ctx;
	}

	function draw() {
		if (!base || !view || !look) return;
		const ctx = prepare(base);
		if (!ctx) return;
		project();
		const width = base.width / view.ratio;
		const height = base.height / view.ratio;
		for (const group of groups) {
			const path = new Path2D();
			for (const u of group.units) if (visible(u, width, height)) trace(path, u);
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
			const path = new Path2D();
			for (let a = 0; a < arcs; a++) {
				const first = arcStart[a];
				path.moveTo(screen[2 * first], screen[2 * first + 1]);
				for (let p = first + 1; p < arcStart[a + 1]; p++)
					if (keep[p]) path.lineTo(screen[2 * p], screen[2 * p + 1]);
			}
			ctx.globalAlpha = 1;
			ctx.strokeStyle = look.border;
			ctx.lineWidth = look.weight;
			ctx.stroke(path);
		}
		drawHighlight();
		events.drawn?.();
	}

	function drawHighlight() {
		if (!top || !view || !look) return;
		const ctx = prepare(top);
		if (!ctx || !highlighted.length) return;
		project();
		const path = new Path2D();
		for (const u of highlighted) trace(path, u);
		ctx.strokeStyle = look.highlight.color;
		ctx.lineWidth = look.highlight.weight;
		ctx.stroke(path);
	}

	function unitAt(event: MouseEvent): number {
		if (!map) return -1;
		const p = map.mouseEventToLayerPoint(event);
		const origin = map.getPixelOrigin();
		const scale = map.options.crs!.scale(map.getZoom());
		const x = (p.x + origin.x) / scale;
		const y = (p.y + origin.y) / scale;
		// The last drawn first (a unit inside another's hole is drawn after it in no order, but
		// the hole is outside the other, so at most one unit holds any point).
		for (let u = units - 1; u >= 0; u--) if (contains(shapes, u, x, y)) return u;
		return -1;
	}

	const dragging = () => map?.dragging as unknown as Dragging | undefined;
	const onMove = (event: MouseEvent) => {
		if (!map || dragging()?.moving() || map._animatingZoom) return;
		const u = unitAt(event);
		const left = u < 0 && hovered >= 0;
		if (u !== hovered) {
			hovered = u;
			container?.classList.toggle('leaflet-interactive', u >= 0);
		}
		if (u >= 0 || left)
			events.hover(u >= 0 ? u : null, event, map.mouseEventToContainerPoint(event));
	};
	const onLeave = (event: MouseEvent) => {
		if (hovered < 0 || !map) return;
		hovered = -1;
		container?.classList.remove('leaflet-interactive');
		events.hover(null, event, map.mouseEventToContainerPoint(event));
	};
	const onClick = (event: MouseEvent) => {
		// A click that ends a drag selects nothing.
		if (!map || dragging()?.moved()) return;
		const u = unitAt(event);
		if (u >= 0) events.click(u, event);
	};

	const Layer = L.Renderer.extend({
		_initContainer(this: Self) {
			container = document.createElement('div');
			container.style.position = 'absolute';
			container.style.left = container.style.top = '0';
			base = document.createElement('canvas');
			base.style.display = 'block';
			top = document.createElement('canvas');
			top.style.position = 'absolute';
			top.style.left = top.style.top = '0';
			container.append(base, top);
			container.addEventListener('mousemove', onMove);
			container.addEventListener('mouseleave', onLeave);
			container.addEventListener('click', onClick);
			this._container = container;
		},
		_destroyContainer(this: Self) {
			container?.removeEventListener('mousemove', onMove);
			container?.removeEventListener('mouseleave', onLeave);
			container?.removeEventListener('click', onClick);
			container?.remove();
			container = base = top = null;
			map = null;
			view = null;
			delete this._container;
		},
		_update(this: Self) {
			if (this._map._animatingZoom && this._bounds) return;
			(L.Renderer.prototype as unknown as { _update(this: Self): void })._update.call(this);
			map = this._map;
			const min = this._bounds!.min!;
			const size = this._bounds!.getSize();
			const ratio = L.Browser.retina ? 2 : 1;
			L.DomUtil.setPosition(container!, min);
			for (const canvas of [base!, top!]) {
				canvas.width = ratio * size.x;
				canvas.height = ratio * size.y;
				canvas.style.width = `${size.x}px`;
				canvas.style.height = `${size.y}px`;
			}
			const scale = map.options.crs!.scale(map.getZoom());
			const origin = map.getPixelOrigin();
			view = { scale, ox: origin.x, oy: origin.y, min, ratio };
			draw();
		},
		// Renderer calls these for the Leaflet paths it holds; this one holds none.
		_updatePaths() {}
	});

	const layer = new (Layer as unknown as new (options: Leaflet.RendererOptions) => ShapesCanvas)({
		padding
	});
	layer.restyle = (next, nextLook) => {
		style = next;
		look = nextLook;
		const byKey = new Map<string, (typeof groups)[number]>();
		for (let u = 0; u < units; u++) {
			const s = style(u);
			let group = byKey.get(s.key);
			if (!group) byKey.set(s.key, (group = { fill: s.fill, edge: s.edge, units: [] }));
			group.units.push(u);
		}
		groups = [...byKey.values()];
		draw();
	};
	layer.highlight = (next) => {
		highlighted = next;
		drawHighlight();
	};
	layer.centreOf = (u) =>
		L.latLng(
			latitudeOf((boxes[4 * u + 1] + boxes[4 * u + 3]) / 2),
			longitudeOf((boxes[4 * u] + boxes[4 * u + 2]) / 2)
		);
	layer.bounds = () => {
		const [west, south, east, north] = shapes.bbox;
		return L.latLngBounds([south, west], [north, east]);
	};
	return layer;
}

/**
 * One Leaflet layer that draws every unit of a map on a canvas of its own (paint.ts), from the
 * typed arrays of map-shapes.ts, instead of one Leaflet polygon per unit. Built on L.Renderer,
 * so it is placed, padded and animated on zoom like Leaflet's own canvas. Outlines of
 * highlighted units (hover, focus) are drawn on a second canvas above, so moving the pointer
 * never repaints the map. Pointing is answered by bounding boxes, then an even-odd test on the
 * unit's rings.
 */
import type * as Leaflet from 'leaflet';
import type { LeafletModule } from './context.svelte';
import { contains, latitudeOf, longitudeOf, type MapShapes } from '$lib/geo/map-shapes';
import {
	paintOutlines,
	paintUnits,
	prepare,
	Projection,
	type Frame,
	type Group,
	type Look,
	type View
} from './paint';

export interface ShapesCanvasEvents {
	/** The pointer is on unit u (every move), or left the units (null, once). */
	hover(u: number | null, event: MouseEvent, containerPoint: Leaflet.Point): void;
	click(u: number, event: MouseEvent): void;
}

export interface ShapesCanvas extends Leaflet.Layer {
	/** Paints every unit anew, group by group (now, when on a map). */
	restyle(groups: Group[], look: Look): void;
	/** Outlines these units above the others. */
	highlight(units: readonly number[]): void;
	/** Where the middle of unit u's bounding box is. */
	centreOf(u: number): Leaflet.LatLng;
}

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
	const { boxes } = shapes;
	const units = shapes.codes.length;
	const projection = new Projection(shapes);
	let container: HTMLDivElement | null = null;
	let base: HTMLCanvasElement | null = null;
	let top: HTMLCanvasElement | null = null;
	let map: Self['_map'] | null = null;
	let look: Look | null = null;
	let groups: Group[] = [];
	let highlighted: readonly number[] = [];
	let hovered = -1;
	// The view drawn, the part of it the canvases cover (Leaflet's padded renderer bounds) and
	// device pixels per pixel.
	let view: View | null = null;
	let frame: Frame | null = null;
	let ratio = 1;

	/** Readies one of the canvases for drawing the current view; null when there is none. */
	function contextOf(canvas: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
		const ctx = canvas?.getContext('2d');
		if (!ctx || !view || !frame || !look) return null;
		prepare(ctx, frame, ratio);
		projection.at(view);
		return ctx;
	}

	function draw() {
		const ctx = contextOf(base);
		if (!ctx) return;
		paintUnits(ctx, projection, groups, look!, frame!);
		drawHighlight();
	}

	function drawHighlight() {
		const ctx = contextOf(top);
		if (ctx) paintOutlines(ctx, projection, highlighted, look!);
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
			view = frame = null;
			delete this._container;
		},
		_update(this: Self) {
			if (this._map._animatingZoom && this._bounds) return;
			(L.Renderer.prototype as unknown as { _update(this: Self): void })._update.call(this);
			map = this._map;
			const min = this._bounds!.min!;
			const size = this._bounds!.getSize();
			ratio = L.Browser.retina ? 2 : 1;
			L.DomUtil.setPosition(container!, min);
			for (const canvas of [base!, top!]) {
				canvas.width = ratio * size.x;
				canvas.height = ratio * size.y;
				canvas.style.width = `${size.x}px`;
				canvas.style.height = `${size.y}px`;
			}
			const origin = map.getPixelOrigin();
			view = { scale: map.options.crs!.scale(map.getZoom()), ox: origin.x, oy: origin.y };
			frame = { x: min.x, y: min.y, width: size.x, height: size.y };
			draw();
		},
		// Renderer calls these for the Leaflet paths it holds; this one holds none.
		_updatePaths() {}
	});

	const layer = new (Layer as unknown as new (options: Leaflet.RendererOptions) => ShapesCanvas)({
		padding
	});
	layer.restyle = (nextGroups, nextLook) => {
		groups = nextGroups;
		look = nextLook;
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
	return layer;
}

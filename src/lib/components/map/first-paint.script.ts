/**
 * The first paint (first-paint.ts), as a script of its own: the page runs it right after the
 * map's canvas (FirstPaint.svelte), while the rest of the page is still being parsed and long
 * before the page's scripts, Leaflet and hydration. It reads the shapes the head preloads, draws the
 * choropleth on the first-paint canvas with the plan the server wrote on it, and reports the
 * fills drawn as `data-fills` (JSON code → colour), as the map itself does. The page's map takes
 * the shapes over (shapes.ts) and then replaces the picture with the interactive layer, on the
 * same view. Self-contained: Vite bundles it as it bundles workers (FirstPaint.svelte).
 */
import { readPlan, type PaintPlan } from './first-paint';
import type { MapShapes } from '$lib/geo/map-shapes';
import { openingView } from '$lib/geo/map-view';
import { paintUnits, prepare, Projection } from './paint';
import { readShapes } from '$lib/geo/shapes-binary';
import { paintingOf } from './unit-style';

/** What this script leaves on the window for the page's map (shapes.ts). */
export interface FirstPaintHandle {
	url: string;
	shapes: Promise<MapShapes>;
	/** Settles once the picture is on the screen, or will not be (never rejects). */
	painted: Promise<void>;
}

function draw(shapes: MapShapes, canvas: HTMLCanvasElement): void {
	const width = canvas.clientWidth;
	const height = canvas.clientHeight;
	const ctx = canvas.getContext('2d');
	const json = canvas.dataset.plan;
	if (!width || !height || !ctx || !json) return;
	const plan = JSON.parse(json) as PaintPlan;
	const read = readPlan(plan, shapes.codes);
	// Shapes of other units than the figures' (a boundary change in between): the map will tell.
	if (!read) return;
	const { fills, lowConfidence } = read;
	const { groups, look, reported } = paintingOf(
		shapes,
		fills,
		lowConfidence,
		plan.noData,
		plan.outlines
	);
	const view = openingView(shapes, width, height, plan.bottomInset);
	// Leaflet puts the view's centre at the middle of the map, on a whole pixel.
	const ox = Math.round(view.centre.x * view.scale - width / 2);
	const oy = Math.round(view.centre.y * view.scale - height / 2);
	const ratio = window.devicePixelRatio > 1 ? 2 : 1;
	canvas.width = width * ratio;
	canvas.height = height * ratio;
	// Fixed to the size drawn for: a scrollbar coming later must not stretch the picture.
	canvas.style.width = `${width}px`;
	canvas.style.height = `${height}px`;
	const frame = { x: 0, y: 0, width, height };
	prepare(ctx, frame, ratio);
	paintUnits(ctx, new Projection(shapes).at({ scale: view.scale, ox, oy }), groups, look, frame);
	canvas.dataset.fills = JSON.stringify(reported);
	// For the browser's performance tools: when the map first showed.
	performance.mark('xaso:first-paint');
}

// This script comes right after the canvas it draws on (FirstPaint.svelte).
const canvas = document.querySelector<HTMLCanvasElement>('canvas.first-paint');
const url = (document.currentScript as HTMLScriptElement | null)?.dataset.geometry;
if (url) {
	const shapes = readShapes(url);
	const painted = shapes
		.then(async (read) => {
			if (!canvas) return;
			// Decoding and drawing in one task blocked a phone's main thread for ~90 ms (4× CPU);
			// in two, neither holds it long enough to delay a tap (issue 15: total blocking time).
			await new Promise((next) => setTimeout(next, 0));
			draw(read, canvas);
			// Settled once the picture is on the screen, not merely on the canvas: whatever waits
			// for it (hydration, a long task) would otherwise hold the frame back.
			await new Promise((shown) => requestAnimationFrame(() => setTimeout(shown, 0)));
		})
		// The page's map reads the shapes from the handle and reports its own failures; without a
		// first paint it simply appears when it is drawn.
		.catch(() => {});
	const handle: FirstPaintHandle = { url, shapes, painted };
	Object.assign(window, { xasoFirstPaint: handle });
}

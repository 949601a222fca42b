/**
 * Framing a map's shapes (map-shapes.ts) as Leaflet would: `fitView` is Leaflet's `fitBounds`
 * maths written out, so the first paint and the interactive map open on the same pixels. Pure.
 */
import { worldX, worldY, type MapShapes } from './map-shapes';

/** A view as Leaflet sets it: zoom, and the centre in world units. */
export interface FittedView {
	zoom: number;
	centre: { x: number; y: number };
	/** Pixels per world unit at `zoom` (Leaflet's EPSG:3857 scale: 256 × 2^zoom). */
	scale: number;
}

/**
 * The view that fits `bbox` (degrees: west, south, east, north) into a map of `width` × `height`
 * pixels leaving `padding` (top, right, bottom, left) free, zoom clamped to `minZoom`…`maxZoom`:
 * what Leaflet's `fitBounds` computes with `zoomSnap: 0`, written out so that the first paint
 * (drawn before Leaflet is loaded) and the Leaflet map frame the units alike.
 */
export function fitView(
	bbox: readonly [number, number, number, number],
	width: number,
	height: number,
	padding: readonly [number, number, number, number],
	minZoom: number,
	maxZoom: number
): FittedView {
	const [west, south, east, north] = bbox;
	const [top, right, bottom, left] = padding;
	const x0 = worldX(west);
	const x1 = worldX(east);
	const y0 = worldY(north);
	const y1 = worldY(south);
	const fit = Math.min((width - left - right) / (x1 - x0), (height - top - bottom) / (y1 - y0));
	// A map with no room left (or no size yet) shows the units at the lowest zoom.
	const zoom = fit > 0 ? Math.max(minZoom, Math.min(maxZoom, Math.log2(fit / 256))) : minZoom;
	const scale = 256 * 2 ** zoom;
	return {
		zoom,
		scale,
		centre: {
			x: (x0 + x1) / 2 + (right - left) / 2 / scale,
			y: (y0 + y1) / 2 + (bottom - top) / 2 / scale
		}
	};
}

/** Zoom limits of the public map (LeafletMap's options): at 4 the whole country fits. */
export const MIN_ZOOM = 4;
export const MAX_ZOOM = 15;
/** Room left around the units when the map frames them (pixels). */
export const FIT_PADDING = 12;

/** Padding (top, right, bottom, left) that frames the units above `bottomInset`. */
export function framePadding(bottomInset: number): [number, number, number, number] {
	return [FIT_PADDING, FIT_PADDING, FIT_PADDING + bottomInset, FIT_PADDING];
}

/** The view the map opens on: `shapes` framed in a `width` × `height` map. */
export function openingView(
	shapes: MapShapes,
	width: number,
	height: number,
	bottomInset: number
): FittedView {
	return fitView(shapes.bbox, width, height, framePadding(bottomInset), MIN_ZOOM, MAX_ZOOM);
}

/**
 * Unit shapes as SVG path strings, for maps drawn on the server (a small map beside an area's
 * figures, a printed brief, the embedded map, which is also the map without JavaScript). Web
 * Mercator, as on the interactive map, computed before a planar fit: d3's spherical projections read GeoJSON's counter-clockwise rings
 * as "the whole globe but this polygon" and would fill the box. Points closer
 * than `minStep` pixels to the last one kept are dropped, which takes a province's detailed
 * boundaries from hundreds of kilobytes to a few tens without a visible change at this size.
 */
import { geoIdentity, geoPath, type GeoPermissibleObjects, type GeoStream } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export interface ShapeInput {
	code: string;
	geometry: Polygon | MultiPolygon | null;
}

export interface SvgShape {
	code: string;
	d: string;
}

export interface SvgMap {
	width: number;
	height: number;
	shapes: SvgShape[];
}

/** Fits `shapes` into a `width` × `height` box (minus `padding`) and returns their paths. */
export function svgMap(
	shapes: ShapeInput[],
	width: number,
	height: number,
	{ padding = 4, minStep = 0.75 } = {}
): SvgMap {
	const drawn = shapes.filter((s): s is ShapeInput & { geometry: Polygon | MultiPolygon } =>
		Boolean(s.geometry)
	);
	if (drawn.length === 0) return { width, height, shapes: [] };
	const collection: FeatureCollection = {
		type: 'FeatureCollection',
		features: drawn.map((s): Feature => ({
			type: 'Feature',
			properties: {},
			geometry: mercator(s.geometry)
		}))
	};
	const projection = geoIdentity()
		.reflectY(true)
		.fitExtent(
			[
				[padding, padding],
				[width - padding, height - padding]
			],
			collection
		);
	const transform = {
		stream: (output: GeoStream) => projection.stream(thinning(minStep, output))
	};
	const path = geoPath(transform).digits(1);
	const draw = (geometry: GeoPermissibleObjects): string => path(geometry) ?? '';
	return {
		width,
		height,
		shapes: drawn
			.map((s, k) => ({
				code: s.code,
				d: draw(collection.features[k].geometry as GeoPermissibleObjects)
			}))
			.filter((s) => s.d !== '')
	};
}

/** Longitude and Web Mercator y (in degrees), so that a planar fit draws what Leaflet draws. */
function mercator(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
	const point = ([lon, lat]: number[]) => [
		lon,
		(180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))
	];
	const ring = (r: number[][]) => r.map(point);
	return geometry.type === 'Polygon'
		? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
		: { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

/** A planar stream that drops points within `step` pixels of the last point kept. */
function thinning(step: number, output: GeoStream): GeoStream {
	const min2 = step * step;
	let kept = 0;
	let lastX = 0;
	let lastY = 0;
	return {
		point(x, y) {
			if (kept > 0 && (x - lastX) ** 2 + (y - lastY) ** 2 < min2) return;
			kept++;
			lastX = x;
			lastY = y;
			output.point(x, y);
		},
		lineStart() {
			kept = 0;
			output.lineStart();
		},
		lineEnd: () => output.lineEnd(),
		polygonStart: () => output.polygonStart(),
		polygonEnd: () => output.polygonEnd(),
		sphere: () => output.sphere?.()
	};
}

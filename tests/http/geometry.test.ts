/**
 * The map's shapes endpoint in its three forms: TopoJSON and the binary form (what the home
 * page's map reads) decode to the very units, codes, names and extents of the GeoJSON answer; a
 * bad format is a 400 with a message. Runs against the built server on PGlite, or PostgreSQL
 * when DATABASE_URL is set.
 */
import { describe, expect, inject, it } from 'vitest';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { latitudeOf, longitudeOf, shapesOf } from '../../src/lib/geo/map-shapes';
import { decodeShapes } from '../../src/lib/geo/shapes-binary';

const base = inject('baseURL');

async function getJson(path: string) {
	const response = await fetch(base + path);
	return { response, body: await response.json() };
}

/** [west, south, east, north] of a geometry's points. */
function extent(geometry: Geometry | null): number[] {
	const box = [Infinity, Infinity, -Infinity, -Infinity];
	const visit = (c: unknown): void => {
		if (typeof (c as Position)[0] === 'number') {
			const [x, y] = c as Position;
			box[0] = Math.min(box[0], x);
			box[1] = Math.min(box[1], y);
			box[2] = Math.max(box[2], x);
			box[3] = Math.max(box[3], y);
		} else (c as unknown[]).forEach(visit);
	};
	if (geometry && 'coordinates' in geometry) visit(geometry.coordinates);
	return box;
}

describe('/api/v1/geometry', () => {
	for (const period of ['2024-Q3', '2025-Q4'])
		it(`gives the same units as TopoJSON and GeoJSON (${period})`, async () => {
			const geo = await getJson(`/api/v1/geometry?level=commune&period=${period}`);
			const topo = await getJson(`/api/v1/geometry?level=commune&period=${period}&format=topojson`);
			expect(geo.response.status).toBe(200);
			expect(topo.response.status).toBe(200);
			expect(topo.body.type).toBe('Topology');
			const collection = geo.body as FeatureCollection<Geometry, { code: string; name: string }>;
			const decoded = feature(
				topo.body as Topology,
				topo.body.objects.units
			) as unknown as FeatureCollection;
			expect(decoded.features.length).toBe(collection.features.length);
			expect(collection.features.length).toBe(period === '2024-Q3' ? 106 : 38);
			const byCode = new Map(decoded.features.map((f: Feature) => [String(f.id), f]));
			for (const f of collection.features) {
				const twin = byCode.get(f.properties.code);
				expect(twin, f.properties.code).toBeDefined();
				expect(twin!.properties?.name).toBe(f.properties.name);
				// Quantised to the same rounding step: the extents agree within that step.
				const [a, b] = [extent(f.geometry), extent(twin!.geometry)];
				for (let i = 0; i < 4; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(0.0011);
			}
		});

	it('gives the same units in binary, boxed where the GeoJSON puts them', async () => {
		const geo = await getJson('/api/v1/geometry?level=commune&period=2025-Q4');
		const response = await fetch(
			`${base}/api/v1/geometry?level=commune&period=2025-Q4&format=binary`
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		expect(response.headers.get('etag')).toBeTruthy();
		const packed = decodeShapes(await response.arrayBuffer());
		expect(packed).toMatchObject({ level: 'commune' });
		const shapes = shapesOf(packed);
		const collection = geo.body as FeatureCollection<Geometry, { code: string; name: string }>;
		expect(shapes.codes).toEqual(collection.features.map((f) => f.properties.code));
		expect(shapes.names).toEqual(collection.features.map((f) => f.properties.name));
		collection.features.forEach((f, u) => {
			const [west, south, east, north] = extent(f.geometry);
			const box = shapes.boxes.subarray(4 * u, 4 * u + 4);
			const got = [
				longitudeOf(box[0]),
				latitudeOf(box[3]),
				longitudeOf(box[2]),
				latitudeOf(box[1])
			];
			// Requantised on a world grid half the degree step: within a step of the GeoJSON.
			[west, south, east, north].forEach((want, i) =>
				expect(Math.abs(got[i] - want), `${f.properties.code} ${i}`).toBeLessThan(0.0002)
			);
		});
	});

	it('refuses an unknown format with a message', async () => {
		const { response, body } = await getJson(
			'/api/v1/geometry?level=commune&period=2024-Q3&format=svg'
		);
		expect(response.status).toBe(400);
		expect(body.error).toMatch(/format must be geojson/);
	});
});

/**
 * The public pages' server side, without a browser: the cacheable geometry endpoint the map
 * draws from, and the unit page resolving a reused code by period.
 */
import { describe, expect, inject, it } from 'vitest';

const baseURL = inject('baseURL');
const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(new URL(path, baseURL), { headers });

describe('GET /api/v1/geometry', () => {
	it('serves the shapes of a view once per set of units, cacheable, with an ETag', async () => {
		const byPeriod = await get('/api/v1/geometry?level=commune&period=2024-Q3');
		expect(byPeriod.status).toBe(200);
		expect(byPeriod.headers.get('content-type')).toMatch(/^application\/geo\+json/);
		expect(byPeriod.headers.get('cache-control')).toMatch(/max-age=86400/);
		const etag = byPeriod.headers.get('etag');
		expect(etag).toBeTruthy();
		const shapes = (await byPeriod.json()) as {
			type: string;
			at: string;
			features: { id: string; properties: { code: string }; geometry: { type: string } }[];
		};
		expect(shapes.type).toBe('FeatureCollection');
		expect(shapes.features.length).toBeGreaterThan(30);
		for (const f of shapes.features) {
			expect(f.id).toBe(f.properties.code);
			expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
		}
		// Another period on the same units names the same set: one URL, one download.
		const other = await get('/api/v1/geometry?level=commune&period=2022-05');
		expect(((await other.json()) as { at: string }).at).toBe(shapes.at);
		const again = await get(`/api/v1/geometry?level=commune&at=${shapes.at}`, {
			'if-none-match': etag!
		});
		expect(again.status).toBe(304);
	});

	it('answers a bad request with a message, not a 500', async () => {
		const response = await get('/api/v1/geometry?level=commune&period=2024-Q9');
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: string }).error).toMatch(/YYYY-Qn/);
	});
});

describe('GET /units/[code]', () => {
	it('resolves a reused code to the unit that bore it in the period', async () => {
		const before = await (await get('/units/03618?period=2024-Q3')).text();
		expect(before).toContain('Xã Phúc Than');
		expect(before).toContain('Xã Mường Than'); // its successor
		const after = await (await get('/units/03618?period=2025-Q4')).text();
		expect(after).toMatch(/<h1[^>]*>Xã Mường Than<\/h1>/);
	});

	it('lists every indicator with its figure', async () => {
		const html = await (await get('/units/03618?period=2024-Q3&lang=en')).text();
		expect(html).toContain('Online filing');
		expect(html).toContain('Infrastructure index');
		expect(html).toMatch(/\d+\/[\d,]+ dossiers/);
	});

	it('is a 404 for a code no unit ever bore', async () => {
		expect((await get('/units/99999')).status).toBe(404);
		expect((await get('/units/abc')).status).toBe(404);
	});
});

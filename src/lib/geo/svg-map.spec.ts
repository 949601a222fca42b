import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { svgMap } from './svg-map';

/** A square ring of `n` points per side around (lon, lat). */
function square(lon: number, lat: number, size: number, n = 1): Polygon {
	const ring: [number, number][] = [];
	const corners: [number, number][] = [
		[lon, lat],
		[lon + size, lat],
		[lon + size, lat + size],
		[lon, lat + size]
	];
	for (let k = 0; k < 4; k++) {
		const [a, b] = [corners[k], corners[(k + 1) % 4]];
		for (let i = 0; i < n; i++)
			ring.push([a[0] + ((b[0] - a[0]) * i) / n, a[1] + ((b[1] - a[1]) * i) / n]);
	}
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}

const points = (d: string) => (d.match(/[ML]/g) ?? []).length;

describe('svgMap', () => {
	it('fits the shapes inside the box, one path per unit with a geometry', () => {
		const map = svgMap(
			[
				{ code: 'a', geometry: square(103, 22, 0.2) },
				{ code: 'b', geometry: square(103.2, 22, 0.2) },
				{ code: 'none', geometry: null }
			],
			200,
			100
		);
		expect(map.shapes.map((s) => s.code)).toEqual(['a', 'b']);
		const numbers = map.shapes.flatMap((s) => s.d.match(/-?\d+(\.\d+)?/g)!.map(Number));
		const xs = numbers.filter((_, k) => k % 2 === 0);
		const ys = numbers.filter((_, k) => k % 2 === 1);
		expect(Math.min(...xs)).toBeGreaterThanOrEqual(3.9);
		expect(Math.max(...xs)).toBeLessThanOrEqual(196.1);
		expect(Math.min(...ys)).toBeGreaterThanOrEqual(3.9);
		expect(Math.max(...ys)).toBeLessThanOrEqual(96.1);
	});

	it('drops points closer than a pixel, keeping the outline', () => {
		const dense = square(103, 22, 0.2, 500);
		const full = svgMap([{ code: 'a', geometry: dense }], 100, 100, { minStep: 0 });
		const thin = svgMap([{ code: 'a', geometry: dense }], 100, 100);
		// 2,000 points 0.18 px apart on a 92 px square; one every 0.75 px or more is kept.
		expect(points(full.shapes[0].d)).toBeGreaterThan(1900);
		expect(points(thin.shapes[0].d)).toBeLessThan(500);
		expect(points(thin.shapes[0].d)).toBeGreaterThanOrEqual(4);
	});

	it('draws nothing, without failing, when no unit has a shape', () => {
		expect(svgMap([{ code: 'a', geometry: null }], 10, 10).shapes).toEqual([]);
	});
});

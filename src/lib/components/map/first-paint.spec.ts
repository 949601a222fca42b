import { describe, expect, it } from 'vitest';
import { fingerprintOf, planOf, readPlan } from './first-paint';
import { latitudeOf, longitudeOf, worldX, worldY } from '$lib/geo/map-shapes';
import { fitView, framePadding } from '$lib/geo/map-view';

const NO_DATA = '#bdbdbd';

describe('the first paint plan', () => {
	const fills = new Map([
		['00112', '#253494'],
		['00103', NO_DATA],
		['00109', '#41b6c4'],
		['00100', '#253494']
	]);
	const low = new Set(['00109']);
	const plan = planOf(fills, low, NO_DATA, true, 64);

	it('writes one digit per unit in code order, and no codes', () => {
		expect(plan.colours).toEqual([NO_DATA, '#253494', '#41b6c4']);
		// 00100, 00103, 00109, 00112
		expect(plan.classes).toBe('1021');
		expect(plan.low).toBe('2');
		expect(JSON.stringify(plan)).not.toContain('00112');
		expect(plan).toMatchObject({ outlines: true, bottomInset: 64 });
	});

	it('reads back the same fills for the same units, in any order', () => {
		const read = readPlan(plan, ['00109', '00100', '00112', '00103']);
		expect(read).not.toBeNull();
		expect(Object.fromEntries(read!.fills)).toEqual(Object.fromEntries(fills));
		expect([...read!.lowConfidence]).toEqual(['00109']);
	});

	it('refuses shapes of other units, even as many', () => {
		expect(readPlan(plan, ['00100', '00103', '00109'])).toBeNull();
		expect(readPlan(plan, ['00100', '00103', '00109', '00115'])).toBeNull();
	});

	it('fingerprints the list, not just its length', () => {
		expect(fingerprintOf(['1', '2'])).not.toBe(fingerprintOf(['1', '3']));
		expect(fingerprintOf(['12', '3'])).not.toBe(fingerprintOf(['1', '23']));
	});
});

describe('fitView', () => {
	// Lai Châu, roughly, in a 700 × 500 map with a 64 px notice at its foot.
	const bbox: [number, number, number, number] = [102.3, 21.7, 103.9, 22.8];
	const padding = framePadding(64);
	const view = fitView(bbox, 700, 500, padding, 6, 15);
	const px = (lon: number, lat: number) => ({
		x: (worldX(lon) - view.centre.x) * view.scale + 350,
		y: (worldY(lat) - view.centre.y) * view.scale + 250
	});

	it('frames the units inside the padding, touching it on the tighter side', () => {
		const nw = px(bbox[0], bbox[3]);
		const se = px(bbox[2], bbox[1]);
		expect(nw.x).toBeGreaterThanOrEqual(12 - 1e-6);
		expect(se.x).toBeLessThanOrEqual(700 - 12 + 1e-6);
		expect(nw.y).toBeGreaterThanOrEqual(12 - 1e-6);
		expect(se.y).toBeLessThanOrEqual(500 - 12 - 64 + 1e-6);
		const slack = Math.min(nw.x - 12 + (700 - 12 - se.x), nw.y - 12 + (500 - 76 - se.y));
		expect(slack).toBeCloseTo(0, 6);
		expect(view.scale).toBeCloseTo(256 * 2 ** view.zoom, 6);
	});

	it('keeps to the zoom limits', () => {
		const country = fitView([102.1, 8.4, 109.5, 23.4], 400, 300, framePadding(0), 6, 15);
		expect(country.zoom).toBe(6);
		const speck = fitView([103, 22, 103, 22], 700, 500, framePadding(0), 6, 15);
		expect(speck.zoom).toBe(15);
		expect(longitudeOf(speck.centre.x)).toBeCloseTo(103, 9);
		expect(latitudeOf(speck.centre.y)).toBeCloseTo(22, 9);
	});
});

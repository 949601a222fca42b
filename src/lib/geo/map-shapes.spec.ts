import { describe, expect, it } from 'vitest';
import { toTopology } from './topology';
import {
	contains,
	latitudeOf,
	longitudeOf,
	packTopology,
	shapesOf,
	worldX,
	worldY,
	type UnitsTopology
} from './map-shapes';
import { testUnits } from './test-units';

const shapes = shapesOf(packTopology(toTopology(testUnits, 3) as unknown as UnitsTopology));
const at = (lon: number, lat: number) =>
	shapes.codes.filter((_, u) => contains(shapes, u, worldX(lon), worldY(lat)));

describe('shapesOf(packTopology(…))', () => {
	it('keeps codes, names and the rings of every unit', () => {
		expect(shapes.codes).toEqual(['A', 'B', 'C', 'D']);
		expect(shapes.names).toEqual(['Xã A', 'Xã B', 'Xã C', 'Xã D']);
		expect([...shapes.unitRings]).toEqual([0, 1, 3, 4, 6]);
		expect(shapes.bbox).toEqual([102, 10, 107.5, 21]);
		// The shared border and the hole are stored once.
		expect(shapes.arcStart.length - 1).toBeLessThan(7);
	});

	it('puts each unit in Web Mercator world units, boxes included', () => {
		const [x0, y0, x1, y1] = shapes.boxes.subarray(0, 4);
		expect(longitudeOf(x0)).toBeCloseTo(102, 9);
		expect(longitudeOf(x1)).toBeCloseTo(103, 9);
		expect(latitudeOf(y1)).toBeCloseTo(20, 9);
		expect(latitudeOf(y0)).toBeCloseTo(21, 9);
	});
});

describe('contains', () => {
	it('finds the one unit under a point, holes and islands included', () => {
		expect(at(102.5, 20.5)).toEqual(['A']);
		expect(at(103.1, 20.1)).toEqual(['B']);
		expect(at(103.5, 20.5)).toEqual(['C']);
		expect(at(106.25, 10.25)).toEqual(['D']);
		expect(at(107.25, 10.25)).toEqual(['D']);
		expect(at(106.75, 10.25)).toEqual([]);
		expect(at(101, 20.5)).toEqual([]);
	});
});

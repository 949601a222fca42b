import { describe, expect, it } from 'vitest';
import { simplifyShapes } from './simplify';

const polygon = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
/** The unit square, with the given points on its right border between (1, 0) and (1, 1). */
const leftSquare = (...border: number[][]) =>
	polygon([[0, 0], [1, 0], ...border, [1, 1], [0, 1], [0, 0]]);

describe('simplifyShapes', () => {
	it('simplifies a shared border the same way on both sides', () => {
		const left = leftSquare([1.0002, 0.3], [0.9998, 0.6]);
		// The same border, walked the other way.
		const right = polygon([
			[1, 0],
			[2, 0],
			[2, 1],
			[1, 1],
			[0.9998, 0.6],
			[1.0002, 0.3],
			[1, 0]
		]);
		const [a, b] = simplifyShapes([left, right], 0.001);
		expect(a.coordinates).toEqual([
			[
				[1, 0],
				[1, 1],
				[0, 1],
				[0, 0],
				[1, 0]
			]
		]);
		expect(b.coordinates).toEqual([
			[
				[1, 0],
				[2, 0],
				[2, 1],
				[1, 1],
				[1, 0]
			]
		]);
	});

	it('keeps borders that wiggle more than the tolerance', () => {
		const left = leftSquare([1.01, 0.5]);
		const [a] = simplifyShapes([left], 0.001);
		expect(a.coordinates).toEqual(left.coordinates);
	});

	it('simplifies an island from its smallest point, and keeps a ring that would collapse', () => {
		const island = [
			[5, 5],
			[6, 5],
			[6, 6],
			[5.5, 6.0001],
			[5, 6],
			[5, 5]
		];
		const speck = [
			[7, 7],
			[7.0001, 7],
			[7.0001, 7.0001],
			[7, 7]
		];
		const [shape] = simplifyShapes(
			[{ type: 'MultiPolygon', coordinates: [[island], [speck]] }],
			0.001
		);
		expect(shape.coordinates).toEqual([
			[
				[
					[5, 5],
					[6, 5],
					[6, 6],
					[5, 6],
					[5, 5]
				]
			],
			[speck]
		]);
	});

	it('leaves other geometry alone', () => {
		const point = { type: 'Point', coordinates: [1, 2] };
		expect(simplifyShapes([point], 0.001)).toEqual([point]);
	});
});

import { describe, expect, it } from 'vitest';
import { compactGeometry, decimalsFor } from './compact';

describe('compactGeometry', () => {
	/** A polygon that collapses at 4 decimals. */
	const speck = [
		[
			[1.00001, 1.00001],
			[1.00002, 1.00002],
			[1.00001, 1.00003],
			[1.00001, 1.00001]
		]
	];
	/** One that does not. */
	const square = [
		[
			[0, 0],
			[1, 0],
			[1, 1],
			[0, 0]
		]
	];

	it('rounds to 4 decimals and drops repeated points', () => {
		const g = compactGeometry({
			type: 'Polygon',
			coordinates: [
				[
					[103.123456, 22.123456],
					[103.123461, 22.123452],
					[103.2, 22.1],
					[103.2, 22.2],
					[103.123456, 22.123456]
				]
			]
		});
		expect(g.coordinates).toEqual([
			[
				[103.1235, 22.1235],
				[103.2, 22.1],
				[103.2, 22.2],
				[103.1235, 22.1235]
			]
		]);
	});

	it('drops polygons that collapse, keeps the rest of a MultiPolygon', () => {
		const g = compactGeometry({ type: 'MultiPolygon', coordinates: [speck, square] });
		expect(g.coordinates).toEqual([square]);
	});

	it('rounds to 3 decimals when asked, keeping shared borders shared', () => {
		const left = compactGeometry(
			{
				type: 'Polygon',
				coordinates: [
					[
						[104.00012, 21.00049],
						[104.00041, 21.5],
						[103.5, 21.5],
						[104.00012, 21.00049]
					]
				]
			},
			3
		);
		expect(left).toEqual({
			type: 'Polygon',
			coordinates: [
				[
					[104, 21],
					[104, 21.5],
					[103.5, 21.5],
					[104, 21]
				]
			]
		});
	});

	it('keeps a shape that would collapse whole', () => {
		expect(compactGeometry({ type: 'Polygon', coordinates: speck }).coordinates).toEqual(speck);
	});
});

describe('decimalsFor', () => {
	const box = (w: number, s: number, e: number, n: number) => ({
		type: 'Polygon',
		coordinates: [
			[
				[w, s],
				[e, s],
				[e, n],
				[w, s]
			]
		]
	});

	it('keeps 4 decimals for a province and 3 for the country', () => {
		// Lai Châu spans about 1.6° by 1.1°.
		expect(decimalsFor([box(102.3, 21.7, 103.9, 22.8)])).toBe(4);
		expect(decimalsFor([box(102.1, 21.7, 103.9, 22.8), box(106.6, 8.6, 106.8, 10.8)])).toBe(3);
		expect(decimalsFor([])).toBe(4);
	});
});

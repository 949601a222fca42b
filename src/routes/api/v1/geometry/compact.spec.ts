import { describe, expect, it } from 'vitest';
import { compactGeometry } from './compact';

describe('compactGeometry', () => {
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
		const tiny = [
			[
				[1.00001, 1.00001],
				[1.00002, 1.00002],
				[1.00001, 1.00003],
				[1.00001, 1.00001]
			]
		];
		const square = [
			[
				[0, 0],
				[1, 0],
				[1, 1],
				[0, 0]
			]
		];
		const g = compactGeometry({ type: 'MultiPolygon', coordinates: [tiny, square] });
		expect(g.coordinates).toEqual([square]);
	});
});

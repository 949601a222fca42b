import { describe, expect, it } from 'vitest';
import { countWithData, packFigures, unpackFigures, type MapFigures } from './map-figures';

const rows = [
	{ unit_code: '03', value: 97.59036144578313, low_confidence: false },
	{ unit_code: '01', value: null, low_confidence: false },
	{ unit_code: '02', value: 0, low_confidence: true },
	{ unit_code: '04', value: -1.5e-7, low_confidence: true }
];

describe('packFigures', () => {
	it('packs codes, values and low-confidence positions as strings', () => {
		expect(packFigures(rows)).toEqual({
			codes: '03,01,02,04',
			values: '97.59036144578313,,0,-1.5e-7',
			low: '2,3'
		});
	});

	// As the browser gets them: a copy of the packing, serialised and parsed.
	const sent = (figures: MapFigures) => JSON.parse(JSON.stringify(figures)) as MapFigures;

	it('unpacks to the very same figures', () => {
		expect(unpackFigures(sent(packFigures(rows)))).toEqual(rows);
		expect(unpackFigures(sent(packFigures([])))).toEqual([]);
		const one = [{ unit_code: '9', value: null, low_confidence: false }];
		expect(unpackFigures(sent(packFigures(one)))).toEqual(one);
	});

	it('gives the side that packed them its own rows back, without decoding', () => {
		const packed = packFigures(rows);
		expect(unpackFigures(packed)).toBe(rows);
		expect(unpackFigures(sent(packed))).not.toBe(rows);
	});

	it('refuses a code it could not unpack', () => {
		expect(() => packFigures([{ unit_code: 'a,b', value: 1, low_confidence: false }])).toThrow();
	});

	it('counts the units with a value', () => {
		expect(countWithData(rows)).toBe(3);
	});
});

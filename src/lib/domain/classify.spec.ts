import { describe, expect, it } from 'vitest';
import {
	BAND_BREAKS,
	classBreaks,
	classify,
	colorOf,
	defaultClassing,
	MAX_CLASSES,
	NO_DATA_COLOR,
	niceRound,
	palette,
	type ClassOptions
} from './classify.ts';
import type { IndicatorUnit } from './indicators.ts';
import { band } from './scoring.ts';

describe('defaultClassing', () => {
	it.each([
		['%', 'fixed', 5],
		['0–100', 'fixed', 4],
		['count', 'quantile', 5],
		['per 1,000', 'quantile', 5],
		['ratio', 'quantile', 5]
	] as [IndicatorUnit, string, number][])('%s → %s, %i classes', (unit, method, classes) => {
		expect(defaultClassing(unit)).toEqual({ method, classes });
	});
});

describe('niceRound', () => {
	it.each([
		[0, 0],
		[1234, 1000],
		[1260, 1500],
		[87, 90],
		[112, 100],
		[245, 250],
		[0.31, 0.3],
		[0.0123, 0.01],
		[7.4, 7],
		[9.6, 10],
		[-245, -250]
	])('%s → %s', (x, expected) => {
		expect(niceRound(x)).toBe(expected);
	});
});

describe('classBreaks', () => {
	const percents = [3, 12, 45, 50, 67, 80, 99.9, 100];
	const cases: [string, number[], ClassOptions, number[]][] = [
		['composite bands', [], { method: 'fixed', classes: 4, unit: '0–100' }, [50, 65, 80]],
		[
			'composite bands ignore the data',
			[90, 91, 92],
			{ method: 'fixed', classes: 4, unit: '0–100' },
			[50, 65, 80]
		],
		[
			'composite, five equal classes',
			[],
			{ method: 'fixed', classes: 5, unit: '0–100' },
			[20, 40, 60, 80]
		],
		['rates, five classes', percents, { method: 'fixed', classes: 5, unit: '%' }, [20, 40, 60, 80]],
		['rates, four classes', [], { method: 'fixed', classes: 4, unit: '%' }, [25, 50, 75]],
		['rates, three classes', [], { method: 'fixed', classes: 3, unit: '%' }, [33, 67]],
		[
			'rates on a chosen domain',
			[],
			{ method: 'fixed', classes: 5, unit: '%', domain: [50, 100] },
			[60, 70, 80, 90]
		],
		[
			'fixed count falls back to the niced extent',
			[3, 947],
			{ method: 'fixed', classes: 5, unit: 'count' },
			[200, 400, 600, 800]
		],
		[
			'equal over the niced extent',
			[3, 400, 947],
			{ method: 'equal', classes: 5, unit: 'count' },
			[200, 400, 600, 800]
		],
		[
			'equal ratio',
			[0.12, 0.95],
			{ method: 'equal', classes: 4, unit: 'ratio' },
			[0.25, 0.5, 0.75]
		],
		['equal, all equal values', [5, 5, 5], { method: 'equal', classes: 5, unit: 'count' }, []],
		['equal, no values', [], { method: 'equal', classes: 5, unit: 'count' }, []],
		['one class', percents, { method: 'fixed', classes: 1, unit: '%' }, []],
		[
			'quantiles of counts on nice numbers',
			[10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
			// d3 quantiles 28, 46, 64, 82
			{ method: 'quantile', classes: 5, unit: 'count' },
			[30, 50, 60, 80]
		],
		[
			'quantiles of skewed counts',
			[12, 40, 95, 110, 130, 240, 260, 600, 880, 4000],
			// d3 quantiles 98.75, 185, 515
			{ method: 'quantile', classes: 4, unit: 'count' },
			[100, 200, 500]
		],
		[
			'quantiles: a mass of zeros merges classes',
			[0, 0, 0, 0, 0, 0, 1, 2, 5, 9],
			// d3 quantiles 0, 0, 0.4, 2.6: zero stays a class of its own
			{ method: 'quantile', classes: 5, unit: 'count' },
			[1, 3]
		],
		[
			'quantiles of close values keep more digits',
			[12.3, 13.1, 14, 14.5, 15.2, 16, 17.4, 18.1, 19.9, 25],
			// d3 quantiles 13.82, 14.92, 16.56, 18.46: one digit would merge them (15, 15, 20, 20)
			{ method: 'quantile', classes: 5, unit: 'per 1,000' },
			[14, 15, 17, 18]
		],
		['quantiles: all equal', [7, 7, 7, 7], { method: 'quantile', classes: 5, unit: 'count' }, []],
		['quantiles: no values', [], { method: 'quantile', classes: 5, unit: 'count' }, []],
		[
			'quantiles ignore NaN',
			[1, 2, Number.NaN, 3, 4],
			{ method: 'quantile', classes: 2, unit: 'ratio' },
			[2.5]
		]
	];
	it.each(cases)('%s', (_, values, options, expected) => {
		expect(classBreaks(values, options)).toEqual(expected);
	});

	it('returns strictly ascending breaks within the data for quantiles', () => {
		const values = Array.from({ length: 200 }, (_, i) => Math.round(1.04 ** i));
		const breaks = classBreaks(values, { method: 'quantile', classes: 7, unit: 'count' });
		expect(breaks.length).toBeGreaterThan(0);
		expect(breaks.length).toBeLessThanOrEqual(6);
		breaks.forEach((b, i) => {
			if (i > 0) expect(b).toBeGreaterThan(breaks[i - 1]);
			expect(Number.isInteger(b)).toBe(true);
			expect(b).toBeGreaterThan(Math.min(...values));
			expect(b).toBeLessThanOrEqual(Math.max(...values));
		});
	});

	it('bands the composite exactly as scoring does', () => {
		const names = ['weak', 'average', 'fair', 'good'];
		for (const v of [0, 49.99, 50, 64.9, 65, 79.99, 80, 100]) {
			expect(names[classify(v, [...BAND_BREAKS])!]).toBe(band(v));
		}
	});
});

describe('classify', () => {
	const breaks = [20, 40, 60, 80];
	it.each([
		[0, 0],
		[19.9, 0],
		[20, 1],
		[59.9, 2],
		[80, 4],
		[100, 4],
		[-5, 0],
		[null, null],
		[Number.NaN, null]
	])('%s → class %s', (value, expected) => {
		expect(classify(value, breaks)).toBe(expected);
	});

	it('puts everything in one class with no breaks', () => {
		expect(classify(12, [])).toBe(0);
	});
});

describe('palette', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('%i classes: distinct hex colours', (n) => {
		const colors = palette(n, 'higher');
		expect(colors).toHaveLength(n);
		expect(new Set(colors).size).toBe(n);
		colors.forEach((c) => expect(c).toMatch(/^#[0-9a-f]{6}$/));
	});

	it('runs light to dark, reversed when lower is better', () => {
		expect(palette(5, 'higher')).toEqual(['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494']);
		expect(palette(5, null)).toEqual(palette(5, 'higher'));
		expect(palette(5, 'lower')).toEqual([...palette(5, 'higher')].reverse());
	});

	it('does not hand out its own arrays', () => {
		palette(3, 'higher').pop();
		expect(palette(3, 'higher')).toHaveLength(3);
	});

	it.each([0, MAX_CLASSES + 1, 2.5, -1])('refuses %s classes', (n) => {
		expect(() => palette(n, 'higher')).toThrow(RangeError);
	});

	it('keeps the no-data colour a grey that no palette uses', () => {
		const [r, g, b] = [1, 3, 5].map((i) => NO_DATA_COLOR.slice(i, i + 2));
		expect(r === g && g === b).toBe(true);
		for (let n = 1; n <= MAX_CLASSES; n++)
			expect(palette(n, 'higher')).not.toContain(NO_DATA_COLOR);
	});
});

describe('colorOf', () => {
	const colors = palette(5, 'higher');
	it.each([
		[10, colors[0]],
		[20, colors[1]],
		[85, colors[4]],
		[null, NO_DATA_COLOR],
		[Number.NaN, NO_DATA_COLOR]
	])('%s → %s', (value, expected) => {
		expect(colorOf(value, [20, 40, 60, 80], colors)).toBe(expected);
	});
});

import { describe, expect, it } from 'vitest';
import { classBreaks, classify, roundBetween, type ClassOptions } from './classify.ts';
import type { IndicatorUnit } from './indicators.ts';

describe('roundBetween', () => {
	it.each([
		[12, 31, '%', 30],
		[29.5, 31, '%', 30],
		[30.2, 30.7, '%', 30.7],
		[0.4, 3, 'count', 3],
		[1200, 1870, 'count', 1800],
		[99.8, 99.9, '%', 99.9],
		[5, 5.0001, 'ratio', 5.0001],
		[-3, 0, 'ratio', 0]
	] as [number, number, IndicatorUnit, number][])('(%s, %s] %s → %s', (lo, hi, unit, expected) => {
		const b = roundBetween(lo, hi, unit);
		expect(b).toBeGreaterThan(lo);
		expect(b).toBeLessThanOrEqual(hi);
		expect(b).toBe(expected);
	});
});

describe('classBreaks, natural breaks (ckmeans)', () => {
	const ck = (classes: number, unit: IndicatorUnit = '%'): ClassOptions => ({
		method: 'ckmeans',
		classes,
		unit
	});
	const cases: [string, number[], ClassOptions, number[]][] = [
		['three clear clusters', [1, 2, 3, 40, 41, 42, 90, 91, 95], ck(3), [40, 90]],
		['unsorted input', [91, 2, 41, 95, 1, 40, 3, 90, 42], ck(3), [40, 90]],
		['two clusters', [10, 11, 12, 13, 70, 71, 72], ck(2), [70]],
		['fewer distinct values than classes', [5, 5, 5, 60, 60], ck(5), [60]],
		['one distinct value: one class', [7, 7, 7], ck(5), []],
		['no values', [], ck(5), []],
		[
			'counts break on whole numbers',
			[0, 0, 1, 1, 250, 260, 980, 1000],
			ck(3, 'count'),
			[200, 900]
		],
		['a break is the roundest number between clusters', [10.2, 11.1, 12.3, 29.6, 31.4], ck(2), [20]]
	];
	it.each(cases)('%s', (_name, values, options, expected) => {
		expect(classBreaks(values, options)).toEqual(expected);
	});

	it('puts every value of a cluster in one class', () => {
		const values = [3, 4, 5, 21, 22, 23, 24, 60, 61, 62, 99];
		const breaks = classBreaks(values, ck(4));
		const classes = values.map((v) => classify(v, breaks));
		expect(new Set(classes).size).toBe(4);
		// Ascending values never go down a class.
		expect(classes).toEqual([...classes].sort((a, b) => a! - b!));
		expect(classify(null, breaks)).toBeNull();
	});
});

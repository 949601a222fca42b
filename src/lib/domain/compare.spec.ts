import { describe, expect, it } from 'vitest';
import {
	changeBreaks,
	changeColors,
	changeOf,
	formatChange,
	isUnitCode,
	parseUnitList
} from './compare.ts';
import { classify } from './classify.ts';

describe('parseUnitList', () => {
	it.each([
		['03595,03618', { kind: 'ok', entries: ['03595', '03618'] }],
		[' 03595 , 03618 ,, 03595 ', { kind: 'ok', entries: ['03595', '03618'] }],
		['03595, muong  than', { kind: 'ok', entries: ['03595', 'muong than'] }],
		['1,2,3,4,5,6', { kind: 'ok', entries: ['1', '2', '3', '4', '5', '6'] }],
		['03595', { kind: 'count', count: 1 }],
		['03595,03595', { kind: 'count', count: 1 }],
		['1,2,3,4,5,6,7', { kind: 'count', count: 7 }],
		['', { kind: 'empty' }],
		[null, { kind: 'empty' }],
		[' , ', { kind: 'empty' }]
	])('%j', (raw, expected) => expect(parseUnitList(raw)).toEqual(expected));
});

describe('isUnitCode', () => {
	it.each(['12', '03595'])('%s is a unit code', (entry) => expect(isUnitCode(entry)).toBe(true));
	it.each(['1', '035950', 'than uyen'])('%s is not', (entry) =>
		expect(isUnitCode(entry)).toBe(false)
	);
});

describe('changeOf', () => {
	it.each([
		[50, 62.5, 12.5],
		[80, 70, -10],
		[null, 3, null],
		[3, null, null]
	])('%s → %s', (a, b, change) => expect(changeOf(a, b)).toBe(change));
});

describe('changeBreaks', () => {
	it.each([
		[
			[-9, 4, 2],
			[-7.5, -2.5, 2.5, 7.5]
		],
		[
			[15, null, -3],
			[-15, -5, 5, 15]
		],
		[
			[0, 0],
			[-3, -1, 1, 3]
		],
		[[], [-3, -1, 1, 3]],
		// One jump of 29 among changes of at most 3 does not set the scale.
		[
			[29, ...Array.from({ length: 19 }, (_, k) => (k % 7) - 3)],
			[-3, -1, 1, 3]
		]
	])('%j → %j', (changes, breaks) => expect(changeBreaks(changes)).toEqual(breaks));

	it('puts no change in the middle class and the largest at the ends', () => {
		const breaks = changeBreaks([-10, 10]);
		expect(classify(0, breaks)).toBe(2);
		expect(classify(10, breaks)).toBe(4);
		expect(classify(-10, breaks)).toBe(0);
	});
});

describe('changeColors', () => {
	it('colours a rise blue where higher is better, red where lower is better', () => {
		expect(changeColors('higher').at(-1)).toBe('#0571b0');
		expect(changeColors('lower').at(-1)).toBe('#ca0020');
		expect(changeColors('lower')[0]).toBe('#0571b0');
		expect(changeColors(null)).toHaveLength(5);
		expect(changeColors(null)).not.toContain('#0571b0');
	});
});

describe('formatChange', () => {
	it.each([
		[12.5, '%', 'vi', '+12,5'],
		[-3, 'count', 'vi', '−3'],
		[1234, 'count', 'vi', '+1.234'],
		[0.01, '%', 'vi', '0,0'],
		[-0.25, 'ratio', 'en', '−0.25'],
		[null, '%', 'vi', '–']
	] as const)('%s %s %s → %s', (change, unit, locale, text) =>
		expect(formatChange(change, unit, locale)).toBe(text)
	);
});

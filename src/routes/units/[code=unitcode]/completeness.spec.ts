import { describe, expect, it } from 'vitest';
import { monthStatus, shortMonth, stripSpan, tally } from './completeness';

const data = { first: '2021-01', last: '2026-02' };
const open = { valid_to: null };

describe('stripSpan', () => {
	it.each([
		['a year: its twelve months', '2024-12', data, open, { from: '2024-01', to: '2024-12' }],
		[
			'a quarter: the twelve months to its end',
			'2025-09',
			data,
			open,
			{ from: '2024-10', to: '2025-09' }
		],
		['not past the last figures', '2026-12', data, open, { from: '2025-03', to: '2026-02' }],
		['not before the first figures', '2021-03', data, open, { from: '2021-01', to: '2021-03' }],
		[
			'not past a unit that ended',
			'2025-12',
			data,
			{ valid_to: '2025-06-30' },
			{ from: '2024-07', to: '2025-06' }
		],
		[
			'a unit ending mid-month: its last whole month',
			'2025-12',
			data,
			{ valid_to: '2025-06-15' },
			{ from: '2024-06', to: '2025-05' }
		],
		[
			'a period after the unit ended and its data',
			'2025-12',
			data,
			{ valid_to: '2020-06-30' },
			null
		],
		['an empty store', '2025-12', { first: null, last: null }, open, null]
	])('%s', (_, end, span, unit, expected) => {
		expect(stripSpan(end, span, unit)).toEqual(expected);
	});
});

describe('monthStatus', () => {
	it.each([
		[{ communes: 1, reported: 6 }, 'reported'],
		[{ communes: 1, reported: 4 }, 'partial'],
		[{ communes: 1, reported: 0 }, 'missing'],
		[{ communes: 3, reported: 12 }, 'partial'],
		[{ communes: 3, reported: 18 }, 'reported'],
		[{ communes: 0, reported: 0 }, 'none']
	] as const)('%o → %s', (m, expected) => {
		expect(monthStatus({ month: '2025-01', groups: 6, ...m })).toBe(expected);
	});

	it('tallies a strip', () => {
		const m = (communes: number, reported: number) => ({
			month: '2025-01',
			communes,
			reported,
			groups: 6
		});
		expect(tally([m(1, 6), m(1, 6), m(1, 0), m(1, 3), m(0, 0)])).toEqual({
			reported: 2,
			partial: 1,
			missing: 1,
			none: 1
		});
	});
});

describe('shortMonth', () => {
	it.each([
		['2025-03', 'vi', 'T3'],
		['2025-12', 'vi', 'T12'],
		['2025-03', 'en', 'Mar']
	] as const)('%s in %s → %s', (month, locale, expected) => {
		expect(shortMonth(month, locale)).toBe(expected);
	});
});

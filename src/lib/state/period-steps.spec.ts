import { describe, expect, it } from 'vitest';
import type { Grain } from '$lib/domain/periods';
import { periodSteps, regrain } from './period-steps';

describe('periodSteps', () => {
	const today = '2026-12-06';
	it.each([
		['month', '2021-02', ['2021-01', '2021-02']],
		['quarter', '2021-07', ['2021-Q1', '2021-Q2', '2021-Q3']],
		['half', '2022-06', ['2021-H1', '2021-H2', '2022-H1']],
		['nine_months', '2022-01', ['2021-9M', '2022-9M']],
		['year', '2023-03', ['2021', '2022', '2023']]
	] as const)('%s up to %s', (grain, last, expected) => {
		expect(periodSteps(grain, last, today)).toEqual(expected);
	});

	it('counts every month from 2021 to the last with data', () => {
		const months = periodSteps('month', '2026-11', today);
		expect(months.length).toBe(6 * 12 - 1);
		expect(months.at(-1)).toBe('2026-11');
	});

	it('without data, ends with the month before today', () => {
		expect(periodSteps('quarter', null, '2021-05-02').at(-1)).toBe('2021-Q2');
	});
});

describe('regrain', () => {
	// A period and what it becomes at each grain checked.
	const cases: [string, Partial<Record<Grain, string>>][] = [
		['2024-Q3', { month: '2024-09', half: '2024-H2', nine_months: '2024-9M' }],
		['2024-05', { quarter: '2024-Q2' }],
		['2024-H1', { year: '2024' }],
		['2024', { quarter: '2024-Q4' }],
		['bad', { year: 'bad' }]
	];
	it.each(
		cases.flatMap(([period, at]) =>
			Object.entries(at).map(([grain, expected]) => [period, grain as Grain, expected] as const)
		)
	)('%s → %s: %s', (period, grain, expected) => {
		expect(regrain(period, grain)).toBe(expected);
	});
});

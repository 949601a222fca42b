import { describe, expect, it } from 'vitest';
import { defaultPeriod, periodMenu } from './period-menu';

describe('defaultPeriod', () => {
	it.each([
		['2026-10', '2026-Q3'],
		['2026-09', '2026-Q3'],
		['2026-08', '2026-Q2'],
		['2026-01', '2025-Q4'],
		['2025-12', '2025-Q4']
	])('last month with data %s → %s', (last, expected) => {
		expect(defaultPeriod(last, '2026-11-29')).toBe(expected);
	});

	it('falls back to the last quarter completed before today without data', () => {
		expect(defaultPeriod(null, '2026-11-29')).toBe('2026-Q3');
	});
});

describe('periodMenu', () => {
	const menu = periodMenu('2026-10', '2026-11-29');

	it('runs from the last year with data back to 2021, newest first', () => {
		expect(menu.map((g) => g.year)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
	});

	it('offers only periods that have started, and marks the ones still running', () => {
		const codes = menu[0].options.map((o) => o.code);
		expect(codes.slice(0, 5)).toEqual(['2026', '2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1']);
		expect(codes).toContain('2026-10');
		expect(codes).not.toContain('2026-11');
		expect(menu[0].options[0].partialTo).toBe('2026-10');
		expect(menu[0].options.find((o) => o.code === '2026-Q3')?.partialTo).toBeNull();
	});

	it('gives a full year 17 periods', () => {
		expect(menu[1].options).toHaveLength(17);
	});
});

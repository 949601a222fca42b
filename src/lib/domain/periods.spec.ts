import { describe, expect, it } from 'vitest';
import {
	addMonths,
	firstDay,
	isIsoDate,
	lastCompleteMonth,
	lastDay,
	monthCode,
	monthIndex,
	monthsBetween,
	parsePeriod,
	periodContaining,
	type Grain
} from './periods.ts';

describe('parsePeriod', () => {
	const valid: [string, Grain, number, string, string, number][] = [
		['2024-01', 'month', 2024, '2024-01', '2024-01', 1],
		['2024-12', 'month', 2024, '2024-12', '2024-12', 1],
		['2024-Q1', 'quarter', 2024, '2024-01', '2024-03', 3],
		['2024-Q2', 'quarter', 2024, '2024-04', '2024-06', 3],
		['2024-Q3', 'quarter', 2024, '2024-07', '2024-09', 3],
		['2024-Q4', 'quarter', 2024, '2024-10', '2024-12', 3],
		['2024-H1', 'half', 2024, '2024-01', '2024-06', 6],
		['2024-H2', 'half', 2024, '2024-07', '2024-12', 6],
		['2024-9M', 'nine_months', 2024, '2024-01', '2024-09', 9],
		['2024', 'year', 2024, '2024-01', '2024-12', 12],
		['1900', 'year', 1900, '1900-01', '1900-12', 12],
		['2999-12', 'month', 2999, '2999-12', '2999-12', 1]
	];
	it.each(valid)('%s is a %s', (code, grain, year, start, end, months) => {
		expect(parsePeriod(code)).toEqual({ code, grain, year, start, end, months });
	});

	const invalid = [
		'2024-13',
		'2024-00',
		'2024-Q0',
		'2024-Q5',
		'2024-H0',
		'2024-H3',
		'2024-9m',
		'2024-q1',
		'2024-h1',
		'2024-6M',
		'24',
		'202',
		'20245',
		'2024-1',
		'2024-001',
		'2024-01-15',
		'2024/01',
		'2024-',
		' 2024',
		'2024 ',
		'2024\n',
		'abc',
		'',
		'1899',
		'3000',
		'０２０２４'
	];
	it.each(invalid)('%j is not a period', (code) => {
		expect(parsePeriod(code)).toBeNull();
	});
});

describe('monthCode', () => {
	it.each([
		[2024, 1, '2024-01'],
		[2024, 12, '2024-12'],
		[2024, 13, '2025-01'],
		[2024, 25, '2026-01'],
		[2024, 0, '2023-12'],
		[987, 3, '0987-03']
	])('monthCode(%i, %i) = %s', (year, month, expected) => {
		expect(monthCode(year, month)).toBe(expected);
	});
});

describe('monthIndex', () => {
	it('counts months since year 0 and accepts a full date', () => {
		expect(monthIndex('0000-01')).toBe(0);
		expect(monthIndex('2024-03')).toBe(2024 * 12 + 2);
		expect(monthIndex('2024-03-31')).toBe(monthIndex('2024-03'));
	});
});

describe('addMonths', () => {
	it.each([
		['2024-01', 0, '2024-01'],
		['2024-01', 1, '2024-02'],
		['2024-12', 1, '2025-01'],
		['2024-11', 14, '2026-01'],
		['2024-01', -1, '2023-12'],
		['2024-03', -15, '2022-12'],
		['2025-07', -24, '2023-07'],
		['2024-06', 120, '2034-06']
	])('%s + %i = %s', (month, n, expected) => {
		expect(addMonths(month, n)).toBe(expected);
	});
});

describe('monthsBetween', () => {
	it.each([
		['2024-03', '2024-03', ['2024-03']],
		['2024-11', '2025-02', ['2024-11', '2024-12', '2025-01', '2025-02']],
		['2024-05', '2024-04', []]
	])('%s…%s', (start, end, expected) => {
		expect(monthsBetween(start, end)).toEqual(expected);
	});

	it('spans a whole year as twelve months', () => {
		const p = parsePeriod('2023')!;
		expect(monthsBetween(p.start, p.end)).toHaveLength(12);
	});
});

describe('lastCompleteMonth', () => {
	it.each([
		['2025-01-01', '2024-12'],
		['2025-01-31', '2024-12'],
		['2024-03-15', '2024-02'],
		['2024-03-31', '2024-02']
	])('on %s it is %s', (today, expected) => expect(lastCompleteMonth(today)).toBe(expected));
});

describe('periodContaining', () => {
	// [month or date, the period containing it], by grain.
	const byGrain: Record<'month' | 'quarter' | 'half' | 'year', [string, string][]> = {
		month: [
			['2024-01', '2024-01'],
			['2024-01-20', '2024-01']
		],
		quarter: [
			['2024-01', '2024-Q1'],
			['2024-03', '2024-Q1'],
			['2024-04', '2024-Q2'],
			['2024-09', '2024-Q3'],
			['2024-12', '2024-Q4']
		],
		half: [
			['2024-06', '2024-H1'],
			['2024-07', '2024-H2']
		],
		year: [['2024-12', '2024']]
	};
	const cases = Object.entries(byGrain).flatMap(([grain, pairs]) =>
		pairs.map(([month, expected]) => [month, grain as keyof typeof byGrain, expected] as const)
	);

	it.each(cases)('%s in a %s is %s', (month, grain, expected) => {
		expect(periodContaining(month, grain)).toBe(expected);
		// The period found must itself parse and contain the month.
		const p = parsePeriod(expected)!;
		expect(p.start <= month.slice(0, 7) && month.slice(0, 7) <= p.end).toBe(true);
	});
});

describe('firstDay and lastDay', () => {
	const lastDays: Record<string, string> = {
		'2024-01': '2024-01-31',
		'2024-02': '2024-02-29',
		'2023-02': '2023-02-28',
		'2000-02': '2000-02-29',
		'2100-02': '2100-02-28',
		'2024-04': '2024-04-30',
		'2024-12': '2024-12-31',
		'2024-02-10': '2024-02-29'
	};
	it.each(Object.entries(lastDays))('the last day of %s is %s', (month, expected) => {
		expect(lastDay(month)).toBe(expected);
	});

	it('gives the first day of a month or a date', () => {
		expect(firstDay('2024-02')).toBe('2024-02-01');
		expect(firstDay('2024-02-17')).toBe('2024-02-01');
	});
});

describe('isIsoDate', () => {
	const dates = ['2024-02-29', '2023-02-28', '2025-07-01', '2024-12-31'];
	const notDates = [
		'2023-02-29',
		'2024-02-30',
		'2024-04-31',
		'2024-13-01',
		'2024-00-10',
		'2024-01-00',
		'2024-1-01',
		'2024-01-1',
		'2024-01-01T00:00:00Z',
		' 2024-01-01',
		'2024/01/01',
		'',
		'abc'
	];
	it.each(dates)('%j is a date', (s) => {
		expect(isIsoDate(s)).toBe(true);
	});
	it.each(notDates)('%j is not', (s) => {
		expect(isIsoDate(s)).toBe(false);
	});
});

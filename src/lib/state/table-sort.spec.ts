import { describe, expect, it } from 'vitest';
import { firstRows, nextSort, parseSort, sortRows, type SortableRow } from './table-sort';

const row = (
	code: string,
	name: string,
	value: number | null,
	rank: number | null
): SortableRow => ({
	unit_code: code,
	unit_name: name,
	value,
	denominator: value === null ? null : value * 10,
	months_reported: 3,
	rank
});

const rows = [
	row('03', 'Xã Bản Bo', 50, 2),
	row('01', 'Xã Ải Chất', null, null),
	row('02', 'Phường Đoàn Kết', 90, 1),
	row('04', 'Xã Ma Quai', 10, 3)
];

describe('parseSort', () => {
	it.each([
		[null, 'rank', false],
		['value', 'value', false],
		['-value', 'value', true],
		['bogus', 'rank', false],
		['-', 'rank', false]
	])('%s → %s', (text, key, descending) => {
		expect(parseSort(text)).toEqual({ key, descending });
	});
});

describe('nextSort', () => {
	it('starts numbers high to low and names A to Z, and flips the current column', () => {
		expect(nextSort(parseSort(null), 'value')).toBe('-value');
		expect(nextSort(parseSort(null), 'name')).toBe('name');
		expect(nextSort(parseSort('name'), 'name')).toBe('-name');
		expect(nextSort(parseSort(null), 'rank')).toBe('-rank');
	});
});

describe('sortRows', () => {
	const codes = (text: string | null) => sortRows(rows, parseSort(text)).map((r) => r.unit_code);

	it('keeps missing values last in either direction', () => {
		expect(codes('value')).toEqual(['04', '03', '02', '01']);
		expect(codes('-value')).toEqual(['02', '03', '04', '01']);
		expect(codes(null)).toEqual(['02', '03', '04', '01']);
	});

	it('sorts names the Vietnamese way', () => {
		const names = sortRows(rows, parseSort('name')).map((r) => r.unit_name);
		expect(names).toEqual(['Phường Đoàn Kết', 'Xã Ải Chất', 'Xã Bản Bo', 'Xã Ma Quai']);
	});
});

describe('firstRows', () => {
	it('takes the first rows in the order asked for', () => {
		expect(firstRows(rows, parseSort('-value'), 2).map((r) => r.unit_code)).toEqual(['02', '03']);
		expect(firstRows(rows, parseSort('value'), 2).map((r) => r.unit_code)).toEqual(['04', '03']);
	});

	it('returns every row when there are no more than the limit', () => {
		expect(firstRows(rows, parseSort(null), 10)).toHaveLength(4);
	});
});

import { describe, expect, it } from 'vitest';
import type { Better } from './indicators.ts';
import { rankOrder, rankValues } from './rank.ts';

describe('rankValues', () => {
	const cases: [string, (number | null)[], Better, (number | null)[]][] = [
		['empty', [], 'higher', []],
		['one value', [7], 'higher', [1]],
		['higher: largest first', [10, 30, 20], 'higher', [3, 1, 2]],
		['lower: smallest first', [10, 30, 20], 'lower', [1, 3, 2]],
		['no direction: largest first', [10, 30, 20], null, [3, 1, 2]],
		['ties share the rank (1, 2, 2, 4)', [90, 80, 80, 70], 'higher', [1, 2, 2, 4]],
		['ties, lower is better', [5, 0, 0, 3], 'lower', [4, 1, 1, 3]],
		['a tie at the top', [50, 50, 40], 'higher', [1, 1, 3]],
		['all tied', [2, 2, 2], 'lower', [1, 1, 1]],
		['null is unranked', [null, 40, null, 60], 'higher', [null, 2, null, 1]],
		['all null', [null, null], 'higher', [null, null]],
		['NaN is unranked', [Number.NaN, 1], 'higher', [null, 1]],
		['zero ranks', [0, 100, 0], 'higher', [2, 1, 2]],
		['negative values', [-1, -3, 2], 'higher', [2, 3, 1]],
		['infinities', [Infinity, 1, Infinity], 'higher', [1, 3, 1]],
		// No tolerance: values that differ in the last bit are not tied.
		['no tolerance', [0.1 + 0.2, 0.3, 0.3], 'higher', [1, 2, 2]]
	];
	it.each(cases)('%s', (_, values, better, expected) => {
		expect(rankValues(values, better)).toEqual(expected);
	});

	it('does not reorder or change its input', () => {
		const values = [3, null, 1, 2];
		rankValues(values, 'higher');
		expect(values).toEqual([3, null, 1, 2]);
	});

	it('ranks a large list with many ties consistently', () => {
		const values = Array.from({ length: 1000 }, (_, i) => i % 10);
		const ranks = rankValues(values, 'higher');
		// 100 copies of each value: 9 ranks 1, 8 ranks 101, …, 0 ranks 901.
		values.forEach((v, i) => expect(ranks[i]).toBe((9 - v) * 100 + 1));
	});
});

describe('rankOrder', () => {
	const cases: [string, (number | null)[], Better, number[]][] = [
		['empty', [], 'higher', []],
		['higher: largest first', [10, 30, 20], 'higher', [1, 2, 0]],
		['lower: smallest first', [10, 30, 20], 'lower', [0, 2, 1]],
		['ties in input order', [80, 90, 80, 80], 'higher', [1, 0, 2, 3]],
		['ties in input order, lower better', [3, 1, 3, 1], 'lower', [1, 3, 0, 2]],
		['unranked last, in input order', [null, 5, Number.NaN, 7, null], 'higher', [3, 1, 0, 2, 4]],
		['infinities', [1, Infinity, -Infinity, Infinity], 'higher', [1, 3, 0, 2]]
	];
	it.each(cases)('%s', (_, values, better, expected) => {
		expect(rankOrder(values, better).order).toEqual(expected);
	});

	it('orders by rank: ranks read in order never go down, and each position once', () => {
		const values = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? null : (i * 37) % 11));
		const { ranks, order } = rankOrder(values, 'lower');
		expect([...order].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
		const inOrder = order.map((i) => ranks[i] ?? Infinity);
		inOrder.forEach((r, k) => k > 0 && expect(r).toBeGreaterThanOrEqual(inOrder[k - 1]));
		expect(rankValues(values, 'lower')).toEqual(ranks);
	});
});

/** Ranking of CONTRACT.md: 1 is best, ties share a rank (1, 2, 2, 4), null is unranked. */
import type { Better } from './indicators.ts';

/**
 * Competition ranks ("1224") of values by an indicator's direction, and the positions in rank
 * order: best first, tied values and then the unranked (null, NaN) each in their input order.
 * One sort for both: a national view ranks and orders 10,000 figures.
 * @param better 'higher' ranks the largest first, 'lower' the smallest; null (no direction)
 *   ranks the largest first so a list still has an order.
 */
export function rankOrder(
	values: readonly (number | null)[],
	better: Better
): { ranks: (number | null)[]; order: number[] } {
	const sign = better === 'lower' ? 1 : -1;
	const ranked: number[] = [];
	const unranked: number[] = [];
	values.forEach((v, i) => (v === null || Number.isNaN(v) ? unranked : ranked).push(i));
	// A comparison, not a subtraction: Infinity − Infinity would be NaN. The sort is stable, so
	// tied values keep their input order.
	ranked.sort((a, b) => {
		const x = values[a]!;
		const y = values[b]!;
		return x === y ? 0 : x < y ? -sign : sign;
	});
	const ranks: (number | null)[] = new Array(values.length).fill(null);
	ranked.forEach((index, position) => {
		const previous = ranked[position - 1];
		ranks[index] =
			previous !== undefined && values[previous] === values[index] ? ranks[previous] : position + 1;
	});
	return { ranks, order: ranked.concat(unranked) };
}

/**
 * Competition ranks ("1224") of values by an indicator's direction ({@link rankOrder}).
 * @returns a rank per input position; null (and NaN) values get null.
 */
export function rankValues(values: readonly (number | null)[], better: Better): (number | null)[] {
	return rankOrder(values, better).ranks;
}

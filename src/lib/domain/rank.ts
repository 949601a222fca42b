/** Ranking of CONTRACT.md: 1 is best, ties share a rank (1, 2, 2, 4), null is unranked. */
import type { Better } from './indicators.ts';

/**
 * Competition ranks ("1224") of values by an indicator's direction.
 * @param better 'higher' ranks the largest first, 'lower' the smallest; null (no direction)
 *   ranks the largest first so a list still has an order.
 * @returns a rank per input position; null (and NaN) values get null.
 */
export function rankValues(values: (number | null)[], better: Better): (number | null)[] {
	const sign = better === 'lower' ? 1 : -1;
	const order = values
		.map((value, index) => ({ value, index }))
		.filter(
			(x): x is { value: number; index: number } => x.value !== null && !Number.isNaN(x.value)
		)
		// A comparison, not a subtraction: Infinity − Infinity would be NaN.
		.sort((a, b) => (a.value === b.value ? 0 : a.value < b.value ? -sign : sign));
	const ranks: (number | null)[] = values.map(() => null);
	order.forEach((x, position) => {
		const previous = order[position - 1];
		ranks[x.index] =
			previous !== undefined && previous.value === x.value ? ranks[previous.index] : position + 1;
	});
	return ranks;
}

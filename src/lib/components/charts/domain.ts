/**
 * The value range of a line chart. A line shows change by position and slope, not length, so it
 * need not start at zero: when every value sits high in its range (on-time rates of 97–100%),
 * a zero baseline flattens the line into the top edge. Otherwise it starts at zero.
 */
import { scaleLinear } from 'd3-scale';

/** Below this share of the highest value, the lowest one keeps the baseline at zero. */
const HIGH_BAND = 0.7;

/**
 * `[low, high]` for values (and a target) that are never negative, rounded to nice ticks, with
 * headroom above the highest so its label fits, and within `[0, ceiling]`.
 */
export function valueDomain(
	values: readonly number[],
	options: { target?: number | null; ceiling?: number } = {}
): [number, number] {
	const all = options.target == null ? [...values] : [...values, options.target];
	const hi = Math.max(0, ...all);
	const lo = Math.min(hi, ...all);
	if (hi === 0) return [0, 1];
	const ceiling = options.ceiling ?? Infinity;
	let domain: number[];
	if (lo < HIGH_BAND * hi) {
		domain = scaleLinear()
			.domain([0, hi * 1.08])
			.nice()
			.domain();
	} else {
		// Keep at least a tenth of the highest value in view, so noise is not blown up.
		const span = Math.max((hi - lo) * 1.6, hi * 0.1);
		domain = scaleLinear()
			.domain([Math.max(0, hi - span), hi + span * 0.08])
			.nice()
			.domain();
	}
	const low = Math.max(0, domain[0]);
	const high = domain[1] > ceiling && hi <= ceiling ? ceiling : domain[1];
	return [low, high];
}

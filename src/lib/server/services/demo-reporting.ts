/**
 * Which months a commune reports in the demo. A month not reported has no figures at all (blank
 * is not zero). Remote and struggling communes miss more months; a few miss a run of months (a
 * clerk's post left empty); a few report late, so their last month or two are not in yet. Draws
 * never depend on how far the figures run, so extending them leaves earlier months alone.
 */
import { Rand } from './demo-random.ts';

/** Months from 2021-01 within which a run of unreported months can start (through 2026). */
const GAP_HORIZON = 72;

/**
 * Whether each of `n` months from 2021-01 goes unreported.
 * @param remote 0 (the capital) … 1 (far and large)
 * @param capacity 0 (struggling) … 1 (model), see demo-capacity.ts
 */
export function unreportedMonths(
	seed: number,
	key: string,
	remote: number,
	capacity: number,
	n: number
): boolean[] {
	const r = new Rand(seed, `${key}|missing`);
	const risk = 0.003 + 0.015 * remote + 0.012 * (1 - capacity);
	const g = new Rand(seed, `${key}|gap`);
	const [hasGap, start, length] = [
		g.u() < 0.02 + 0.1 * (1 - capacity),
		g.int(0, GAP_HORIZON - 1),
		g.int(2, 4)
	];
	return Array.from({ length: n }, (_, i) => {
		const scattered = r.u() < risk + (i < 12 ? 0.006 : 0);
		return scattered || (hasGap && i >= start && i < start + length);
	});
}

/** How many of the latest months a commune has not reported yet: 0, 1 or 2. */
export function reportingLag(seed: number, key: string, capacity: number): number {
	const r = new Rand(seed, `${key}|late`);
	const [late, twice] = [r.u(), r.u()];
	if (late >= 0.2 * Math.pow(1 - capacity, 1.5)) return 0;
	return twice < 0.35 ? 2 : 1;
}

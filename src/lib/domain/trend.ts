/**
 * Will a figure reach its target by December? A least-squares line through the last six monthly
 * values, projected to December of the last month's year: on track when the projection meets the
 * target, at risk when it falls short by no more than the tolerance, off track otherwise.
 */
import type { Better } from './indicators.ts';

export type TrendStatus = 'on_track' | 'at_risk' | 'off_track';

export interface Trend {
	/** Change per month of the fitted line. */
	slope: number;
	/** The fitted line's value in December. */
	projected: number;
	target: number;
	status: TrendStatus;
	/** How many monthly values the line was fitted on (at least 3). */
	points: number;
}

/** Least-squares slope and intercept of y over x = 0, 1, 2… (nulls skipped). */
export function leastSquares(
	values: (number | null)[]
): { slope: number; intercept: number; n: number } | null {
	const pts = values.flatMap((y, x) =>
		y === null || !Number.isFinite(y) ? [] : [[x, y] as const]
	);
	const n = pts.length;
	if (n < 2) return null;
	const mx = pts.reduce((s, [x]) => s + x, 0) / n;
	const my = pts.reduce((s, [, y]) => s + y, 0) / n;
	const sxx = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
	const sxy = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
	const slope = sxx === 0 ? 0 : sxy / sxx;
	return { slope, intercept: my - slope * mx, n };
}

/**
 * Trend of the last six months towards a target.
 * @param lastSix monthly values, oldest first, the last one being month `lastMonth` (1–12).
 * @param tolerance how far short of the target still counts as at risk, as a share of the target
 *   (5% by default: 2.5 points on a 50% target, 0.05 on a ratio target of 1).
 * @returns null when fewer than three of the six months have a value or the direction is unknown.
 */
export function trendToTarget(
	lastSix: (number | null)[],
	lastMonth: number,
	target: number,
	better: Better,
	tolerance = 0.05
): Trend | null {
	if (better === null) return null;
	const fit = leastSquares(lastSix.slice(-6));
	if (!fit || fit.n < 3) return null;
	const xLast = Math.min(6, lastSix.length) - 1;
	const projected = fit.intercept + fit.slope * (xLast + (12 - lastMonth));
	const gap = better === 'higher' ? target - projected : projected - target;
	const status: TrendStatus =
		gap <= 0 ? 'on_track' : gap <= tolerance * Math.abs(target) ? 'at_risk' : 'off_track';
	return { slope: fit.slope, projected, target, status, points: fit.n };
}

/** Whether a value meets its target in the indicator's direction (null when either is missing). */
export function meetsTarget(
	value: number | null,
	target: number | null,
	better: Better
): boolean | null {
	if (value === null || target === null || better === null) return null;
	return better === 'higher' ? value >= target : value <= target;
}

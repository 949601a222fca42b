import { describe, expect, it } from 'vitest';
import { leastSquares, meetsTarget, trendToTarget } from './trend.ts';

describe('leastSquares', () => {
	it.each([
		[[1, 2, 3, 4], 1, 1],
		[[10, 10, 10], 0, 10],
		[[null, 2, null, 6], 2, 0],
		[[5, 3, 1], -2, 5]
	])('%j → slope %d, intercept %d', (ys, slope, intercept) => {
		const fit = leastSquares(ys)!;
		expect(fit.slope).toBeCloseTo(slope, 12);
		expect(fit.intercept).toBeCloseTo(intercept, 12);
	});

	it('needs two points', () => {
		expect(leastSquares([null, 4, null])).toBeNull();
	});
});

describe('trendToTarget', () => {
	// Six months Jan–Jun rising 2 points a month from 40: June is 50; December projects to 62.
	const rising = [40, 42, 44, 46, 48, 50];
	it.each([
		[rising, 6, 60, 'higher', 'on_track', 62],
		[rising, 6, 65, 'higher', 'at_risk', 62],
		[rising, 6, 66, 'higher', 'off_track', 62],
		[rising, 6, 80, 'higher', 'off_track', 62],
		// In December the projection is the fitted December value itself.
		[rising, 12, 50, 'higher', 'on_track', 50],
		// Backlog falling 1 a month from 10 (Jan–Jun): December projects to −1 → below a target of 2.
		[[10, 9, 8, 7, 6, 5], 6, 2, 'lower', 'on_track', -1],
		[[5, 6, 7, 8, 9, 10], 6, 2, 'lower', 'off_track', 16]
	] as const)(
		'%j in month %i towards %i (%s) → %s',
		(values, month, target, better, status, projected) => {
			const t = trendToTarget([...values], month, target, better)!;
			expect(t.status).toBe(status);
			expect(t.projected).toBeCloseTo(projected, 9);
		}
	);

	it('gives no trend on fewer than three months or without a direction', () => {
		expect(trendToTarget([null, null, null, null, 1, 2], 6, 10, 'higher')).toBeNull();
		expect(trendToTarget(rising, 6, 10, null)).toBeNull();
	});
});

describe('meetsTarget', () => {
	it.each([
		[50, 50, 'higher', true],
		[49.9, 50, 'higher', false],
		[3, 5, 'lower', true],
		[null, 5, 'higher', null],
		[5, null, 'higher', null]
	] as const)('%s vs %s (%s) → %s', (v, t, b, expected) => {
		expect(meetsTarget(v, t, b)).toBe(expected);
	});
});

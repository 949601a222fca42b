import { describe, expect, it } from 'vitest';
import type { IndicatorCode } from './indicators.ts';
import { band, earnedPoints, pointsLost, scoreComposite } from './scoring.ts';

const rates = (entries: [IndicatorCode, number | null][]) => new Map(entries);

// Hand-computed: 40/50×12 = 9.6; 95/100×20 = 19; 60/80×22 = 16.5; 80/80×10 = 10;
// 45/90×18 = 9; 100/100×18 = 18. Σ = 82.1.
const SERVICE: [IndicatorCode, number | null][] = [
	['online_uptake', 40],
	['on_time_rate', 95],
	['digitization_rate', 60],
	['online_payment_rate', 80],
	['satisfaction_rate', 45],
	['transparency_rate', 100]
];

describe('scoreComposite: service_index', () => {
	it('scores all six components', () => {
		const s = scoreComposite('service_index', rates(SERVICE));
		expect(s.value).toBeCloseTo(82.1, 10);
		expect(s.components.map((c) => [c.code, c.threshold, c.points])).toEqual([
			['online_uptake', 50, 12],
			['on_time_rate', 100, 20],
			['digitization_rate', 80, 22],
			['online_payment_rate', 80, 10],
			['satisfaction_rate', 90, 18],
			['transparency_rate', 100, 18]
		]);
		const earned = s.components.map((c) => c.earned!);
		[9.6, 19, 16.5, 10, 9, 18].forEach((e, i) => expect(earned[i]).toBeCloseTo(e, 10));
	});

	it('rescales over the components that have a value', () => {
		// Payment missing: (82.1 − 10) ÷ 90 × 100.
		const s = scoreComposite(
			'service_index',
			rates(SERVICE.map(([c, r]) => [c, c === 'online_payment_rate' ? null : r]))
		);
		expect(s.value).toBeCloseTo((72.1 / 90) * 100, 10);
		const payment = s.components.find((c) => c.code === 'online_payment_rate')!;
		expect(payment).toEqual({
			code: 'online_payment_rate',
			rate: null,
			threshold: 80,
			points: 10,
			earned: null
		});
	});

	it('treats a component absent from the map or NaN as missing', () => {
		const s = scoreComposite(
			'service_index',
			rates([
				['on_time_rate', 50],
				['satisfaction_rate', Number.NaN]
			])
		);
		// Only on-time: 10 of 20 points → 50.
		expect(s.value).toBeCloseTo(50, 10);
		expect(s.components.filter((c) => c.earned !== null)).toHaveLength(1);
	});

	it('gives full points at and above the threshold, never more', () => {
		const atThreshold = scoreComposite(
			'service_index',
			rates([
				['online_uptake', 50],
				['on_time_rate', 100],
				['digitization_rate', 80],
				['online_payment_rate', 80],
				['satisfaction_rate', 90],
				['transparency_rate', 100]
			])
		);
		expect(atThreshold.value).toBe(100);
		const above = scoreComposite(
			'service_index',
			rates([
				['online_uptake', 75],
				['on_time_rate', 100],
				['digitization_rate', 99],
				['online_payment_rate', 95],
				['satisfaction_rate', 100],
				['transparency_rate', 100]
			])
		);
		expect(above.value).toBe(100);
		expect(above.components[0].earned).toBe(12);
	});

	it('is null when every component is missing', () => {
		const s = scoreComposite('service_index', new Map());
		expect(s.value).toBeNull();
		expect(s.components).toHaveLength(6);
		expect(s.components.every((c) => c.rate === null && c.earned === null)).toBe(true);
	});

	it('is 0, not null, when every rate is zero', () => {
		const s = scoreComposite('service_index', rates(SERVICE.map(([c]) => [c, 0])));
		expect(s.value).toBe(0);
		expect(band(s.value)).toBe('weak');
	});
});

describe('scoreComposite: infra_index', () => {
	it('scores the five components, computers per staff as a ratio', () => {
		// 50/100×20 = 10; 25/100×20 = 5; 80/100×20 = 16; 0.5/1×20 = 10; 100/100×20 = 20 → 61.
		const infra = rates([
			['coverage_4g', 50],
			['fiber_coverage', 25],
			['digital_skills', 80],
			['computers_per_staff', 0.5],
			['one_stop_shop', 100]
		]);
		const s = scoreComposite('infra_index', infra);
		expect(s.components.map((c) => c.code)).toEqual([
			'coverage_4g',
			'fiber_coverage',
			'digital_skills',
			'computers_per_staff',
			'one_stop_shop'
		]);
		expect(s.value).toBeCloseTo(61, 10);
		expect(band(s.value)).toBe('average');
	});

	it('caps computers per staff at one per person', () => {
		const s = scoreComposite('infra_index', rates([['computers_per_staff', 1.6]]));
		expect(s.value).toBe(100);
	});

	it('ignores rates of indicators outside the composite', () => {
		const s = scoreComposite('infra_index', rates([['on_time_rate', 10]]));
		expect(s.value).toBeNull();
	});
});

describe('earnedPoints and pointsLost', () => {
	it.each([
		[40, 50, 12, 9.6],
		[0, 80, 22, 0],
		[120, 100, 20, 20],
		[-5, 100, 20, 0],
		[null, 100, 20, null]
	])('rate %s, threshold %s, points %s → %s', (rate, threshold, points, expected) => {
		const e = earnedPoints(rate, threshold, points);
		if (expected === null) expect(e).toBeNull();
		else expect(e).toBeCloseTo(expected, 10);
	});

	it('gives the points a component falls short', () => {
		const base = { code: 'online_uptake' as const, rate: 40, threshold: 50, points: 12 };
		expect(pointsLost({ ...base, earned: 9.6 })).toBeCloseTo(2.4, 10);
		expect(pointsLost({ ...base, rate: null, earned: null })).toBeNull();
	});
});

describe('band', () => {
	it.each([
		[100, 'good'],
		[80, 'good'],
		[79.999, 'fair'],
		[65, 'fair'],
		[64.9, 'average'],
		[50, 'average'],
		[49.99, 'weak'],
		[0, 'weak'],
		[null, null],
		[Number.NaN, null]
	])('%s → %s', (value, expected) => {
		expect(band(value)).toBe(expected);
	});
});

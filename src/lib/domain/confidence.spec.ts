import { describe, expect, it } from 'vitest';
import { confidenceApplies, isLowConfidence, MIN_SAMPLE } from './confidence.ts';
import { findIndicator, INDICATORS, type IndicatorCode } from './indicators.ts';

const indicator = (code: IndicatorCode) => findIndicator(code)!;

describe('isLowConfidence', () => {
	it('uses a minimum sample of 20', () => {
		expect(MIN_SAMPLE).toBe(20);
	});

	const cases: [IndicatorCode, number | null, boolean][] = [
		['on_time_rate', 0, true],
		['on_time_rate', 19, true],
		['on_time_rate', 19.5, true],
		['on_time_rate', 20, false],
		['on_time_rate', 12122, false],
		['on_time_rate', null, false],
		['satisfaction_rate', 5, true],
		['transparency_rate', 18, true],
		['dossiers_per_1000', 10, true],
		['computers_per_staff', 12, true],
		// A share of units: one commune is 0 or 1 of 1, a district 3 of 9 communes; neither is a
		// sample of cases, so "fewer than 20" says nothing about it.
		['one_stop_shop', 1, false],
		['one_stop_shop', 9, false],
		['one_stop_shop', null, false],
		['overdue_backlog', 3, false],
		['dossier_volume', 0, false],
		['service_index', 1, false],
		['infra_index', null, false]
	];
	it.each(cases)('%s with denominator %s → %s', (code, denominator, expected) => {
		expect(isLowConfidence(indicator(code), denominator)).toBe(expected);
	});
});

describe('confidenceApplies', () => {
	const expected: Record<IndicatorCode, boolean> = {
		online_uptake: true,
		on_time_rate: true,
		digitization_rate: true,
		online_payment_rate: true,
		satisfaction_rate: true,
		transparency_rate: true,
		coverage_4g: true,
		fiber_coverage: true,
		digital_skills: true,
		computers_per_staff: true,
		dossiers_per_1000: true,
		one_stop_shop: false,
		overdue_backlog: false,
		dossier_volume: false,
		service_index: false,
		infra_index: false
	};
	it.each(INDICATORS.map((i) => [i.code, expected[i.code]] as const))(
		'%s → %s',
		(code, applies) => {
			expect(confidenceApplies(indicator(code))).toBe(applies);
		}
	);
});

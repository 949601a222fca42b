import { describe, expect, it } from 'vitest';
import { confidenceApplies, isLowConfidence, MIN_SAMPLE } from './confidence.ts';
import { findIndicator, INDICATORS, type IndicatorCode } from './indicators.ts';

const indicator = (code: IndicatorCode) => findIndicator(code)!;

describe('isLowConfidence', () => {
	it('uses a minimum sample of 20', () => {
		expect(MIN_SAMPLE).toBe(20);
	});

	it.each<[IndicatorCode, number]>([
		['on_time_rate', 0],
		['on_time_rate', 19],
		['on_time_rate', 19.5],
		['satisfaction_rate', 5],
		['transparency_rate', 18],
		['dossiers_per_1000', 10],
		['computers_per_staff', 12]
	])('%s with denominator %s: low confidence', (code, denominator) => {
		expect(isLowConfidence(indicator(code), denominator)).toBe(true);
	});

	it.each<[IndicatorCode, number | null]>([
		['on_time_rate', 20],
		['on_time_rate', 12122],
		['on_time_rate', null],
		// A share of units: one commune is 0 or 1 of 1, a district 3 of 9 communes; neither is a
		// sample of cases, so "fewer than 20" says nothing about it.
		['one_stop_shop', 1],
		['one_stop_shop', 9],
		['one_stop_shop', null],
		['overdue_backlog', 3],
		['dossier_volume', 0],
		['service_index', 1],
		['infra_index', null]
	])('%s with denominator %s: not low', (code, denominator) => {
		expect(isLowConfidence(indicator(code), denominator)).toBe(false);
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

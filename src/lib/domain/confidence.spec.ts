import { describe, expect, it } from 'vitest';
import { isLowConfidence, MIN_SAMPLE } from './confidence.ts';
import { findIndicator, type IndicatorCode } from './indicators.ts';

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
		['one_stop_shop', 1, true],
		['overdue_backlog', 3, false],
		['dossier_volume', 0, false],
		['service_index', 1, false],
		['infra_index', null, false]
	];
	it.each(cases)('%s with denominator %s → %s', (code, denominator, expected) => {
		expect(isLowConfidence(indicator(code), denominator)).toBe(expected);
	});
});

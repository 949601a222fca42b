/** Low confidence of CONTRACT.md: a rate computed on too few cases to compare communes by. */
import type { Indicator } from './indicators.ts';

/** A rate on fewer cases than this (its denominator) is flagged as low-confidence. */
export const MIN_SAMPLE = 20;

/**
 * Whether the low-confidence rule means anything for this indicator: only for a ratio whose
 * denominator counts cases (dossiers, payments, responses, procedures, villages, staff,
 * residents). Not for a share of units (`one_stop_shop`: a commune's own figure is a 0/1 fact of
 * 1 unit, a district's is over its handful of communes, never 20), nor for counts and composites
 * (a composite shows its components' flags instead). Pages show the flag and its legend only
 * where this is true, and the API's `low_confidence` follows the same rule.
 */
export function confidenceApplies(indicator: Indicator): boolean {
	switch (indicator.aggregation.type) {
		case 'flow_ratio':
		case 'stock_ratio':
		case 'per_capita':
			return true;
		case 'unit_share':
		case 'flow_sum':
		case 'stock_sum':
		case 'composite':
			return false;
	}
}

/** True when the rule applies ({@link confidenceApplies}) and the denominator is known and below {@link MIN_SAMPLE}. */
export function isLowConfidence(indicator: Indicator, denominator: number | null): boolean {
	return confidenceApplies(indicator) && denominator !== null && denominator < MIN_SAMPLE;
}

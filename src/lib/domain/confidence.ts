/** Low confidence of CONTRACT.md: a rate computed on too few cases to compare communes by. */
import type { Indicator } from './indicators.ts';

/** A rate on fewer cases than this (its denominator) is flagged as low-confidence. */
export const MIN_SAMPLE = 20;

/**
 * True when a rate's denominator is known and below {@link MIN_SAMPLE}. Counts and composites
 * are never low-confidence (a composite shows its components' flags instead).
 */
export function isLowConfidence(indicator: Indicator, denominator: number | null): boolean {
	switch (indicator.kind) {
		case 'rate':
			return denominator !== null && denominator < MIN_SAMPLE;
		case 'count':
		case 'composite':
			return false;
	}
}

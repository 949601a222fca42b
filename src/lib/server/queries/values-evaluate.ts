/**
 * What a unit's aggregated inputs make of an indicator: its value (composites scored from their
 * components), sample and confidence. Shared by the values, series, profile and area verbs.
 */
import type { AggregateRow } from './aggregate.ts';
import type { ValueRow } from './values.ts';
import { componentsOf, type Indicator } from '../../domain/indicators.ts';
import { scoreComposite } from '../../domain/scoring.ts';
import { isLowConfidence } from '../../domain/confidence.ts';

/** The plain indicators whose aggregates a (possibly composite) indicator needs. */
export function inputsOf(indicator: Indicator): Indicator[] {
	return indicator.aggregation.type === 'composite'
		? componentsOf(indicator.aggregation.composite)
		: [indicator];
}

/** Turns aggregated inputs into the indicator's value (scoring composites), sample and confidence. */
export function evaluate(
	indicator: Indicator,
	row: AggregateRow
): Pick<
	ValueRow,
	'value' | 'numerator' | 'denominator' | 'months_reported' | 'low_confidence' | 'components'
> {
	const a = indicator.aggregation;
	if (a.type === 'composite') {
		const parts = componentsOf(a.composite);
		const rates = new Map(parts.map((p) => [p.code, row.byIndicator.get(p.code)?.value ?? null]));
		const scored = scoreComposite(a.composite, rates);
		const lowConfidence = parts.some(
			(p) =>
				p.aggregation.type === 'flow_ratio' &&
				row.byIndicator.get(p.code)?.value !== null &&
				isLowConfidence(p, row.byIndicator.get(p.code)?.denominator ?? null)
		);
		return {
			value: scored.value,
			numerator: null,
			denominator: null,
			months_reported: Math.max(
				0,
				...parts.map((p) => row.byIndicator.get(p.code)?.monthsReported ?? 0)
			),
			low_confidence: lowConfidence,
			components: scored.components
		};
	}
	const agg = row.byIndicator.get(indicator.code);
	const value = agg?.value ?? null;
	return {
		value,
		numerator: agg?.numerator ?? null,
		denominator: agg?.denominator ?? null,
		months_reported: agg?.monthsReported ?? 0,
		low_confidence: value !== null && isLowConfidence(indicator, agg?.denominator ?? null)
	};
}

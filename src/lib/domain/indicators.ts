/**
 * The indicator catalogue of CONTRACT.md: what each indicator means, how its raw counts are
 * aggregated (`aggregation`, read by the SQL builder), and how it scores in a composite.
 */
import type { MeasureCode } from './measures.ts';
import { DEFINITIONS } from './indicator-definitions.ts';

export type Better = 'higher' | 'lower' | null;
export type IndicatorUnit = '%' | 'count' | 'per 1,000' | 'ratio' | '0–100';
/** Public kind, as in the API: a rate of two counts, a count, or a composite index. */
export type IndicatorKind = 'rate' | 'count' | 'composite';
export type CompositeCode = 'service_index' | 'infra_index';

/** How an indicator is aggregated from raw monthly counts; handled exhaustively by the SQL builder. */
export type Aggregation =
	/** Σ numerator ÷ Σ denominator over unit-months where both are reported, × scale. */
	| { type: 'flow_ratio'; numerator: MeasureCode; denominator: MeasureCode; scale: number }
	/** Per unit the last month where both are reported; summed over units; ratio × scale. */
	| { type: 'stock_ratio'; numerator: MeasureCode; denominator: MeasureCode; scale: number }
	/** Σ over unit-months. */
	| { type: 'flow_sum'; measure: MeasureCode }
	/** Per unit the last reported month; summed over units. */
	| { type: 'stock_sum'; measure: MeasureCode }
	/** Σ flow over unit-months where both are reported ÷ Σ (per unit, last) stock, × scale. */
	| { type: 'per_capita'; numerator: MeasureCode; denominator: MeasureCode; scale: number }
	/** Σ of a 0/1 stock (per unit, last) ÷ number of units reporting it, × scale. */
	| { type: 'unit_share'; measure: MeasureCode; scale: number }
	/** Points of its components; see `scoring.ts`. */
	| { type: 'composite'; composite: CompositeCode };

export interface Indicator {
	code: IndicatorCode;
	name: { vi: string; en: string };
	/** One sentence on how the figure is computed, for the "how is this computed" panel. */
	formula: { vi: string; en: string };
	unit: IndicatorUnit;
	better: Better;
	kind: IndicatorKind;
	aggregation: Aggregation;
	/** The composite this indicator scores in, with its threshold (in the indicator's unit) and points. */
	scoring: { composite: CompositeCode; threshold: number; points: number } | null;
}

export const INDICATOR_CODES = [
	'online_uptake',
	'on_time_rate',
	'digitization_rate',
	'online_payment_rate',
	'satisfaction_rate',
	'transparency_rate',
	'overdue_backlog',
	'dossier_volume',
	'dossiers_per_1000',
	'coverage_4g',
	'fiber_coverage',
	'digital_skills',
	'computers_per_staff',
	'one_stop_shop',
	'service_index',
	'infra_index'
] as const;

export type IndicatorCode = (typeof INDICATOR_CODES)[number];

function kindOf(a: Aggregation): IndicatorKind {
	switch (a.type) {
		case 'flow_ratio':
		case 'stock_ratio':
		case 'per_capita':
		case 'unit_share':
			return 'rate';
		case 'flow_sum':
		case 'stock_sum':
			return 'count';
		case 'composite':
			return 'composite';
	}
}

export const INDICATORS: readonly Indicator[] = DEFINITIONS.map((d) => ({
	...d,
	kind: kindOf(d.aggregation)
}));

export const INDICATOR_BY_CODE: ReadonlyMap<string, Indicator> = new Map(
	INDICATORS.map((i) => [i.code, i])
);

/** The indicator with this code, or undefined. */
export function findIndicator(code: string): Indicator | undefined {
	return INDICATOR_BY_CODE.get(code);
}

/** The scored components of a composite, in catalogue order. */
export function componentsOf(composite: CompositeCode): Indicator[] {
	return INDICATORS.filter((i) => i.scoring?.composite === composite);
}

/** Numerator and denominator measure codes of an indicator (null where it has none). */
export function partsOf(i: Indicator): {
	numerator: MeasureCode | null;
	denominator: MeasureCode | null;
} {
	const a = i.aggregation;
	switch (a.type) {
		case 'flow_ratio':
		case 'stock_ratio':
		case 'per_capita':
			return { numerator: a.numerator, denominator: a.denominator };
		case 'flow_sum':
		case 'stock_sum':
			return { numerator: a.measure, denominator: null };
		case 'unit_share':
			return { numerator: a.measure, denominator: null };
		case 'composite':
			return { numerator: null, denominator: null };
	}
}

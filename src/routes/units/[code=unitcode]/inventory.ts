/**
 * The infrastructure inventory of a unit: the stocks behind the infrastructure index (computers,
 * villages with 4G and fibre, staff trained, the one-stop shop), each with the rate it makes, the
 * counts as the API gives them (the indicator's numerator and denominator) and when it last
 * changed value.
 */
import { componentsOf, partsOf, type IndicatorCode } from '$lib/domain/indicators';
import type { MeasureCode } from '$lib/domain/measures';
import type { StockChange } from '$lib/domain/stock-change';

export interface InventoryFigure {
	indicator: IndicatorCode;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
}

export interface InventoryRow extends InventoryFigure {
	/** The stock the row counts (the indicator's numerator). */
	measure: MeasureCode;
	change: StockChange | null;
	/** A single unit's 0/1 flag (the one-stop shop of one commune): said in words, not counted. */
	flag: boolean | null;
}

/** One row per infrastructure component, in the catalogue's order. */
export function inventoryRows(
	figures: readonly InventoryFigure[],
	changes: Readonly<Record<string, StockChange | null>>
): InventoryRow[] {
	const byCode = new Map(figures.map((f) => [f.indicator, f]));
	return componentsOf('infra_index').map((indicator) => {
		const measure = partsOf(indicator).numerator!;
		const f = byCode.get(indicator.code);
		const figure: InventoryFigure = {
			indicator: indicator.code,
			value: f?.value ?? null,
			numerator: f?.numerator ?? null,
			denominator: f?.denominator ?? null
		};
		const single = indicator.aggregation.type === 'unit_share' && figure.denominator === 1;
		return {
			...figure,
			measure,
			change: changes[measure] ?? null,
			flag: single && figure.numerator !== null ? figure.numerator >= 1 : null
		};
	});
}

/**
 * Derived state of the choropleth: from the figures of a view to a colour per unit code and
 * the legend's classes. Classing follows the domain's defaults (fixed breaks for bounded units,
 * so a colour means the same in every period; the four bands for composites; nice quantiles
 * for counts). Drawing lives in the map components; this module only decides.
 */
import {
	classBreaks,
	classify,
	defaultClassing,
	palette,
	NO_DATA_COLOR,
	type ClassMethod
} from '$lib/domain/classify';
import { formatNumber, type Locale } from '$lib/domain/format';
import type { Indicator, IndicatorUnit } from '$lib/domain/indicators';
import type { Band } from '$lib/domain/scoring';

export { NO_DATA_COLOR };

/** What the choropleth needs of a figure. */
export interface FigureLike {
	unit_code: string;
	value: number | null;
	low_confidence: boolean;
}

export interface LegendClass {
	color: string;
	/** Inclusive lower bound, or null for the lowest class. */
	from: number | null;
	/** Exclusive upper bound, or null for the highest class. */
	to: number | null;
	/** The composite band the class stands for, when the breaks are the band floors. */
	band: Band | null;
	/** Units in this class. */
	count: number;
}

export interface Choropleth {
	breaks: number[];
	classes: LegendClass[];
	/** Fill colour per unit code; {@link NO_DATA_COLOR} where there is no value. */
	fills: Map<string, string>;
	/** Unit codes whose value is low-confidence. */
	lowConfidence: Set<string>;
	noDataCount: number;
}

const BANDS_ASCENDING: Band[] = ['weak', 'average', 'fair', 'good'];

/** Colours, classes and flags for one indicator's figures (classed by `classing`, else the default). */
export function choroplethOf(
	rows: readonly FigureLike[],
	indicator: Indicator,
	classing: { method: ClassMethod; classes: number } = defaultClassing(indicator.unit)
): Choropleth {
	const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
	const breaks = values.length ? classBreaks(values, { ...classing, unit: indicator.unit }) : [];
	const colors = values.length ? palette(breaks.length + 1, indicator.better) : [];
	const isBands = indicator.kind === 'composite' && breaks.length === BANDS_ASCENDING.length - 1;
	const classes: LegendClass[] = colors.map((color, i) => ({
		color,
		from: i === 0 ? null : breaks[i - 1],
		to: i === breaks.length ? null : breaks[i],
		band: isBands ? BANDS_ASCENDING[i] : null,
		count: 0
	}));
	const fills = new Map<string, string>();
	const lowConfidence = new Set<string>();
	let noDataCount = 0;
	for (const row of rows) {
		const k = classify(row.value, breaks);
		if (k === null) {
			fills.set(row.unit_code, NO_DATA_COLOR);
			noDataCount++;
			continue;
		}
		fills.set(row.unit_code, colors[k]);
		classes[k].count++;
		if (row.low_confidence) lowConfidence.add(row.unit_code);
	}
	return { breaks, classes, fills, lowConfidence, noDataCount };
}

/** A class boundary as a legend writes it: no forced decimals (`20%`, `1.500`, `0,8`). */
export function formatBreak(x: number, unit: IndicatorUnit, locale: Locale): string {
	switch (unit) {
		case '%':
			return `${formatNumber(x, locale)}%`;
		case 'count':
			return formatNumber(x, locale, 0);
		case '0–100':
		case 'ratio':
		case 'per 1,000':
			return formatNumber(x, locale);
	}
}

/**
 * Binning for the choropleth (as OWID's grapher and DHIS2 maps do it): thresholds between
 * classes, ascending; a value equal to a threshold belongs to the class above it, as with
 * d3's scaleThreshold and the bands of `scoring.ts`. See README.md for the choices.
 */
import { bisectRight, extent, nice } from 'd3-array';
import { scaleQuantile } from 'd3-scale';
import { ckmeans } from 'simple-statistics';
import type { IndicatorUnit } from './indicators.ts';
import { BAND_FLOORS } from './scoring.ts';

export { colorOf, MAX_CLASSES, NO_DATA_COLOR, palette } from './palette.ts';

export type ClassMethod = 'fixed' | 'quantile' | 'equal' | 'ckmeans';

export interface ClassOptions {
	method: ClassMethod;
	classes: number;
	unit: IndicatorUnit;
	/** Range the breaks divide for 'fixed' and 'equal'; defaults to the unit's natural range
	 * (0–100 for `%` and `0–100`), else to the data's. */
	domain?: [number, number];
}

/** Breaks of the four composite bands: weak < 50 ≤ average < 65 ≤ fair < 80 ≤ good. */
export const BAND_BREAKS: readonly number[] = BAND_FLOORS.map((b) => b.floor).reverse();

const NATURAL_DOMAIN: Partial<Record<IndicatorUnit, [number, number]>> = {
	'%': [0, 100],
	'0–100': [0, 100]
};

/**
 * The classing a map uses unless told otherwise: bounded units get fixed breaks, so a colour
 * means the same on every period and every rate (0–100 composites their four bands, rates
 * 20/40/60/80); unbounded ones (counts, per 1,000, ratios) quantiles on nice numbers.
 */
export function defaultClassing(unit: IndicatorUnit): { method: ClassMethod; classes: number } {
	switch (unit) {
		case '0–100':
			return { method: 'fixed', classes: BAND_BREAKS.length + 1 };
		case '%':
			return { method: 'fixed', classes: 5 };
		case 'count':
		case 'per 1,000':
		case 'ratio':
			return { method: 'quantile', classes: 5 };
	}
}

// Mantissas a reader takes in at a glance; 1.5 and 2.5 keep resolution where a decade is widest.
const NICE_MANTISSAS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10];

/** The nearest "round" number (1, 1.5, 2, 2.5, 3 … × 10ⁿ) to x; 0 stays 0. */
export function niceRound(x: number): number {
	if (x === 0 || !Number.isFinite(x)) return x;
	const magnitude = 10 ** Math.floor(Math.log10(Math.abs(x)));
	const m = Math.abs(x) / magnitude;
	const best = NICE_MANTISSAS.reduce((a, b) => (Math.abs(b - m) < Math.abs(a - m) ? b : a));
	// toPrecision strips the binary noise of the multiplication (0.3 not 0.30000000000000004).
	return Math.sign(x) * Number((best * magnitude).toPrecision(12));
}

/** Equal intervals over [lo, hi], each break rounded to two significant digits of the step. */
function equalBreaks(lo: number, hi: number, classes: number): number[] {
	const step = (hi - lo) / classes;
	const decimals = Math.max(0, 1 - Math.floor(Math.log10(step)));
	return Array.from({ length: classes - 1 }, (_, i) =>
		Number((lo + step * (i + 1)).toFixed(decimals))
	);
}

// Roundings tried from the roundest; the first that keeps every class is used.
const ROUNDINGS: ((x: number) => number)[] = [
	niceRound,
	(x) => Number(x.toPrecision(2)),
	(x) => Number(x.toPrecision(3)),
	(x) => Number(x.toPrecision(4)),
	(x) => x
];

/**
 * Quantile breaks on numbers as round as the data allows (1.5 × 10ⁿ for spread-out counts, more
 * digits when values are close together), whole for counts, none outside the data.
 */
function quantileBreaks(values: number[], classes: number, unit: IndicatorUnit): number[] {
	const [min, max] = extent(values) as [number, number];
	const raw = scaleQuantile<number>()
		.domain(values)
		.range(Array.from({ length: classes }, (_, i) => i))
		.quantiles();
	const rounded = (round: (x: number) => number) =>
		dedupe(
			raw
				// Counts are whole, so a break of 0.4 means "1 or more": rounding up keeps zero apart.
				.map((q) => (unit === 'count' ? Math.ceil(round(q)) : round(q)))
				// At or below the minimum the first class would be empty; above the maximum, the last.
				.filter((b) => b > min && b <= max)
		);
	const wanted = rounded((x) => x).length;
	for (const round of ROUNDINGS) {
		const breaks = rounded(round);
		if (breaks.length === wanted) return breaks;
	}
	return rounded((x) => x);
}

/**
 * The roundest number in (lo, hi]: a break between a class whose largest value is `lo` and one
 * whose smallest is `hi` that still puts every value in its own class; whole for counts.
 */
export function roundBetween(lo: number, hi: number, unit: IndicatorUnit): number {
	if (!(hi > 0)) return hi;
	const top = Math.floor(Math.log10(hi));
	for (let digits = 1; digits <= 12; digits++) {
		// hi cut down to `digits` significant digits: the roundest number of that length ≤ hi.
		const step = 10 ** (top - digits + 1);
		const cut = Number((Math.floor(hi / step + 1e-9) * step).toPrecision(12));
		const b = unit === 'count' ? Math.ceil(cut) : cut;
		if (b > lo && b <= hi) return b;
	}
	return hi;
}

/**
 * Natural breaks: Ckmeans.1d.dp (simple-statistics), the optimal grouping of the values into
 * at most `classes` clusters (fewer when there are fewer distinct values), each break a round
 * number between two clusters.
 */
function ckmeansBreaks(values: number[], classes: number, unit: IndicatorUnit): number[] {
	const distinct = new Set(values).size;
	const k = Math.min(classes, distinct);
	if (k < 2) return [];
	const clusters = ckmeans(values, k);
	return dedupe(
		clusters
			.slice(1)
			.map((cluster, i) => roundBetween(clusters[i][clusters[i].length - 1], cluster[0], unit))
	);
}

/**
 * Ascending thresholds between classes: at most `classes − 1`, fewer when the data cannot fill
 * that many distinct classes (many equal values), so colour with `breaks.length + 1` colours.
 * - 'fixed': independent of the data; the composite bands for `0–100` in four classes, else
 *   equal intervals over `domain` or the unit's natural range (or the data's, niced).
 * - 'equal': equal intervals over `domain`, the natural range or the data's niced extent.
 * - 'quantile': about as many units per class, breaks on nice numbers.
 * - 'ckmeans': natural breaks, the grouping that keeps each class's values closest together.
 */
export function classBreaks(values: number[], options: ClassOptions): number[] {
	const classes = Math.floor(options.classes);
	if (!(classes > 1)) return [];
	const finite = values.filter((v) => Number.isFinite(v));
	const { method, unit } = options;
	if (method === 'quantile') {
		return finite.length === 0 ? [] : quantileBreaks(finite, classes, unit);
	}
	if (method === 'ckmeans') return ckmeansBreaks(finite, classes, unit);
	if (
		method === 'fixed' &&
		unit === '0–100' &&
		!options.domain &&
		classes === BAND_BREAKS.length + 1
	) {
		return [...BAND_BREAKS];
	}
	let domain = options.domain ?? NATURAL_DOMAIN[unit];
	if (!domain) {
		if (finite.length === 0) return [];
		const [lo, hi] = extent(finite) as [number, number];
		domain = nice(lo, hi, classes);
	}
	const [lo, hi] = domain;
	return hi > lo ? dedupe(equalBreaks(lo, hi, classes)) : [];
}

function dedupe(breaks: number[]): number[] {
	return breaks.filter((b, i) => i === 0 || b > breaks[i - 1]);
}

/**
 * Index of the class a value falls in (0 = lowest; `breaks.length` = highest); a value equal
 * to a break goes to the class above. Null or NaN → null.
 */
export function classify(value: number | null, breaks: number[]): number | null {
	if (value === null || Number.isNaN(value)) return null;
	return bisectRight(breaks, value);
}

/** What the chart layers draw: plain numbers and flags, already decided by the page. */

/** One month of a monthly series. */
export interface MonthPoint {
	/** `YYYY-MM`. */
	month: string;
	/** Null is a month with no figure: drawn as a break in the line, never as zero. */
	value: number | null;
	/** Drawn as a hollow point (the rate rests on too small a sample). */
	lowConfidence: boolean;
	/** Drawn dashed over a shaded band (summed from the units this one replaced). */
	harmonised: boolean;
}

/** A horizontal rule from a month to the end of the chart, with its label. */
export interface TargetRule {
	value: number;
	/** First month the rule covers (`YYYY-MM`), e.g. January of the target's year. */
	from: string;
	label: string;
}

/** A vertical rule at the start of a month (`YYYY-MM`), with its label. */
export interface DateRule {
	month: string;
	label: string;
}

/** A point marker, in pixels of the plot. */
export interface Marker {
	key: string;
	x: number;
	y: number;
	hollow: boolean;
	large: boolean;
}

/** One unit's line in a chart of several (MultiLineChart). */
export interface ChartLine {
	key: string;
	color: string;
	/** SVG dash pattern ('' for solid), so lines differ by more than colour. */
	dash: string;
	/** One value per period of the chart (null: no figure). */
	values: (number | null)[];
	/** Per period: summed from the units this one replaced. */
	harmonised: boolean[];
}

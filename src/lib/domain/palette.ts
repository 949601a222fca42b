/**
 * Map colours: ColorBrewer's YlGnBu (Cynthia Brewer, Apache-2.0), a sequential scheme rated
 * colour-blind safe and print friendly, pale yellow → dark blue. Darker means better: for an
 * indicator where lower is better the order is reversed.
 */
import { scaleThreshold } from 'd3-scale';
import type { Better } from './indicators.ts';

// ColorBrewer's own selections per class count (3–9); 1 and 2 are taken from the middle.
const YL_GN_BU: Record<number, readonly string[]> = {
	1: ['#41b6c4'],
	2: ['#a1dab4', '#225ea8'],
	3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
	4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
	5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
	6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
	7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
	8: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
	9: [
		'#ffffd9',
		'#edf8b1',
		'#c7e9b4',
		'#7fcdbb',
		'#41b6c4',
		'#1d91c0',
		'#225ea8',
		'#253494',
		'#081d58'
	]
};

/** The most classes {@link palette} offers; more cannot be told apart on a map. */
export const MAX_CLASSES = 9;

/**
 * A neutral grey with no hue, unlike every palette step. Some step always has a similar
 * lightness, so draw no-data areas with a hatch in this colour, not a flat fill alone.
 */
export const NO_DATA_COLOR = '#bdbdbd';

/**
 * Fill colours for `classes` classes, worst first.
 * @param better 'lower' reverses the scheme so the darkest class is always the best;
 *   null (no direction) keeps darker = more.
 * @throws RangeError unless 1 ≤ classes ≤ {@link MAX_CLASSES}.
 */
export function palette(classes: number, better: Better): string[] {
	const colors = YL_GN_BU[classes];
	if (!Number.isInteger(classes) || !colors) {
		throw new RangeError(`palette: classes must be an integer from 1 to ${MAX_CLASSES}`);
	}
	return better === 'lower' ? [...colors].reverse() : [...colors];
}

/**
 * The colour of a value: a threshold scale over `breaks` into `colors`
 * (`colors.length` = `breaks.length + 1`); {@link NO_DATA_COLOR} for null or NaN.
 */
export function colorOf(value: number | null, breaks: number[], colors: string[]): string {
	if (value === null || Number.isNaN(value)) return NO_DATA_COLOR;
	return scaleThreshold<number, string>().domain(breaks).range(colors)(value);
}

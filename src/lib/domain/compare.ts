/**
 * Pure rules of the compare page (routes/compare): how a list of units is read from the URL or
 * the form, and how the change between two periods is classed and coloured on a diverging scale
 * whose "better" side follows the indicator's direction.
 */
import { quantile } from 'd3-array';
import { niceRound } from './classify.ts';
import type { Better, IndicatorUnit } from './indicators.ts';
import { formatNumber, type Locale } from './format.ts';

/** Units a comparison holds: fewer say nothing, more cannot be told apart on one chart. */
export const MIN_UNITS = 2;
export const MAX_UNITS = 6;

/** What a `units` list holds, or why it cannot be compared. */
export type UnitList =
	{ kind: 'ok'; entries: string[] } | { kind: 'count'; count: number } | { kind: 'empty' };

/**
 * The entries of `units=A,B,…` (codes, or names typed in the form), trimmed, blanks and
 * repeats dropped, in order; 2 to 6 of them, else `count`.
 */
export function parseUnitList(raw: string | null | undefined): UnitList {
	const entries: string[] = [];
	for (const part of (raw ?? '').split(/[,;\n]/)) {
		const entry = part.trim().replace(/\s+/g, ' ');
		if (entry && !entries.includes(entry)) entries.push(entry);
	}
	if (entries.length === 0) return { kind: 'empty' };
	if (entries.length < MIN_UNITS || entries.length > MAX_UNITS)
		return { kind: 'count', count: entries.length };
	return { kind: 'ok', entries };
}

/** A unit code as the URL carries it (2 to 5 digits). */
export const isUnitCode = (entry: string): boolean => /^\d{2,5}$/.test(entry);

/** `later − earlier`, or null when either is missing. */
export function changeOf(earlier: number | null, later: number | null): number | null {
	return earlier === null || later === null ? null : later - earlier;
}

/**
 * Breaks of a change map: five classes symmetric about zero, the middle one "about unchanged"
 * (|change| < h), so the classes read −3h, −h, h, 3h (e.g. −6 / −2 / 2 / 6). h is a round
 * number near a third of the 90th percentile of the changes' sizes: one commune's jump does not
 * push every other into the middle class.
 */
export function changeBreaks(changes: readonly (number | null)[]): number[] {
	const sizes = changes.flatMap((c) => (c === null ? [] : [Math.abs(c)]));
	const typical = quantile(sizes, 0.9) ?? 0;
	const h = typical > 0 ? niceRound(typical / 3) : 1;
	return [-3 * h, -h, h, 3 * h];
}

// ColorBrewer RdBu and PRGn, five classes (Cynthia Brewer, Apache-2.0; colour-blind safe).
const RED_BLUE = ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'] as const;
const PURPLE_GREEN = ['#7b3294', '#c2a5cf', '#f7f7f7', '#a6dba0', '#008837'] as const;

/**
 * Colours of the five change classes, largest fall first: red is worse and blue better (a fall
 * is blue where lower is better); an indicator with no better direction gets purple–green,
 * which says more or less without judging.
 */
export function changeColors(better: Better): string[] {
	if (better === null) return [...PURPLE_GREEN];
	return better === 'lower' ? [...RED_BLUE].reverse() : [...RED_BLUE];
}

/**
 * A change as the table writes it: signed, in the indicator's decimals (`+12,5`, `−3`, `0,0`);
 * a rate's change is in percentage points, so it carries no `%`.
 */
export function formatChange(change: number | null, unit: IndicatorUnit, locale: Locale): string {
	if (change === null || !Number.isFinite(change)) return formatNumber(null, locale);
	const digits = unit === 'count' ? 0 : unit === 'ratio' ? 2 : 1;
	const text = formatNumber(Math.abs(change), locale, digits);
	if (Number(Math.abs(change).toFixed(digits)) === 0) return text;
	return `${change > 0 ? '+' : '−'}${text}`;
}

/**
 * The saved state of the public map: everything a view needs lives in the URL
 * (`?indicator=…&period=…&level=…[&as_of=…][&classes=…][&parent=…][&sort=…][&lang=…]`), so
 * every view is a link and a
 * reload shows the same thing. Pure: parsing and writing URLs, used by the server load, the
 * page and the no-JavaScript forms alike.
 */
import { findIndicator, type IndicatorCode } from '$lib/domain/indicators';
import { isIsoDate, parsePeriod } from '$lib/domain/periods';

export type Level = 'province' | 'district' | 'commune';
export const LEVELS: readonly Level[] = ['commune', 'district', 'province'];

export const DEFAULT_INDICATOR: IndicatorCode = 'online_uptake';
export const DEFAULT_LEVEL: Level = 'commune';

/**
 * How the map's colours are classed (`classes=`): `bands`, the default, is the indicator's own
 * fixed classing (composite bands, 20-point steps for rates, quantiles for counts); the others
 * follow the data: quantiles, equal intervals over its range, natural breaks (ckmeans).
 */
export const CLASS_CHOICES = ['bands', 'quantile', 'equal', 'ckmeans'] as const;
export type ClassChoice = (typeof CLASS_CHOICES)[number];
export const DEFAULT_CLASSES: ClassChoice = 'bands';

export const isClassChoice = (v: string): v is ClassChoice =>
	(CLASS_CHOICES as readonly string[]).includes(v);

/** A province (2 digits) or district (3 digits) whose units are listed beside the map. */
export const isAreaCode = (v: string): boolean => /^\d{2,3}$/.test(v);

/** Districts were abolished on 2025-07-01: a district view needs a period that ends before. */
export const LAST_DISTRICT_MONTH = '2025-06';

export interface MapView {
	indicator: IndicatorCode;
	period: string;
	level: Level;
	/** Report on the units in force on this date (YYYY-MM-DD), re-aggregating older ones. */
	asOf: string | null;
	/** Classing of the colours (see {@link CLASS_CHOICES}); absent means the default. */
	classes?: ClassChoice;
	/** The area whose units are listed beside the map. */
	parent?: string | null;
}

export interface ParsedView {
	view: MapView;
	/** Parameters that were present but not valid (the default was used instead). */
	invalid: string[];
}

/** Reads the view from search parameters; anything missing or invalid falls back to a default. */
export function readView(params: URLSearchParams, defaultPeriod: string): ParsedView {
	const invalid: string[] = [];
	const pick = <T>(name: string, ok: (v: string) => boolean, fallback: T): T | string => {
		const raw = params.get(name);
		if (raw === null || raw === '') return fallback;
		if (ok(raw)) return raw;
		invalid.push(name);
		return fallback;
	};
	const indicator = pick('indicator', (v) => !!findIndicator(v), DEFAULT_INDICATOR);
	const period = pick('period', (v) => !!parsePeriod(v), defaultPeriod);
	const level = pick('level', (v) => (LEVELS as string[]).includes(v), DEFAULT_LEVEL);
	const asOf = pick('as_of', isIsoDate, null);
	const classes = pick('classes', isClassChoice, DEFAULT_CLASSES) as ClassChoice;
	const parent = pick('parent', isAreaCode, null);
	return {
		view: {
			indicator: indicator as IndicatorCode,
			period,
			level: level as Level,
			asOf,
			classes,
			parent
		},
		invalid
	};
}

/** True when districts existed for the whole of a period (see {@link LAST_DISTRICT_MONTH}). */
export function districtsExistIn(period: string): boolean {
	const p = parsePeriod(period);
	return !!p && p.end <= LAST_DISTRICT_MONTH;
}

/**
 * The query string of a view (always explicit, so a shared link does not drift when new data
 * arrive), keeping `lang` and `sort` when given.
 */
export function viewSearch(
	view: MapView,
	extra: { lang?: string | null; sort?: string | null } = {}
): string {
	const q = new URLSearchParams({
		indicator: view.indicator,
		period: view.period,
		level: view.level
	});
	if (view.asOf) q.set('as_of', view.asOf);
	if (view.classes && view.classes !== DEFAULT_CLASSES) q.set('classes', view.classes);
	if (view.parent) q.set('parent', view.parent);
	if (extra.sort) q.set('sort', extra.sort);
	if (extra.lang && extra.lang !== 'vi') q.set('lang', extra.lang);
	return `?${q}`;
}

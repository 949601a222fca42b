/**
 * Links between the public pages, through SvelteKit's `resolve()` so they keep working under a
 * base path: the map for a view, a unit's page for a period, and the current page with some
 * query parameters changed (sorting, language).
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { viewSearch, type MapView } from './map-view';

/** The map showing `view` (`/?indicator=…&period=…&level=…`). */
export function mapLink(
	view: MapView,
	extra: { lang?: string | null; sort?: string | null } = {}
): ResolvedPathname {
	return resolve(`/${viewSearch(view, extra)}` as `/?${string}`);
}

/**
 * The map with the query string of a submitted form (as the no-JavaScript GET would, less the
 * default colour classes).
 */
export function mapQueryLink(form: HTMLFormElement): ResolvedPathname {
	const q = new URLSearchParams();
	for (const [name, value] of new FormData(form))
		if (value !== '' && !(name === 'classes' && value === 'bands')) q.set(name, String(value));
	return resolve(`/?${q}`);
}

/**
 * A unit's page for a period (`/units/03618?period=2024-Q3[&at=2025-07-01][&lang=en]`). `at`
 * names the version of a reused code: a map drawn on the units of an `as_of` links to those.
 */
export function unitLink(
	code: string,
	period: string,
	lang: string | null,
	at: string | null = null
): ResolvedPathname {
	const q = new URLSearchParams({ period });
	if (at) q.set('at', at);
	if (lang) q.set('lang', lang);
	return resolve(`/units/${code}?${q}`);
}

/** A unit's page with the query string of a submitted form. */
export function unitQueryLink(code: string, form: HTMLFormElement): ResolvedPathname {
	const q = new URLSearchParams();
	for (const [name, value] of new FormData(form)) if (value !== '') q.set(name, String(value));
	return resolve(`/units/${code}?${q}`);
}

/** The current page with some query parameters set (or removed when null). */
export function currentWith(url: URL, changes: Record<string, string | null>): ResolvedPathname {
	const q = new URLSearchParams(url.searchParams);
	for (const [name, value] of Object.entries(changes)) {
		if (value === null) q.delete(name);
		else q.set(name, value);
	}
	const search = q.toString();
	// page.url.pathname is already resolved (it carries any base path).
	return `${url.pathname}${search ? `?${search}` : ''}` as ResolvedPathname;
}

/**
 * The API URL for the figures of a view in a download format: CSV, ZIP (the CSV with a
 * README.txt saying what it is), XLSX or GeoJSON.
 */
export function downloadLink(
	view: MapView,
	format: 'csv' | 'zip' | 'xlsx' | 'geojson'
): ResolvedPathname {
	const q = new URLSearchParams({
		indicator: view.indicator,
		period: view.period,
		level: view.level,
		format
	});
	if (view.asOf) q.set('as_of', view.asOf);
	return resolve(`/api/v1/values?${q}`);
}

/**
 * The methodology page (`/methodology[?lang=en][#code]`), at an indicator's entry when given.
 * Its language follows the page that links to it.
 */
export function methodologyLink(indicator: string | null, lang: string | null): ResolvedPathname {
	const q = lang && lang !== 'vi' ? `?lang=${encodeURIComponent(lang)}` : '';
	return resolve(`/methodology${q}${indicator ? `#${indicator}` : ''}` as '/methodology');
}

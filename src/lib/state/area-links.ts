/** Links of the area overview: an area for a period and indicator, and its figures' downloads. */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { AREA_TABLE_INDICATORS } from '$lib/domain/kpis';

export interface AreaView {
	code: string;
	period: string;
	indicator: string;
}

/** An area's overview (`/areas/12?period=2025-Q3&indicator=on_time_rate[&lang=en]`). */
export function areaLink(view: AreaView, lang: string | null): ResolvedPathname {
	const q = new URLSearchParams({ period: view.period, indicator: view.indicator });
	if (lang) q.set('lang', lang);
	return resolve(`/areas/${view.code}?${q}`);
}

/** The communes of an area as the values API gives them (`format` csv, xlsx, geojson). */
export function areaValuesLink(view: AreaView, format: string): ResolvedPathname {
	const q = new URLSearchParams({
		indicator: view.indicator,
		period: view.period,
		level: 'commune',
		parent: view.code,
		format
	});
	return resolve(`/api/v1/values?${q}`);
}

/** The public map of the area's communes. */
export function areaMapLink(view: AreaView, lang: string | null): ResolvedPathname {
	const q = new URLSearchParams({
		indicator: view.indicator,
		period: view.period,
		level: 'commune',
		parent: view.code
	});
	if (lang) q.set('lang', lang);
	return resolve(`/?${q}`);
}

/** An area's overview on its default period (`/areas/12[?lang=en]`), for the site's header. */
export function areaHomeLink(code: string, lang: string | null): ResolvedPathname {
	return resolve(lang ? `/areas/${code}?lang=${lang}` : `/areas/${code}`);
}

/** An area's one-page brief (`/areas/12/brief?period=2025-Q3&indicator=on_time_rate[&lang=en]`). */
export function areaBriefLink(view: AreaView, lang: string | null): ResolvedPathname {
	const q = new URLSearchParams({ period: view.period, indicator: view.indicator });
	if (lang) q.set('lang', lang);
	return resolve(`/areas/${view.code}/brief?${q}`);
}

/**
 * An area's overview for a view of another page (the map's), on its indicator where the
 * overview offers it, else on the service index.
 */
export function areaLinkFor(
	code: string,
	period: string,
	indicator: string,
	lang: string | null
): ResolvedPathname {
	const offered = (AREA_TABLE_INDICATORS as readonly string[]).includes(indicator);
	return areaLink({ code, period, indicator: offered ? indicator : 'service_index' }, lang);
}

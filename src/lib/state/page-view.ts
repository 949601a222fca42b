/**
 * What a public page with a map of figures works out from its data: the indicator, the period in
 * words, the map's classes and each unit's title. Pure. (pageLocale, re-exported here, lives in
 * page-locale.ts: `const { locale, m, lang } = $derived(pageLocale(page.url))`.)
 */
import { findIndicator } from '$lib/domain/indicators';
import { formatPeriod } from '$lib/domain/format';
import type { Locale } from '$lib/i18n';
export { pageLocale } from './page-locale';
import { choroplethOf, type FigureLike } from './choropleth';
import type { ClassChoice } from './map-view';
import { figureTitles } from './figure-titles';

/** A view of figures drawn as a map: its indicator, period in words, classes and unit titles. */
export function mapView(
	rows: Parameters<typeof figureTitles>[0] & readonly FigureLike[],
	view: { indicator: string; period: string },
	locale: Locale,
	classing?: ClassChoice
) {
	const indicator = findIndicator(view.indicator)!;
	return {
		indicator,
		periodText: formatPeriod(view.period, locale),
		choropleth: choroplethOf(rows, indicator, classing),
		titles: figureTitles(rows, indicator, locale)
	};
}

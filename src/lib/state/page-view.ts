/**
 * What every public page works out first from its URL and its data: the locale (and its
 * translator, and the `lang` its links keep), and for a page with a map of figures, the
 * indicator, the period in words, the map's classes and each unit's title. Pure; a page takes
 * it as `const { locale, m, lang } = $derived(pageLocale(page.url))`.
 */
import { findIndicator } from '$lib/domain/indicators';
import { formatPeriod } from '$lib/domain/format';
import { localeOf, translator, type Locale } from '$lib/i18n';
import { choroplethOf, type FigureLike } from './choropleth';
import type { ClassChoice } from './map-view';
import { figureTitles } from './figure-titles';

export function pageLocale(url: URL) {
	const locale = localeOf(url);
	return { locale, m: translator(locale), lang: locale === 'en' ? ('en' as const) : null };
}

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

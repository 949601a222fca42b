/**
 * A page's language from its URL: the locale, its translator, and the `lang` its links keep.
 * Kept apart from page-view.ts (the map views) so that a page or the root layout taking its
 * language does not load the map's modules.
 */
import { localeOf, translator, type Locale } from '$lib/i18n';

/** A locale with its translator and the `lang` its links keep (null for Vietnamese, the default). */
function textOf(locale: Locale) {
	return { locale, m: translator(locale), lang: locale === 'en' ? ('en' as const) : null };
}

/** One per language, so a component's `$derived(pageLocale(page.url))` is unchanged by a
 * navigation that keeps the language (no text redrawn when only the view's query changes). */
const TEXTS = { vi: textOf('vi'), en: textOf('en') } as const;

/** The locale of `url` (`?lang=en`), its translator and the `lang` its links keep. */
export function pageLocale(url: URL) {
	return TEXTS[localeOf(url)];
}

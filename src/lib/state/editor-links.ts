/**
 * Links and form actions of the editors' pages that keep the language: `?lang=en` travels with
 * every link, form action and redirect, so an English session stays English across navigation
 * and form posts (as the public pages do through links.ts). Vietnamese, the default, adds nothing.
 */
import type { ResolvedPathname } from '$app/types';
import type { Locale } from '$lib/i18n';

/** `path` (already resolved) with `lang=en` added for English. */
export function withLang(path: string, locale: Locale): ResolvedPathname {
	if (locale !== 'en') return path as ResolvedPathname;
	return `${path}${path.includes('?') ? '&' : '?'}lang=en` as ResolvedPathname;
}

/** A named form action of the current page (`?/save`, `?/save&lang=en`). */
export function actionOf(name: string, locale: Locale): string {
	return locale === 'en' ? `?/${name}&lang=en` : `?/${name}`;
}

/**
 * The UI language: Vietnamese unless the URL says `?lang=en`, so a shared link shows the same
 * language. `t()` looks a key up and fills `{name}` placeholders; values are plain text, never
 * HTML, and are rendered as text nodes. The strings are Paraglide's compiled messages
 * (messages/{vi,en}.json → src/lib/paraglide, see keys.ts); the locale is always passed, never
 * read from Paraglide's runtime.
 */
import type { Locale } from '$lib/domain/format';
import { eager } from './dictionaries';
import type { Dictionary, MessageKey } from './keys';

export type { Locale } from '$lib/domain/format';
export type { MessageKey } from './keys';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

const dictionaries: Partial<Record<Locale, Dictionary>> = { ...eager };

/**
 * Makes `locale`'s messages available to `t()`. On the server both always are; the browser
 * downloads only the reader's language (Paraglide's per-locale module, vite/messages-split.ts),
 * before the page renders (routes/+layout.ts).
 */
export async function loadLocale(locale: Locale): Promise<void> {
	if (dictionaries[locale]) return;
	const module =
		locale === 'en'
			? await import('virtual:xaso-messages/en')
			: await import('virtual:xaso-messages/vi');
	dictionaries[locale] = module.default;
}

/** The locale a URL asks for: `?lang=en` → English, anything else Vietnamese. */
export function localeOf(url: URL): Locale {
	return url.searchParams.get('lang') === 'en' ? 'en' : 'vi';
}

/** `text` with its `{name}` placeholders filled from `params` (unknown names left as they are). */
export function fill(text: string, params: Record<string, string | number> = {}): string {
	return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** A UI string in `locale` with `{name}` placeholders filled from `params`. */
export function t(
	locale: Locale,
	key: MessageKey,
	params: Record<string, string | number> = {}
): string {
	const dictionary = dictionaries[locale];
	if (!dictionary) throw new Error(`i18n: the "${locale}" dictionary is not loaded (loadLocale)`);
	const message = Object.hasOwn(dictionary, key) ? dictionary[key] : undefined;
	if (!message) throw new Error(`i18n: no message "${key}" in ${locale}`);
	return typeof message === 'string' ? message : message(inputs(params));
}

/** `params` as a message's inputs: a placeholder without a value stays `{name}`, as in fill(). */
function inputs(params: Record<string, string | number>): Record<string, unknown> {
	return new Proxy(params, {
		get: (target, name) =>
			typeof name === 'string' && !Object.hasOwn(target, name)
				? `{${name}}`
				: target[name as string]
	});
}

/** Whether `key` names a message (for keys built from data: a status, an audit action). */
export function isMessageKey(key: string): key is MessageKey {
	return Object.values(dictionaries).some((dictionary) => Object.hasOwn(dictionary, key));
}

/** A translator bound to one locale, for templates: `const m = translator(locale)`. */
export function translator(locale: Locale) {
	return (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
}

/** A date `YYYY-MM-DD` as people write it: `01/07/2025` (vi) or `1 Jul 2025` (en). */
export function formatDate(date: string, locale: Locale): string {
	const [y, m, d] = date.split('-').map(Number);
	if (locale === 'vi') return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
	const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
	return `${d} ${months[m - 1]} ${y}`;
}

/**
 * The attribution line of a geometry source ('gadm', 'gisvn', 'schematic', 'import:<file>'), as
 * its licence asks, for the map and for downloads that carry the shapes.
 */
export function attributionLine(source: string, locale: Locale): string {
	if (source === 'gadm') return t(locale, 'attr.gadm');
	if (source === 'gisvn') return t(locale, 'attr.gisvn');
	if (source === 'schematic') return t(locale, 'attr.schematic');
	if (source.startsWith('import:')) return t(locale, 'attr.import', { file: source.slice(7) });
	return source;
}

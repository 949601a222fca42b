/**
 * The UI language: Vietnamese unless the URL says `?lang=en`, so a shared link shows the same
 * language. `t()` looks a key up and fills `{name}` placeholders; values are plain text, never
 * HTML, and are rendered as text nodes. The strings are Paraglide's compiled messages
 * (messages/{vi,en}.json → src/lib/paraglide, see keys.ts); the locale is always passed, never
 * read from Paraglide's runtime.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { Locale } from '$lib/domain/format';
import { eager } from './dictionaries';
import type { Dictionary, Message, MessageKey } from './keys';

export type { Locale } from '$lib/domain/format';
export type { MessageKey } from './keys';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

/**
 * The pages whose first visit needs only the first part of the messages: those the map page's
 * modules name (vite/message-keys.ts `FIRST_VISIT_ROOTS`). Every other page loads the rest too.
 */
const FIRST_VISIT_PATHS = ['/'];

/** Which part of the messages a page needs before it renders: see {@link loadLocale}. */
export function messagesFor(url: URL): 'first' | 'whole' {
	return FIRST_VISIT_PATHS.includes(url.pathname) ? 'first' : 'whole';
}

type Part = 'first' | 'rest';
const PARTS: Record<`${Locale}/${Part}`, () => Promise<{ default: Dictionary }>> = {
	'vi/first': () => import('virtual:xaso-messages/vi/first'),
	'vi/rest': () => import('virtual:xaso-messages/vi/rest'),
	'en/first': () => import('virtual:xaso-messages/en/first'),
	'en/rest': () => import('virtual:xaso-messages/en/rest')
};

const dictionaries: Partial<Record<Locale, Record<string, Message>>> = { ...eager };
/** The parts asked for, by `locale/part`; the languages whole (on the server both: dictionaries.ts). */
const loaded = new Map<string, Promise<void>>();
const whole = new Set<Locale>(Object.keys(eager) as Locale[]);

/** Renders again whatever showed a message that was missing, once the rest has come. */
let messagesCame = () => {};
const subscribe = createSubscriber((update) => {
	messagesCame = update;
	return () => (messagesCame = () => {});
});

function loadPart(locale: Locale, part: Part): Promise<void> {
	const id = `${locale}/${part}` as const;
	let done = loaded.get(id);
	if (!done) {
		done = PARTS[id]().then(
			({ default: messages }) => {
				dictionaries[locale] = { ...dictionaries[locale], ...messages };
			},
			(error) => {
				loaded.delete(id);
				throw error;
			}
		);
		loaded.set(id, done);
	}
	return done;
}

/**
 * Makes `locale`'s messages available to `t()`: the `first` part (what the map page names, see
 * {@link messagesFor}) or the `whole` language, before the page renders (routes/+layout.ts,
 * hooks.client.ts). On the server both languages are always whole; the browser downloads only the
 * reader's language (vite/messages-split.ts), the rest of it when it goes to a page needing more.
 */
export async function loadLocale(
	locale: Locale,
	needs: 'first' | 'whole' = 'whole'
): Promise<void> {
	if (whole.has(locale)) return;
	const parts: Part[] = needs === 'first' ? ['first'] : ['first', 'rest'];
	await Promise.all(parts.map((part) => loadPart(locale, part)));
	if (needs === 'whole') whole.add(locale);
}

/**
 * A message the part at hand lacks (a key the first part's scan missed): said on the console
 * (tests/e2e/message-parts.test.ts fails on it), shown as nothing rather than its key, and shown
 * for real once the rest of the language has come, which renders again what asked for it.
 */
function notYetLoaded(locale: Locale, key: string): string {
	console.warn(`i18n: message "${key}" is not in the part of "${locale}" loaded; loading the rest`);
	subscribe();
	loadLocale(locale).then(
		() => messagesCame(),
		() => {}
	);
	return '';
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
	if (!message && !whole.has(locale)) return notYetLoaded(locale, key);
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

/**
 * Whether `key` names a message (for keys built from data: a status, an audit action), among the
 * messages loaded: exact on the pages that load the whole language (all but the map page).
 */
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

/**
 * Ships the browser only the reader's language (issue 15, item 6): src/lib/i18n/messages.ts stays
 * the one source of both dictionaries (everyone appends keys there), and this plugin derives from
 * it one module per locale, `virtual:xaso-messages/vi` and `…/en`, each holding only its
 * dictionary, which the browser imports by locale (i18n/index.ts `loadLocale`). On the server,
 * in tests and in scripts, `i18n/dictionaries.ts` holds both dictionaries eagerly; in the
 * browser's build it is replaced by an empty set, so no chunk carries both.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformWithOxc, type Plugin } from 'vite';

const PREFIX = 'virtual:xaso-messages/';
const RESOLVED = '\0xaso-messages:';
const SOURCE = fileURLToPath(new URL('../src/lib/i18n/messages.ts', import.meta.url));
const EAGER = fileURLToPath(new URL('../src/lib/i18n/dictionaries.ts', import.meta.url));
const LOCALES = ['vi', 'en'];

/** The dictionaries of messages.ts, evaluated (it imports nothing). */
async function dictionaries(): Promise<Record<string, Record<string, string>>> {
	const source = await readFile(SOURCE, 'utf8');
	const { code } = await transformWithOxc(source, SOURCE, { lang: 'ts' });
	return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

export function messagesSplit(): Plugin {
	return {
		name: 'xaso-messages-split',
		enforce: 'pre',
		resolveId(id) {
			if (!id.startsWith(PREFIX)) return null;
			const locale = id.slice(PREFIX.length);
			if (!LOCALES.includes(locale)) throw new Error(`no dictionary for locale "${locale}"`);
			return RESOLVED + locale;
		},
		async load(id, options) {
			if (id === EAGER && !options?.ssr) {
				return 'export const eager = {};';
			}
			if (!id.startsWith(RESOLVED)) return null;
			this.addWatchFile(SOURCE);
			const locale = id.slice(RESOLVED.length);
			const dictionary = (await dictionaries())[locale];
			return `export default ${JSON.stringify(dictionary)};`;
		}
	};
}

/**
 * Both languages' compiled messages by key, at hand without waiting: on the server, in tests and
 * in scripts. The browser's build replaces this module by an empty set (vite/messages-split.ts)
 * and loads the reader's language alone (index.ts `loadLocale`).
 */
import type { Locale } from '$lib/domain/format';
import * as en from '$lib/paraglide/messages/en.js';
import * as vi from '$lib/paraglide/messages/vi.js';
import source from '../../../messages/vi.json';
import type { Dictionary, Message } from './keys';
import { moduleExportName } from './module-id';

const keys = Object.keys(source).filter((key) => key !== '$schema');

/** Paraglide's module of one language, its messages under their keys rather than export names. */
function byKey(module: object): Dictionary {
	const messages = module as Record<string, Message>;
	return Object.fromEntries(keys.map((key) => [key, messages[moduleExportName(key)]]));
}

export const eager: Partial<Record<Locale, Dictionary>> = { vi: byKey(vi), en: byKey(en) };

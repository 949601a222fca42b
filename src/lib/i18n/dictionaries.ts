/**
 * Both dictionaries, at hand without waiting: on the server, in tests and in scripts. The
 * browser's build replaces this module by an empty set (vite/messages-split.ts) and loads the
 * reader's language alone (index.ts `loadLocale`).
 */
import type { Locale } from '$lib/domain/format';
import { en, vi, type MessageKey } from './messages';

export const eager: Partial<Record<Locale, Record<MessageKey, string>>> = { vi, en };

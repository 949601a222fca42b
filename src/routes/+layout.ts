import type { LayoutLoad } from './$types';
import { loadLocale, localeOf, messagesFor } from '$lib/i18n';

/**
 * The reader's dictionary before anything renders: the browser downloads only that language, and
 * of it only what the page needs (the map page: the first part; the others: the whole language;
 * i18n `messagesFor`). Reading the path makes this run again on each client navigation. On the
 * server both languages are already there.
 */
export const load: LayoutLoad = async ({ url, data }) => {
	await loadLocale(localeOf(url), messagesFor(url));
	return data;
};

import type { LayoutLoad } from './$types';
import { loadLocale, localeOf } from '$lib/i18n';

/**
 * The reader's dictionary before anything renders: the browser downloads only that language
 * (i18n `loadLocale`); on the server both are already there.
 */
export const load: LayoutLoad = async ({ url, data }) => {
	await loadLocale(localeOf(url));
	return data;
};

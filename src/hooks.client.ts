/**
 * Client hooks: SvelteKit awaits `init` before it hydrates the page. The map's first paint
 * (components/map/first-paint.script.ts) draws the choropleth from the server's plan as soon as
 * the shapes arrive; hydrating first would keep it waiting behind the whole app.
 */
import type { ClientInit } from '@sveltejs/kit';
import { firstPaintSettled } from '$lib/components/map/shapes';
import { loadLocale, localeOf, messagesFor } from '$lib/i18n';

/** The longest the page's scripts wait for the first paint before they hydrate anyway. */
const FIRST_PAINT_WAIT_MS = 1000;

// The reader's dictionary (the only one the browser downloads, as much of it as the page needs:
// i18n `messagesFor`) comes while the first paint draws.
export const init: ClientInit = async () => {
	const url = new URL(location.href);
	await Promise.all([
		firstPaintSettled(FIRST_PAINT_WAIT_MS),
		loadLocale(localeOf(url), messagesFor(url)).catch(() => {})
	]);
};

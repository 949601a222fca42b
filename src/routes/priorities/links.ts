/**
 * Links of the planners' page, through `resolve()` so they work under a base path: the page for
 * a view (what the GET form submits), and its downloads for the same view.
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { districtsExistIn } from '$lib/state/map-view';

export interface PrioritiesQuery {
	area: string;
	period: string;
	focus: string | null;
	lang: string | null;
}

function search(view: PrioritiesQuery, extra: Record<string, string> = {}): string {
	const q = new URLSearchParams({ area: view.area, period: view.period });
	if (view.focus) q.set('focus', view.focus);
	for (const [name, value] of Object.entries(extra)) q.set(name, value);
	if (view.lang) q.set('lang', view.lang);
	return q.toString();
}

/** `/priorities?area=…&period=…[&focus=…][&lang=…]`. */
export function prioritiesLink(view: PrioritiesQuery): ResolvedPathname {
	return resolve(`/priorities?${search(view)}`);
}

/** The list of a view as a file (`/priorities/download?…&format=csv|xlsx`). */
export function prioritiesDownloadLink(
	view: PrioritiesQuery,
	format: 'csv' | 'xlsx'
): ResolvedPathname {
	return resolve(`/priorities/download?${search(view, { format })}`);
}

/**
 * The page for a submitted form. A district chosen with a period after June 2025 (when districts
 * no longer existed) falls back to the province, which the form lists first.
 */
export function prioritiesQueryLink(form: HTMLFormElement, province: string): ResolvedPathname {
	const data = new FormData(form);
	const get = (name: string) => String(data.get(name) ?? '') || null;
	const period = get('period') ?? '';
	const area = get('area') ?? province;
	return prioritiesLink({
		area: districtsExistIn(period) ? area : province,
		period,
		focus: get('focus'),
		lang: get('lang')
	});
}

/**
 * What an area's overview and its brief both work out first from the overview and the URL: the
 * locale (translator and the `lang` links keep), the indicator's map view (period in words,
 * classes, unit titles) and the link to a commune's page in the period. One place, so the two
 * pages cannot drift apart. Pure.
 */
import type { AreaOverview } from '$lib/server/queries/area';
import { mapView, pageLocale } from '$lib/state/page-view';
import { unitLink } from '$lib/state/links';

export function areaView(o: AreaOverview, url: URL) {
	const { locale, m, lang } = pageLocale(url);
	const unitHref = (code: string) => unitLink(code, o.period, lang);
	return { locale, m, lang, o, unitHref, ...mapView(o.communes, o, locale) };
}

export type AreaView = ReturnType<typeof areaView>;

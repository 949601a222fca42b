/**
 * Links to the pictures, embeds and share targets of a map view: `/api/v1/map.svg|png` (the
 * map drawn on the server), `/embed/map` and `/embed/chart` (framable pages), and the Zalo and
 * Facebook share addresses. Pure; the `classes` value is passed through as the URL holds it
 * (see {@link parseClassing} for what the server accepts).
 */
import {
	CLASS_CHOICES,
	isClassChoice,
	type ClassChoice,
	type Level,
	type MapView
} from './map-view.ts';

/** What a picture or embed shows: a map view, optionally under a parent, with its classing. */
export interface PictureView {
	indicator: string;
	period: string;
	level: Level;
	asOf?: string | null;
	parent?: string | null;
	classes?: string | null;
	lang?: string | null;
}

/**
 * `classes=` of a picture or embed: the same choices as the map page (state/map-view.ts
 * CLASS_CHOICES: the indicator's bands, quantiles, equal intervals, natural breaks); null when
 * absent. Throws a message naming what is wrong otherwise.
 */
export function parseClassing(raw: string | null): ClassChoice | null {
	if (!raw) return null;
	if (isClassChoice(raw)) return raw;
	throw new RangeError(`classes must be one of ${CLASS_CHOICES.join(', ')} (got "${raw}")`);
}

/** The query string of a picture or embed of `view` (only what is set, `lang` only if not vi). */
export function pictureQuery(view: PictureView, extra: Record<string, string> = {}): string {
	const q = new URLSearchParams({
		indicator: view.indicator,
		period: view.period,
		level: view.level
	});
	if (view.parent) q.set('parent', view.parent);
	if (view.asOf) q.set('as_of', view.asOf);
	if (view.classes) q.set('classes', view.classes);
	if (view.lang && view.lang !== 'vi') q.set('lang', view.lang);
	for (const [name, value] of Object.entries(extra)) q.set(name, value);
	return q.toString();
}

/** The map of a view as a picture: `/api/v1/map.svg?…` or `.png` (`size=og`: 1200 × 630). */
export function pictureLink(view: PictureView, format: 'svg' | 'png', size?: 'og'): string {
	return `/api/v1/map.${format}?${pictureQuery(view, size ? { size } : {})}`;
}

/** The map page's view as a picture view. */
export function pictureViewOf(
	view: MapView,
	extra: { classes?: string | null; lang?: string | null; parent?: string | null } = {}
): PictureView {
	return { ...view, ...extra };
}

/** Share addresses of a link: Zalo's and Facebook's share pages. */
export function shareTargets(url: string): { zalo: string; facebook: string } {
	const u = encodeURIComponent(url);
	return {
		zalo: `https://zalo.me/share?url=${u}`,
		facebook: `https://www.facebook.com/sharer/sharer.php?u=${u}`
	};
}

/** The HTML to paste to embed a page (an iframe, escaped for an attribute). */
export function embedCode(src: string, title: string, height = 560): string {
	const attr = (s: string) =>
		s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
	return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
}

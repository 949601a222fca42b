/**
 * The part of a map view that lives in the URL's fragment, not its query: where the map is
 * (`map=ZOOM/LAT/LNG`) and the unit selected on it (`sel=CODE`). Both change with every pan or
 * pointing, so they stay out of the query (each query is a page the server renders and caches);
 * the page applies them once it runs, and a shared link carries them. Pure.
 */

export interface MapPosition {
	zoom: number;
	lat: number;
	lng: number;
}

export interface ViewFragment {
	position: MapPosition | null;
	selection: string | null;
}

/** Reads `#map=9.25/22.3861/103.4577&sel=12345`; anything unusable is left out. */
export function parseFragment(hash: string): ViewFragment {
	const q = new URLSearchParams(hash.replace(/^#/, ''));
	const parts = (q.get('map') ?? '').split('/').map(Number);
	const [zoom, lat, lng] = parts;
	const position =
		parts.length === 3 &&
		parts.every(Number.isFinite) &&
		zoom >= 0 &&
		zoom <= 22 &&
		Math.abs(lat) <= 90 &&
		Math.abs(lng) <= 180
			? { zoom, lat, lng }
			: null;
	const sel = q.get('sel');
	return { position, selection: sel && /^\d{2,5}$/.test(sel) ? sel : null };
}

/** The fragment (with `#`, or '' when empty) of a position and a selection. */
export function formatFragment({ position, selection }: ViewFragment): string {
	const parts: string[] = [];
	if (position)
		parts.push(
			`map=${position.zoom.toFixed(2)}/${position.lat.toFixed(4)}/${position.lng.toFixed(4)}`
		);
	if (selection) parts.push(`sel=${selection}`);
	return parts.length ? `#${parts.join('&')}` : '';
}

/** True when a fragment is ours to replace (empty or `key=value` pairs), not an anchor like `#figures`. */
export function isViewFragment(hash: string): boolean {
	return hash === '' || hash === '#' || hash.includes('=');
}

/**
 * Fetches the shapes of a map once per URL. The geometry endpoint is cacheable (a day, with an
 * ETag), so the browser keeps it across visits; this keeps it across views within a visit,
 * and answers synchronously when it already has it, so a change of indicator never blanks the map.
 */
import type { FeatureCollection, Geometry } from 'geojson';

export type Shapes = FeatureCollection<Geometry, { code: string; name: string }>;

const loaded = new Map<string, Shapes>();
const pending = new Map<string, Promise<Shapes>>();

/** The shapes at `url` if they have been loaded already. */
export function shapesIfLoaded(url: string): Shapes | undefined {
	return loaded.get(url);
}

/** Loads the shapes at `url` (once; concurrent callers share the request). */
export function loadShapes(url: string, fetcher: typeof fetch = fetch): Promise<Shapes> {
	const known = loaded.get(url);
	if (known) return Promise.resolve(known);
	let request = pending.get(url);
	if (!request) {
		request = fetcher(url)
			.then((response) => {
				if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
				return response.json() as Promise<Shapes>;
			})
			.then((shapes) => {
				loaded.set(url, shapes);
				return shapes;
			})
			.finally(() => pending.delete(url));
		pending.set(url, request);
	}
	return request;
}

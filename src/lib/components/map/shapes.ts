/**
 * Fetches the shapes of a map once per URL (the geometry endpoint's TopoJSON, read into typed
 * arrays by map-shapes.ts in a worker, so that the reading overlaps the page's hydration). The
 * endpoint is cacheable (a day, with an ETag), so the browser keeps it across visits; this keeps
 * it across views within a visit, and answers synchronously when it already has it, so a change
 * of indicator never blanks the map. The fetch itself stays on the page: it takes the response
 * the page's `<link rel="preload">` already asked for.
 */
import { readTopology, type MapShapes } from './map-shapes';

export type Shapes = MapShapes;

const loaded = new Map<string, Shapes>();
const pending = new Map<string, Promise<Shapes>>();

/** The shapes at `url` if they have been loaded already. */
export function shapesIfLoaded(url: string): Shapes | undefined {
	return loaded.get(url);
}

/**
 * Reads TopoJSON bytes into shapes: in a worker when there can be one (started at once, so it
 * is ready when the bytes are), else here.
 */
function reader(): (bytes: ArrayBuffer) => Promise<Shapes> {
	if (typeof Worker === 'undefined')
		return async (bytes) => readTopology(JSON.parse(new TextDecoder().decode(bytes)));
	const worker = new Worker(new URL('./shapes.worker.ts', import.meta.url), { type: 'module' });
	const result = new Promise<Shapes>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<{ shapes: Shapes } | { error: string }>) =>
			'shapes' in event.data ? resolve(event.data.shapes) : reject(new Error(event.data.error));
		worker.onerror = (event) => reject(new Error(event.message));
	}).finally(() => worker.terminate());
	return (bytes) => {
		worker.postMessage(bytes, [bytes]);
		return result;
	};
}

/** Loads the shapes at `url` (once; concurrent callers share the request). */
export function loadShapes(url: string, fetcher: typeof fetch = fetch): Promise<Shapes> {
	const known = loaded.get(url);
	if (known) return Promise.resolve(known);
	let request = pending.get(url);
	if (!request) {
		const read = reader();
		request = fetcher(url)
			.then((response) => {
				if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
				return response.arrayBuffer();
			})
			.then(read)
			.then((shapes) => {
				loaded.set(url, shapes);
				return shapes;
			})
			.finally(() => pending.delete(url));
		pending.set(url, request);
	}
	return request;
}

/**
 * Starts loading the shapes the document preloads (a `<link rel="preload" as="fetch">` to the
 * geometry endpoint in its head), if any: called as the page's scripts load, so the shapes are
 * read while the page hydrates rather than after.
 */
export function loadPreloadedShapes(): void {
	const link = document.querySelector('link[rel="preload"][as="fetch"][href^="/api/v1/geometry"]');
	const href = link?.getAttribute('href');
	if (href) loadShapes(href).catch(() => {});
}

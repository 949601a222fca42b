/**
 * Fetches the shapes of a map once per URL (the geometry endpoint's binary answer, read into
 * typed arrays in a worker, shapes.worker.ts). The shapes of the page's first map are on their
 * way before this module loads: the first paint (first-paint.script.ts) started them, and they
 * are taken from it. The endpoint is cacheable (a day, with an ETag), so the browser keeps them
 * across visits; this keeps them across views within a visit, and answers synchronously when it
 * already has them, so a change of indicator never blanks the map.
 */
import type { MapShapes } from '$lib/geo/map-shapes';
import type { FirstPaintHandle } from './first-paint.script';
import type { ShapesReply } from './shapes.worker';

export type Shapes = MapShapes;

const loaded = new Map<string, Shapes>();
const pending = new Map<string, Promise<Shapes>>();

/** The shapes at `url` if they have been loaded already. */
export function shapesIfLoaded(url: string): Shapes | undefined {
	return loaded.get(url);
}

/** Has a worker fetch and read the shapes at `url`. */
function readInWorker(url: string): Promise<Shapes> {
	const worker = new Worker(new URL('./shapes.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<Shapes>((resolve, reject) => {
		worker.onmessage = ({ data }: MessageEvent<ShapesReply>) =>
			'shapes' in data ? resolve(data.shapes) : reject(new Error(data.error));
		worker.onerror = (event) => reject(new Error(event.message));
		worker.postMessage(url);
	}).finally(() => worker.terminate());
}

/** Remembers the shapes `request` brings for `url`, and shares the request meanwhile. */
function track(url: string, request: Promise<Shapes>): Promise<Shapes> {
	const tracked = request
		.then((shapes) => {
			loaded.set(url, shapes);
			return shapes;
		})
		.finally(() => pending.delete(url));
	pending.set(url, tracked);
	return tracked;
}

/** Loads the shapes at `url` (once; concurrent callers share the request). */
export function loadShapes(url: string): Promise<Shapes> {
	const known = loaded.get(url);
	if (known) return Promise.resolve(known);
	return pending.get(url) ?? track(url, readInWorker(url));
}

/**
 * Takes over the shapes the first paint started reading, if any: called as the page's scripts
 * load, so the map finds them under way, or ready.
 */
export function adoptFirstPaintShapes(): void {
	const first = (window as { xasoFirstPaint?: FirstPaintHandle }).xasoFirstPaint;
	if (!first || loaded.has(first.url) || pending.has(first.url)) return;
	// Should the first paint's reading fail, the map asks again the ordinary way.
	track(
		first.url,
		first.shapes.catch(() => readInWorker(first.url))
	);
}

/**
 * Resolves once the first paint is on the screen (or will not be), or after `maxMs`: the page's
 * scripts wait for it before hydrating (hooks.client.ts). Both need the main thread, and
 * hydration took it for 300–400 ms right when the shapes arrived, so the picture came after the
 * app instead of before it. The cap keeps a slow download of the shapes from holding the page's
 * controls back for long. The first-paint script runs where the parser meets it, before the
 * page's module scripts: without its handle by now there is no first paint to wait for.
 */
export function firstPaintSettled(maxMs: number): Promise<void> {
	const first = (window as { xasoFirstPaint?: FirstPaintHandle }).xasoFirstPaint;
	if (!first) return Promise.resolve();
	return Promise.race([first.painted, new Promise<void>((done) => setTimeout(done, maxMs))]);
}

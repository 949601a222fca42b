/**
 * Fetches and reads the geometry endpoint's binary shapes (shapes-binary.ts) off the page's main
 * thread, for a map shown after the page has loaded (its first map's shapes come with the first
 * paint, first-paint.script.ts): a URL in, shapes out, their arrays transferred back, not
 * copied. The download is the worker's too, so it runs at network speed however busy the page.
 */
import { readShapes } from '$lib/geo/shapes-binary';
import { transferablesOf, type MapShapes } from '$lib/geo/map-shapes';

export type ShapesReply = { shapes: MapShapes } | { error: string };

self.onmessage = async (event: MessageEvent<string>) => {
	try {
		const shapes = await readShapes(event.data);
		self.postMessage({ shapes } satisfies ShapesReply, { transfer: transferablesOf(shapes) });
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		self.postMessage({ error: message } satisfies ShapesReply);
	}
};

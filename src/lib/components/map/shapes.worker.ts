/**
 * Reads the geometry endpoint's TopoJSON into the typed arrays of map-shapes.ts off the page's
 * main thread, which has the page to hydrate and Leaflet to load meanwhile (and stays responsive
 * on a slow phone): JSON bytes in, shapes out, the arrays transferred back, not copied.
 */
import { readTopology, transferablesOf } from './map-shapes';

self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
	try {
		const shapes = readTopology(JSON.parse(new TextDecoder().decode(event.data)));
		self.postMessage({ shapes }, { transfer: transferablesOf(shapes) });
	} catch (error) {
		self.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
};

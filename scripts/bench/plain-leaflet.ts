/**
 * The browser floor: a bare HTML page, served by the bench itself, that draws the same geometry
 * (the bytes our /api/v1/geometry sent, with the same encoding) as a plain Leaflet GeoJSON layer
 * with default settings (SVG renderer), coloured from the same /api/v1/values answer, and then
 * writes `data-fills` on its map container as our map does, so one observer times both.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './server.ts';

export interface PlainLeafletSite {
	url: string;
	close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>plain Leaflet</title>
<link rel="stylesheet" href="/leaflet.css">
<style>html,body{margin:0;height:100%}#map{height:100%}</style>
</head><body><div id="map"></div>
<script src="/leaflet.js"></script>
<script>
const colors = ['#f0f9e8', '#bae4bc', '#7bccc4', '#43a2ca', '#0868ac'];
const colorOf = (v) => (v == null ? '#cccccc' : colors[Math.min(4, Math.floor(v / 20))]);
Promise.all([fetch('/geometry').then((r) => r.json()), fetch('/values').then((r) => r.json())]).then(([geo, values]) => {
	const value = new Map(values.rows.map((r) => [r.unit_code, r.value]));
	const fills = {};
	const layer = L.geoJSON(geo, {
		style: (f) => {
			const fill = colorOf(value.get(f.properties.code));
			fills[f.properties.code] = fill;
			return { fillColor: fill };
		}
	});
	const map = L.map('map').fitBounds(layer.getBounds());
	layer.addTo(map);
	document.getElementById('map').dataset.fills = JSON.stringify(fills);
});
</script></body></html>`;

/** Serves the bare page with the given geometry (gzip bytes) and values (JSON bytes). */
export async function servePlainLeaflet(
	geometryGzip: Buffer,
	valuesJson: Buffer
): Promise<PlainLeafletSite> {
	const dist = join(root, 'node_modules', 'leaflet', 'dist');
	const files: Record<string, { type: string; body: Buffer; gzip?: boolean }> = {
		'/': { type: 'text/html; charset=utf-8', body: Buffer.from(PAGE) },
		'/leaflet.js': { type: 'text/javascript', body: readFileSync(join(dist, 'leaflet.js')) },
		'/leaflet.css': { type: 'text/css', body: readFileSync(join(dist, 'leaflet.css')) },
		'/geometry': { type: 'application/geo+json', body: geometryGzip, gzip: true },
		'/values': { type: 'application/json', body: valuesJson }
	};
	const server: Server = createServer((req, res) => {
		const file = files[(req.url ?? '/').split('?')[0]];
		if (!file) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, {
			'content-type': file.type,
			'cache-control': 'no-store',
			...(file.gzip ? { 'content-encoding': 'gzip' } : {})
		});
		res.end(file.body);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const address = server.address();
	if (!address || typeof address !== 'object') throw new Error('no address');
	return {
		url: `http://127.0.0.1:${address.port}/`,
		close: () => new Promise((done) => server.close(() => done()))
	};
}

import type { RequestHandler } from './$types';
import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { ready } from '$lib/server/app';
import { answer } from '$lib/server/http/respond';
import { readParams } from '$lib/server/http/query-params';
import { GEOMETRY_PARAMS } from '$lib/server/http/public-params';
import { badRequest } from '$lib/server/queries/errors';
import { optionalDate, requirePeriod } from '$lib/server/queries/values';
import { mapFrame, shapesAt, unitsChangedOn } from '$lib/server/queries/map';
import { dataVersion } from '$lib/server/queries/data-version';
import { cachedValue } from '$lib/server/cache/store';
import { firstDay, lastDay } from '$lib/domain/periods';
import { compactGeometry, decimalsFor } from './compact';
import { simplifyShapes } from './simplify';
import { toTopology } from './topology';
import { packTopology } from '$lib/components/map/map-shapes';
import { encodeShapes } from '$lib/components/map/shapes-binary';

/** Shapes change only on a boundary import; a day of caching saves a phone the download. */
const CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

interface Body {
	type: string;
	raw: string | Uint8Array;
	gzip: Buffer;
	etag: string;
}

const gzipAsync = promisify(gzip);

/**
 * How far a national map's borders may move when simplified (degrees; about 300 m): a tenth of
 * a pixel at first sight, under a pixel at province zoom, two or three at district zoom. It
 * leaves 43 % of the points to download, parse and project (168,000 of 390,000 for the
 * 2018 communes; 0.002° leaves 57 % and costs the browser a third more); a province map is
 * not simplified.
 */
const NATIONAL_TOLERANCE = 0.003;

/**
 * The shapes of the units a map draws, as a GeoJSON FeatureCollection keyed by unit code
 * (`id` and `properties.code`), apart from the figures so that it can be cached:
 * `?level=commune&at=YYYY-MM-DD`, or `?level=…&period=P[&as_of=…]` for the units of a view.
 * Coordinates are rounded to 4 decimals (about 10 m), plenty for a province map. When the shapes
 * span the country (~10,000 communes, where a pixel is a kilometre or more at first sight) they
 * are rounded to 3 and their borders simplified together (simplify.ts), neighbours still sharing
 * them exactly. `format=topojson` gives the same shapes as TopoJSON (topology.ts; object
 * `units`, ids the unit codes, names as properties), and `format=binary` that topology as the
 * typed arrays the page's map draws from (shapes-binary.ts): what the map reads.
 */
export const GET: RequestHandler = (event) =>
	answer(event, async () => {
		const q = readParams(event.url.searchParams, GEOMETRY_PARAMS);
		const store = await ready();
		const { level, format } = q;
		let at: string;
		if (q.period) {
			const period = requirePeriod(q.period);
			const frame = await mapFrame(store, {
				level,
				startDay: firstDay(period.start),
				endDay: lastDay(period.end),
				asOf: q.as_of
			});
			at = frame.at;
		} else {
			const day = optionalDate('at', q.at);
			if (!day) badRequest('Give either period=P (with optional as_of) or at=YYYY-MM-DD');
			at = await unitsChangedOn(store, level, day);
		}
		// Bodies per (level, at, format) in the one cache at the current data version (bumped by every
		// boundary import), so repeat requests neither query, simplify nor compress.
		const version = await dataVersion(store);
		const body = await cachedValue(
			`geometry|${level}|${at}|${format}`,
			version,
			async (): Promise<Body> => {
				const shapes = await shapesAt(store, level, at);
				const decimals = decimalsFor(shapes.map((s) => s.geometry));
				const compact = shapes.map((s) => compactGeometry(s.geometry, decimals));
				const geometries = decimals === 3 ? simplifyShapes(compact, NATIONAL_TOLERANCE) : compact;
				const units = shapes.map((s, k) => ({
					code: s.code,
					name: s.name,
					geometry: geometries[k]
				}));
				const raw =
					format === 'binary'
						? encodeShapes(packTopology(toTopology(units, decimals)), { level, at })
						: format === 'topojson'
							? JSON.stringify({ ...toTopology(units, decimals), level, at })
							: JSON.stringify({
									type: 'FeatureCollection',
									level,
									at,
									features: shapes.map((s, k) => ({
										type: 'Feature',
										id: s.code,
										// The page names the sources itself; the map needs only the code and the name.
										properties: { code: s.code, name: s.name },
										geometry: geometries[k]
									}))
								});
				const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`;
				const type = {
					geojson: 'application/geo+json',
					topojson: 'application/json',
					binary: 'application/octet-stream'
				}[format];
				return { type, raw, gzip: await gzipAsync(raw, { level: 9 }), etag };
			},
			(b) => b.raw.length + b.gzip.length + 256
		);
		const headers: Record<string, string> = {
			'content-type': body.type,
			'cache-control': CACHE,
			etag: body.etag,
			vary: 'accept-encoding'
		};
		if (event.request.headers.get('if-none-match') === body.etag)
			return new Response(null, { status: 304, headers });
		if (/\bgzip\b/.test(event.request.headers.get('accept-encoding') ?? ''))
			return new Response(new Uint8Array(body.gzip), {
				headers: { ...headers, 'content-encoding': 'gzip' }
			});
		return new Response(typeof body.raw === 'string' ? body.raw : new Uint8Array(body.raw), {
			headers
		});
	});

import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { answer } from '$lib/server/http/respond';
import { readParams } from '$lib/server/http/query-params';
import { GEOMETRY_PARAMS } from '$lib/server/http/public-params';
import { badRequest } from '$lib/server/queries/errors';
import { optionalDate, requirePeriod } from '$lib/server/queries/values';
import { mapFrame, unitsChangedOn } from '$lib/server/queries/map';
import { dataVersion } from '$lib/server/queries/data-version';
import { cachedValue } from '$lib/server/cache/store';
import { servedShapes } from '$lib/server/services/map-shapes';
import { preferredEncoding } from '$lib/server/http/compress';
import { firstDay, lastDay } from '$lib/domain/periods';

/** Shapes change only on a boundary import; a day of caching saves a phone the download. */
const CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

/**
 * The shapes of the units a map draws, as a GeoJSON FeatureCollection keyed by unit code
 * (`id` and `properties.code`), apart from the figures so that it can be cached:
 * `?level=commune&at=YYYY-MM-DD`, or `?level=…&period=P[&as_of=…]` for the units of a view.
 * Coordinates are rounded to 4 decimals (about 10 m), plenty for a province map. When the shapes
 * span the country (~10,000 communes, where a pixel is a kilometre or more at first sight) they
 * are rounded to 3 and their borders simplified together ($lib/geo/simplify.ts), neighbours still sharing
 * them exactly. `format=topojson` gives the same shapes as TopoJSON ($lib/geo/topology.ts; object
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
		// Encoded and stored when boundaries were seeded or imported (services/map-shapes.ts), and
		// kept in the one cache at the current data version: a request neither simplifies nor
		// compresses.
		const version = await dataVersion(store);
		const body = await cachedValue(
			`geometry|${level}|${at}|${format}`,
			version,
			() => servedShapes(store, level, at, format),
			(b) => b.body.length + b.gzip.length + b.br.length + 256
		);
		const headers: Record<string, string> = {
			'content-type': body.contentType,
			'cache-control': CACHE,
			etag: body.etag,
			vary: 'accept-encoding'
		};
		if (event.request.headers.get('if-none-match') === body.etag)
			return new Response(null, { status: 304, headers });
		const encoding = preferredEncoding(event.request.headers.get('accept-encoding'), {
			br: body.br.length < body.gzip.length,
			gzip: true
		});
		if (encoding)
			return new Response(new Uint8Array(body[encoding]), {
				headers: { ...headers, 'content-encoding': encoding }
			});
		return new Response(new Uint8Array(body.body), { headers });
	});

import type { RequestHandler } from './$types';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ready } from '$lib/server/app';
import { answer } from '$lib/server/http/respond';
import { badRequest } from '$lib/server/queries/errors';
import { parseLevel } from '$lib/server/queries/units';
import { optionalDate, requirePeriod } from '$lib/server/queries/values';
import { mapFrame, shapesAt, unitsChangedOn } from '$lib/server/queries/map';
import { firstDay, lastDay } from '$lib/domain/periods';
import { compactGeometry } from './compact';

/** Shapes change only on a boundary import; a day of caching saves a phone the download. */
const CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

interface Body {
	json: string;
	gzip: Buffer;
	etag: string;
	made: number;
}

// Bodies per (level, at), kept for a while so repeat requests neither query nor compress.
const memo = new Map<string, Body>();
const MEMO_MS = 10 * 60 * 1000;

/**
 * The shapes of the units a map draws, as a GeoJSON FeatureCollection keyed by unit code
 * (`id` and `properties.code`), apart from the figures so that it can be cached:
 * `?level=commune&at=YYYY-MM-DD`, or `?level=…&period=P[&as_of=…]` for the units of a view.
 * Coordinates are rounded to 4 decimals (about 10 m), plenty for a province map.
 */
export const GET: RequestHandler = (event) =>
	answer(event, async () => {
		const q = event.url.searchParams;
		const store = await ready();
		const level = parseLevel(q.get('level'), 'commune');
		let at: string;
		if (q.get('period')) {
			const period = requirePeriod(q.get('period'));
			const frame = await mapFrame(store, {
				level,
				startDay: firstDay(period.start),
				endDay: lastDay(period.end),
				asOf: optionalDate('as_of', q.get('as_of'))
			});
			at = frame.at;
		} else {
			const day = optionalDate('at', q.get('at'));
			if (!day) badRequest('Give either period=P (with optional as_of) or at=YYYY-MM-DD');
			at = await unitsChangedOn(store, level, day);
		}
		const key = `${level}|${at}`;
		let body = memo.get(key);
		if (!body || Date.now() - body.made > MEMO_MS) {
			const shapes = await shapesAt(store, level, at);
			const json = JSON.stringify({
				type: 'FeatureCollection',
				level,
				at,
				features: shapes.map((s) => ({
					type: 'Feature',
					id: s.code,
					properties: { code: s.code, name: s.name, geometry_source: s.source },
					geometry: compactGeometry(s.geometry)
				}))
			});
			const etag = `"${createHash('sha1').update(json).digest('base64url').slice(0, 20)}"`;
			body = { json, gzip: gzipSync(json, { level: 9 }), etag, made: Date.now() };
			memo.set(key, body);
		}
		const headers: Record<string, string> = {
			'content-type': 'application/geo+json',
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
		return new Response(body.json, { headers });
	});

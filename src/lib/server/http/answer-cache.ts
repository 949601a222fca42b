/**
 * In-process cache of public GET answers (values, series, priorities), keyed on the request's
 * query and the data version (see queries/data-version.ts): a national map answer costs its SQL
 * once per change of the figures, not once per visitor. Bodies are kept serialised and gzipped,
 * with a strong ETag so browsers and CDNs revalidate with a 304. Bounded by entries and bytes.
 */
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { acceptsGzip } from './compress.ts';

interface Entry {
	body: Uint8Array<ArrayBuffer>;
	gzip: Uint8Array<ArrayBuffer> | null;
	etag: string;
	headers: [string, string][];
}

const MAX_ENTRIES = 500;
const MAX_BYTES = 128 * 1024 * 1024;
const GZIP_MIN = 1024;

const entries = new Map<string, Entry>();
let bytes = 0;

function evict() {
	for (const [key, e] of entries) {
		if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) return;
		entries.delete(key);
		bytes -= e.body.length + (e.gzip?.length ?? 0);
	}
}

/** The cache key of a request: its path and its query parameters in a canonical order. */
export function cacheKey(url: URL): string {
	const params = [...url.searchParams].sort(
		([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv)
	);
	return `${url.pathname}?${new URLSearchParams(params)}`;
}

function respond(request: Request, entry: Entry): Response {
	const headers = new Headers(entry.headers);
	headers.set('etag', entry.etag);
	headers.append('vary', 'Accept-Encoding');
	if (request.headers.get('if-none-match') === entry.etag)
		return new Response(null, { status: 304, headers });
	if (entry.gzip && acceptsGzip(request.headers.get('accept-encoding'))) {
		headers.set('content-encoding', 'gzip');
		headers.set('content-length', String(entry.gzip.length));
		return new Response(entry.gzip, { status: 200, headers });
	}
	headers.set('content-length', String(entry.body.length));
	return new Response(entry.body, { status: 200, headers });
}

/**
 * Answers from the cache when the same query was answered at the same data version; otherwise
 * computes, stores a 200 answer, and answers. Errors (thrown or non-200) are never cached.
 */
export async function cachedAnswer(
	request: Request,
	url: URL,
	version: number,
	compute: () => Promise<Response>
): Promise<Response> {
	const key = `${version}|${cacheKey(url)}`;
	const hit = entries.get(key);
	if (hit) {
		// Move to the back: the map is kept in least-recently-used order.
		entries.delete(key);
		entries.set(key, hit);
		return respond(request, hit);
	}
	const response = await compute();
	if (response.status !== 200 || response.headers.has('content-encoding')) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const entry: Entry = {
		body,
		gzip: body.length >= GZIP_MIN ? new Uint8Array(gzipSync(body, { level: 6 })) : null,
		etag: `"${createHash('sha256').update(key).update(body).digest('base64url').slice(0, 27)}"`,
		headers: [...response.headers]
	};
	entries.set(key, entry);
	bytes += entry.body.length + (entry.gzip?.length ?? 0);
	evict();
	return respond(request, entry);
}

/** Empties the cache (tests). */
export function clearAnswerCache(): void {
	entries.clear();
	bytes = 0;
}

/**
 * In-process cache of public GET answers (values, series, priorities, and the public pages as
 * anonymous visitors see them: hooks.server.ts), keyed on the request's parsed parameters
 * (http/public-params.ts, never the raw URL) and the data version (see queries/data-version.ts): a national map answer costs its SQL once per change of
 * the figures, not once per visitor. Bodies are kept serialised, gzipped and (once a background
 * job has made it) brotli-compressed, with a strong ETag so that browsers and CDNs revalidate
 * with a 304. Bounded by entries and bytes.
 *
 * Serving a hit is the hot path of the national map (a 2.4 MB answer, 211 KB gzipped, 180 KB
 * brotli), so it does as little as it can:
 * - `cachedHit` lets hooks.server.ts answer before the session and cookie work of `auth`;
 * - the body goes out as a one-chunk ReadableStream over the stored bytes: a `Uint8Array` body
 *   is copied by undici (`extractBody`) and again when read as a byte stream, which cost
 *   ≈ 0.7 ms per 211 KB answer, more than the rest of the request;
 * - headers are built once per entry and encoding.
 *
 * Misses of the same key share one computation (a burst after a data change runs the SQL once);
 * the caller may refuse a miss (http/miss-limit.ts). `X-Cache: hit|miss` says which it was.
 * Gzip is made before the first answer, off the event loop (libuv pool); brotli afterwards, one
 * job at a time, so gzip is served until it is ready.
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { preferredEncoding, type Encoding } from './compress.ts';
import { dayOf, nextMidnight, now } from '../../domain/clock.ts';
import { clearValueCache } from './value-cache.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

type Headers_ = [string, string][];

interface Entry {
	body: Buffer;
	gzip: Buffer | null;
	br: Buffer | null;
	etag: string;
	/** Response headers per encoding (content-type, cache-control…, etag, vary, length). */
	head: { identity: Headers_; gzip: Headers_ | null; br: Headers_ | null };
	/** The computed answer's own headers, without length, encoding, ETag or Vary. */
	base: Headers_;
}

const MAX_ENTRIES = 500;
const MAX_BYTES = 128 * 1024 * 1024;
const COMPRESS_MIN = 1024;
/** Brotli jobs waiting beyond this are dropped (those entries stay gzip-only). */
const MAX_BROTLI_QUEUE = 64;

/**
 * Brotli quality by size. Quality 11 is 28 % smaller than gzip on the national month answer but
 * costs 6 s of CPU for its 2.4 MB; quality 6 is 14 % smaller for 80 ms. Small answers (a series,
 * a district's priorities) get the best; large ones a quality whose cost stays near gzip's, since
 * every distinct national query would otherwise cost seconds of CPU.
 */
export function brotliQuality(bytes: number): number {
	if (bytes <= 64 * 1024) return 11;
	if (bytes <= 512 * 1024) return 9;
	return 6;
}

const entries = new Map<string, Entry>();
const computing = new Map<string, Promise<Entry | null>>();
let bytes = 0;
const size = (e: Entry) => e.body.length + (e.gzip?.length ?? 0) + (e.br?.length ?? 0);

function evict() {
	for (const [key, e] of entries) {
		if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) return;
		entries.delete(key);
		bytes -= size(e);
	}
}

// Answers may depend on today (a series ends at the last complete month, units default to those
// of today): the Vietnamese day, as those queries take it, is part of the key. It is worked out
// once a day, not once per hit (and again if a test sets the clock back).
let day = '';
let dayEnds = 0;
function today(): string {
	const instant = now();
	if (instant >= dayEnds || instant < dayEnds - 86_400_000) {
		day = dayOf(instant);
		dayEnds = nextMidnight(instant);
	}
	return day;
}

const keyOf = (version: number, key: string) => `${version}|${today()}|${key}`;

/** The key an entry is kept under: data version, Vietnamese day and the request's own key. */
export const versionedKey = keyOf;

function headersFor(entry: Entry, encoding: Encoding | null): Headers_ {
	const body = encoding ? entry[encoding]! : entry.body;
	return [
		...entry.base,
		['etag', entry.etag],
		['vary', 'Accept-Encoding'],
		...(encoding ? ([['content-encoding', encoding]] as Headers_) : []),
		['content-length', String(body.length)]
	];
}

/** True when an If-None-Match header names this ETag (weak or strong form, or `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch === etag) return true;
	return ifNoneMatch.split(',').some((tag) => {
		const t = tag.trim();
		return t === '*' || t === etag || t === `W/${etag}`;
	});
}

/** One stored body as a response body, without copying it. */
function bodyStream(bytes: Buffer): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			controller.enqueue(bytes);
			controller.close();
		}
	});
}

const HIT: Headers_ = [['x-cache', 'hit']];
const MISS: Headers_ = [['x-cache', 'miss']];

function respond(request: Request, entry: Entry, extra: Headers_, state: Headers_): Response {
	if (matches(request.headers.get('if-none-match'), entry.etag)) {
		// RFC 9110 §15.4.5: the caching headers a 200 would carry.
		const headers = entry.base.filter(([name]) => name === 'cache-control' || name === 'expires');
		headers.push(['etag', entry.etag], ['vary', 'Accept-Encoding'], ...extra, ...state);
		return new Response(null, { status: 304, headers });
	}
	const encoding = preferredEncoding(request.headers.get('accept-encoding'), {
		br: entry.br !== null,
		gzip: entry.gzip !== null
	});
	const body = encoding ? entry[encoding]! : entry.body;
	const headers = encoding ? entry.head[encoding]! : entry.head.identity;
	return new Response(request.method === 'HEAD' ? null : bodyStream(body), {
		status: 200,
		headers: headers.concat(extra, state)
	});
}

// Brotli jobs, one at a time in the libuv pool: never on the event loop, never more than one core.
const brotliQueue: [string, Entry][] = [];
let brotliRunning = false;

function queueBrotli(key: string, entry: Entry) {
	if (brotliQueue.length >= MAX_BROTLI_QUEUE) return;
	brotliQueue.push([key, entry]);
	if (!brotliRunning) void runBrotli();
}

async function runBrotli() {
	brotliRunning = true;
	try {
		for (let job = brotliQueue.shift(); job; job = brotliQueue.shift()) {
			const [key, entry] = job;
			if (entries.get(key) !== entry) continue;
			try {
				const br = await brotliAsync(entry.body, {
					params: {
						[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
						[constants.BROTLI_PARAM_QUALITY]: brotliQuality(entry.body.length),
						[constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length
					}
				});
				// Kept only if it helps and the entry is still cached.
				if (entries.get(key) !== entry || br.length >= (entry.gzip?.length ?? Infinity)) continue;
				entry.br = br;
				entry.head.br = headersFor(entry, 'br');
				bytes += br.length;
				evict();
			} catch (error) {
				console.error(`brotli of ${key} failed:`, error);
			}
		}
	} finally {
		brotliRunning = false;
	}
}

/** Resolves once every queued brotli job has finished (tests). */
export async function brotliIdle(): Promise<void> {
	while (brotliRunning || brotliQueue.length) await new Promise((done) => setTimeout(done, 5));
}

/**
 * A strong ETag of the answer itself (query, headers, bytes), not of the data version: an answer
 * that an approval elsewhere left unchanged still revalidates with a 304.
 */
function etagOf(key: string, base: Headers_, body: Buffer): string {
	const hash = createHash('sha256').update(key).update(JSON.stringify(base));
	return `"${hash.update(body).digest('base64url').slice(0, 27)}"`;
}

/** Stores an answer under `versioned` (version, day and key); its ETag is of `key` and bytes. */
async function store(versioned: string, key: string, response: Response): Promise<Entry> {
	const body = Buffer.from(await response.arrayBuffer());
	const base: Headers_ = [];
	for (const [name, value] of response.headers)
		if (!['content-length', 'content-encoding', 'etag', 'vary'].includes(name))
			base.push([name, value]);
	const entry: Entry = {
		body,
		gzip: body.length >= COMPRESS_MIN ? await gzipAsync(body, { level: 6 }) : null,
		br: null,
		etag: etagOf(key, base, body),
		head: { identity: [], gzip: null, br: null },
		base
	};
	entry.head.identity = headersFor(entry, null);
	if (entry.gzip) entry.head.gzip = headersFor(entry, 'gzip');
	const old = entries.get(versioned);
	if (old) bytes -= size(old);
	entries.set(versioned, entry);
	bytes += size(entry);
	evict();
	if (entry.gzip) queueBrotli(versioned, entry);
	return entry;
}

/**
 * The cached answer to this request (by its `key`: path and canonical parameters) at this data
 * version, or null when there is none yet. For hooks.server.ts: a hit is answered before any
 * per-user work, with `extra` headers added.
 */
export function cachedHit(
	request: Request,
	key: string,
	version: number,
	extra: [string, string][] = []
): Response | null {
	const versioned = keyOf(version, key);
	const hit = entries.get(versioned);
	if (!hit) return null;
	// Move to the back: the map is kept in least-recently-used order.
	entries.delete(versioned);
	entries.set(versioned, hit);
	return respond(request, hit, extra, HIT);
}

/** A 200 for everyone: not already encoded, setting no cookie, not marked private. */
function cacheable(response: Response): boolean {
	return (
		response.status === 200 &&
		!response.headers.has('content-encoding') &&
		!response.headers.has('set-cookie') &&
		!/private|no-store/i.test(response.headers.get('cache-control') ?? '')
	);
}

/**
 * Answers from the cache when the same `key` was answered at the same data version; otherwise
 * computes (once for concurrent requests of the same key), stores a 200 answer, and answers.
 * Errors (thrown or non-200) are never cached: each waiting request then computes its own.
 * `refuse` may turn a miss that would compute away (a rate limit): its answer is sent instead.
 */
export async function cachedAnswer(
	request: Request,
	key: string,
	version: number,
	compute: () => Promise<Response>,
	refuse: () => Response | null = () => null
): Promise<Response> {
	const hit = cachedHit(request, key, version);
	if (hit) return hit;
	const versioned = keyOf(version, key);
	const pending = computing.get(versioned);
	if (pending) {
		const entry = await pending.catch(() => null);
		if (entry) return respond(request, entry, [], MISS);
		return refuse() ?? compute();
	}
	const refused = refuse();
	if (refused) return refused;
	let stored: (entry: Entry | null) => void = () => {};
	const shared = new Promise<Entry | null>((done) => (stored = done));
	computing.set(versioned, shared);
	try {
		const response = await compute();
		if (!cacheable(response)) {
			stored(null);
			return response;
		}
		const entry = await store(versioned, key, response);
		stored(entry);
		return respond(request, entry, [], MISS);
	} catch (error) {
		stored(null);
		throw error;
	} finally {
		computing.delete(versioned);
	}
}

/** Empties the cache (tests). */
export function clearAnswerCache(): void {
	entries.clear();
	computing.clear();
	brotliQueue.length = 0;
	bytes = 0;
	clearValueCache();
}

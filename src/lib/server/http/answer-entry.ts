/**
 * A cached public answer (http/answer-cache.ts) as stored in the one cache (cache/store.ts):
 * its body serialised, gzipped and brotli-compressed (a page at once, fast; every answer at its
 * best quality by a background job once it is asked again), with a strong ETag and response
 * headers built once per encoding; and how one is answered.
 *
 * Serving a hit is the hot path of the national map (a 2.4 MB answer, 211 KB gzipped, 180 KB
 * brotli), so it does as little as it can: the body goes out as a one-chunk ReadableStream over
 * the stored bytes (a `Uint8Array` body is copied by undici and again when read as a byte
 * stream, ≈ 0.7 ms per 211 KB answer), and headers are built once per entry and encoding.
 * Gzip is made before the first answer, off the event loop (libuv pool), with a quick brotli for
 * a page (below); the best brotli once the answer is asked again (its first hit), one job at a
 * time, so gzip (or the quick brotli) is served until it is ready.
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { preferredEncoding, type Encoding } from './compress.ts';
import { holds, onClear, setItem } from '../cache/store.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Headers_ = [string, string][];

export interface Entry {
	kind: 'answer';
	/** Bytes held: body, gzip and brotli. */
	bytes: number;
	body: Buffer;
	gzip: Buffer | null;
	br: Buffer | null;
	etag: string;
	/** Response headers per encoding (content-type, cache-control…, etag, vary, length). */
	head: { identity: Headers_; gzip: Headers_ | null; br: Headers_ | null };
	/** The computed answer's own headers, without length, encoding, ETag or Vary. */
	base: Headers_;
	/** Its brotli job was queued (on its first hit). */
	brotliQueued?: boolean;
	[other: string]: unknown;
}

const COMPRESS_MIN = 1024;
/** Brotli jobs waiting beyond this are dropped (those entries stay gzip-only). */
const MAX_BROTLI_QUEUE = 64;

/** Answers up to this size get brotli's best quality (and a page, a quick brotli at once). */
const BEST_BROTLI_BYTES = 128 * 1024;

/**
 * Brotli quality by size. Quality 11 is 28 % smaller than gzip on the national month answer but
 * costs 6 s of CPU for its 2.4 MB; quality 6 is 14 % smaller for 80 ms. Small answers (a series,
 * a district's priorities) get the best; large ones a quality whose cost stays near gzip's, since
 * every distinct national query would otherwise cost seconds of CPU. A page (the Lai Châu map's
 * HTML is ~68 KB) gets the best too: 11.0 KB at 11 against 12.3 KB at 6, for ~0.1 s once per
 * data version, in the background (issue 15: every first visit pays those bytes).
 */
export function brotliQuality(bytes: number): number {
	if (bytes <= BEST_BROTLI_BYTES) return 11;
	if (bytes <= 512 * 1024) return 9;
	return 6;
}

/** The parameters of a brotli copy of `body` at `quality` (text mode, its size as hint). */
export function brotliParams(body: Buffer, quality: number) {
	return {
		params: {
			[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
			[constants.BROTLI_PARAM_QUALITY]: quality,
			[constants.BROTLI_PARAM_SIZE_HINT]: body.length
		}
	};
}

/**
 * Brotli quality of a page's first answer. A page is every visitor's first request, and the
 * first visitor after a change of the figures got gzip (the Lai Châu map: 13.5 KB, where brotli
 * at 6 is 12.3 KB for ~4 ms of the libuv pool, and 11.0 KB at 11 once it is asked again).
 */
const PAGE_FIRST_QUALITY = 6;

/** An HTML page small enough for brotli on its first answer (JSON answers wait for a hit). */
function isPage(base: Headers_, body: Buffer): boolean {
	if (body.length > BEST_BROTLI_BYTES) return false;
	return base.some(([name, value]) => name === 'content-type' && value.startsWith('text/html'));
}

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

/** The answer to `request` from a stored entry: a 304, or the body in its best encoding. */
export function respond(
	request: Request,
	entry: Entry,
	extra: Headers_,
	state: Headers_
): Response {
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
onClear(() => (brotliQueue.length = 0));

/**
 * Queues the brotli job of an entry on its first hit (`key` is the versioned key it is held
 * under). Not when it is stored: under a burst of distinct new views (after an approval, or the
 * bench's uncached workload) most answers are asked once, and compressing each at quality 9–11
 * took about as much CPU as computing it; an answer asked twice is worth the smaller bytes.
 */
export function brotliOnHit(key: string, entry: Entry) {
	if (entry.brotliQueued || !entry.gzip || brotliQueue.length >= MAX_BROTLI_QUEUE) return;
	entry.brotliQueued = true;
	brotliQueue.push([key, entry]);
	if (!brotliRunning) void runBrotli();
}

async function runBrotli() {
	brotliRunning = true;
	try {
		for (let job = brotliQueue.shift(); job; job = brotliQueue.shift()) {
			const [key, entry] = job;
			if (!holds(key, entry)) continue;
			try {
				const br = await brotliAsync(
					entry.body,
					brotliParams(entry.body, brotliQuality(entry.body.length))
				);
				// Kept only if it helps and the entry is still cached.
				const best = Math.min(entry.gzip?.length ?? Infinity, entry.br?.length ?? Infinity);
				if (!holds(key, entry) || br.length >= best) continue;
				entry.bytes += br.length - (entry.br?.length ?? 0);
				entry.br = br;
				entry.head.br = headersFor(entry, 'br');
				setItem(key, entry); // re-measured against the byte budget
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
export async function store(versioned: string, key: string, response: Response): Promise<Entry> {
	const body = Buffer.from(await response.arrayBuffer());
	const base: Headers_ = [];
	for (const [name, value] of response.headers)
		if (!['content-length', 'content-encoding', 'etag', 'vary'].includes(name))
			base.push([name, value]);
	const compress = body.length >= COMPRESS_MIN;
	const [gzipped, quick] = await Promise.all([
		compress ? gzipAsync(body, { level: 6 }) : null,
		compress && isPage(base, body)
			? brotliAsync(body, brotliParams(body, PAGE_FIRST_QUALITY))
			: null
	]);
	// Kept only if it helps, as the best one is (runBrotli).
	const br = quick && quick.length < (gzipped?.length ?? Infinity) ? quick : null;
	const entry: Entry = {
		kind: 'answer',
		bytes: body.length + (gzipped?.length ?? 0) + (br?.length ?? 0) + 512,
		body,
		gzip: gzipped,
		br,
		etag: etagOf(key, base, body),
		head: { identity: [], gzip: null, br: null },
		base
	};
	entry.head.identity = headersFor(entry, null);
	if (entry.gzip) entry.head.gzip = headersFor(entry, 'gzip');
	if (entry.br) entry.head.br = headersFor(entry, 'br');
	setItem(versioned, entry);
	return entry;
}

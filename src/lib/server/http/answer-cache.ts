/**
 * The HTTP layer of the one server cache (cache/store.ts): public GET answers (values, series,
 * priorities, and the public pages as anonymous visitors see them: hooks.server.ts), keyed on
 * the request's parsed parameters (http/public-params.ts, never the raw URL), the data version
 * (queries/data-version.ts) and the Vietnamese day: a national map answer costs its SQL once per
 * change of the figures, not once per visitor. Entries (http/answer-entry.ts) are kept gzipped
 * and brotli-compressed with a strong ETag, so browsers and CDNs revalidate with a 304.
 *
 * `cachedHit` lets hooks.server.ts answer before the session and cookie work of `auth`. Misses
 * of the same key share one computation (a burst after a data change runs the SQL once); the
 * caller may refuse a miss (http/miss-limit.ts). `X-Cache: hit|miss` says which it was.
 */
import { clearCache, getItem, onClear, versionedKey, type Item } from '../cache/store.ts';
import { brotliOnHit, respond, store, type Entry, type Headers_ } from './answer-entry.ts';

export { brotliIdle, brotliQuality } from './answer-entry.ts';
export { versionedKey } from '../cache/store.ts';

const computing = new Map<string, Promise<Entry | null>>();
onClear(() => computing.clear());

const HIT: Headers_ = [['x-cache', 'hit']];
const MISS: Headers_ = [['x-cache', 'miss']];

const answerKey = (version: number, key: string) => versionedKey(version, `a|${key}`);

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
	const hit = getItem<Item>(answerKey(version, key));
	if (hit?.kind !== 'answer') return null;
	brotliOnHit(answerKey(version, key), hit as Entry);
	return respond(request, hit as Entry, extra, HIT);
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
	const versioned = answerKey(version, key);
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

/** Empties the cache, answers and values alike (tests). */
export function clearAnswerCache(): void {
	clearCache();
}

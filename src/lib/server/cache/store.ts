/**
 * The one server-side cache (ARCHITECTURE rule 3), on `lru-cache`, bounded by bytes. It holds
 * two kinds of entries under one least-recently-used order and one byte budget:
 *
 * - **values**: what a query verb returned (`cachedValue`: `valuesFor` through
 *   queries/values-cached.ts, the geometry route's encoded shapes), so a page's `load` and the
 *   API endpoint that share a verb share its SQL too;
 * - **answers**: public GET responses, serialised and compressed with their ETag
 *   (http/answer-cache.ts, its HTTP layer).
 *
 * Every key is the data version (queries/data-version.ts: bumped by each approval, import or
 * boundary change, and notified to other servers), the Vietnamese day (answers may depend on
 * today) and the caller's key, built from parsed, normalised parameters (never a raw URL). An
 * approval thus makes every older entry unreachable, and the first key built at a newer version
 * (or on a new day) drops them at once: left to age out of the LRU order, they filled the whole
 * byte budget under a stream of imports (the soak of issue 16). The version only grows (a restore
 * moves it past both values), so an entry stored late at an older version (a request that read the
 * version just before a bump) is kept until the next change. Concurrent misses of one key share
 * one computation; errors are never kept.
 */
import { LRUCache } from 'lru-cache';
import { dayOf, nextMidnight, now } from '../../domain/clock.ts';

/** The byte budget of the whole cache (values and answers). */
export const MAX_BYTES = 160 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/** What the cache holds: a value and its size in bytes (given or estimated), or an answer. */
export type Item =
	{ kind: 'value'; value: unknown; bytes: number } | { kind: 'answer'; bytes: number };

const cache = new LRUCache<string, Item & Record<string, unknown>>({
	max: MAX_ENTRIES,
	maxSize: MAX_BYTES,
	sizeCalculation: (item) => Math.max(1, item.bytes)
});

// The Vietnamese day, worked out once a day rather than per hit (and again if a test sets the
// clock back).
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

// The newest data version and the day keys were last built with (-1, '': none yet).
let newest = -1;
let newestDay = '';

/** Drops every entry of a data version below `newest` or of another day than `newestDay`. */
function dropOlder(): void {
	const stale: string[] = [];
	for (const key of cache.keys()) {
		const bar = key.indexOf('|');
		const version = Number(key.slice(0, bar));
		if (version < newest || key.slice(bar + 1, key.indexOf('|', bar + 1)) !== newestDay)
			stale.push(key);
	}
	for (const key of stale) cache.delete(key);
}

/**
 * The key an entry is kept under: data version, Vietnamese day and the caller's own key. A
 * version newer than any seen so far, or another day, drops the entries no request can reach.
 */
export function versionedKey(version: number, key: string): string {
	const day = today();
	if (version > newest || day !== newestDay) {
		newest = Math.max(newest, version);
		newestDay = day;
		dropOlder();
	}
	return `${version}|${day}|${key}`;
}

/** The entry under a versioned key (marked most recently used), if any. */
export function getItem<T extends Item>(versioned: string): T | undefined {
	return cache.get(versioned) as T | undefined;
}

/** Stores (or replaces, re-measuring its size) an entry under a versioned key. */
export function setItem(versioned: string, item: Item & Record<string, unknown>): void {
	cache.set(versioned, item);
}

/** True while that very entry is still cached under that key (not evicted or replaced). */
export function holds(versioned: string, item: object): boolean {
	return cache.peek(versioned) === item;
}

/**
 * A rough size of a computed value: strings and byte arrays by length, arrays and objects by
 * walking a sample (a national values answer is ~10,000 similar rows).
 */
export function estimateBytes(value: unknown, depth = 0): number {
	if (value === null || value === undefined) return 8;
	if (typeof value === 'string') return 16 + value.length * 2;
	if (typeof value !== 'object') return 16;
	if (ArrayBuffer.isView(value)) return 32 + value.byteLength;
	if (depth > 6) return 64;
	if (Array.isArray(value)) {
		if (value.length === 0) return 32;
		const step = Math.max(1, Math.floor(value.length / 32));
		let sampled = 0;
		let count = 0;
		for (let i = 0; i < value.length; i += step, count++)
			sampled += estimateBytes(value[i], depth + 1);
		return 32 + Math.ceil((sampled / count) * value.length);
	}
	let total = 32;
	for (const [k, v] of Object.entries(value)) total += 16 + k.length + estimateBytes(v, depth + 1);
	return total;
}

const computing = new Map<string, Promise<unknown>>();

/**
 * The value of `key` at this data version: remembered, or computed once (concurrent callers
 * share the computation) and remembered. `bytes` sizes it (default: {@link estimateBytes}).
 */
export async function cachedValue<T>(
	key: string,
	version: number,
	compute: () => Promise<T>,
	bytes: (value: T) => number = estimateBytes
): Promise<T> {
	const versioned = versionedKey(version, `v|${key}`);
	const hit = getItem<Item>(versioned);
	if (hit?.kind === 'value') return hit.value as T;
	const pending = computing.get(versioned);
	if (pending) return pending as Promise<T>;
	const shared = compute();
	computing.set(versioned, shared);
	try {
		const value = await shared;
		setItem(versioned, { kind: 'value', value, bytes: bytes(value) });
		return value;
	} finally {
		computing.delete(versioned);
	}
}

/** Empties the whole cache, values and answers (tests, and the bench's uncached workload). */
export function clearCache(): void {
	cache.clear();
	computing.clear();
	newest = -1;
	newestDay = '';
	for (const hook of clearHooks) hook();
}

const clearHooks: (() => void)[] = [];
/** Runs `hook` on every {@link clearCache} (the answer layer's pending work). */
export function onClear(hook: () => void): void {
	clearHooks.push(hook);
}

/** Entries and bytes held (tests, bench). */
export function cacheStats(): { entries: number; bytes: number } {
	return { entries: cache.size, bytes: cache.calculatedSize };
}

/**
 * The answer cache's companion for computed values (not responses): what a query verb returned,
 * kept in memory under the same key scheme as answer-cache.ts (data version, Vietnamese day and
 * the parsed, normalised parameters), so a page's `load` and the API endpoint that share a verb
 * share its SQL too, and an approval (a new data version) is seen on the very next request.
 * Bounded by entries (a national answer is ~10,000 rows); concurrent misses of one key share one
 * computation; errors are never kept.
 */
import { versionedKey } from './answer-cache.ts';

const MAX_VALUES = 12;

const values = new Map<string, unknown>();
const computing = new Map<string, Promise<unknown>>();

/** The value of `key` at this data version: remembered, or computed once and remembered. */
export async function cachedValue<T>(
	key: string,
	version: number,
	compute: () => Promise<T>
): Promise<T> {
	const versioned = versionedKey(version, key);
	if (values.has(versioned)) {
		const hit = values.get(versioned) as T;
		// Most recently used last, so the oldest is dropped first.
		values.delete(versioned);
		values.set(versioned, hit);
		return hit;
	}
	const pending = computing.get(versioned);
	if (pending) return pending as Promise<T>;
	const shared = compute();
	computing.set(versioned, shared);
	try {
		const value = await shared;
		values.set(versioned, value);
		while (values.size > MAX_VALUES) values.delete(values.keys().next().value!);
		return value;
	} finally {
		computing.delete(versioned);
	}
}

/** Empties the cache (tests; answer-cache.ts's clearAnswerCache calls it). */
export function clearValueCache(): void {
	values.clear();
	computing.clear();
}

/**
 * A token bucket of answer-cache misses per client address: a hit costs microseconds, a miss
 * its SQL (tens to hundreds of milliseconds for a national view), so one client asking for
 * distinct valid views as fast as it can would take the CPU from everyone else. Each address
 * may compute `burst` misses at once and `rate` per second after that; beyond, it gets a 429
 * with Retry-After, while its hits and everyone else's misses are still served.
 *
 * `NEW_VIEWS_RATE` and `NEW_VIEWS_BURST` (README) set the limit; `NEW_VIEWS_RATE=0` turns it
 * off. Behind a reverse proxy the address is the one adapter-node reports (ADDRESS_HEADER).
 */

export interface MissLimit {
	/** Misses per second an address earns back. */
	rate: number;
	/** Misses an address may make at once. */
	burst: number;
}

export const DEFAULT_MISS_LIMIT: MissLimit = { rate: 5, burst: 100 };

/** The limit from the environment; a missing or malformed value is its default. */
export function missLimitOf(env: Record<string, string | undefined>): MissLimit {
	const read = (name: string, fallback: number) => {
		const value = Number(env[name]);
		return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) && value >= 0
			? value
			: fallback;
	};
	return {
		rate: read('NEW_VIEWS_RATE', DEFAULT_MISS_LIMIT.rate),
		burst: Math.max(1, read('NEW_VIEWS_BURST', DEFAULT_MISS_LIMIT.burst))
	};
}

/** Buckets kept at most; beyond, full ones (idle addresses) are forgotten first. */
const MAX_ADDRESSES = 10_000;

export interface MissLimiter {
	/** Takes one miss for `address`: 0 when allowed, else the whole seconds to wait. */
	take(address: string): number;
}

/** A limiter; `clock` gives monotonic milliseconds (tests pass their own). */
export function missLimiter(
	limit: MissLimit,
	clock: () => number = () => performance.now()
): MissLimiter {
	const buckets = new Map<string, { tokens: number; at: number }>();
	const level = (b: { tokens: number; at: number }, t: number) =>
		Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.rate);

	function prune(t: number) {
		for (const [address, b] of buckets) if (level(b, t) >= limit.burst) buckets.delete(address);
		// All busy (a spread-out flood): start afresh rather than grow without bound.
		if (buckets.size >= MAX_ADDRESSES) buckets.clear();
	}

	return {
		take(address) {
			if (limit.rate === 0) return 0;
			const t = clock();
			let bucket = buckets.get(address);
			if (!bucket) {
				if (buckets.size >= MAX_ADDRESSES) prune(t);
				bucket = { tokens: limit.burst, at: t };
				buckets.set(address, bucket);
			}
			bucket.tokens = level(bucket, t);
			bucket.at = t;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return 0;
			}
			return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.rate));
		}
	};
}

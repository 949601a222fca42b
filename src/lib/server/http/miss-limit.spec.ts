import { describe, expect, it } from 'vitest';
import { DEFAULT_MISS_LIMIT, missLimitOf, missLimiter } from './miss-limit.ts';

describe('missLimiter', () => {
	it('allows a burst, then a miss per 1/rate seconds, per address', () => {
		let ms = 0;
		const limiter = missLimiter({ rate: 2, burst: 3 }, () => ms);
		expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
		expect(limiter.take('a')).toBe(1);
		// Another address has its own bucket.
		expect(limiter.take('b')).toBe(0);
		ms += 500;
		expect(limiter.take('a')).toBe(0);
		expect(limiter.take('a')).toBe(1);
		// Idle long enough, the bucket is full again, never fuller.
		ms += 60_000;
		expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
		expect(limiter.take('a')).toBeGreaterThan(0);
	});

	it('says how many whole seconds to wait', () => {
		const limiter = missLimiter({ rate: 0.1, burst: 1 }, () => 0);
		expect(limiter.take('a')).toBe(0);
		expect(limiter.take('a')).toBe(10);
	});

	it('is off at rate 0', () => {
		const limiter = missLimiter({ rate: 0, burst: 1 }, () => 0);
		for (let i = 0; i < 5; i++) expect(limiter.take('a')).toBe(0);
	});
});

describe('missLimitOf', () => {
	it('reads NEW_VIEWS_RATE and NEW_VIEWS_BURST, defaulting what is missing or malformed', () => {
		expect(missLimitOf({})).toEqual(DEFAULT_MISS_LIMIT);
		expect(missLimitOf({ NEW_VIEWS_RATE: '0.5', NEW_VIEWS_BURST: '20' })).toEqual({
			rate: 0.5,
			burst: 20
		});
		expect(missLimitOf({ NEW_VIEWS_RATE: 'fast', NEW_VIEWS_BURST: '-1' })).toEqual(
			DEFAULT_MISS_LIMIT
		);
		expect(missLimitOf({ NEW_VIEWS_BURST: '0' }).burst).toBe(1);
	});
});

import { beforeEach, describe, expect, it } from 'vitest';
import { cachedAnswer, cacheKey, clearAnswerCache } from './answer-cache.ts';

const url = new URL('http://x/api/v1/values?period=2024&indicator=online_uptake');
const big = JSON.stringify({
	rows: Array.from({ length: 200 }, (_, i) => ({ code: i, name: 'Xã' }))
});

function counter() {
	let calls = 0;
	const compute = async () => {
		calls++;
		return new Response(big, { headers: { 'content-type': 'application/json' } });
	};
	return { compute, calls: () => calls };
}

beforeEach(() => clearAnswerCache());

describe('cachedAnswer', () => {
	it('computes once per data version and query, whatever the parameter order', async () => {
		const c = counter();
		const req = new Request(url);
		const a = await cachedAnswer(req, url, 1, c.compute);
		const b = await cachedAnswer(
			req,
			new URL('http://x/api/v1/values?indicator=online_uptake&period=2024'),
			1,
			c.compute
		);
		expect(c.calls()).toBe(1);
		expect(await a.text()).toBe(big);
		expect(await b.text()).toBe(big);
		await cachedAnswer(req, url, 2, c.compute);
		expect(c.calls()).toBe(2);
	});

	it('answers 304 to a matching If-None-Match, and gzip when accepted', async () => {
		const c = counter();
		const first = await cachedAnswer(new Request(url), url, 1, c.compute);
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^".+"$/);
		const again = await cachedAnswer(
			new Request(url, { headers: { 'if-none-match': etag } }),
			url,
			1,
			c.compute
		);
		expect(again.status).toBe(304);
		const gz = await cachedAnswer(
			new Request(url, { headers: { 'accept-encoding': 'gzip' } }),
			url,
			1,
			c.compute
		);
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		const text = await new Response(gz.body!.pipeThrough(new DecompressionStream('gzip'))).text();
		expect(text).toBe(big);
		// A new data version gives a new ETag: the old one no longer matches.
		const next = await cachedAnswer(
			new Request(url, { headers: { 'if-none-match': etag } }),
			url,
			2,
			c.compute
		);
		expect(next.status).toBe(200);
	});

	it('never caches errors', async () => {
		let calls = 0;
		const failing = async () => {
			calls++;
			return new Response('{"error":"x"}', { status: 400 });
		};
		await cachedAnswer(new Request(url), url, 1, failing);
		await cachedAnswer(new Request(url), url, 1, failing);
		expect(calls).toBe(2);
	});

	it('keys on path and sorted parameters', () => {
		expect(cacheKey(new URL('http://x/a?b=2&a=1'))).toBe('/a?a=1&b=2');
	});
});

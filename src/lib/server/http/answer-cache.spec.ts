import { beforeEach, describe, expect, it } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import {
	brotliIdle,
	brotliQuality,
	cachedAnswer,
	cachedHit,
	clearAnswerCache
} from './answer-cache.ts';
import { pinClock } from '../../domain/clock.ts';

const url = new URL('http://x/api/v1/values?period=2024&indicator=online_uptake');
/** The key its caller builds from the parsed parameters (public-params.ts). */
const key = '/api/v1/values?indicator=online_uptake&period=2024';
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
	it('computes once per data version and key, and says whether it was a hit', async () => {
		const c = counter();
		const req = new Request(url);
		const a = await cachedAnswer(req, key, 1, c.compute);
		const b = await cachedAnswer(req, key, 1, c.compute);
		expect(c.calls()).toBe(1);
		expect(await a.text()).toBe(big);
		expect(await b.text()).toBe(big);
		expect(a.headers.get('x-cache')).toBe('miss');
		expect(b.headers.get('x-cache')).toBe('hit');
		await cachedAnswer(req, key, 2, c.compute);
		expect(c.calls()).toBe(2);
	});

	it('lets the caller refuse a miss, never a hit', async () => {
		const c = counter();
		const refuse = () => new Response('busy', { status: 429 });
		expect((await cachedAnswer(new Request(url), key, 1, c.compute, refuse)).status).toBe(429);
		expect(c.calls()).toBe(0);
		await cachedAnswer(new Request(url), key, 1, c.compute);
		expect((await cachedAnswer(new Request(url), key, 1, c.compute, refuse)).status).toBe(200);
		expect(c.calls()).toBe(1);
	});

	it('answers 304 to a matching If-None-Match, and gzip when accepted', async () => {
		const c = counter();
		const first = await cachedAnswer(new Request(url), key, 1, c.compute);
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^".+"$/);
		const again = await cachedAnswer(
			new Request(url, { headers: { 'if-none-match': etag } }),
			key,
			1,
			c.compute
		);
		expect(again.status).toBe(304);
		const gz = await cachedAnswer(
			new Request(url, { headers: { 'accept-encoding': 'gzip' } }),
			key,
			1,
			c.compute
		);
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		const text = await new Response(gz.body!.pipeThrough(new DecompressionStream('gzip'))).text();
		expect(text).toBe(big);
		// A new data version is computed again; the same bytes keep their ETag (a 304 still)…
		const same = await cachedAnswer(
			new Request(url, { headers: { 'if-none-match': etag } }),
			key,
			2,
			c.compute
		);
		expect(c.calls()).toBe(2);
		expect(same.status).toBe(304);
		// …and other bytes get another one.
		const changed = await cachedAnswer(
			new Request(url, { headers: { 'if-none-match': etag } }),
			key,
			3,
			async () => new Response(big + ' ', { headers: { 'content-type': 'application/json' } })
		);
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(etag);
	});

	it('serves brotli once it is made, gzip before, identity when nothing else is accepted', async () => {
		const c = counter();
		const first = await cachedAnswer(
			new Request(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }),
			key,
			1,
			c.compute
		);
		// Brotli is made in the background, once the answer is asked again: gzip until then.
		expect(first.headers.get('content-encoding')).toBe('gzip');
		await brotliIdle();
		const ask = (enc: string | null, method = 'GET') =>
			cachedHit(
				new Request(url, { method, headers: enc ? { 'accept-encoding': enc } : {} }),
				key,
				1
			)!;
		expect(ask('gzip, deflate, br').headers.get('content-encoding')).toBe('gzip');
		await brotliIdle();
		const br = ask('gzip, deflate, br');
		expect(br.headers.get('content-encoding')).toBe('br');
		const bytes = Buffer.from(await br.arrayBuffer());
		expect(Number(br.headers.get('content-length'))).toBe(bytes.length);
		expect(brotliDecompressSync(bytes).toString()).toBe(big);
		expect(ask('br;q=0.5, gzip').headers.get('content-encoding')).toBe('gzip');
		expect(ask('br;q=0, gzip;q=0').headers.get('content-encoding')).toBeNull();
		const plain = ask('identity');
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(big);
		expect(plain.headers.get('content-length')).toBe(String(Buffer.byteLength(big)));
		expect(plain.headers.get('vary')).toBe('Accept-Encoding');
		const head = ask('br', 'HEAD');
		expect(head.body).toBeNull();
		expect(head.headers.get('content-length')).toBe(String(bytes.length));
		expect(c.calls()).toBe(1);
	});

	it('answers 304 to a weak or listed ETag, and to *', async () => {
		const c = counter();
		const etag = (await cachedAnswer(new Request(url), key, 1, c.compute)).headers.get('etag')!;
		for (const tag of [`W/${etag}`, `"nope", ${etag}`, '*']) {
			const r = cachedHit(new Request(url, { headers: { 'if-none-match': tag } }), key, 1)!;
			expect(r.status, tag).toBe(304);
			expect(r.headers.get('etag')).toBe(etag);
			expect(r.headers.get('cache-control')).toBe(null);
		}
		expect(
			cachedHit(new Request(url, { headers: { 'if-none-match': '"nope"' } }), key, 1)!.status
		).toBe(200);
	});

	it('adds the extra headers it is given to a hit', async () => {
		const c = counter();
		await cachedAnswer(new Request(url), key, 1, c.compute);
		const r = cachedHit(new Request(url), key, 1, [['x-content-type-options', 'nosniff']])!;
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(cachedHit(new Request(url), key, 2)).toBeNull();
	});

	it('computes once for concurrent misses of the same query', async () => {
		let calls = 0;
		let release: () => void = () => {};
		const gate = new Promise<void>((done) => (release = done));
		const slow = async () => {
			calls++;
			await gate;
			return new Response(big, { headers: { 'content-type': 'application/json' } });
		};
		const answers = Array.from({ length: 5 }, () => cachedAnswer(new Request(url), key, 1, slow));
		release();
		const bodies = await Promise.all((await Promise.all(answers)).map((r) => r.text()));
		expect(calls).toBe(1);
		expect(bodies.every((b) => b === big)).toBe(true);
	});

	it('sends a page brotli from its first answer, and a smaller brotli once it is asked again', async () => {
		// An HTML page with the variety of a real one, so that the qualities differ in size.
		const rows = Array.from(
			{ length: 400 },
			(_, i) =>
				`<tr><td>${i}</td><td>Xã ${(i * 7919) % 997}</td><td>${((i * 37) % 1000) / 10}%</td></tr>`
		);
		const page = `<!doctype html><html><body><table>${rows.join('')}</table></body></html>`;
		const compute = async () => new Response(page, { headers: { 'content-type': 'text/html' } });
		const ask = (request: Request) => cachedAnswer(request, '/', 1, compute);
		const br = () => new Request('http://x/', { headers: { 'accept-encoding': 'gzip, br' } });
		const first = await ask(br());
		expect(first.headers.get('content-encoding')).toBe('br');
		const quick = Buffer.from(await first.arrayBuffer());
		expect(brotliDecompressSync(quick).toString()).toBe(page);
		const hit = await ask(br()); // the first hit queues the best quality
		expect(hit.headers.get('content-encoding')).toBe('br');
		await brotliIdle();
		const best = await ask(br());
		const bytes = Buffer.from(await best.arrayBuffer());
		expect(brotliDecompressSync(bytes).toString()).toBe(page);
		expect(bytes.length).toBeLessThan(quick.length);
		expect(Number(best.headers.get('content-length'))).toBe(bytes.length);
		// A JSON answer still waits for its first hit (a burst of new views costs no brotli).
		const json = await cachedAnswer(br(), key, 1, counter().compute);
		expect(json.headers.get('content-encoding')).toBe('gzip');
	});

	it('gives small answers the best brotli, large ones a cheap quality', () => {
		expect(brotliQuality(10_000)).toBe(11);
		expect(brotliQuality(90_000)).toBe(11);
		expect(brotliQuality(300_000)).toBe(9);
		expect(brotliQuality(2_400_000)).toBe(6);
	});

	it('never caches errors', async () => {
		let calls = 0;
		const failing = async () => {
			calls++;
			return new Response('{"error":"x"}', { status: 400 });
		};
		await cachedAnswer(new Request(url), key, 1, failing);
		await cachedAnswer(new Request(url), key, 1, failing);
		expect(calls).toBe(2);
	});
});

describe('the day in the cache key', () => {
	it('is Vietnam’s: an answer computed before 17:00 UTC is not served after it', async () => {
		const c = counter();
		try {
			pinClock('2026-05-31T16:00:00Z');
			await cachedAnswer(new Request(url), key, 1, c.compute);
			pinClock('2026-05-31T16:59:59.999Z');
			await cachedAnswer(new Request(url), key, 1, c.compute);
			expect(c.calls()).toBe(1);
			// 00:00 on 1 June in Vietnam: "today" and the last complete month have changed.
			pinClock('2026-05-31T17:00:00Z');
			await cachedAnswer(new Request(url), key, 1, c.compute);
			expect(c.calls()).toBe(2);
			pinClock('2026-05-31T23:30:00Z');
			await cachedAnswer(new Request(url), key, 1, c.compute);
			expect(c.calls()).toBe(2);
		} finally {
			pinClock(null);
		}
	});
});
